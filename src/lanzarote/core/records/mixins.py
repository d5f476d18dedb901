"""Abstract models shared by the domain apps. Each adds columns whose names, types and verbose
names are part of existing tables: change them only with a migration in every app that uses them.
"""

from __future__ import annotations

from datetime import date
from typing import Any, overload

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanzarote.core.records.bilingual import Bilingual
from lanzarote.treaty_law import KnownDate, Precision

PRECISION_CHOICES = [(p.value, p.value) for p in Precision]


def known_date_or_none(
    earliest: date | None, latest: date | None, precision: str
) -> KnownDate | None:
    """A date as known from its three columns, where an empty precision means none is recorded."""
    if not precision:
        return None
    return KnownDate(earliest, latest, Precision(precision))


def known_date_columns(prefix: str, known: KnownDate | None) -> dict[str, Any]:
    """The columns `<prefix>_earliest`, `<prefix>_latest` and `<prefix>_precision` holding `known`
    (all empty for None)."""
    if known is None:
        return {f"{prefix}_earliest": None, f"{prefix}_latest": None, f"{prefix}_precision": ""}
    return {
        f"{prefix}_earliest": known.earliest,
        f"{prefix}_latest": known.latest,
        f"{prefix}_precision": known.precision.value,
    }


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
        return known_date_columns("date", known)


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
        return known_date_or_none(self.end_earliest, self.end_latest, self.end_precision)

    def set_end(self, known: KnownDate | None) -> None:
        for name, value in self.end_values(known).items():
            setattr(self, name, value)

    @staticmethod
    def end_values(known: KnownDate | None) -> dict[str, Any]:
        """The three end columns for `known` (or for no end), as `record_save` values."""
        return known_date_columns("end", known)


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


@overload
def optional_link[M: models.Model](
    to: type[M], verbose_name: Any = None, *, related_name: str = "+"
) -> models.ForeignKey[M | None, M | None]: ...
@overload
def optional_link(
    to: str, verbose_name: Any = None, *, related_name: str = "+"
) -> models.ForeignKey[Any, Any]: ...
def optional_link(
    to: type[models.Model] | str,
    verbose_name: Any = None,
    *,
    related_name: str = "+",
) -> models.ForeignKey[Any, Any]:
    """A link to another record that may be empty (not known, or not applying to this row); the
    record it names cannot be deleted while it is linked."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


def recorder(related_name: str = "+") -> models.ForeignKey[Any, Any]:
    """The account that did something. Empty for rows the loader or an import wrote; the account
    cannot be deleted while a row names it. Pair it with a label column that keeps the name."""
    return optional_link(settings.AUTH_USER_MODEL, related_name=related_name)


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


class Retracting(models.Model):
    """A correction in an append-only chain (a row that supersedes another) that may be a
    retraction, meaning what the superseded row said is withdrawn, with the reason for it."""

    is_retraction = models.BooleanField(_("retracts the superseded event"), default=False)
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        abstract = True
