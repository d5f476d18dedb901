"""A project's `responds_to_recommendations` (free-text references such as "T-ES(2022)02 R7", a
hook kept until the monitoring app existed) becomes links of the relation that now holds them,
`monitoring.Recommendation.responding_projects`; then the field goes. A reference is matched by
the report's document code and the recommendation's number ("R7" or "7"). Nothing is lost: every
project that had references gets an audit record of the change listing what was linked and what
named no recorded recommendation."""

from django.db import migrations


def link_references(recommendation_model, audit_model, project, references):
    """Link `project` to the recommendations its `references` name; audit what was done."""
    linked, unmatched = [], []
    for reference in references:
        code, _space, number = reference.rpartition(" ")
        match = (
            recommendation_model.objects.filter(
                report__document_code=code, number__in={number, number.lstrip("Rr")}
            )
            .order_by("pk")
            .first()
        )
        if match is None:
            unmatched.append(reference)
        else:
            match.responding_projects.add(project)
            linked.append(reference)
    audit_model.objects.create(
        actor=None,
        actor_label="migration committee 0003",
        action="committee.project.update",
        target_type="Project",
        target_id=str(project.pk),
        summary=f"{len(linked)} recommendation references linked, {len(unmatched)} unmatched",
        payload={
            "changes": {"responds_to_recommendations": [list(references), None]},
            "linked": linked,
            "unmatched": unmatched,
        },
    )
    return linked, unmatched


def link_recommendations(apps, schema_editor):
    project_model = apps.get_model("committee", "Project")
    recommendation_model = apps.get_model("monitoring", "Recommendation")
    audit_model = apps.get_model("core", "AuditRecord")
    for project in project_model.objects.order_by("pk"):
        references = [r.strip() for r in project.responds_to_recommendations or [] if r.strip()]
        if references:
            link_references(recommendation_model, audit_model, project, references)


class Migration(migrations.Migration):
    dependencies = [
        ("committee", "0002_append_only"),
        ("core", "0002_audit_append_only"),
        ("monitoring", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(link_recommendations, migrations.RunPython.noop),
        migrations.RemoveField(model_name="project", name="responds_to_recommendations"),
    ]
