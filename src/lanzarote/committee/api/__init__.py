"""Committee endpoints: the composition on any date and its changes, observer applications and
their chain, meetings (agenda, decisions, documents, attendance, votes), adopted texts, and
capacity building. Four routers, mounted at /api/v1/committee/, /meetings/, /texts/, /projects/.

Reads are public unless said otherwise. Writes authenticate with a personal token
(`Authorization: Bearer …`) or the browser's session (with its CSRF token) and need the
secretariat's permission (`committee.manage`; votes: `committee.record_vote`): anonymous callers
get 401, others 403. Refusals are `{"detail", "article", "field"}` with 401, 403, 404, 409 (a step
out of order) or 422 (bad input, an unknown field, or a rule such as "only Parties vote"). Every
list takes `offset` and `limit` (at most 1,000)."""

from ninja import Router

from lanzarote.committee.api import capacity, composition, meetings, observers, texts

router = Router(tags=["committee"])
router.add_router("", composition.router)
router.add_router("", observers.router)
router.add_router("", capacity.router)
meetings_router = meetings.router
texts_router = texts.router
projects_router = capacity.projects_router

__all__ = ["meetings_router", "projects_router", "router", "texts_router"]
