"""Questionnaires (a round's, or the General Overview Questionnaire) and their questions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.records.bilingual import Bilingual
from lanzarote.core.records.mixins import Demo, optional_link
from lanzarote.monitoring.models.rounds import Round
from lanzarote.registry.models import Article


class Questionnaire(Demo):
    class Kind(models.TextChoices):
        GENERAL_OVERVIEW = "general_overview", _("General Overview Questionnaire")
        THEMATIC = "thematic", _("Thematic questionnaire")

    round = optional_link(Round, related_name="questionnaires")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = Bilingual(models.CharField, _("title"), max_length=300)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    note = Bilingual(models.TextField, _("note"), blank=True)
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


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="questions"
    )
    parent = optional_link("self", _("sub-question of"), related_name="sub_questions")
    number = models.CharField(_("number"), max_length=20)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = Bilingual(models.TextField, _("text"))
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
