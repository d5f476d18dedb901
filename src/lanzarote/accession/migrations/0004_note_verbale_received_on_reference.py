from django.db import migrations, models

from lanzarote.core.append_only import AppendOnlyTrigger


class Migration(migrations.Migration):
    dependencies = [("accession", "0003_case_reference_counter")]

    operations = [
        migrations.AddField(
            model_name="consultationreply",
            name="received_on",
            field=models.DateField(blank=True, null=True, verbose_name="received on"),
        ),
        migrations.AddField(
            model_name="consultationreply",
            name="reference",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="note verbale reference"
            ),
        ),
        # SQLite adds a column with a default by rebuilding the table, which drops its triggers:
        # install the append-only trigger again (idempotent on both vendors).
        AppendOnlyTrigger("accession_consultationreply"),
    ]
