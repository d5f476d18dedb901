"""Contributions from other sources than the Parties (civil society, children, institutions)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.records.mixins import Demo, optional_link, recorder
from lanzarote.monitoring.models.questionnaires import Question
from lanzarote.monitoring.models.rounds import Round
from lanzarote.monitoring.rules import AgeBand
from lanzarote.monitoring.screening import Finding as ScreenFinding
from lanzarote.registry.models import State


class Contribution(Demo):
    """Information from someone other than a Party's authorities: an observer organisation, a
    national human-rights institution, another stakeholder, or children.

    A children's contribution is anonymous by construction: there is no field for a name, an age
    or a birth date, only an age band, and the consent that was recorded (by whom, when)."""

    class Source(models.TextChoices):
        OBSERVER = "observer", _("Observer organisation")
        NHRI = "nhri", _("National human-rights institution")
        STAKEHOLDER = "stakeholder", _("Other stakeholder")
        CHILDREN = "children", _("Children")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        PUBLISHED = "published", _("Published")

    class ConsentFrom(models.TextChoices):
        CHILD_AND_GUARDIAN = "child_and_guardian", _("The child and a parent or legal guardian")
        CHILD = "child", _("The child, where national law allows it alone")

    class Screening(models.TextChoices):
        """Where a children's contribution stands with the screen for identifying details
        (`monitoring.screening`); only the last three may be published."""

        PENDING = "pending", _("Not screened")
        FLAGGED = "flagged", _("Held: details that could identify a child")
        CLEAR = "clear", _("Nothing identifying found")
        REDACTED = "redacted", _("Redacted by the secretariat")
        CONFIRMED = "confirmed", _("Checked and confirmed by the secretariat")

    PUBLISHABLE_SCREENING = (Screening.CLEAR, Screening.REDACTED, Screening.CONFIRMED)

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="contributions")
    questions = models.ManyToManyField(
        Question, verbose_name=_("questions"), blank=True, related_name="contributions"
    )
    states = models.ManyToManyField(
        State, verbose_name=_("Parties concerned"), blank=True, related_name="+"
    )
    source = models.CharField(_("from"), max_length=20, choices=Source.choices)
    organisation = optional_link(
        "committee.Organisation",
        _("observer organisation"),
        related_name="monitoring_contributions",
    )
    contributor = models.CharField(
        _("institution or organisation"),
        max_length=250,
        blank=True,
        help_text=_("An institution's name, never a person's."),
    )
    text = models.TextField(_("contribution"))
    language = models.CharField(_("language"), max_length=2, default="en")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    # Safeguarding of children's contributions
    age_band = models.CharField(
        _("age band"),
        max_length=10,
        blank=True,
        choices=[(b.value, b.value.replace("-", "–")) for b in AgeBand],
    )
    consent_from = models.CharField(
        _("consent given by"), max_length=30, blank=True, choices=ConsentFrom.choices
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    consent_recorded_by = recorder()
    consent_recorded_by_label = models.CharField(
        _("consent recorded by"), max_length=200, blank=True
    )
    anonymised = models.BooleanField(_("anonymised"), default=False)
    facilitator = models.CharField(_("gathered by (organisation)"), max_length=250, blank=True)
    screening = models.CharField(
        _("screening"), max_length=12, choices=Screening.choices, default=Screening.PENDING
    )
    # Spans of `text` the screen found ({kind, start, end}); never the details themselves.
    screening_findings = models.JSONField(_("screening findings"), default=list, blank=True)
    original_text = models.TextField(
        _("text as received"),
        blank=True,
        help_text=_("Kept when the secretariat redacts the text; shown to the secretariat only."),
    )
    screening_note = models.TextField(_("why the secretariat confirmed it"), blank=True)
    screening_reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    screening_reviewed_by = recorder()
    screening_reviewed_by_label = models.CharField(_("reviewed by"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("received at"))
    submitted_by = recorder()
    submitted_by_label = models.CharField(_("recorded by"), max_length=200)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["round_id", "-submitted_at", "-id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source="children")
                | (
                    ~models.Q(age_band="")
                    & ~models.Q(consent_from="")
                    & models.Q(consent_recorded_at__isnull=False)
                    & models.Q(anonymised=True)
                    & models.Q(contributor="")
                ),
                name="children_contributions_are_safeguarded",
            ),
            models.CheckConstraint(
                condition=models.Q(source="children") | models.Q(age_band=""),
                name="age_band_only_for_children",
            ),
            models.CheckConstraint(
                condition=~models.Q(source="children")
                | ~models.Q(status="published")
                | models.Q(screening__in=["clear", "redacted", "confirmed"]),
                name="children_contributions_published_once_screened",
            ),
            models.CheckConstraint(
                condition=~models.Q(screening="redacted") | ~models.Q(original_text=""),
                name="redacted_contributions_keep_the_original",
            ),
            models.CheckConstraint(
                condition=~models.Q(screening="confirmed") | ~models.Q(screening_note=""),
                name="confirmed_screening_says_why",
            ),
            models.CheckConstraint(
                condition=~models.Q(source="observer") | models.Q(organisation__isnull=False),
                name="observer_contributions_name_the_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} {self.source} #{self.pk}"

    def screening_result(self) -> list[ScreenFinding]:
        """What the screen found in the text shown (`monitoring.screening.Finding`s)."""
        return [ScreenFinding.from_dict(f) for f in self.screening_findings]

    @property
    def held_by_screening(self) -> bool:
        """A children's contribution the screen has not cleared: it may not be published."""
        return (
            self.source == self.Source.CHILDREN and self.screening not in self.PUBLISHABLE_SCREENING
        )

    @property
    def from_label(self) -> str:
        if self.source == self.Source.CHILDREN:
            return str(self.Source.CHILDREN.label)
        if self.organisation is not None:
            return self.organisation.name
        return self.contributor
