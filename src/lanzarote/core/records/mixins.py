"""Abstract models shared by the domain apps. Each adds columns whose names, types and verbose
names are part of existing tables: change them only with a migration in every app that uses them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.records.bilingual import Bilingual
from lanzarote.treaty_law import KnownDate, Precision

PRECISION_CHOICES = [(p.value, p.value) for p in Precision]


class KnownDateFields(models.Model):
    """A legal date as known: two bounds and a precision (see `treaty_law.dates.KnownDate`)."""

    date_earliest = models.DateField(_("earliest possible date"), null=True, blank=True)
    date_latest = models.DateField(_("latest possible date"), null=True, blank=True)
    date_precision = models.CharField(_("precision"), max_length=10, choices=PRECISION_CHOICES)

    class Meta:
        abstract = True

    @property
    def known_date(self) -> KnownDate:
        return KnownDate(self.date_earliest, self.date_latest, Precision(self.date_precision))

    def set_known_date(self, known: KnownDate) -> None:
        for name, value in self.known_date_values(known).items():
            setattr(self, name, value)

    @staticmethod
    def known_date_values(known: KnownDate) -> dict[str, Any]:
        """The three columns for `known`, as `record_save` values."""
        return {
            "date_earliest": known.earliest,
            "date_latest": known.latest,
            "date_precision": known.precision.value,
        }


class EndDateFields(models.Model):
    """The end of a period as known; an empty precision means "no end recorded"."""

    end_earliest = models.DateField(_("earliest possible end"), null=True, blank=True)
    end_latest = models.DateField(_("latest possible end"), null=True, blank=True)
    end_precision = models.CharField(
        _("end precision"), max_length=10, blank=True, choices=PRECISION_CHOICES
    )

    class Meta:
        abstract = True

    @property
    def end(self) -> KnownDate | None:
        if not self.end_precision:
            return None
        return KnownDate(self.end_earliest, self.end_latest, Precision(self.end_precision))

    def set_end(self, known: KnownDate | None) -> None:
        for name, value in self.end_values(known).items():
            setattr(self, name, value)

    @staticmethod
    def end_values(known: KnownDate | None) -> dict[str, Any]:
        """The three end columns for `known` (or for no end), as `record_save` values."""
        if known is None:
            return {"end_earliest": None, "end_latest": None, "end_precision": ""}
        return {
            "end_earliest": known.earliest,
            "end_latest": known.latest,
            "end_precision": known.precision.value,
        }


class Sourced(models.Model):
    """A record that says where its facts come from, with a note in both languages."""

    sources = models.JSONField(_("sources"), default=list, blank=True)
    note = Bilingual(models.TextField, _("note"), blank=True)
    # Rows shipped with the package carry the key the loader finds them by; rows created by
    # people leave it empty.
    reference_key = models.CharField(_("reference key"), max_length=120, blank=True, db_index=True)

    class Meta:
        abstract = True


class Demo(models.Model):
    """A record that may have been invented to demonstrate the product (and says so)."""

    is_demo = models.BooleanField(
        _("demonstration record"),
        default=False,
        db_index=True,
        help_text=_("Invented to demonstrate the product; never a real record."),
    )

    class Meta:
        abstract = True


class Timestamped(models.Model):
    """When a changeable record was created and last changed (the audit trail says by whom)."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def recorder(related_name: str = "+") -> models.ForeignKey:
    """The account that did something. Empty for rows the loader or an import wrote; the account
    cannot be deleted while a row names it. Pair it with a label column that keeps the name."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class Recorded(models.Model):
    """When and by whom an append-only row was recorded; the label keeps the name shown then."""

    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = recorder()
    recorded_by_label = models.CharField(_("recorded by"), max_length=200)

    class Meta:
        abstract = True


class Superseding(models.Model):
    """A row of an append-only chain: a correction is a new row that `supersedes` the old one,
    which then answers `superseded_by`."""

    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )

    class Meta:
        abstract = True
