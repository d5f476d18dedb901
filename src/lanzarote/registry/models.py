"""The registry: States, treaties and the append-only log of treaty actions.

Nothing here is derived: charts, counts and statuses are computed from `TreatyEvent` rows by
`lanzarote.treaty_law` (see `selectors.py`). Content fields exist in English and French.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.core.records.bilingual import LocalizedField, localized
from lanzarote.core.records.mixins import KnownDateFields
from lanzarote.treaty_law import KnownDate, Precision

__all__ = ["KnownDateFields", "LocalizedField", "localized"]


class State(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("State")
        TERRITORY = "territory", _("Territory")
        ORGANISATION = "organisation", _("International organisation")

    code = models.CharField(_("ISO 3166-1 alpha-2 code"), max_length=2, primary_key=True)
    alpha3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 3166-1 numeric code"), max_length=3, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STATE)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("State")
        verbose_name_plural = _("States")

    def __str__(self) -> str:
        return self.name

    name = LocalizedField("name")


class MembershipPeriod(KnownDateFields):
    """A period of membership of the Council of Europe; the start uses the inherited date fields."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="memberships")
    end_earliest = models.DateField(_("earliest possible end"), null=True, blank=True)
    end_latest = models.DateField(_("latest possible end"), null=True, blank=True)
    end_precision = models.CharField(_("end precision"), max_length=10, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    note_fr = models.TextField(_("note (French)"), blank=True)

    class Meta:
        ordering = ["state_id", "date_earliest"]
        verbose_name = _("Council of Europe membership period")

    def __str__(self) -> str:
        return f"{self.state_id} {self.known_date.as_dict()}"

    @property
    def end(self) -> KnownDate | None:
        if not self.end_precision:
            return None
        return KnownDate(self.end_earliest, self.end_latest, Precision(self.end_precision))


class Treaty(models.Model):
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    number = models.CharField(_("number"), max_length=20, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    short_title_en = models.CharField(_("short title (English)"), max_length=120)
    short_title_fr = models.CharField(_("short title (French)"), max_length=120)
    opened_for_signature = models.DateField(_("opened for signature"), null=True, blank=True)
    opened_at_en = models.CharField(_("opened at (English)"), max_length=200, blank=True)
    opened_at_fr = models.CharField(_("opened at (French)"), max_length=200, blank=True)
    depositary_en = models.CharField(_("depositary (English)"), max_length=200, blank=True)
    depositary_fr = models.CharField(_("depositary (French)"), max_length=200, blank=True)
    stated_entry_into_force = models.DateField(_("stated entry into force"), null=True, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    notes_en = models.TextField(_("notes (English)"), blank=True)
    notes_fr = models.TextField(_("notes (French)"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("treaty")
        verbose_name_plural = _("treaties")

    def __str__(self) -> str:
        return self.slug

    title = LocalizedField("title")

    short_title = LocalizedField("short_title")


class ElaborationParticipation(models.Model):
    """Whether a non-member State took part in drafting a treaty (Art. 45(1) CETS 201)."""

    treaty = models.ForeignKey(Treaty, on_delete=models.PROTECT, related_name="elaboration")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="elaboration")
    took_part = models.BooleanField(_("took part in the elaboration"), default=True)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    note_fr = models.TextField(_("note (French)"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["treaty", "state"], name="one_elaboration_flag")
        ]

    def __str__(self) -> str:
        return f"{self.treaty_id}/{self.state_id}"


class StateNote(models.Model):
    """A sourced remark about a State under a treaty that is not a treaty action (e.g. a claim we
    could not confirm)."""

    treaty = models.ForeignKey(Treaty, on_delete=models.PROTECT, related_name="state_notes")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="notes")
    note_en = models.TextField(_("note (English)"))
    note_fr = models.TextField(_("note (French)"))
    sources = models.JSONField(_("sources"), default=list, blank=True)

    class Meta:
        ordering = ["state_id", "id"]

    def __str__(self) -> str:
        return f"{self.treaty_id}/{self.state_id}"

    note = LocalizedField("note")


class Article(models.Model):
    treaty = models.ForeignKey(Treaty, on_delete=models.PROTECT, related_name="articles")
    number = models.PositiveSmallIntegerField(_("number"))
    chapter = models.CharField(_("chapter"), max_length=10)
    chapter_title_en = models.CharField(_("chapter title (English)"), max_length=200)
    chapter_title_fr = models.CharField(_("chapter title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_fr_checked = models.BooleanField(_("French title checked against the authentic text"))
    provisions = models.JSONField(
        _("provisions admitting reservations or declarations"), default=list
    )

    class Meta:
        ordering = ["treaty_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["treaty", "number"], name="one_article_number")
        ]

    def __str__(self) -> str:
        return f"Art. {self.number}"

    title = LocalizedField("title")

    chapter_title = LocalizedField("chapter_title")


class LogEntry(AppendOnlyModel):
    """A row of an append-only log: never updated or deleted. A correction is a new row that
    `supersedes` this one (and may be a retraction, meaning what it said is withdrawn); rows the
    reference-data loader manages carry a stable `reference_key`."""

    # Each log declares its own `supersedes` link (to itself), so it is typed to that model.
    supersedes_id: int | None
    reference_key = models.CharField(_("reference key"), max_length=120, blank=True, db_index=True)
    is_retraction = models.BooleanField(_("retracts the superseded event"), default=False)
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_label = models.CharField(_("recorded by"), max_length=200)

    class Meta:
        abstract = True


def log_constraints(*, bounds: str, retraction: str) -> list[models.BaseConstraint]:
    """The checks every dated log carries: its date's bounds do not cross, and a retraction
    names the entry it retracts."""
    return [
        models.CheckConstraint(
            condition=models.Q(date_earliest__isnull=True)
            | models.Q(date_latest__isnull=True)
            | models.Q(date_earliest__lte=models.F("date_latest")),
            name=bounds,
        ),
        models.CheckConstraint(
            condition=models.Q(is_retraction=False) | models.Q(supersedes__isnull=False),
            name=retraction,
        ),
    ]


class TreatyEvent(LogEntry, KnownDateFields):
    """One treaty action as recorded. Never updated or deleted: a correction is a new row that
    `supersedes` this one (and may be a retraction, meaning the act did not happen)."""

    class Kind(models.TextChoices):
        SIGNATURE = "signature", _("Signature")
        RATIFICATION = "ratification", _("Ratification")
        ACCEPTANCE = "acceptance", _("Acceptance")
        APPROVAL = "approval", _("Approval")
        ACCESSION = "accession", _("Accession")
        RESERVATION = "reservation", _("Reservation")
        DECLARATION = "declaration", _("Declaration")
        WITHDRAWAL = "withdrawal", _("Withdrawal of a reservation or declaration")
        TERRITORIAL_APPLICATION = "territorial_application", _("Territorial application")
        DENUNCIATION = "denunciation", _("Denunciation")

    class Basis(models.TextChoices):
        SOURCE = "source", _("stated by a source")
        INFERRED = "inferred_from_entry_into_force", _("inferred from the stated entry into force")
        BOUNDED = "bounded_by_list", _("bounded by dated lists of Parties")
        REQUIRED = "required_by_rules", _("required by the rules, date unknown")
        RECORDED = "recorded", _("recorded by the depositary")

    treaty = models.ForeignKey(Treaty, on_delete=models.PROTECT, related_name="events")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    instrument = models.CharField(_("instrument"), max_length=30, blank=True)
    provisions = models.JSONField(_("provisions concerned"), default=list, blank=True)
    stated_entry_into_force = models.DateField(_("stated entry into force"), null=True, blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_fr = models.TextField(_("text (French)"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    basis = models.CharField(_("basis"), max_length=40, choices=Basis.choices, default=Basis.SOURCE)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )

    class Meta:
        ordering = ["treaty_id", "date_earliest", "id"]
        verbose_name = _("treaty event")
        verbose_name_plural = _("treaty events")
        indexes = [models.Index(fields=["treaty", "state"])]
        constraints = log_constraints(
            bounds="event_date_bounds_ordered", retraction="retraction_supersedes_an_event"
        )

    def __str__(self) -> str:
        return f"{self.treaty_id}/{self.state_id} {self.kind} {self.known_date.as_dict()}"

    text = LocalizedField("text")

    @property
    def legal_date_value(self) -> date | None:
        return self.known_date.value


class DateEvidence(LogEntry, KnownDateFields):
    """What one source says about when a State signed, deposited its instrument or became bound:
    exactly, within a month, or on or before/after a day (the inherited date fields). The
    evidence behind each date of the log, graded (`registry.sources`); the dates of the log are
    computed from it by `treaty_law.narrowing`. Append-only like the log: a bound set aside is
    retracted by a superseding row, with the reason."""

    class Act(models.TextChoices):
        SIGNATURE = "signature", _("Signature")
        CONSENT = "consent", _("Deposit of the instrument")
        ENTRY_INTO_FORCE = "entry_into_force", _("Entry into force for the State")

    treaty = models.ForeignKey(Treaty, on_delete=models.PROTECT, related_name="evidence")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="evidence")
    act = models.CharField(_("act"), max_length=20, choices=Act.choices)
    source = models.JSONField(_("source"), default=dict)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )

    class Meta:
        ordering = ["treaty_id", "state_id", "act", "id"]
        verbose_name = _("dated evidence")
        verbose_name_plural = _("dated evidence")
        indexes = [models.Index(fields=["treaty", "state"])]
        constraints = log_constraints(
            bounds="evidence_date_bounds_ordered", retraction="evidence_retraction_supersedes"
        )

    def __str__(self) -> str:
        return f"{self.treaty_id}/{self.state_id} {self.act} {self.known_date.as_text()}"


class DepositaryNotification(AppendOnlyModel):
    """A numbered depositary notification (Art. 50 CETS 201) issued for one treaty action recorded
    by a person. Its texts are rendered once, in English and French, when it is issued and never
    again: it is a historical document. A correction or retraction is a new notification."""

    class Kind(models.TextChoices):
        SIGNATURE = "signature", _("Signature")
        DEPOSIT = "deposit", _("Deposit of an instrument")
        RESERVATION = "reservation", _("Reservation")
        DECLARATION = "declaration", _("Declaration")
        WITHDRAWAL = "withdrawal", _("Withdrawal of a reservation or declaration")
        TERRITORIAL_APPLICATION = "territorial_application", _("Territorial application")
        DENUNCIATION = "denunciation", _("Denunciation")
        CORRECTION = "correction", _("Correction")

    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year of issue"))
    sequence = models.PositiveIntegerField(_("sequence within the year"))
    event = models.OneToOneField(TreatyEvent, on_delete=models.PROTECT, related_name="notification")
    treaty = models.ForeignKey(Treaty, on_delete=models.PROTECT, related_name="notifications")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    issued_at = models.DateTimeField(_("issued at"), db_index=True)
    subject_en = models.CharField(_("subject (English)"), max_length=300)
    subject_fr = models.CharField(_("subject (French)"), max_length=300)
    text_en = models.TextField(_("text (English)"))
    text_fr = models.TextField(_("text (French)"))
    entry_into_force = models.DateField(
        _("entry into force or date of effect"), null=True, blank=True
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("depositary notification")
        verbose_name_plural = _("depositary notifications")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="one_notification_number")
        ]

    def __str__(self) -> str:
        return self.number

    subject = LocalizedField("subject")

    text = LocalizedField("text")
