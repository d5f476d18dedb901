"""What full-text search reads, and imports awaiting confirmation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.monitoring.models.rounds import Round


class SearchDocument(models.Model):
    """What full-text search reads: one row per searchable record, written by the services in
    the same transaction as the record. On SQLite an FTS5 table and triggers mirror it; on
    PostgreSQL a generated `tsvector` column with a GIN index does (see migration 0003)."""

    class Kind(models.TextChoices):
        ROUND = "round", _("Round")
        QUESTION = "question", _("Question")
        REPLY = "reply", _("Reply")
        CONTRIBUTION = "contribution", _("Contribution")
        RECOMMENDATION = "recommendation", _("Recommendation")
        # The public record's facts (`public_record`); the column holds 20 characters.
        PUBLISHED_RECOMMENDATION = "pub_recommendation", _("Recommendation as published")
        COMPLIANCE_FINDING = "compliance_finding", _("Compliance finding as published")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("record"))
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Multi-valued facets are stored between bars ("|FR|DE|", "|20|21|", "|FR:complied|") so
    # one LIKE finds a value without matching 2 in 20, and one GROUP BY counts them all.
    states = models.CharField(_("States"), max_length=400, blank=True)
    articles = models.CharField(_("articles"), max_length=200, blank=True)
    strength = models.CharField(_("strength"), max_length=40, blank=True)
    compliance = models.TextField(_("compliance by Party"), blank=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    title = models.CharField(_("title"), max_length=400)
    body = models.TextField(_("text"))
    is_public = models.BooleanField(_("public"), default=False)
    is_demo = models.BooleanField(_("demonstration record"), default=False)
    # The facets again, as one word each ("pub1 kindreply round3 statefr art20"), indexed by
    # FTS5 so filters are answered from the index itself (see `search.tags_for`).
    tags = models.TextField(_("facet words"), blank=True)

    class Meta:
        verbose_name = _("search document")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_document")
        ]
        indexes = [models.Index(fields=["round", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class ImportDraft(models.Model):
    """A checked import file waiting for the person's confirmation: the clean rows are kept here,
    so confirming writes exactly what the preview showed. Nothing else is written before."""

    class Kind(models.TextChoices):
        REPLIES = "replies", _("Replies")
        RECOMMENDATIONS = "recommendations", _("Recommendations")

    token = models.CharField(max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    rows = models.JSONField(_("rows"), default=list)
    filename = models.CharField(_("file name"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    used_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import awaiting confirmation")

    def __str__(self) -> str:
        return self.token
