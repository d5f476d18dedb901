"""A way in for a State that joins by accession, without an account: the draft request letter
(Art. 46(1)) filled with the State's name, as DOCX or PDF, in English or French.

The letter is the one the accession journey drafts for a signed-in official
(`documents.letters.accession_request_letter`), left unsigned and dated today. Its URL names
the State, the language and the format, so the page cache keeps one rendering per (State,
language, format, registry version, day) and the edge middleware counts each render against
the client's "pdf" rate (`LANZAROTE_RATE_LIMITED_VIEWS`).
"""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.core import versions
from lanzarote.core.errors import NotFound
from lanzarote.core.http.caching import public_cache
from lanzarote.core.http.pages import bad_query
from lanzarote.documents import letters
from lanzarote.registry import selectors
from lanzarote.registry.models import State
from lanzarote.treaty_law import CONVENTION, Route
from lanzarote.web.forms import RequestLetterForm
from lanzarote.web.maps import statuses

# The letter's facts (the Convention's entry into force, the accession steps) are the registry's.
letter_cache = public_cache(versions.REGISTRY)


def letter_choices(today: date) -> list[tuple[str, str]]:
    return [(s.code, s.name) for s in statuses.states_that_may_ask_to_accede(today)]


def _accession_state_or_404(code: str, today: date) -> State:
    try:
        route = selectors.eligibility_of(code, treaty_slug=CONVENTION, as_of=today)
        state = selectors.state_get(code)
    except NotFound:
        raise Http404(_("There is no State with this code.")) from None
    if route.route is not Route.ACCESSION:
        raise Http404(
            _("%(name)s does not join by accession: it has no request letter to draft.")
            % {"name": state.name}
        )
    return state


@require_GET
@letter_cache
def request_letter(request: HttpRequest, code: str, language: str, fmt: str) -> HttpResponse:
    if language not in ("en", "fr") or fmt not in letters.FILE_FORMATS:
        raise Http404(_("The letter is drafted in English or French, as PDF or DOCX."))
    today = timezone.localdate()
    state = _accession_state_or_404(code.upper(), today)
    document = letters.accession_request_letter(
        state=state,
        treaty=selectors.treaty_get(CONVENTION),
        signatory_name="",
        signatory_capacity="minister_of_foreign_affairs",
        letter_date=today,
        language=language,  # type: ignore[arg-type]
        file_format=fmt,  # type: ignore[arg-type]
    )
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


@require_GET
def request_letter_choice(request: HttpRequest) -> HttpResponse:
    """The form of the join page: the chosen letter's own (cached) address."""
    form = RequestLetterForm(request.GET, states=letter_choices(timezone.localdate()))
    if not form.is_valid():
        return bad_query(form)
    data = form.cleaned_data
    return redirect(
        "web:request_letter", code=data["state"], language=data["language"], fmt=data["format"]
    )
