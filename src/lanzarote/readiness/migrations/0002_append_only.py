from django.db import migrations

from lanzarote.core.append_only import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("readiness", "0001_initial")]

    operations = [AppendOnlyTrigger("readiness_answerversion")]
