"""The HTTP API under /api/v1/: one router per domain app, OpenAPI at /api/v1/openapi.json."""

import logging

from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from lanzarote.accession.api import router as accession_router
from lanzarote.committee.api import meetings_router, projects_router, texts_router
from lanzarote.committee.api import router as committee_router
from lanzarote.core.errors import DomainError
from lanzarote.core.health import report as health_report
from lanzarote.core.http.errors import error_response as edge_error
from lanzarote.core.http.errors import status_for
from lanzarote.core.http.limits import load_json
from lanzarote.core.http.responses import error_response
from lanzarote.monitoring.api import router as monitoring_router
from lanzarote.readiness.api import router as readiness_router
from lanzarote.registry.api import router as registry_router

logger = logging.getLogger("django.request")


class GuardedParser(Parser):
    """JSON bodies through the edge's guarded loader: nesting, huge numbers, NUL characters and
    lone surrogates are refused with a 400 that says which."""

    def parse_body(self, request: HttpRequest) -> dict:
        return load_json(request.body)


api = NinjaAPI(
    parser=GuardedParser(),
    title="Lanzarote API",
    version="1",
    description=(
        "Who is bound by the Council of Europe Convention on the Protection of Children against "
        "Sexual Exploitation and Sexual Abuse (CETS No. 201), since when and on what evidence, "
        "computed from an append-only log of treaty actions. Dates are ISO 8601; States are "
        "ISO 3166-1 alpha-2 codes; treaties are slugs (`cets-201`, `opsc`). A date that is not "
        "known to the day carries `precision`, `earliest` and `latest`."
    ),
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return edge_error(request, exc.status, exception=exc)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # django-ninja wraps a body it could not parse; the parser's own refusal says why.
    if isinstance(exc.__cause__, DomainError):
        return domain_error(request, exc.__cause__)
    return error_response({"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(Exception)
def unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Bad input that Django or the database refused gets its 4xx; anything else is logged with
    its traceback and answered with a JSON 500 that shows none."""
    status = status_for(exc)
    if status is None:
        logger.error(
            "Internal Server Error: %s", request.path, exc_info=exc, extra={"request": request}
        )
        status = 500
    return edge_error(request, status, exception=exc)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    if request.headers.get("Authorization"):
        detail = (
            "The credentials sent are not valid: the token is unknown, expired or revoked. "
            "Send a personal API token as `Authorization: Bearer <token>`."
        )
    else:
        detail = (
            "Authentication required: send a personal API token as `Authorization: Bearer "
            "<token>`, or sign in and send the session cookie (with the CSRF token for writes)."
        )
    response = error_response({"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="lanzarote"'
    return response


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    fields = []
    for error in exc.errors:
        location = list(error.get("loc", ()))
        if location[:2] == ["body", "payload"]:
            # `payload` is the name of the view's parameter, not a field the client sent.
            location = location[2:]
        where = ".".join(
            str(part)
            for part in location
            if part not in ("query", "path", "body", "form", "file", "header", "cookie")
        )
        fields.append(where)
        problems.append(
            f"{where}: {error.get('msg', 'invalid value')}" if where else error.get("msg", "")
        )
    payload = {"detail": "; ".join(problems), "errors": exc.errors}
    if fields and fields[0]:
        payload["field"] = fields[0]
    return error_response(payload, status=422)


class HealthCheckOut(Schema):
    status: str = Field(description="`ok`, `degraded` or `down`")
    detail: str
    backend: str | None = None
    waiting: int | None = Field(None, description="tasks due and not yet taken by a worker")
    failed: int | None = Field(None, description="tasks that failed their last attempt")
    oldest_waiting_seconds: int | None = None


class HealthOut(Schema):
    status: str = Field(
        description="`ok`; `degraded` when the cache or the queue is in trouble (the site still "
        "answers); `down` when the database does not answer (HTTP 503)"
    )
    checks: dict[str, HealthCheckOut]
    took_ms: float


@api.get(
    "/health",
    tags=["service"],
    response={200: HealthOut, 503: HealthOut},
    summary="The database, its replica, the shared cache and the task queue, as this instance sees them",
)
def health(request: HttpRequest) -> Status:
    status, body = health_report()
    return Status(status, body)


@api.get("/health/live", tags=["service"], summary="The process answers (the benchmark's baseline)")
def alive(request: HttpRequest) -> dict[str, bool]:
    return {"ok": True}


api.add_router("/", registry_router)
api.add_router("/accession-cases", accession_router)
api.add_router("/readiness", readiness_router)
api.add_router("/committee", committee_router)
api.add_router("/meetings", meetings_router)
api.add_router("/texts", texts_router)
api.add_router("/projects", projects_router)
api.add_router("/monitoring", monitoring_router)
