"""Monitoring endpoints under /api/v1/monitoring/, by sub-domain: rounds (scope, vocabulary,
matrix, dashboard), questionnaires and questions, the General Overview Questionnaire obligations,
replies and their steps, contributions (observers, national human-rights institutions,
stakeholders, children), rapporteurs and observations, reports, recommendations, follow-up and
compliance, the Committee's public record (recommendations and compliance findings as
published), search, and imports.

Reads are public and show what is published; with a personal token (`Authorization: Bearer …`)
or the browser's session they show what the person may see (a Party's own drafts, the replies a
rapporteur examines, everything for the secretariat). Writes need a token or a session (with its
CSRF token): anonymous callers get 401, people without the permission 403 with the rule's
sentence. Refusals are `{"detail", "article", "field"}` with 401, 403, 404, 409 (a step out of
order) or 422 (bad input). Content is answered in the language of `Accept-Language` (English or
French); demonstration records carry `is_demo: true`.
"""

from ninja import Router

from lanzarote.monitoring.api import (
    contributions,
    public_record,
    questionnaires,
    replies,
    reports,
    rounds,
    search,
)

router = Router(tags=["monitoring"])
for part in (rounds, questionnaires, replies, contributions, reports, public_record, search):
    router.add_router("", part.router)

__all__ = ["router"]
