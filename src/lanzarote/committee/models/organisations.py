"""Who takes part in the Committee besides its members: organisations and bodies (Art. 40), the
observer applications and their chain of events (Art. 40(3)), representatives and the Bureau."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.core.records.bilingual import Bilingual
from lanzarote.core.records.mixins import (
    EndDateFields,
    KnownDateFields,
    Recorded,
    Retracting,
    Sourced,
    Superseding,
    Timestamped,
    optional_link,
)
from lanzarote.registry.models import State
from lanzarote.treaty_law.committee import ApplicationStatus


class Organisation(Sourced):
    """A body, organisation or mandate that takes part in or observes the Committee's work."""

    class Kind(models.TextChoices):
        COE_BODY = "coe_body", _("Council of Europe body")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
        MANDATE = "mandate", _("International mandate")
        NGO = "ngo", _("Non-governmental organisation")

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    name = Bilingual(models.CharField, _("name"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = optional_link(State, _("country of seat"))
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Participation(KnownDateFields, EndDateFields, Sourced):
    """An organisation taking part without the right to vote (Art. 40), from `known_date` to
    `end`. States that take part (signatories, drafting States) are derived, never stored here."""

    class Basis(models.TextChoices):
        ARTICLE_40_1 = "article_40_1", _("Council of Europe body under Art. 40(1)")
        ARTICLE_40_2 = "article_40_2", _("Council of Europe body invited under Art. 40(2)")
        DECISION = "decision", _("Admitted by a decision of the Committee")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices)
    decision = optional_link(
        "Decision", _("decision that admitted it"), related_name="participations"
    )
    confirmed = models.BooleanField(_("confirmed by a source"), default=False)

    class Meta:
        ordering = ["organisation__name_en", "date_earliest"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.known_date.as_dict()}"


class ObserverApplication(Timestamped):
    """An organisation's request for observer status (Art. 40(3)); the status moves only through
    the observer workflow (`committee.workflows.OBSERVER_APPLICATIONS`), each move written as an
    `ObserverEvent` in the same transaction."""

    STATUS_LABELS = {
        ApplicationStatus.RECEIVED: _("Received"),
        ApplicationStatus.SCHEDULED: _("Put to a meeting"),
        ApplicationStatus.ADMITTED: _("Admitted"),
        ApplicationStatus.REFUSED: _("Refused"),
        ApplicationStatus.WITHDRAWN: _("Status withdrawn"),
    }

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    received_on = models.DateField(_("received on"))
    mission = Bilingual(models.TextField, _("mission"), fr_blank=True)
    child_protection_activity = Bilingual(
        models.TextField, _("activity in child protection"), fr_blank=True
    )
    references = models.TextField(_("references"), help_text=_("One reference per line."))
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=[(s.value, label) for s, label in STATUS_LABELS.items()],
        default=ApplicationStatus.RECEIVED.value,
    )
    meeting = optional_link(
        "Meeting", _("meeting it is put to"), related_name="observer_applications"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("observer application")
        verbose_name_plural = _("observer applications")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.received_on}"

    @property
    def status_label(self) -> str:
        return str(self.STATUS_LABELS[ApplicationStatus(self.status)])

    @property
    def reference_list(self) -> list[str]:
        return [line.strip() for line in self.references.splitlines() if line.strip()]


class ObserverEvent(AppendOnlyModel, KnownDateFields, Sourced, Superseding, Retracting, Recorded):
    """One link of the observer chain: applied, put to a meeting, admitted, refused, withdrawn.
    Never changed; a correction is a new row that `supersedes` the old one."""

    class Kind(models.TextChoices):
        APPLIED = "applied", _("Application received")
        SCHEDULED = "scheduled", _("Application put to a meeting")
        ADMITTED = "admitted", _("Admitted as observer")
        REFUSED = "refused", _("Application refused")
        WITHDRAWN = "withdrawn", _("Observer status withdrawn")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="observer_events"
    )
    application = optional_link(ObserverApplication, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    meeting = optional_link("Meeting", related_name="observer_events")
    decision = optional_link("Decision", related_name="observer_events")
    vote = optional_link("Vote", related_name="observer_events")
    confirmed = models.BooleanField(_("confirmed by a source"), default=True)
    # Looked up by date in the chain of events.
    recorded_at = models.DateTimeField(_("recorded at"), db_index=True)

    class Meta:
        ordering = ["organisation_id", "date_earliest", "id"]
        verbose_name = _("observer event")
        verbose_name_plural = _("observer events")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.kind} {self.known_date.as_dict()}"


class Representative(models.Model):
    """A person designated by a member, a participant or an observer. Contact details are shown
    to signed-in people only (permission "people.see_contacts")."""

    class Role(models.TextChoices):
        HEAD = "head_of_delegation", _("Head of delegation")
        SUBSTITUTE = "substitute", _("Substitute")
        MEMBER = "delegation_member", _("Member of the delegation")
        REPRESENTATIVE = "representative", _("Representative")

    state = optional_link(
        State, _("designated by the State"), related_name="committee_representatives"
    )
    organisation = optional_link(
        Organisation, _("designated by the organisation"), related_name="representatives"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    function = Bilingual(models.CharField, _("function"), max_length=250, blank=True)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    # Not `records.mixins.Demo`: this flag speaks of a person, and its column has no index.
    is_demo = models.BooleanField(
        _("demonstration data"),
        default=False,
        help_text=_("Invented for demonstration; not a real person."),
    )

    class Meta:
        ordering = ["state_id", "organisation_id", "role", "name"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__isnull=False, organisation__isnull=True)
                | models.Q(state__isnull=True, organisation__isnull=False),
                name="representative_designated_by_one",
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="representative_term_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def designated_by(self) -> State | Organisation | None:
        return self.state or self.organisation


class BureauTerm(KnownDateFields, EndDateFields, Sourced):
    """A term as Chair, Vice-Chair or member of the Bureau. The start is the inherited date."""

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-Chair")
        BUREAU_MEMBER = "bureau_member", _("Member of the Bureau")
        # Not a member of the Bureau: the Secretariat's head, listed with the office-holders.
        EXECUTIVE_SECRETARY = "executive_secretary", _("Executive Secretary")

    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    person_name = models.CharField(_("name"), max_length=200)
    state = optional_link(State, _("State"), related_name="committee_bureau_terms")
    elected_at = optional_link("Meeting", _("elected at the meeting"), related_name="elections")
    decision = optional_link("Decision", _("election"), related_name="bureau_terms")
    confirmed = models.BooleanField(_("dates confirmed by a source"), default=False)
    evidence = Bilingual(models.CharField, _("what the source shows"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "date_latest", "date_earliest"]
        verbose_name = _("Bureau term")
        verbose_name_plural = _("Bureau terms")

    def __str__(self) -> str:
        return f"{self.position} {self.person_name}"
