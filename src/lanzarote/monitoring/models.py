"""Monitoring of the implementation (Art. 41(1) CETS 201): thematic rounds, questionnaires,
replies, contributions, rapporteurs' observations, implementation reports, recommendations and
the compliance follow-up.

What is derived is never stored: the Parties in a round's scope come from the registry on the
launch date (plus any State added by a recorded decision), the General Overview Questionnaire
falls due from each Party's entry into force, late and missing replies follow from the dates,
and a recommendation's current compliance is the latest assessment. Steps of a reply, follow-up
information, compliance assessments, observations, scope decisions and reminders are append-only
rows. `Reply.status` is the projection of the reply's events, kept by the services in the same
transaction so the matrix can filter on it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.core.records.mixins import Demo, Sourced
from lanzarote.monitoring.rules import AgeBand, Compliance, ReplyStatus
from lanzarote.monitoring.screening import Finding as ScreenFinding
from lanzarote.registry.models import Article, KnownDateFields, LocalizedField, State
from lanzarote.treaty_law import KnownDate, Precision

REPLY_STATUS_CHOICES = [
    (ReplyStatus.NONE.value, _("Not started")),
    (ReplyStatus.DRAFT.value, _("Draft")),
    (ReplyStatus.VALIDATED.value, _("Validated")),
    (ReplyStatus.SUBMITTED.value, _("Submitted")),
    (ReplyStatus.PUBLISHED.value, _("Published")),
]


def _recorder(related_name: str = "+") -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


# -- rounds ----------------------------------------------------------------------------------


class Round(KnownDateFields, Sourced):
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
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    theme_en = models.TextField(_("theme (English)"))
    theme_fr = models.TextField(_("theme (French)"))
    launch_confirmed = models.BooleanField(_("launch date confirmed by a source"), default=False)
    launch_meeting = models.ForeignKey(
        "committee.Meeting",
        verbose_name=_("launched at the meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_rounds_launched",
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
    questionnaire_adopted_meeting = models.ForeignKey(
        "committee.Meeting",
        verbose_name=_("questionnaire adopted at the meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
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
    stated_scope_note_en = models.TextField(_("about the stated scope (English)"), blank=True)
    stated_scope_note_fr = models.TextField(_("about the stated scope (French)"), blank=True)
    vocabulary_note_en = models.TextField(_("about the vocabulary (English)"), blank=True)
    vocabulary_note_fr = models.TextField(_("about the vocabulary (French)"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["position", "date_earliest", "id"]
        verbose_name = _("monitoring round")
        verbose_name_plural = _("monitoring rounds")

    def __str__(self) -> str:
        return self.title

    title = LocalizedField("title")

    theme = LocalizedField("theme")

    stated_scope_note = LocalizedField("stated_scope_note")

    vocabulary_note = LocalizedField("vocabulary_note")

    @property
    def questionnaire_adopted(self) -> KnownDate | None:
        if not self.questionnaire_adopted_precision:
            return None
        return KnownDate(
            self.questionnaire_adopted_earliest,
            self.questionnaire_adopted_latest,
            Precision(self.questionnaire_adopted_precision),
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
    label_en = models.CharField(_("label (English)"), max_length=80)
    label_fr = models.CharField(_("label (French)"), max_length=80)
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

    label = LocalizedField("label")


class ScopeAddition(AppendOnlyModel):
    """A State added to a round's scope by a recorded decision (the scope otherwise is the
    Parties on the launch date, derived from the registry)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="scope_additions")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("decided on"))
    meeting = models.ForeignKey(
        "committee.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.ForeignKey(
        "committee.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = _recorder()
    recorded_by_label = models.CharField(_("recorded by"), max_length=200)

    class Meta:
        ordering = ["round_id", "decided_on", "id"]
        verbose_name = _("addition to a round's scope")
        constraints = [
            models.UniqueConstraint(fields=["round", "state"], name="state_added_to_round_once")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}+{self.state_id}"


# -- questionnaires ------------------------------------------------------------------------


class Questionnaire(Demo):
    class Kind(models.TextChoices):
        GENERAL_OVERVIEW = "general_overview", _("General Overview Questionnaire")
        THEMATIC = "thematic", _("Thematic questionnaire")

    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.PROTECT, related_name="questionnaires"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    note_fr = models.TextField(_("note (French)"), blank=True)
    reference_key = models.CharField(_("reference key"), max_length=120, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "round_id", "version"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "kind", "version"],
                condition=models.Q(round__isnull=False),
                name="one_questionnaire_version_per_round",
            ),
            models.UniqueConstraint(
                fields=["kind", "version"],
                condition=models.Q(round__isnull=True),
                name="one_general_questionnaire_version",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="general_overview", round__isnull=True)
                | models.Q(kind="thematic", round__isnull=False),
                name="thematic_questionnaires_belong_to_a_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    title = LocalizedField("title")

    note = LocalizedField("note")


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="questions"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("sub-question of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_questions",
    )
    number = models.CharField(_("number"), max_length=20)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text_en = models.TextField(_("text (English)"))
    text_fr = models.TextField(_("text (French)"))
    articles = models.ManyToManyField(
        Article, verbose_name=_("articles concerned"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["questionnaire_id", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="one_question_number_per_questionnaire"
            )
        ]

    def __str__(self) -> str:
        return f"Q{self.number}"

    text = LocalizedField("text")


# -- replies -------------------------------------------------------------------------------


class Reply(Demo):
    """A Party's reply to one question. Its steps are `ReplyEvent` rows; `status`, `text` and
    the dates are their projection (the text of every step is kept in its event)."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="replies")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="monitoring_replies")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=REPLY_STATUS_CHOICES,
        default=ReplyStatus.NONE.value,
        db_index=True,
    )
    text = models.TextField(_("reply"), blank=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    due_on = models.DateField(_("due on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["question_id", "state_id"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.UniqueConstraint(fields=["question", "state"], name="one_reply_per_question")
        ]
        indexes = [models.Index(fields=["state", "status"])]

    def __str__(self) -> str:
        return f"{self.state_id} Q{self.question_id}"


class ReplyEvent(AppendOnlyModel):
    class Kind(models.TextChoices):
        DRAFTED = "drafted", _("Draft saved")
        VALIDATED = "validated", _("Validated by the national coordinator")
        RETURNED = "returned", _("Returned to draft")
        SUBMITTED = "submitted", _("Submitted")
        PUBLISHED = "published", _("Published")
        IMPORTED = "imported", _("Imported")

    reply = models.ForeignKey(Reply, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status_after = models.CharField(_("status after"), max_length=20)
    text = models.TextField(_("text at this step"), blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), db_index=True)
    actor = _recorder()
    actor_label = models.CharField(_("by"), max_length=200)

    class Meta:
        ordering = ["reply_id", "at", "id"]
        verbose_name = _("step of a reply")
        verbose_name_plural = _("steps of replies")

    def __str__(self) -> str:
        return f"{self.reply_id} {self.kind}"


class Attachment(models.Model):
    """A PDF or DOCX file attached to a reply (checked for size and content on upload)."""

    reply = models.ForeignKey(Reply, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("file"), upload_to="monitoring/replies/%Y/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = _recorder()
    uploaded_by_label = models.CharField(_("uploaded by"), max_length=200)

    class Meta:
        ordering = ["reply_id", "uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Reminder(AppendOnlyModel):
    """A reminder sent to a Party's delegates and coordinators about replies not yet submitted."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="reminders"
    )
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    pending = models.PositiveSmallIntegerField(_("replies not submitted"))
    recipients = models.JSONField(_("sent to"), default=list)
    sent_at = models.DateTimeField(_("sent at"), db_index=True)
    sent_by = _recorder()
    sent_by_label = models.CharField(_("sent by"), max_length=200)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.state_id} {self.sent_at:%Y-%m-%d}"


# -- contributions -------------------------------------------------------------------------


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
    organisation = models.ForeignKey(
        "committee.Organisation",
        verbose_name=_("observer organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
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
    consent_recorded_by = _recorder()
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
    screening_reviewed_by = _recorder()
    screening_reviewed_by_label = models.CharField(_("reviewed by"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("received at"))
    submitted_by = _recorder()
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


# -- rapporteurs and observations ------------------------------------------------------------


class RapporteurAssignment(models.Model):
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="rapporteurs")
    rapporteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="monitoring_assignments"
    )
    assigned_on = models.DateField(_("appointed on"))
    meeting = models.ForeignKey(
        "committee.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
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


class Observation(AppendOnlyModel, Demo):
    """A rapporteur's observation on the replies to a question, on one Party's reply or on all.
    A revised observation is a new row that supersedes the old one."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="observations")
    state = models.ForeignKey(
        State, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("observation"))
    language = models.CharField(_("language"), max_length=2, default="en")
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    written_at = models.DateTimeField(_("written at"))
    author = _recorder()
    author_label = models.CharField(_("by"), max_length=200)

    class Meta:
        ordering = ["question_id", "state_id", "written_at", "id"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"obs {self.question_id}/{self.state_id or '*'}"


# -- reports, recommendations, follow-up -------------------------------------------------------


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
    title_en = models.CharField(_("title (English)"), max_length=400)
    title_fr = models.CharField(_("title (French)"), max_length=400)
    document_code = models.CharField(_("document reference"), max_length=40, blank=True)
    meeting = models.ForeignKey(
        "committee.Meeting",
        verbose_name=_("adopted at the meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_reports",
    )
    date_confirmed = models.BooleanField(_("date confirmed by a source"), default=False)
    date_is_publication = models.BooleanField(
        _("the date known is the publication, not the adoption"), default=False
    )
    url = models.URLField(_("link"), blank=True, max_length=500)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    follow_up_due = models.DateField(_("follow-up information due"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["round_id", "date_earliest", "id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.title

    title = LocalizedField("title")

    summary = LocalizedField("summary")


class Finding(models.Model):
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="findings")
    number = models.CharField(_("number"), max_length=20)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text_en = models.TextField(_("finding (English)"))
    text_fr = models.TextField(_("finding (French)"), blank=True)
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

    text = LocalizedField("text")


class Recommendation(Demo):
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="recommendations")
    number = models.CharField(_("number"), max_length=20)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text_en = models.TextField(_("text (English)"))
    text_fr = models.TextField(_("text (French)"), blank=True)
    strength = models.ForeignKey(
        StrengthLevel,
        verbose_name=_("strength"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
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

    text = LocalizedField("text")


class FollowUp(AppendOnlyModel, Demo):
    """Information a Party submits on what it did about a recommendation."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="follow_ups"
    )
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("follow-up information"))
    language = models.CharField(_("language"), max_length=2, default="en")
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = _recorder()
    submitted_by_label = models.CharField(_("submitted by"), max_length=200)

    class Meta:
        ordering = ["recommendation_id", "state_id", "submitted_at", "id"]
        verbose_name = _("follow-up information")
        verbose_name_plural = _("follow-up information")

    def __str__(self) -> str:
        return f"{self.recommendation_id}/{self.state_id}"


class ComplianceAssessment(AppendOnlyModel, Demo):
    """The Committee's assessment of one Party's compliance with one recommendation at a meeting.
    Every assessment is kept; the current one is the latest (see `rules.current_compliance`)."""

    STATUS_CHOICES = [
        (Compliance.NOT_ASSESSED.value, _("Not assessed")),
        (Compliance.COMPLIED.value, _("Complied")),
        (Compliance.PARTIALLY.value, _("Partially complied")),
        (Compliance.NOT_COMPLIED.value, _("Not complied")),
    ]

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="assessments"
    )
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("compliance"), max_length=30, choices=STATUS_CHOICES)
    assessed_on = models.DateField(_("assessed on"))
    meeting = models.ForeignKey(
        "committee.Meeting",
        verbose_name=_("assessed at the meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_assessments",
    )
    note_en = models.TextField(_("note (English)"), blank=True)
    note_fr = models.TextField(_("note (French)"), blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = _recorder()
    recorded_by_label = models.CharField(_("recorded by"), max_length=200)

    class Meta:
        ordering = ["recommendation_id", "state_id", "assessed_on", "id"]
        verbose_name = _("compliance assessment")
        verbose_name_plural = _("compliance assessments")

    def __str__(self) -> str:
        return f"{self.recommendation_id}/{self.state_id} {self.status}"

    note = LocalizedField("note")


# -- search and imports ----------------------------------------------------------------------


class SearchDocument(models.Model):
    """What full-text search reads: one row per searchable record, written by the services in
    the same transaction as the record. On SQLite an FTS5 table and triggers mirror it; on
    PostgreSQL a generated `tsvector` column with a GIN index does (see migration 0003)."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        REPLY = "reply", _("Reply")
        CONTRIBUTION = "contribution", _("Contribution")
        RECOMMENDATION = "recommendation", _("Recommendation")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("record"))
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Multi-valued facets are stored between bars ("|FR|DE|", "|20|21|", "|FR:complied|") so
    # one LIKE finds a value without matching 2 in 20, and one GROUP BY counts them all.
    states = models.CharField(_("States"), max_length=400, blank=True)
    articles = models.CharField(_("articles"), max_length=200, blank=True)
    strength = models.CharField(_("strength"), max_length=40, blank=True)
    compliance = models.TextField(_("compliance by Party"), blank=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    title = models.CharField(_("title"), max_length=400)
    body = models.TextField(_("text"))
    is_public = models.BooleanField(_("public"), default=False)
    is_demo = models.BooleanField(_("demonstration record"), default=False)
    # The facets again, as one word each ("pub1 kindreply round3 statefr art20"), indexed by
    # FTS5 so filters are answered from the index itself (see `search.tags_for`).
    tags = models.TextField(_("facet words"), blank=True)

    class Meta:
        verbose_name = _("search document")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_document")
        ]
        indexes = [models.Index(fields=["round", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class ImportDraft(models.Model):
    """A checked import file waiting for the person's confirmation: the clean rows are kept here,
    so confirming writes exactly what the preview showed. Nothing else is written before."""

    class Kind(models.TextChoices):
        REPLIES = "replies", _("Replies")
        RECOMMENDATIONS = "recommendations", _("Recommendations")

    token = models.CharField(max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    rows = models.JSONField(_("rows"), default=list)
    filename = models.CharField(_("file name"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    used_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import awaiting confirmation")

    def __str__(self) -> str:
        return self.token


# The public record's facts (recommendations and compliance findings as published) live in their
# own module; imported here so Django registers them with this app.
from lanzarote.monitoring.public_record import (  # noqa: E402
    PublishedComplianceFinding as PublishedComplianceFinding,
)
from lanzarote.monitoring.public_record import (  # noqa: E402
    PublishedRecommendation as PublishedRecommendation,
)
