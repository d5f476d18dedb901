"""The Lanzarote Committee (Committee of the Parties, Arts. 39–41 CETS 201).

Its members are never stored: they are the Parties on the day asked, derived from the registry
(`selectors.composition`). What is stored is what cannot be derived: the organisations that take
part or observe and the decisions that admitted them, the observer applications and their
append-only chain of events, representatives, the Bureau, meetings, decisions, documents, votes,
adopted texts, and the capacity-building records. Dates that sources give only loosely are stored
as known (`KnownDateFields`) with a `confirmed` flag.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.registry.models import Article, KnownDateFields, LocalizedField, State
from lanzarote.treaty_law import KnownDate, Precision
from lanzarote.treaty_law.committee import ApplicationStatus, Ballot, MajorityRule


class EndDateFields(models.Model):
    """The end of a period as known; empty precision means "no end recorded"."""

    end_earliest = models.DateField(_("earliest possible end"), null=True, blank=True)
    end_latest = models.DateField(_("latest possible end"), null=True, blank=True)
    end_precision = models.CharField(
        _("end precision"),
        max_length=10,
        blank=True,
        choices=[(p.value, p.value) for p in Precision],
    )

    class Meta:
        abstract = True

    @property
    def end(self) -> KnownDate | None:
        if not self.end_precision:
            return None
        return KnownDate(self.end_earliest, self.end_latest, Precision(self.end_precision))

    def set_end(self, known: KnownDate | None) -> None:
        if known is None:
            self.end_earliest = self.end_latest = None
            self.end_precision = ""
        else:
            self.end_earliest, self.end_latest = known.earliest, known.latest
            self.end_precision = known.precision.value


class Sourced(models.Model):
    sources = models.JSONField(_("sources"), default=list, blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    note_fr = models.TextField(_("note (French)"), blank=True)
    # Rows shipped with the package carry the key the loader finds them by; rows created by
    # people leave it empty.
    reference_key = models.CharField(_("reference key"), max_length=120, blank=True, db_index=True)

    class Meta:
        abstract = True

    note = LocalizedField("note")


# -- organisations, participants, observers ------------------------------------------------------


class Organisation(Sourced):
    """A body, organisation or mandate that takes part in or observes the Committee's work."""

    class Kind(models.TextChoices):
        COE_BODY = "coe_body", _("Council of Europe body")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
        MANDATE = "mandate", _("International mandate")
        NGO = "ngo", _("Non-governmental organisation")

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_fr = models.CharField(_("name (French)"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = models.ForeignKey(
        State,
        verbose_name=_("country of seat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    name = LocalizedField("name")


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
    decision = models.ForeignKey(
        "Decision",
        verbose_name=_("decision that admitted it"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
    )
    confirmed = models.BooleanField(_("confirmed by a source"), default=False)

    class Meta:
        ordering = ["organisation__name_en", "date_earliest"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.known_date.as_dict()}"


class ObserverApplication(models.Model):
    """An organisation's request for observer status (Art. 40(3)); the status moves only through
    the services, each move written as an `ObserverEvent` in the same transaction."""

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
    mission_en = models.TextField(_("mission (English)"))
    mission_fr = models.TextField(_("mission (French)"), blank=True)
    child_protection_activity_en = models.TextField(_("activity in child protection (English)"))
    child_protection_activity_fr = models.TextField(
        _("activity in child protection (French)"), blank=True
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
    meeting = models.ForeignKey(
        "Meeting",
        verbose_name=_("meeting it is put to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observer_applications",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("observer application")
        verbose_name_plural = _("observer applications")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.received_on}"

    @property
    def status_label(self) -> str:
        return str(self.STATUS_LABELS[ApplicationStatus(self.status)])

    mission = LocalizedField("mission")

    child_protection_activity = LocalizedField("child_protection_activity")

    @property
    def reference_list(self) -> list[str]:
        return [line.strip() for line in self.references.splitlines() if line.strip()]


class ObserverEvent(AppendOnlyModel, KnownDateFields):
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
    application = models.ForeignKey(
        ObserverApplication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    meeting = models.ForeignKey(
        "Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="observer_events"
    )
    decision = models.ForeignKey(
        "Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="observer_events"
    )
    vote = models.ForeignKey(
        "Vote", null=True, blank=True, on_delete=models.PROTECT, related_name="observer_events"
    )
    note_en = models.TextField(_("note (English)"), blank=True)
    note_fr = models.TextField(_("note (French)"), blank=True)
    confirmed = models.BooleanField(_("confirmed by a source"), default=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    reference_key = models.CharField(_("reference key"), max_length=120, blank=True, db_index=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    is_retraction = models.BooleanField(_("retracts the superseded event"), default=False)
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_label = models.CharField(_("recorded by"), max_length=200)

    class Meta:
        ordering = ["organisation_id", "date_earliest", "id"]
        verbose_name = _("observer event")
        verbose_name_plural = _("observer events")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.kind} {self.known_date.as_dict()}"

    note = LocalizedField("note")


# -- people -------------------------------------------------------------------------------------


class Representative(models.Model):
    """A person designated by a member, a participant or an observer. Contact details are shown
    to signed-in people only (permission "people.see_contacts")."""

    class Role(models.TextChoices):
        HEAD = "head_of_delegation", _("Head of delegation")
        SUBSTITUTE = "substitute", _("Substitute")
        MEMBER = "delegation_member", _("Member of the delegation")
        REPRESENTATIVE = "representative", _("Representative")

    state = models.ForeignKey(
        State,
        verbose_name=_("designated by the State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_representatives",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("designated by the organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="representatives",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    function_en = models.CharField(_("function (English)"), max_length=250, blank=True)
    function_fr = models.CharField(_("function (French)"), max_length=250, blank=True)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
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

    function = LocalizedField("function")

    @property
    def designated_by(self) -> State | Organisation | None:
        return self.state or self.organisation


class BureauTerm(KnownDateFields, EndDateFields, Sourced):
    """A term as Chair, Vice-Chair or member of the Bureau. The start is the inherited date."""

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-Chair")
        BUREAU_MEMBER = "bureau_member", _("Member of the Bureau")

    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    person_name = models.CharField(_("name"), max_length=200)
    state = models.ForeignKey(
        State,
        verbose_name=_("State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_bureau_terms",
    )
    decision = models.ForeignKey(
        "Decision",
        verbose_name=_("election"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bureau_terms",
    )
    confirmed = models.BooleanField(_("dates confirmed by a source"), default=False)
    evidence_en = models.CharField(_("what the source shows (English)"), max_length=300, blank=True)
    evidence_fr = models.CharField(_("what the source shows (French)"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "date_latest", "date_earliest"]
        verbose_name = _("Bureau term")
        verbose_name_plural = _("Bureau terms")

    def __str__(self) -> str:
        return f"{self.position} {self.person_name}"

    evidence = LocalizedField("evidence")


# -- meetings ------------------------------------------------------------------------------------


class Meeting(Sourced):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")
        UNKNOWN = "unknown", _("Not recorded")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    dates_confirmed = models.BooleanField(_("dates confirmed by a source"), default=True)
    mode = models.CharField(_("held"), max_length=20, choices=Mode.choices)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    place_fr = models.CharField(_("place (French)"), max_length=200, blank=True)

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
        from django.contrib.humanize.templatetags.humanize import ordinal
        from django.utils.html import strip_tags

        # humanize marks the French suffix up as <sup>; titles are plain text (pages, CSV, JSON).
        return gettext("%(ordinal)s meeting") % {"ordinal": strip_tags(str(ordinal(self.number)))}

    place = LocalizedField("place")

    def covers(self, day: object) -> bool:
        return self.start_date <= day <= self.end_date  # type: ignore[operator]


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    number = models.CharField(_("item number"), max_length=20, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=400)
    title_fr = models.CharField(_("title (French)"), max_length=400, blank=True)
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

    title = LocalizedField("title")


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
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    decided_on = models.DateField(_("decided on"))
    day_confirmed = models.BooleanField(_("day confirmed by a source"), default=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text_en = models.TextField(_("decision (English)"))
    text_fr = models.TextField(_("decision (French)"), blank=True)
    adopted = models.BooleanField(_("adopted"), default=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    reference_key = models.CharField(_("reference key"), max_length=120, blank=True, db_index=True)

    class Meta:
        ordering = ["meeting_id", "decided_on", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.text_en[:60]}"

    text = LocalizedField("text")


class CommitteeDocument(KnownDateFields, Sourced):
    """A Committee document known by its reference code, such as T-ES(2022)02."""

    code = models.CharField(_("reference code"), max_length=40, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=400)
    title_fr = models.CharField(_("title (French)"), max_length=400, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    url_en = models.URLField(_("link (English)"), blank=True, max_length=500)
    url_fr = models.URLField(_("link (French)"), blank=True, max_length=500)
    confirmed = models.BooleanField(_("date confirmed by a source"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("Committee document")
        verbose_name_plural = _("Committee documents")

    def __str__(self) -> str:
        return self.code

    title = LocalizedField("title")

    url = LocalizedField("url")


class Attendance(models.Model):
    """Who attended a meeting: a State's delegation or an organisation. In what capacity is not
    stored: it follows from the composition on the meeting's first day."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    state = models.ForeignKey(
        State, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="attendance"
    )

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


class Vote(AppendOnlyModel):
    """A recorded vote: the ballot of each member, the rule applied and the result computed by
    `treaty_law.committee.committee_vote`. Never changed; a correction supersedes it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="votes")
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="votes"
    )
    subject_en = models.CharField(_("subject (English)"), max_length=400)
    subject_fr = models.CharField(_("subject (French)"), max_length=400, blank=True)
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
    explanation_en = models.TextField(_("explanation (English)"))
    explanation_fr = models.TextField(_("explanation (French)"))
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_label = models.CharField(_("recorded by"), max_length=200)

    class Meta:
        ordering = ["meeting_id", "voted_on", "id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.subject_en[:60]}"

    subject = LocalizedField("subject")

    explanation = LocalizedField("explanation")

    def ballots_by_kind(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {b.value: [] for b in Ballot}
        for code, ballot in sorted(self.ballots.items()):
            grouped.setdefault(ballot, []).append(code)
        return grouped


# -- adopted texts ------------------------------------------------------------------------------


class AdoptedText(KnownDateFields, Sourced):
    """An opinion, declaration, statement, report or note adopted by the Committee (Art. 41)."""

    class Kind(models.TextChoices):
        OPINION = "opinion", _("Opinion")
        INTERPRETATIVE_OPINION = "interpretative_opinion", _("Interpretative opinion")
        DECLARATION = "declaration", _("Declaration")
        STATEMENT = "statement", _("Statement")
        ACTIVITY_REPORT = "activity_report", _("Activity report")
        GUIDANCE_NOTE = "guidance_note", _("Guidance note")
        OTHER = "other", pgettext_lazy("text kind", "Other text")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    title_en = models.CharField(_("title (English)"), max_length=400)
    title_fr = models.CharField(_("title (French)"), max_length=400, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    url_en = models.URLField(_("link (English)"), blank=True, max_length=500)
    url_fr = models.URLField(_("link (French)"), blank=True, max_length=500)
    document_code = models.CharField(_("document reference"), max_length=40, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("adopted at the meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="texts_adopted",
    )
    considered_at = models.ManyToManyField(
        Meeting, verbose_name=_("examined at"), blank=True, related_name="texts_considered"
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision adopting it"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="texts",
    )
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

    title = LocalizedField("title")

    summary = LocalizedField("summary")

    url = LocalizedField("url")


# -- capacity building ---------------------------------------------------------------------------


class Theme(models.Model):
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    name = LocalizedField("name")


class Project(models.Model):
    """A co-operation project (Art. 41(2)): who benefits, on what, with whom, and what it produced."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
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
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    outputs_en = models.TextField(_("outputs (English)"), blank=True)
    outputs_fr = models.TextField(_("outputs (French)"), blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    # A hook for the monitoring app: references of the recommendations the project responds to
    # (for example "T-ES(2022)02 R7"), to be replaced by a relation once recommendations exist.
    responds_to_recommendations = models.JSONField(
        _("recommendations it responds to"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

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

    title = LocalizedField("title")

    summary = LocalizedField("summary")

    outputs = LocalizedField("outputs")


class AssistanceRequest(models.Model):
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
    subject_en = models.TextField(_("what is requested (English)"))
    subject_fr = models.TextField(_("what is requested (French)"), blank=True)
    articles = models.ManyToManyField(
        Article, verbose_name=_("articles concerned"), blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    project = models.ForeignKey(
        Project,
        verbose_name=_("answered by the project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assistance_requests",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("request for assistance")
        verbose_name_plural = _("requests for assistance")

    def __str__(self) -> str:
        return f"{self.state_id} {self.received_on}"

    subject = LocalizedField("subject")


class PriorityFlag(models.Model):
    """A State flagged as a priority country by a decision, with the reason. States that asked to
    accede or acceded are flagged automatically (see `selectors.priority_countries`)."""

    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.PROTECT, related_name="priority_flags"
    )
    reason_en = models.TextField(_("reason (English)"))
    reason_fr = models.TextField(_("reason (French)"), blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="priority_flags",
    )
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

    reason = LocalizedField("reason")


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
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    place_fr = models.CharField(_("place (French)"), max_length=200, blank=True)
    online = models.BooleanField(_("held online"), default=False)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("linked to the meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="capacity_events",
    )
    participants_en = models.TextField(_("participants (English)"), blank=True)
    participants_fr = models.TextField(_("participants (French)"), blank=True)
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

    title = LocalizedField("title")

    place = LocalizedField("place")

    participants = LocalizedField("participants")
