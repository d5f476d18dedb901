"""Readiness endpoints. The catalogue and its mappings are public. Assessments are confidential
to the team of officials preparing them: they need a personal token (`Authorization: Bearer …`)
or the browser's session (with its CSRF token for writes). Without credentials the answer is
401; with credentials, an assessment the person is not on the team of is answered 404 exactly
like one that does not exist, so that nobody — other States, Party delegates, the Treaty
Office — can even learn that it exists."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router, Status

from lanzarote.accounts.auth import API_AUTH
from lanzarote.core.api import Endpoints
from lanzarote.core.errors import InvalidInput
from lanzarote.core.http.responses import dumps, json_bytes_response
from lanzarote.readiness import exchange, presenters, selectors, services
from lanzarote.readiness.answers import clean_answer
from lanzarote.readiness.models import AnswerVersion, Instrument
from lanzarote.readiness.schemas import (
    AnswerIn,
    AnswerOut,
    AssessmentIn,
    AssessmentOut,
    AssessmentSummaryOut,
    ErrorOut,
    ExportOut,
    ImportErrorOut,
    MappingOut,
    ObligationOut,
)

router = Router(tags=["readiness"])
api = Endpoints(router, write_auth=API_AUTH)
# Nothing here conflicts with what is recorded: a 409 is never answered.
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@api.read("/obligations", list[ObligationOut], "The obligations catalogue", errors={})
def obligations(request: HttpRequest, kind: str | None = None, chapter: str | None = None):
    """Every obligation of Arts. 4–38 at paragraph level, in our own words (not the treaty's
    text), with the reservations allowed, the Committee's interpreting texts and the mappings."""
    book = selectors.catalogue()
    entries = book.obligations
    if kind:
        entries = [e for e in entries if e.obligation.kind == kind]
    if chapter:
        entries = [e for e in entries if e.chapter == chapter.upper()]
    return json_bytes_response(dumps([presenters.obligation(e) for e in entries]))


@api.read("/obligations/{obligation_id}", ObligationOut, "One obligation", errors={404: ErrorOut})
def obligation(request: HttpRequest, obligation_id: str):
    return presenters.obligation(selectors.catalogue().get(obligation_id))


@api.read(
    "/mappings",
    list[MappingOut],
    "Mappings to the OPSC, the WeProtect MNR areas and SDG 16.2",
    errors={422: ErrorOut},
    description="`instrument` is `opsc`, `mnr` or `sdg` (all when omitted). Relations are "
    "`equivalent`, `partial` or `related`. WeProtect mappings are to the six capability areas "
    "only: the names of the individual capabilities are unconfirmed.",
)
def mappings(request: HttpRequest, instrument: str | None = None):
    if instrument and instrument not in Instrument.values:
        raise InvalidInput(
            f"instrument must be one of {', '.join(Instrument.values)}; got {instrument!r}.",
            field="instrument",
        )
    return [presenters.mapping(m) for m in selectors.catalogue().mappings(instrument)]


def _assessment_out(assessment: Any) -> dict[str, Any]:
    book = selectors.catalogue()
    sheet = selectors.sheet_of(assessment)
    hints = selectors.hints_for(
        state=assessment.state,
        weprotect_member=assessment.weprotect_member,
        as_of=timezone.localdate(),
        book=book,
    )
    return presenters.assessment(
        assessment,
        answers=sheet.answers,
        hints=hints,
        chapters=selectors.chapter_counts(sheet, book),
    )


@api.read(
    "/assessments",
    list[AssessmentSummaryOut],
    "Your team's assessments",
    who="signed-in",
    errors={401: ErrorOut},
)
def assessments(request: HttpRequest):
    return [presenters.assessment_summary(a) for a in selectors.assessments_of(request.user)]


@api.create(
    "/assessments",
    AssessmentOut,
    "Start an assessment (officials of a State, for their State)",
    errors=ERRORS,
)
def assessment_create(request: HttpRequest, payload: AssessmentIn):
    user: Any = request.user
    assessment = services.assessment_create(
        user=user,
        state_code=payload.state or (user.state_id or ""),
        title=payload.title,
        weprotect_member=payload.weprotect_member,
    )
    return Status(201, _assessment_out(selectors.assessment_get(assessment.pk, user=user)))


@api.read(
    "/assessments/{int:assessment_id}",
    AssessmentOut,
    "One assessment with its current answers and hints",
    who="signed-in",
    errors=ERRORS,
)
def assessment(request: HttpRequest, assessment_id: int):
    return _assessment_out(selectors.assessment_get(assessment_id, user=request.user))


@api.write(
    "PUT",
    "/assessments/{int:assessment_id}/answers/{obligation_id}",
    AnswerOut,
    "Save an answer (a new version; the history is kept)",
    errors=ERRORS,
)
def answer_put(request: HttpRequest, assessment_id: int, obligation_id: str, payload: AnswerIn):
    user: Any = request.user
    found = selectors.assessment_get(assessment_id, user=user)
    selectors.catalogue().get(obligation_id)
    answer, problems = clean_answer(
        payload.dict(), allowed_followups=selectors.allowed_followup_answers(obligation_id)
    )
    if problems:
        first = problems[0]
        raise InvalidInput(
            "; ".join(f"{p.field}: {p.message}" for p in problems), field=first.field
        )
    services.answers_record(
        user=user,
        assessment=found,
        answers={obligation_id: answer},
        source=AnswerVersion.Source.API,
    )
    # A blank answer where none was given before records nothing; it is echoed back as given.
    current = selectors.current_answers(found).get(obligation_id, answer)
    return presenters.answer(obligation_id, current)


@api.read(
    "/assessments/{int:assessment_id}/export",
    ExportOut,
    "The current answers in the versioned exchange format",
    who="signed-in",
    errors=ERRORS,
)
def export(request: HttpRequest, assessment_id: int) -> HttpResponse:
    found = selectors.assessment_get(assessment_id, user=request.user)
    document = exchange.export_document(
        selectors.sheet_of(found), book=selectors.catalogue(), exported_at=timezone.now()
    )
    response = json_bytes_response(exchange.export_bytes(document))
    response["Content-Disposition"] = (
        f'attachment; filename="readiness-{found.state_id}-{found.pk}.json"'
    )
    return response


@api.create(
    "/assessments/import",
    AssessmentOut,
    "Create an assessment from an exported file",
    errors={401: ErrorOut, 403: ErrorOut, 413: ImportErrorOut, 422: ImportErrorOut},
    description="The body is a file in the exchange format (see `GET …/export`). Every answer is "
    "checked; if any has a problem the answer is 422 with one entry per problem (line, answer, "
    "field, message) and nothing is saved.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExportOut"}}},
        }
    },
)
def assessment_import(request: HttpRequest):
    user: Any = request.user
    # The declared size first: a body over the limit is refused before it is read.
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    exchange.check_size(declared)
    parsed = exchange.parse_export(request.body)
    state = parsed.state or user.state_id or ""
    if getattr(user, "state_id", None) and state != user.state_id:
        refusal = gettext("this file is for %(state)s; you can import only for %(own)s")
        problem = exchange.RowError.of_file(
            "state", refusal % {"state": state, "own": user.state_id}
        )
        raise exchange.ImportRefused([problem])
    created = services.assessment_import(
        user=user,
        state_code=state,
        title=parsed.title or "Imported assessment",
        weprotect_member=parsed.weprotect_member,
        answers=parsed.answers,
    )
    return Status(201, _assessment_out(selectors.assessment_get(created.pk, user=user)))
