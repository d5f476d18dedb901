"""The compliance follow-up: what a Party says it did (follow-up) and the Committee's
assessments, both append-only."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.core.records.bilingual import Bilingual
from lanzarote.core.records.mixins import Demo, Recorded, Superseding, optional_link, recorder
from lanzarote.monitoring.models.reports import Recommendation
from lanzarote.monitoring.rules import Compliance
from lanzarote.registry.models import State


class FollowUp(AppendOnlyModel, Demo):
    """Information a Party submits on what it did about a recommendation."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="follow_ups"
    )
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("follow-up information"))
    language = models.CharField(_("language"), max_length=2, default="en")
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = recorder()
    submitted_by_label = models.CharField(_("submitted by"), max_length=200)

    class Meta:
        ordering = ["recommendation_id", "state_id", "submitted_at", "id"]
        verbose_name = _("follow-up information")
        verbose_name_plural = _("follow-up information")

    def __str__(self) -> str:
        return f"{self.recommendation_id}/{self.state_id}"


class ComplianceAssessment(AppendOnlyModel, Demo, Superseding, Recorded):
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
    meeting = optional_link(
        "committee.Meeting", _("assessed at the meeting"), related_name="monitoring_assessments"
    )
    note = Bilingual(models.TextField, _("note"), blank=True)

    class Meta:
        ordering = ["recommendation_id", "state_id", "assessed_on", "id"]
        verbose_name = _("compliance assessment")
        verbose_name_plural = _("compliance assessments")

    def __str__(self) -> str:
        return f"{self.recommendation_id}/{self.state_id} {self.status}"
