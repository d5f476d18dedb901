"""Cross-cutting records: the audit trail every service writes in its own transaction."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.core.records.mixins import recorder


class AuditRecord(AppendOnlyModel):
    """Who did what to which record, when — one row per business action, never changed."""

    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True, db_index=True)
    actor = recorder()
    actor_label = models.CharField(_("actor"), max_length=200)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(_("target type"), max_length=80)
    target_id = models.CharField(_("target id"), max_length=80)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_type}#{self.target_id}"
