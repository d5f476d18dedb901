"""Each treaty's own entry into force, as its charts and the profiles use it, for many treaties at
once.

The date follows from every standing consent in the log, so it changes only with the log: it is
cached per treaty under the registry's version. A State's profile needs it for every treaty; the
cache answers for all of them in one round trip, and the treaties it misses are computed from one
query over their standing consents (not from each treaty's chart).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.core.cache import cache

from lanzarote.registry.models import (
    CONSENT_EVENT_KINDS,
    CONSENT_OR_CORRECTION,
    Treaty,
    TreatyEvent,
)
from lanzarote.treaty_law import (
    Action,
    ActionKind,
    KnownDate,
    Membership,
    RuleAnswer,
    chart_entry_into_force,
    get_final_clauses,
)
from lanzarote.treaty_law.dates import Precision

CACHE_SECONDS = 60 * 60
COLUMNS = (
    "id",
    "treaty_id",
    "state_id",
    "kind",
    "date_earliest",
    "date_latest",
    "date_precision",
    "supersedes_id",
    "is_retraction",
)

type InForce = RuleAnswer[KnownDate | None]


def recorded_entry_into_force(treaty: Treaty) -> KnownDate | None:
    stated = treaty.stated_entry_into_force
    return KnownDate.exact(stated) if stated else None


def _key(treaty: Treaty, version: str) -> str:
    return f"in-force:{treaty.slug}:{version}"


def in_force_by_treaty(
    treaties: Sequence[Treaty], *, version: str, members: Membership
) -> dict[int, InForce]:
    """The treaty's own entry into force for each of `treaties`, by treaty id (no query when
    cached; one query for all the treaties the cache does not hold)."""
    keys = {treaty.pk: _key(treaty, version) for treaty in treaties}
    found = cache.get_many(list(keys.values()))
    answers = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [treaty for treaty in treaties if treaty.pk not in answers]
    if missing:
        computed = _computed(missing, members)
        cache.set_many({keys[pk]: answer for pk, answer in computed.items()}, CACHE_SECONDS)
        answers.update(computed)
    return answers


def in_force_cached(treaty: Treaty, *, version: str) -> InForce | None:
    return cache.get(_key(treaty, version))


def in_force_remember(treaty: Treaty, answer: InForce, *, version: str) -> None:
    """Keep an answer a chart computed from the same log, for the other charts and profiles."""
    cache.set(_key(treaty, version), answer, CACHE_SECONDS)


def _computed(treaties: Sequence[Treaty], members: Membership) -> dict[int, InForce]:
    # The consents and the corrections (few), which say which consents no longer stand: the
    # partial index `treatyevent_consent_or_fix` holds every column read, in this order.
    rows = list(
        TreatyEvent.objects.filter(treaty__in=[treaty.pk for treaty in treaties])
        .filter(CONSENT_OR_CORRECTION)
        .order_by("treaty_id", "id")
        .values_list(*COLUMNS)
    )
    superseded = {row[-2] for row in rows if row[-2] is not None}
    consents: defaultdict[int, list[Action]] = defaultdict(list)
    for pk, treaty_id, state, kind, earliest, latest, precision, _supersedes, retraction in rows:
        if kind in CONSENT_EVENT_KINDS and not retraction and pk not in superseded:
            consents[treaty_id].append(
                Action(
                    state=state,
                    kind=ActionKind(kind),
                    date=KnownDate(earliest, latest, Precision(precision)),
                )
            )
    return {
        treaty.pk: chart_entry_into_force(
            get_final_clauses(treaty.slug),
            actions=consents[treaty.pk],
            membership=members,
            recorded_entry_into_force=recorded_entry_into_force(treaty),
        )
        for treaty in treaties
    }
