"""Accession case files (Art. 46): the case holds the current status; every transition is an
immutable `CaseEvent` written in the same transaction as the status change."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.core.records.bilingual import Bilingual
from lanzarote.core.records.mixins import Superseding, Timestamped, recorder
from lanzarote.registry.models import State, Treaty, TreatyEvent
from lanzarote.treaty_law.accession import OPEN_STATUSES, CaseStatus, LetterCapacity

STATUS_LABELS = {
    CaseStatus.DRAFT: _("Draft"),
    CaseStatus.RECEIVED: _("Request received"),
    CaseStatus.CONSULTATION: _("Consultation of the Parties"),
    CaseStatus.CONSENT_OBTAINED: _("Unanimous consent obtained"),
    CaseStatus.OBJECTION: _("No unanimous consent"),
    CaseStatus.DECIDED: _("Decided by the Committee of Ministers"),
    CaseStatus.INVITED: _("Invited to accede"),
    CaseStatus.DEPOSITED: _("Instrument of accession deposited"),
    CaseStatus.IN_FORCE: _("In force"),
    CaseStatus.WITHDRAWN: _("Withdrawn"),
}
# What the consultation's close tells everyone but the Treaty Office: the outcome, never who
# objected or stayed silent (the rules' own explanation names them).
CONSULTATION_OUTCOME = {
    True: _("Every Party consulted consented to the invitation (Art. 46(1))."),
    False: _(
        "The Parties did not all consent, so the Committee of Ministers cannot invite the State "
        "(Art. 46(1))."
    ),
}
CAPACITY_LABELS = {
    LetterCapacity.MINISTER_OF_FOREIGN_AFFAIRS: _("Minister of Foreign Affairs"),
    LetterCapacity.DIPLOMATIC_REPRESENTATIVE: _("Diplomatic representative"),
}


class AccessionCase(Timestamped):
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    treaty = models.ForeignKey(Treaty, on_delete=models.PROTECT, related_name="accession_cases")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="accession_cases")
    status = models.CharField(
        _("status"), max_length=30, choices=[(s.value, STATUS_LABELS[s]) for s in CaseStatus]
    )
    letter_signatory_name = models.CharField(_("signed by"), max_length=200, blank=True)
    letter_signatory_capacity = models.CharField(
        _("capacity of the signatory"),
        max_length=40,
        blank=True,
        choices=[(c.value, CAPACITY_LABELS[c]) for c in LetterCapacity],
    )
    letter_date = models.DateField(_("date of the letter"), null=True, blank=True)
    letter_addressee = models.CharField(_("addressee"), max_length=40, blank=True)
    letter_file = models.FileField(
        _("scanned letter (PDF)"), upload_to="accession/letters/", blank=True
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    consultation_opened_on = models.DateField(_("consultation opened on"), null=True, blank=True)
    consultation_deadline = models.DateField(_("consultation deadline"), null=True, blank=True)
    consultation_closed_on = models.DateField(_("consultation closed on"), null=True, blank=True)
    invited_on = models.DateField(_("invited on"), null=True, blank=True)
    deposit_event = models.OneToOneField(
        TreatyEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="accession_case"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accession case")
        verbose_name_plural = _("accession cases")
        constraints = [
            models.UniqueConstraint(
                fields=["treaty", "state"],
                condition=models.Q(status__in=sorted(s.value for s in OPEN_STATUSES)),
                name="one_open_accession_case_per_state_and_treaty",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def case_status(self) -> CaseStatus:
        return CaseStatus(self.status)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.case_status])

    @property
    def is_open(self) -> bool:
        return self.case_status in OPEN_STATUSES

    @property
    def is_public(self) -> bool:
        """Confidential until the invitation is issued (then the public may follow it)."""
        return self.invited_on is not None

    @property
    def consultation_open(self) -> bool:
        return self.case_status is CaseStatus.CONSULTATION

    @property
    def consulted_party_codes(self) -> frozenset[str]:
        cached = getattr(self, "_consulted_codes", None)
        if cached is None:
            # `.all()` uses the selectors' prefetch when there is one (no query per case).
            cached = frozenset(c.party_id for c in self.consulted_parties.all())
            self._consulted_codes = cached
        return cached


class CaseReferenceCounter(models.Model):
    """The last case number given in a year. Filing a request increments its year's row in the
    filing's own transaction, so the row stays locked until that filing commits or rolls back:
    simultaneous filings queue for a number instead of racing for the same one, and a filing
    that fails gives its number back."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number given"))

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class CaseEvent(AppendOnlyModel):
    """One transition of a case: who, when, from which status to which, with note and documents."""

    case = models.ForeignKey(AccessionCase, on_delete=models.PROTECT, related_name="events")
    step = models.CharField(_("step"), max_length=40)
    from_status = models.CharField(_("from"), max_length=30, blank=True)
    to_status = models.CharField(_("to"), max_length=30)
    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True)
    actor = recorder()
    actor_label = models.CharField(_("by"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    documents = models.JSONField(_("documents"), default=list, blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.step} → {self.to_status}"


class ConsultedParty(AppendOnlyModel):
    """The Parties consulted, frozen when the consultation opens."""

    case = models.ForeignKey(
        AccessionCase, on_delete=models.PROTECT, related_name="consulted_parties"
    )
    party = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["party_id"]
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="consulted_once")]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.party_id}"


class ConsultationReply(AppendOnlyModel, Superseding):
    """A Party's reply. One per Party; a later reply must expressly supersede the earlier one."""

    class Reply(models.TextChoices):
        CONSENT = "consent", _("Consent")
        OBJECTION = "objection", _("Objection")

    class Channel(models.TextChoices):
        DELEGATE = "delegate", _("Given by the Party's delegate")
        NOTE_VERBALE = "note_verbale", _("Note verbale recorded by the Treaty Office")

    case = models.ForeignKey(AccessionCase, on_delete=models.PROTECT, related_name="replies")
    party = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    reply = models.CharField(_("reply"), max_length=20, choices=Reply.choices)
    note = models.TextField(_("note"), blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    # Of a note verbale: the day the Treaty Office received it and its reference (number).
    received_on = models.DateField(_("received on"), null=True, blank=True)
    reference = models.CharField(_("note verbale reference"), max_length=100, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = recorder()
    recorded_by_label = models.CharField(_("recorded by"), max_length=200)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            # The database itself refuses two first replies from one Party, even if they race.
            models.UniqueConstraint(
                fields=["case", "party"],
                condition=models.Q(supersedes__isnull=True),
                name="one_first_reply_per_party",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.party_id} {self.reply}"


class CommitteeOfMinistersDecision(AppendOnlyModel):
    """The Committee of Ministers' vote on inviting the State, with the rules' count."""

    case = models.OneToOneField(AccessionCase, on_delete=models.PROTECT, related_name="decision")
    meeting_date = models.DateField(_("meeting date"))
    meeting_reference = models.CharField(_("meeting reference"), max_length=100, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"))
    votes_against = models.PositiveSmallIntegerField(_("votes against"))
    abstentions = models.PositiveSmallIntegerField(_("abstentions"))
    entitled_to_sit = models.PositiveSmallIntegerField(_("representatives entitled to sit"))
    contracting_states_entitled = models.JSONField(_("Contracting States entitled to sit"))
    contracting_states_for = models.JSONField(_("Contracting States voting for"))
    representative_votes = models.JSONField(_("votes per representative"), default=dict, blank=True)
    adopted = models.BooleanField(_("adopted"))
    explanation = Bilingual(models.TextField, _("explanation"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by_label = models.CharField(_("recorded by"), max_length=200)

    def __str__(self) -> str:
        return f"{self.case_id} {'adopted' if self.adopted else 'rejected'}"
