"""Capacity building (Art. 41(2)): co-operation projects and their themes, States' requests for
assistance, priority countries flagged by a decision, and events such as study visits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lanzarote.committee.models.meetings import Decision, Meeting
from lanzarote.core.records.bilingual import Bilingual
from lanzarote.core.records.mixins import KnownDateFields, Sourced, Timestamped, optional_link
from lanzarote.core.text import sorted_by_name
from lanzarote.registry.models import Article, State
from lanzarote.treaty_law import KnownDate


class Theme(models.Model):
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    name = Bilingual(models.CharField, _("name"), max_length=200)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Project(Timestamped, Sourced):
    """A co-operation project (Art. 41(2)): who benefits, on what, with whom, and what it produced.
    The monitoring recommendations it responds to are linked from the recommendations
    (`monitoring.Recommendation.responding_projects`)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        NOT_RECORDED = "not_recorded", _("Not recorded")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    title = Bilingual(models.CharField, _("title"), max_length=300)
    summary = Bilingual(models.TextField, _("summary"), blank=True)
    beneficiaries = models.ManyToManyField(
        State, verbose_name=_("beneficiary States"), blank=True, related_name="committee_projects"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="projects"
    )
    articles = models.ManyToManyField(
        Article, verbose_name=_("articles concerned"), blank=True, related_name="+"
    )
    partners = models.JSONField(_("partners"), default=list, blank=True)
    donors = models.JSONField(_("donors"), default=list, blank=True)
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    # The start and end as known (known-date notation) when a day is not: "2019", "..2019-04-08".
    start_known = models.CharField(_("starts (as known)"), max_length=30, blank=True)
    end_known = models.CharField(_("ends (as known)"), max_length=30, blank=True)
    confirmed = models.BooleanField(_("dates confirmed by a source"), default=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    outputs = Bilingual(models.TextField, _("outputs"), blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)

    class Meta:
        ordering = ["-start_date", "title_en"]
        verbose_name = _("co-operation project")
        verbose_name_plural = _("co-operation projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="project_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def start_as_known(self) -> KnownDate | None:
        return KnownDate.parse(self.start_known) if self.start_known else None

    @property
    def end_as_known(self) -> KnownDate | None:
        return KnownDate.parse(self.end_known) if self.end_known else None

    # The pages list these in the reader's order of names ("Bélarus" before "Burundi" in
    # French), from the rows the selectors prefetched.
    @property
    def beneficiaries_by_name(self) -> list[State]:
        return sorted_by_name(self.beneficiaries.all(), lambda s: s.name)

    @property
    def themes_by_name(self) -> list[Theme]:
        return sorted_by_name(self.themes.all(), lambda t: t.name)


class AssistanceRequest(Timestamped):
    """A State's request for assistance: what it asks for, on which articles, and where it is."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
        ACCEPTED = "accepted", _("Accepted")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    state = models.ForeignKey(
        State,
        verbose_name=_("requesting State"),
        on_delete=models.PROTECT,
        related_name="assistance_requests",
    )
    received_on = models.DateField(_("received on"))
    subject = Bilingual(models.TextField, _("what is requested"), fr_blank=True)
    articles = models.ManyToManyField(
        Article, verbose_name=_("articles concerned"), blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    project = optional_link(
        Project, _("answered by the project"), related_name="assistance_requests"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("request for assistance")
        verbose_name_plural = _("requests for assistance")

    def __str__(self) -> str:
        return f"{self.state_id} {self.received_on}"


class PriorityFlag(models.Model):
    """A State flagged as a priority country by a decision, with the reason. States that asked to
    accede or acceded are flagged automatically (see `selectors.priority_countries`)."""

    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.PROTECT, related_name="priority_flags"
    )
    reason = Bilingual(models.TextField, _("reason"), fr_blank=True)
    decision = optional_link(Decision, _("decision"), related_name="priority_flags")
    flagged_on = models.DateField(_("flagged on"))
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)

    class Meta:
        ordering = ["state_id", "-flagged_on"]
        verbose_name = _("priority flag")
        verbose_name_plural = _("priority flags")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lifted_on__isnull=True)
                | models.Q(lifted_on__gte=models.F("flagged_on")),
                name="priority_flag_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.flagged_on}"


class CapacityEvent(KnownDateFields, Sourced):
    """A study visit, conference, hearing, workshop or awareness event."""

    class Kind(models.TextChoices):
        STUDY_VISIT = "study_visit", _("Study visit")
        CONFERENCE = "conference", _("Conference or hearing")
        WORKSHOP = "workshop", _("Workshop")
        AWARENESS = "awareness", _("Awareness-raising event")
        OTHER = "other", pgettext_lazy("event kind", "Other event")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = Bilingual(models.CharField, _("title"), max_length=300, fr_blank=True)
    place = Bilingual(models.CharField, _("place"), max_length=200, blank=True)
    online = models.BooleanField(_("held online"), default=False)
    meeting = optional_link(Meeting, _("linked to the meeting"), related_name="capacity_events")
    participants = Bilingual(models.TextField, _("participants"), blank=True)
    states = models.ManyToManyField(
        State, verbose_name=_("States taking part"), blank=True, related_name="+"
    )
    confirmed = models.BooleanField(_("date confirmed by a source"), default=False)

    class Meta:
        ordering = ["-date_latest", "-date_earliest", "title_en"]
        verbose_name = _("event or study visit")
        verbose_name_plural = _("events and study visits")

    def __str__(self) -> str:
        return self.title
