"""Texts the Committee adopted (Art. 41): opinions, declarations, statements, reports, notes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lanzarote.committee.models.meetings import Decision, Meeting
from lanzarote.core.records.bilingual import Bilingual
from lanzarote.core.records.mixins import KnownDateFields, Sourced, optional_link
from lanzarote.registry.models import Article


class AdoptedText(KnownDateFields, Sourced):
    """An opinion, declaration, statement, report or note adopted by the Committee (Art. 41)."""

    class Kind(models.TextChoices):
        OPINION = "opinion", _("Opinion")
        INTERPRETATIVE_OPINION = "interpretative_opinion", _("Interpretative opinion")
        DECLARATION = "declaration", _("Declaration")
        STATEMENT = "statement", _("Statement")
        ACTIVITY_REPORT = "activity_report", _("Activity report")
        GUIDANCE_NOTE = "guidance_note", _("Guidance note")
        GUIDELINES = "guidelines", _("Guidelines")
        RULES_OF_PROCEDURE = "rules_of_procedure", _("Rules of Procedure")
        IMPLEMENTATION_REPORT = "implementation_report", _("Implementation report")
        SPECIAL_REPORT = "special_report", _("Special report")
        COMPLIANCE_REPORT = "compliance_report", _("Compliance report")
        URGENT_REQUEST = "urgent_request", _("Urgent request")
        CONTRIBUTION = "contribution", _("Contribution")
        OTHER = "other", pgettext_lazy("text kind", "Other text")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    title = Bilingual(models.CharField, _("title"), max_length=400, fr_blank=True)
    summary = Bilingual(models.TextField, _("summary"), blank=True)
    url = Bilingual(models.URLField, _("link"), blank=True, max_length=500)
    document_code = models.CharField(_("document reference"), max_length=40, blank=True)
    meeting = optional_link(Meeting, _("adopted at the meeting"), related_name="texts_adopted")
    considered_at = models.ManyToManyField(
        Meeting, verbose_name=_("examined at"), blank=True, related_name="texts_considered"
    )
    decision = optional_link(Decision, _("decision adopting it"), related_name="texts")
    articles = models.ManyToManyField(
        Article,
        verbose_name=_("articles concerned"),
        blank=True,
        related_name="committee_texts",
    )
    confirmed = models.BooleanField(_("date confirmed by a source"), default=False)
    adoption_confirmed = models.BooleanField(
        _("adoption confirmed"),
        default=True,
        help_text=_("Unset when no source confirms that the text was adopted at all."),
    )

    class Meta:
        ordering = ["-date_latest", "-date_earliest", "title_en"]
        verbose_name = _("adopted text")
        verbose_name_plural = _("adopted texts")

    def __str__(self) -> str:
        return self.title
