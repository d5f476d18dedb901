from django.db import migrations

from lanzarote.core.append_only import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [AppendOnlyTrigger("registry_treatyevent")]
