"""Rapporteurs and their observations, then the reports the Committee adopts, their findings
and recommendations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.core.records.bilingual import Bilingual
from lanzarote.core.records.mixins import (
    Demo,
    KnownDateFields,
    Sourced,
    Superseding,
    optional_link,
    recorder,
)
from lanzarote.monitoring.models.questionnaires import Question
from lanzarote.monitoring.models.rounds import Round, StrengthLevel
from lanzarote.registry.models import Article, State


class RapporteurAssignment(models.Model):
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="rapporteurs")
    rapporteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="monitoring_assignments"
    )
    assigned_on = models.DateField(_("appointed on"))
    meeting = optional_link("committee.Meeting")
    assigned_by_label = models.CharField(_("recorded by"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["question_id", "rapporteur_id"]
        verbose_name = _("rapporteur appointment")
        verbose_name_plural = _("rapporteur appointments")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "rapporteur"], name="one_appointment_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rapporteur_id} on {self.question_id}"


class Observation(AppendOnlyModel, Demo, Superseding):
    """A rapporteur's observation on the replies to a question, on one Party's reply or on all.
    A revised observation is a new row that supersedes the old one."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="observations")
    state = optional_link(State)
    text = models.TextField(_("observation"))
    language = models.CharField(_("language"), max_length=2, default="en")
    written_at = models.DateTimeField(_("written at"))
    author = recorder()
    author_label = models.CharField(_("by"), max_length=200)

    class Meta:
        ordering = ["question_id", "state_id", "written_at", "id"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"obs {self.question_id}/{self.state_id or '*'}"


class Report(KnownDateFields, Sourced, Demo):
    """An implementation report (or special report) adopted by the Committee. The inherited date
    is the adoption (or publication) date as known."""

    class Kind(models.TextChoices):
        IMPLEMENTATION = "implementation", _("Implementation report")
        SPECIAL = "special", _("Special report")
        COMPLIANCE = "compliance", _("Compliance report")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="reports")
    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = Bilingual(models.CharField, _("title"), max_length=400)
    document_code = models.CharField(_("document reference"), max_length=40, blank=True)
    meeting = optional_link(
        "committee.Meeting", _("adopted at the meeting"), related_name="monitoring_reports"
    )
    date_confirmed = models.BooleanField(_("date confirmed by a source"), default=False)
    date_is_publication = models.BooleanField(
        _("the date known is the publication, not the adoption"), default=False
    )
    url = models.URLField(_("link"), blank=True, max_length=500)
    summary = Bilingual(models.TextField, _("summary"), blank=True)
    follow_up_due = models.DateField(_("follow-up information due"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["round_id", "date_earliest", "id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="findings")
    number = models.CharField(_("number"), max_length=20)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = Bilingual(models.TextField, _("finding"), fr_blank=True)
    articles = models.ManyToManyField(Article, blank=True, related_name="+")

    class Meta:
        ordering = ["report_id", "position", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_finding_number")
        ]

    def __str__(self) -> str:
        return self.number


class Recommendation(Demo):
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="recommendations")
    number = models.CharField(_("number"), max_length=20)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = Bilingual(models.TextField, _("text"), fr_blank=True)
    strength = optional_link(StrengthLevel, _("strength"), related_name="recommendations")
    addressed_to_all = models.BooleanField(
        _("addressed to all the Parties in the round's scope"), default=True
    )
    addressees = models.ManyToManyField(
        State, verbose_name=_("named addressees"), blank=True, related_name="+"
    )
    articles = models.ManyToManyField(
        Article, verbose_name=_("articles concerned"), blank=True, related_name="+"
    )
    questions = models.ManyToManyField(
        Question, verbose_name=_("questions"), blank=True, related_name="recommendations"
    )
    responding_projects = models.ManyToManyField(
        "committee.Project",
        verbose_name=_("co-operation projects responding to it"),
        blank=True,
        related_name="monitoring_recommendations",
    )
    follow_up_due = models.DateField(_("follow-up information due"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["report_id", "position", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_recommendation_number")
        ]

    def __str__(self) -> str:
        return self.number
