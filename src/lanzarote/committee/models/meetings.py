"""Meetings of the Committee: their agenda, decisions, documents, who attended and the votes."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanzarote.committee.models.organisations import Organisation
from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.core.records.bilingual import Bilingual
from lanzarote.core.records.mixins import (
    KnownDateFields,
    Recorded,
    Sourced,
    Superseding,
    known_date_or_none,
    optional_link,
)
from lanzarote.core.text import ordinal
from lanzarote.registry.models import Article, State
from lanzarote.treaty_law import KnownDate, Precision
from lanzarote.treaty_law.committee import Ballot, MajorityRule


class Meeting(Sourced):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")
        UNKNOWN = "unknown", _("Not recorded")

    class Status(models.TextChoices):
        HELD = "held", _("Held")
        ANNOUNCED = "announced", _("Announced")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    number_confirmed = models.BooleanField(_("number confirmed by a source"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.HELD
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    # Empty when the days are known; otherwise the first and last day only bound a meeting whose
    # days are known to this precision (a month, or a range between the neighbouring meetings).
    period_precision = models.CharField(
        _("precision of the dates"),
        max_length=10,
        blank=True,
        choices=[(p.value, p.value) for p in (Precision.MONTH, Precision.YEAR, Precision.RANGE)],
    )
    dates_confirmed = models.BooleanField(_("dates confirmed by a source"), default=True)
    mode = models.CharField(_("held"), max_length=20, choices=Mode.choices)
    place = Bilingual(models.CharField, _("place"), max_length=200, blank=True)
    place_confirmed = models.BooleanField(_("place confirmed by a source"), default=True)

    class Meta:
        ordering = ["-start_date", "-number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="meeting_days_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        # "réunion" is feminine: the first is the "1re réunion" in French, not "1er".
        return gettext("%(ordinal)s meeting") % {"ordinal": ordinal(self.number, feminine=True)}

    def covers(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date

    @property
    def period(self) -> KnownDate | None:
        """The meeting's time as known when its days are not: None when they are."""
        return known_date_or_none(self.start_date, self.end_date, self.period_precision)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    number = models.CharField(_("item number"), max_length=20, blank=True)
    title = Bilingual(models.CharField, _("title"), max_length=400, fr_blank=True)
    articles = models.ManyToManyField(
        Article, verbose_name=_("articles concerned"), blank=True, related_name="+"
    )
    sources = models.JSONField(_("sources"), default=list, blank=True)
    reference_key = models.CharField(_("reference key"), max_length=120, blank=True, db_index=True)

    class Meta:
        ordering = ["meeting_id", "position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    class Kind(models.TextChoices):
        ADOPTION = "adoption", _("Adoption of a text")
        OBSERVER = "observer_status", _("Observer status")
        PARTICIPATION = "participation", _("Admission of a participant")
        ELECTION = "election", _("Election")
        MONITORING = "monitoring", _("Monitoring")
        PROCEDURE = "procedure", _("Procedure")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decisions"
    )
    agenda_item = optional_link(AgendaItem, _("agenda item"), related_name="decisions")
    decided_on = models.DateField(_("decided on"))
    day_confirmed = models.BooleanField(_("day confirmed by a source"), default=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = Bilingual(models.TextField, _("decision"), fr_blank=True)
    adopted = models.BooleanField(_("adopted"), default=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    reference_key = models.CharField(_("reference key"), max_length=120, blank=True, db_index=True)

    class Meta:
        ordering = ["meeting_id", "decided_on", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.text_en[:60]}"


class CommitteeDocument(KnownDateFields, Sourced):
    """A Committee document known by its reference code, such as T-ES(2022)02."""

    code = models.CharField(_("reference code"), max_length=40, unique=True)
    title = Bilingual(models.CharField, _("title"), max_length=400, fr_blank=True)
    meeting = optional_link(Meeting, _("meeting"), related_name="documents")
    url = Bilingual(models.URLField, _("link"), blank=True, max_length=500)
    confirmed = models.BooleanField(_("date confirmed by a source"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("Committee document")
        verbose_name_plural = _("Committee documents")

    def __str__(self) -> str:
        return self.code


class Attendance(models.Model):
    """Who attended a meeting: a State's delegation or an organisation. In what capacity is not
    stored: it follows from the composition on the meeting's first day."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    state = optional_link(State)
    organisation = optional_link(Organisation, related_name="attendance")

    class Meta:
        verbose_name = _("attendance")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__isnull=False, organisation__isnull=True)
                | models.Q(state__isnull=True, organisation__isnull=False),
                name="attendance_of_one",
            ),
            models.UniqueConstraint(fields=["meeting", "state"], name="state_attends_once"),
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="organisation_attends_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.state_id or self.organisation_id}"


class Vote(AppendOnlyModel, Superseding, Recorded):
    """A recorded vote: the ballot of each member, the rule applied and the result computed by
    `treaty_law.committee.committee_vote`. Never changed; a correction supersedes it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="votes")
    decision = optional_link(Decision, related_name="votes")
    subject = Bilingual(models.CharField, _("subject"), max_length=400, fr_blank=True)
    voted_on = models.DateField(_("voted on"))
    rule = models.CharField(
        _("majority required"),
        max_length=40,
        choices=[(r.value, r.value) for r in MajorityRule],
        default=MajorityRule.SIMPLE.value,
    )
    ballots = models.JSONField(_("ballot of each member"))
    members = models.PositiveSmallIntegerField(_("members on the day"))
    votes_for = models.PositiveSmallIntegerField(_("for"))
    votes_against = models.PositiveSmallIntegerField(_("against"))
    abstentions = models.PositiveSmallIntegerField(_("abstentions"))
    adopted = models.BooleanField(_("adopted"))
    article = models.CharField(_("article applied"), max_length=40)
    explanation = Bilingual(models.TextField, _("explanation"))
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        ordering = ["meeting_id", "voted_on", "id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.subject_en[:60]}"

    def ballots_by_kind(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {b.value: [] for b in Ballot}
        for code, ballot in sorted(self.ballots.items()):
            grouped.setdefault(ballot, []).append(code)
        return grouped
