"""Children's contributions are screened for details that could identify a child before they may
be published (`lanzarote.monitoring.screening`). The ones already recorded are screened here; one
already published in which the screen finds something is taken back to "received" (and out of the
search index) until the secretariat redacts it or confirms it, as the new constraint requires."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def screen_recorded_contributions(apps, schema_editor):
    from lanzarote.monitoring.screening import screen

    Contribution = apps.get_model("monitoring", "Contribution")
    SearchDocument = apps.get_model("monitoring", "SearchDocument")
    for item in Contribution.objects.filter(source="children"):
        findings = screen(item.text) + screen(item.facilitator)
        item.screening = "flagged" if findings else "clear"
        item.screening_findings = [f.as_dict() for f in screen(item.text)]
        if findings and item.status == "published":
            item.status = "received"
            item.published_at = None
            SearchDocument.objects.filter(kind="contribution", object_id=item.pk).delete()
        item.save()


class Migration(migrations.Migration):

    dependencies = [
        ('committee', '0002_append_only'),
        ('monitoring', '0003_search'),
        ('registry', '0003_depositary_notifications'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='contribution',
            name='original_text',
            field=models.TextField(blank=True, help_text='Kept when the secretariat redacts the text; shown to the secretariat only.', verbose_name='text as received'),
        ),
        migrations.AddField(
            model_name='contribution',
            name='screening',
            field=models.CharField(choices=[('pending', 'Not screened'), ('flagged', 'Held: details that could identify a child'), ('clear', 'Nothing identifying found'), ('redacted', 'Redacted by the secretariat'), ('confirmed', 'Checked and confirmed by the secretariat')], default='pending', max_length=12, verbose_name='screening'),
        ),
        migrations.AddField(
            model_name='contribution',
            name='screening_findings',
            field=models.JSONField(blank=True, default=list, verbose_name='screening findings'),
        ),
        migrations.AddField(
            model_name='contribution',
            name='screening_note',
            field=models.TextField(blank=True, verbose_name='why the secretariat confirmed it'),
        ),
        migrations.AddField(
            model_name='contribution',
            name='screening_reviewed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='reviewed at'),
        ),
        migrations.AddField(
            model_name='contribution',
            name='screening_reviewed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='contribution',
            name='screening_reviewed_by_label',
            field=models.CharField(blank=True, max_length=200, verbose_name='reviewed by'),
        ),
        migrations.RunPython(screen_recorded_contributions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='contribution',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('source', 'children'), _negated=True), models.Q(('status', 'published'), _negated=True), ('screening__in', ['clear', 'redacted', 'confirmed']), _connector='OR'), name='children_contributions_published_once_screened'),
        ),
        migrations.AddConstraint(
            model_name='contribution',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('screening', 'redacted'), _negated=True), models.Q(('original_text', ''), _negated=True), _connector='OR'), name='redacted_contributions_keep_the_original'),
        ),
        migrations.AddConstraint(
            model_name='contribution',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('screening', 'confirmed'), _negated=True), models.Q(('screening_note', ''), _negated=True), _connector='OR'), name='confirmed_screening_says_why'),
        ),
    ]
