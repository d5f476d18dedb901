"""The obligations catalogue and its mappings (reference tables, loaded from
`lanzarote/data/readiness/`), and confidential self-assessments.

An assessment's answers are append-only: every save of an answer is a new `AnswerVersion`; the
current answer to an obligation is its newest version. Nothing about an assessment is public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.append_only import AppendOnlyModel
from lanzarote.core.records.bilingual import Bilingual
from lanzarote.core.records.mixins import Timestamped
from lanzarote.registry.models import Article, State


class Kind(models.TextChoices):
    PREVENTION = "prevention", _("Prevention")
    PROTECTION_ASSISTANCE = "protection_assistance", _("Protection and assistance")
    INTERVENTION = "intervention", _("Intervention programmes")
    CRIMINAL_LAW = "criminal_law", _("Criminal law")
    PROCEDURE = "procedure", _("Procedure")
    DATA = "data", _("Data")
    COOPERATION = "cooperation", _("International co-operation")
    INSTITUTIONS = "institutions", _("Institutions")


class Instrument(models.TextChoices):
    OPSC = "opsc", _("UN Optional Protocol on the sale of children (OPSC)")
    MNR = "mnr", _("WeProtect Model National Response")
    SDG = "sdg", _("Sustainable Development Goal target 16.2")


class Relation(models.TextChoices):
    EQUIVALENT = "equivalent", _("equivalent")
    PARTIAL = "partial", _("partial")
    RELATED = "related", _("related")


class Status(models.TextChoices):
    IN_PLACE = "in_place", _("In place")
    PARTLY = "partly", _("Partly in place")
    NOT_IN_PLACE = "not_in_place", _("Not in place")
    NOT_KNOWN = "not_known", _("Not known")


class Obligation(models.Model):
    """One obligation of Arts. 4–38 at paragraph (or sub-paragraph) level. The description is our
    own summary, never the treaty's text; `description_checked` says whether a lawyer checked it."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="obligations")
    paragraph = models.PositiveSmallIntegerField(_("paragraph"), null=True, blank=True)
    item = models.CharField(_("sub-paragraph"), max_length=5, blank=True)
    position = models.PositiveIntegerField(_("position in the catalogue"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = Bilingual(models.TextField, _("description"))
    description_checked = models.BooleanField(
        _("description checked against the authentic texts"), default=False
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        """ "Art. 20(1)(f)", "Art. 4"."""
        text = f"Art. {self.article.number}"
        if self.paragraph is not None:
            text += f"({self.paragraph})"
        if self.item:
            text += f"({self.item})"
        return text

    @property
    def slug(self) -> str:
        """The code for HTML ids and anchors: 20.1.f → 20-1-f."""
        return self.code.replace(".", "-")


class MappingTarget(models.Model):
    """An article of the OPSC, an area of the WeProtect Model National Response or SDG target
    16.2 (or one of its indicators), as something obligations are mapped to."""

    instrument = models.CharField(_("instrument"), max_length=10, choices=Instrument.choices)
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveIntegerField(_("position"))
    label = Bilingual(models.CharField, _("label"), max_length=300)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    sources = models.JSONField(_("sources"), default=list, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="one_mapping_target_code")
        ]

    def __str__(self) -> str:
        return f"{self.instrument}:{self.code}"


class Mapping(models.Model):
    """A typed link between an obligation and a target, with a one-line rationale."""

    target = models.ForeignKey(MappingTarget, on_delete=models.CASCADE, related_name="mappings")
    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="mappings")
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    rationale = Bilingual(models.CharField, _("rationale"), max_length=400)

    class Meta:
        ordering = ["target__position", "obligation__position"]
        constraints = [
            models.UniqueConstraint(fields=["target", "obligation"], name="one_mapping_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.relation} {self.obligation}"


class Assessment(Timestamped):
    """A State's confidential self-assessment, prepared by a team of its officials."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField(_("title"), max_length=200)
    # Self-declared: the reference data hold no confirmed list of WeProtect member governments.
    weprotect_member = models.BooleanField(
        _("the State is a member of the WeProtect Global Alliance"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    duplicated_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("readiness assessment")
        verbose_name_plural = _("readiness assessments")

    def __str__(self) -> str:
        return f"{self.state_id} #{self.pk} {self.title}"

    @property
    def team_user_ids(self) -> frozenset[int]:
        """The people who may read and edit it (uses the prefetched members when present)."""
        return frozenset(member.user_id for member in self.members.all())


class AssessmentMember(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("started the assessment")
        EDITOR = "editor", _("invited colleague")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="readiness_teams"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="one_membership_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.user_id} {self.role}"


class AnswerVersion(AppendOnlyModel):
    """One saved answer to one obligation. Never changed: the next save is a new row."""

    class Source(models.TextChoices):
        WEB = "web", _("web form")
        API = "api", _("API")
        IMPORT = "import", _("imported file")
        DUPLICATE = "duplicate", _("copied from another assessment")

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="answers")
    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # [{"reference": "Penal Code, art. 241-D", "url": "https://…"}]
    provisions = models.JSONField(_("national provisions"), default=list, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    followups = models.JSONField(_("answers to follow-up questions"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_label = models.CharField(_("recorded by"), max_length=200)

    class Meta:
        ordering = ["id"]
        verbose_name = _("answer version")
        indexes = [models.Index(fields=["assessment", "obligation", "id"])]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.obligation_id} {self.status}"
