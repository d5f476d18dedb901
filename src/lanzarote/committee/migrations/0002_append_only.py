from django.db import migrations

from lanzarote.core.append_only import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("committee", "0001_initial")]

    operations = [
        AppendOnlyTrigger("committee_observerevent"),
        AppendOnlyTrigger("committee_vote"),
    ]
