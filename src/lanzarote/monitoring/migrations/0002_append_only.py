from django.db import migrations

from lanzarote.core.append_only import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [
        AppendOnlyTrigger("monitoring_scopeaddition"),
        AppendOnlyTrigger("monitoring_replyevent"),
        AppendOnlyTrigger("monitoring_reminder"),
        AppendOnlyTrigger("monitoring_observation"),
        AppendOnlyTrigger("monitoring_followup"),
        AppendOnlyTrigger("monitoring_complianceassessment"),
    ]
