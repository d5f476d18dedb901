"""Children's contributions: recorded with their safeguards, screened, and published only once
nothing in them can identify a child.

The path of one contribution:
1. `children_contribution_record` — an observer organisation or the secretariat records what
   children said: the consent (from whom, when, recorded by whom), an age band, the confirmation
   that the text was anonymised, and who gathered it (an organisation or a role, never a person).
   The text is screened (`monitoring.screening`); the anonymisation checkbox alone is never
   taken as proof.
2. If the screen finds anything (a name, a school, a phone number…) the contribution is *held*:
   it cannot be published, and only the secretariat and the organisation that sent it see it.
3. The secretariat either redacts the text (`children_contribution_redact`: the original is
   kept, for the secretariat's eyes only) or confirms, saying why, that what the screen found
   does not identify a child (`children_contribution_confirm`). Each step is audited, without
   copying the details themselves into the audit log.
4. Only then may it be published (`services.contribution_publish`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanzarote.core.audit import Actor, AuditAction
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.records.saving import authorise
from lanzarote.core.roles import Role
from lanzarote.monitoring import screening, selectors
from lanzarote.monitoring.models import Contribution, Round
from lanzarote.monitoring.rules import AgeBand, personal_fields_in
from lanzarote.monitoring.services._common import _language, _text
from lanzarote.monitoring.services.contributions import contribution_recorded, contribution_saved

MAX_TEXT = 20_000
MAX_NOTE = 2_000
# The UN Convention on the Rights of the Child dates from 1989: no consent recorded under this
# procedure can be older.
EARLIEST_CONSENT = datetime(1989, 1, 1, tzinfo=UTC)


def kinds_label(kinds: Iterable[str]) -> str:
    """What the screen found, in words of the current language: "a person's name, a school"."""
    return ", ".join(_(screening.KIND_LABELS[screening.Kind(k)]) for k in kinds)


def _screened_text(value: str, *, field: str = "text") -> str:
    text = _text(value, field=field)
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            _("The text is too long (%(count)s characters; at most %(limit)s).")
            % {"count": len(text), "limit": MAX_TEXT},
            field=field,
        )
    return text


def _facilitator(value: str, *, organisation: Any) -> str:
    """Who gathered the contribution: an organisation or a role. The name of the observer
    organisation itself is taken as given; anything else must not name a person."""
    facilitator = (value or "").strip()
    if len(facilitator) > 250:
        raise InvalidInput(_("Say who gathered it in at most 250 characters."), field="facilitator")
    own_names = {
        str(getattr(organisation, attribute, "") or "").strip().casefold()
        for attribute in ("name_en", "name_fr", "acronym")
    } - {""}
    if facilitator.casefold() in own_names:
        return facilitator
    found = screening.screen(facilitator)
    if found:
        raise InvalidInput(
            _(
                "Name the organisation or the role that gathered the contribution (for example "
                "“a children's rights NGO” or “school counsellor”), never a person: this looks "
                "like %(found)s. Use the organisation's acronym if its name is a person's."
            )
            % {"found": kinds_label(screening.kinds_of(found))},
            field="facilitator",
        )
    return facilitator


def _consent_time(value: datetime | None) -> datetime:
    now = timezone.now()
    if value is None:
        return now
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > now:
        raise InvalidInput(
            _("The consent cannot have been recorded in the future."), field="consent_recorded_at"
        )
    if value < EARLIEST_CONSENT:
        raise InvalidInput(
            _("A consent recorded before 1989 is not plausible; check the date."),
            field="consent_recorded_at",
        )
    return value


def _apply_screen(contribution: Contribution) -> list[screening.Finding]:
    found = screening.screen(contribution.text)
    contribution.screening_findings = [f.as_dict() for f in found]
    return found


def personal_details_refusal(fields: Iterable[str]) -> str | None:
    """Why the fields sent cannot be accepted, if any would carry a child's identity."""
    personal = personal_fields_in(fields)
    if not personal:
        return None
    return _(
        "A children's contribution never carries a name or other personal details "
        "(refused: %(fields)s). Record the age band only."
    ) % {"fields": ", ".join(personal)}


def refuse_unknown_fields(fields: Iterable[str]) -> None:
    """Refuse, by name, any field that would carry a child's identity, and any other field
    the sender may not set (the status, the screening, `is_demo`…)."""
    names = sorted(fields)
    refusal = personal_details_refusal(names)
    if refusal:
        raise InvalidInput(refusal, field=personal_fields_in(names)[0])
    if names:
        raise InvalidInput(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(names)}, field=names[0]
        )


@transaction.atomic
def children_contribution_record(
    *,
    actor: Actor,
    round_: Round,
    text: str,
    age_band: str,
    consent_from: str,
    anonymised: bool,
    consent_recorded_at: datetime | None = None,
    facilitator: str = "",
    language: str = "en",
    questions: Iterable[int] = (),
    states: Iterable[str] = (),
    is_demo: bool = False,
    **unexpected: Any,
) -> Contribution:
    """Record what children contributed, with the safeguards, and screen it. A name, an age, a
    birth date or any other field that identifies a child is refused: the record has no place
    for one. A text in which the screen finds identifying details is recorded but held."""
    refuse_unknown_fields(unexpected)
    organisation = None
    if actor.user is not None and actor.user.role == Role.OBSERVER:
        organisation = selectors.organisation_for(actor.user)
        facilitator = facilitator or (organisation.name_en if organisation else "")
    authorise(
        actor,
        "monitoring.contribute",
        source=Contribution.Source.CHILDREN,
        organisation=organisation,
    )
    if is_demo:
        # Demonstration records are the secretariat's (or the demo generator's) to make.
        authorise(actor, "monitoring.manage")
    if age_band not in AgeBand._value2member_map_:
        raise InvalidInput(
            _("Give an age band (%(bands)s), never an age.")
            % {"bands": ", ".join(b.value for b in AgeBand)},
            field="age_band",
        )
    if consent_from not in Contribution.ConsentFrom.values:
        raise InvalidInput(_("Record whose consent was given."), field="consent_from")
    if not anonymised:
        raise InvalidInput(
            _(
                "Confirm that the text has been anonymised (no name, school, place or other "
                "detail that could identify a child) before recording it."
            ),
            field="anonymised",
        )
    contribution = Contribution(
        round=round_,
        source=Contribution.Source.CHILDREN,
        organisation=organisation,  # the observer organisation that gathered it, if any
        text=_screened_text(text),
        language=_language(language),
        age_band=age_band,
        consent_from=consent_from,
        consent_recorded_at=_consent_time(consent_recorded_at),
        consent_recorded_by=actor.user,
        consent_recorded_by_label=actor.label,
        anonymised=True,
        facilitator=_facilitator(facilitator, organisation=organisation),
        is_demo=is_demo,
    )
    found = _apply_screen(contribution)
    contribution.screening = (
        Contribution.Screening.FLAGGED if found else Contribution.Screening.CLEAR
    )
    return contribution_recorded(
        actor,
        contribution,
        questions=questions,
        states=states,
        action=AuditAction.MONITORING_CONTRIBUTION_CHILDREN,
        summary=f"{round_.slug} children {age_band} screening {contribution.screening}",
        payload={"screening": contribution.screening, "found": screening.kinds_of(found)},
    )


def _reviewable(actor: Actor, contribution: Contribution) -> Contribution:
    authorise(actor, "monitoring.manage")
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if locked.source != Contribution.Source.CHILDREN:
        raise InvalidInput(_("Only children's contributions are screened and redacted."))
    if locked.status == Contribution.Status.PUBLISHED:
        raise Conflict(_("The contribution is already published."))
    return locked


def _reviewed_by(contribution: Contribution, actor: Actor) -> None:
    contribution.screening_reviewed_at = timezone.now()
    contribution.screening_reviewed_by = actor.user
    contribution.screening_reviewed_by_label = actor.label


@transaction.atomic
def children_contribution_redact(
    *, actor: Actor, contribution: Contribution, text: str, facilitator: str | None = None
) -> Contribution:
    """The secretariat replaces the text shown with a redacted one. The text as first received
    is kept in `original_text` (for the secretariat only); the new text is screened again, and
    stays held if the screen still finds something."""
    contribution = _reviewable(actor, contribution)
    new_text = _screened_text(text)
    before = screening.kinds_of(contribution.screening_result())
    screened_before = contribution.screening
    if not contribution.original_text:
        contribution.original_text = contribution.text
    changed = ["text"] if new_text != contribution.text else []
    contribution.text = new_text
    if facilitator is not None and facilitator.strip() != contribution.facilitator:
        contribution.facilitator = _facilitator(facilitator, organisation=contribution.organisation)
        changed.append("facilitator")
    found = _apply_screen(contribution)
    contribution.screening = (
        Contribution.Screening.FLAGGED if found else Contribution.Screening.REDACTED
    )
    _reviewed_by(contribution, actor)
    return contribution_saved(
        actor,
        contribution,
        action=AuditAction.MONITORING_CONTRIBUTION_REDACT,
        summary=f"redacted; screening {contribution.screening}",
        # What changed, never the words removed: the audit log is not a second copy of them.
        payload={
            "changed": changed,
            "found_before": before,
            "found_after": screening.kinds_of(found),
            "characters": [len(contribution.original_text), len(new_text)],
        },
        changes={"screening": [screened_before, contribution.screening]},
    )


@transaction.atomic
def children_contribution_confirm(
    *, actor: Actor, contribution: Contribution, note: str
) -> Contribution:
    """The secretariat confirms that what the screen found does not identify a child (an
    author's name, a public figure, a famous school…), and says why."""
    contribution = _reviewable(actor, contribution)
    if contribution.screening != Contribution.Screening.FLAGGED:
        raise Conflict(_("The screen holds nothing in this contribution to confirm."))
    reason = (note or "").strip()
    if not reason:
        raise InvalidInput(
            _("Say why what the screen found does not identify a child."), field="note"
        )
    if len(reason) > MAX_NOTE:
        raise InvalidInput(
            _("The note is too long (at most %(limit)s characters).") % {"limit": MAX_NOTE},
            field="note",
        )
    found = screening.kinds_of(contribution.screening_result())
    screened_before = contribution.screening
    contribution.screening = Contribution.Screening.CONFIRMED
    contribution.screening_note = reason
    _reviewed_by(contribution, actor)
    return contribution_saved(
        actor,
        contribution,
        action=AuditAction.MONITORING_CONTRIBUTION_CONFIRM,
        summary="screening confirmed",
        payload={"found": found, "note": reason},
        changes={"screening": [screened_before, contribution.screening]},
    )
