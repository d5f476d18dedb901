"""Parties' replies to questions: the reply, its append-only steps, attachments and reminders."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.core.records.mixins import Demo, Timestamped, recorder
from lanzarote.monitoring.models.questionnaires import Question, Questionnaire
from lanzarote.monitoring.rules import ReplyStatus
from lanzarote.registry.models import State

REPLY_STATUS_CHOICES = [
    (ReplyStatus.NONE.value, _("Not started")),
    (ReplyStatus.DRAFT.value, _("Draft")),
    (ReplyStatus.VALIDATED.value, _("Validated")),
    (ReplyStatus.SUBMITTED.value, _("Submitted")),
    (ReplyStatus.PUBLISHED.value, _("Published")),
]


class Reply(Demo, Timestamped):
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
    actor = recorder()
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
    uploaded_by = recorder()
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
    sent_by = recorder()
    sent_by_label = models.CharField(_("sent by"), max_length=200)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.state_id} {self.sent_at:%Y-%m-%d}"
