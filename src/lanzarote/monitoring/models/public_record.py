"""The Committee's public monitoring record as facts: its recommendations and its compliance
findings as the research found them published.

These are not the Committee's wording. A `PublishedRecommendation` holds what a source states
about a recommendation (its number, the verb as printed and the report's own category of
strength, the Parties addressed, the articles concerned, the report's adoption date) and a
one-line summary written by us; where the research found only a group ("the five 'urge'
recommendations"), the row is that group and says so. The wording of a recommendation, when
someone records it, belongs to `models.Recommendation`. Both tables are filled by the monitoring
reference-data loader from `lanzarote/data/research/committee/`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.records.bilingual import Bilingual
from lanzarote.core.records.mixins import KnownDateFields, Sourced, optional_link


class AddressedScope(models.TextChoices):
    ALL = "all", _("all the Parties in the report's scope")
    NAMED = "named", _("the Parties named")
    SOME = "some", _("some Parties, not named")


class PublishedRecommendation(KnownDateFields, Sourced):
    """A recommendation (or a group of them whose numbers were not found) as a recorded fact.
    The inherited date is the report's adoption as the sources on this recommendation give it."""

    report = models.ForeignKey(
        "monitoring.Report", on_delete=models.PROTECT, related_name="published_recommendations"
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    subject = Bilingual(models.CharField, _("subject"), max_length=300)
    summary = Bilingual(models.TextField, _("summary in our words"))
    strength = models.CharField(_("strength as the report classes it"), max_length=40, blank=True)
    strength_word = models.CharField(_("verb as printed"), max_length=80, blank=True)
    strength_confirmed = models.BooleanField(_("strength confirmed by a source"), default=False)
    addressed_scope = models.CharField(
        _("addressed to"), max_length=10, choices=AddressedScope.choices
    )
    addressed_count = models.PositiveSmallIntegerField(
        _("number of Parties addressed"), null=True, blank=True
    )
    addressees = models.ManyToManyField(
        "registry.State", verbose_name=_("Parties named"), blank=True, related_name="+"
    )
    articles = models.ManyToManyField(
        "registry.Article", verbose_name=_("articles concerned"), blank=True, related_name="+"
    )
    confirmed = models.BooleanField(_("confirmed by a source"), default=False)

    class Meta:
        ordering = ["report_id", "position", "id"]
        verbose_name = _("published recommendation")
        verbose_name_plural = _("published recommendations")

    def __str__(self) -> str:
        return self.number or self.subject_en


class PublishedComplianceFinding(KnownDateFields, Sourced):
    """A compliance step or finding the Committee published on a report's recommendations,
    general rather than per Party (per-Party findings were not read). The inherited date is the
    finding's, as known."""

    report = models.ForeignKey(
        "monitoring.Report", on_delete=models.PROTECT, related_name="compliance_findings"
    )
    recommendations = models.ManyToManyField(
        PublishedRecommendation,
        verbose_name=_("recommendations concerned"),
        blank=True,
        related_name="compliance_findings",
    )
    finding = Bilingual(models.TextField, _("finding in our words"))
    parties_scope = models.CharField(
        _("Parties concerned"), max_length=10, choices=AddressedScope.choices
    )
    parties_count = models.PositiveSmallIntegerField(
        _("number of Parties concerned"), null=True, blank=True
    )
    parties = models.ManyToManyField(
        "registry.State", verbose_name=_("Parties named"), blank=True, related_name="+"
    )
    meeting = optional_link(
        "committee.Meeting", _("at the meeting"), related_name="monitoring_compliance_findings"
    )
    documents = models.JSONField(_("document references"), default=list, blank=True)
    confirmed = models.BooleanField(_("confirmed by a source"), default=False)

    class Meta:
        ordering = ["report_id", "date_earliest", "id"]
        verbose_name = _("published compliance finding")
        verbose_name_plural = _("published compliance findings")

    def __str__(self) -> str:
        return self.reference_key or str(self.pk)
