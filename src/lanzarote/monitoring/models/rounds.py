"""Rounds: a theme, its launch, its scope additions by decision and the strength levels of
its recommendations."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.core.records.bilingual import Bilingual
from lanzarote.core.records.mixins import (
    KnownDateFields,
    Recorded,
    Sourced,
    Timestamped,
    known_date_or_none,
    optional_link,
)
from lanzarote.registry.models import State
from lanzarote.treaty_law import KnownDate


class Round(KnownDateFields, Sourced, Timestamped):
    """A monitoring round on one theme. The inherited date is the launch as known."""

    class Kind(models.TextChoices):
        THEMATIC = "thematic", _("Thematic round")
        URGENT = "urgent", _("Urgent monitoring procedure")

    class Status(models.TextChoices):
        PREPARATION = "preparation", _("In preparation")
        REPLIES = "replies", _("Questionnaire sent, replies awaited")
        EVALUATION = "evaluation", _("Evaluation of the replies")
        FOLLOW_UP = "follow_up", _("Report adopted, follow-up")
        COMPLIANCE = "compliance", _("Compliance procedure")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(_("short name in addresses"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True, unique=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = Bilingual(models.CharField, _("title"), max_length=200)
    theme = Bilingual(models.TextField, _("theme"))
    launch_confirmed = models.BooleanField(_("launch date confirmed by a source"), default=False)
    launch_meeting = optional_link(
        "committee.Meeting", _("launched at the meeting"), related_name="monitoring_rounds_launched"
    )
    # The questionnaire's adoption as known (an empty precision: nothing recorded about it).
    questionnaire_adopted_earliest = models.DateField(
        _("questionnaire adopted, earliest"), null=True, blank=True
    )
    questionnaire_adopted_latest = models.DateField(
        _("questionnaire adopted, latest"), null=True, blank=True
    )
    questionnaire_adopted_precision = models.CharField(
        _("questionnaire adoption precision"), max_length=10, blank=True
    )
    questionnaire_adopted_meeting = optional_link(
        "committee.Meeting",
        _("questionnaire adopted at the meeting"),
        related_name="monitoring_questionnaires_adopted",
    )
    questionnaire_sent_on = models.DateField(_("questionnaire sent on"), null=True, blank=True)
    replies_due = models.DateField(_("replies due"), null=True, blank=True)
    replies_due_confirmed = models.BooleanField(_("deadline confirmed by a source"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARATION
    )
    # The list of Parties a source gives for the round, kept only to show how it differs from the
    # scope computed from the registry (it is never used as the scope).
    stated_scope = models.JSONField(_("scope as stated by a source"), default=list, blank=True)
    stated_scope_count = models.PositiveSmallIntegerField(
        _("number of Parties a source states"), null=True, blank=True
    )
    stated_scope_note = Bilingual(models.TextField, _("about the stated scope"), blank=True)
    vocabulary_note = Bilingual(models.TextField, _("about the vocabulary"), blank=True)

    class Meta:
        ordering = ["position", "date_earliest", "id"]
        verbose_name = _("monitoring round")
        verbose_name_plural = _("monitoring rounds")

    def __str__(self) -> str:
        return self.title

    @property
    def questionnaire_adopted(self) -> KnownDate | None:
        return known_date_or_none(
            self.questionnaire_adopted_earliest,
            self.questionnaire_adopted_latest,
            self.questionnaire_adopted_precision,
        )

    @property
    def questionnaire_sent_on_known(self) -> KnownDate | None:
        return KnownDate.exact(self.questionnaire_sent_on) if self.questionnaire_sent_on else None

    @property
    def replies_due_known(self) -> KnownDate | None:
        return KnownDate.exact(self.replies_due) if self.replies_due else None

    @property
    def scope_date(self) -> date | None:
        """The day the scope is computed on: the launch day, or the first day it may have been."""
        return self.date_earliest or self.date_latest


class StrengthLevel(Sourced):
    """One term of a round's controlled vocabulary for the strength of recommendations. The
    Committee's formal scale is not confirmed by the sources, so each round carries the terms its
    reports are known to use, each flagged as confirmed or not."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="strength_levels")
    slug = models.SlugField(_("code"), max_length=40)
    label = Bilingual(models.CharField, _("label"), max_length=80)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=1, help_text=_("1 is the strongest term of the round.")
    )
    confirmed = models.BooleanField(_("usage confirmed by a source"), default=False)
    meaning_confirmed = models.BooleanField(_("meaning confirmed by a source"), default=False)

    class Meta:
        ordering = ["round_id", "rank", "slug"]
        verbose_name = _("strength of a recommendation")
        verbose_name_plural = _("strengths of recommendations")
        constraints = [
            models.UniqueConstraint(fields=["round", "slug"], name="one_strength_slug_per_round")
        ]

    def __str__(self) -> str:
        return self.label


class ScopeAddition(AppendOnlyModel, Recorded):
    """A State added to a round's scope by a recorded decision (the scope otherwise is the
    Parties on the launch date, derived from the registry)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="scope_additions")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("decided on"))
    meeting = optional_link("committee.Meeting")
    decision = optional_link("committee.Decision")
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["round_id", "decided_on", "id"]
        verbose_name = _("addition to a round's scope")
        constraints = [
            models.UniqueConstraint(fields=["round", "state"], name="state_added_to_round_once")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}+{self.state_id}"
