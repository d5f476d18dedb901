from django.db import migrations

from lanzarote.core.append_only import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("accession", "0001_initial")]

    operations = [
        AppendOnlyTrigger("accession_caseevent"),
        AppendOnlyTrigger("accession_consultedparty"),
        AppendOnlyTrigger("accession_consultationreply"),
        AppendOnlyTrigger("accession_committeeofministersdecision"),
    ]
