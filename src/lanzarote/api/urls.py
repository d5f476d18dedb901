"""The HTTP API under /api/v1/: one router per domain app, OpenAPI at /api/v1/openapi.json."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from lanzarote.accession.api import router as accession_router
from lanzarote.api.responses import error_response
from lanzarote.committee.api import meetings_router, projects_router, texts_router
from lanzarote.committee.api import router as committee_router
from lanzarote.core.errors import DomainError
from lanzarote.monitoring.api import router as monitoring_router
from lanzarote.readiness.api import router as readiness_router
from lanzarote.registry.api import router as registry_router

api = NinjaAPI(
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
    return error_response(exc.as_dict(), status=exc.status)


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
    for error in exc.errors:
        where = ".".join(
            str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")
        )
        problems.append(
            f"{where}: {error.get('msg', 'invalid value')}" if where else error.get("msg", "")
        )
    return error_response({"detail": "; ".join(problems), "errors": exc.errors}, status=422)


@api.get("/health", tags=["service"], summary="A trivial answer, used as the benchmark baseline")
def health(request: HttpRequest) -> dict[str, bool]:
    return {"ok": True}


api.add_router("/", registry_router)
api.add_router("/accession-cases", accession_router)
api.add_router("/readiness", readiness_router)
api.add_router("/committee", committee_router)
api.add_router("/meetings", meetings_router)
api.add_router("/texts", texts_router)
api.add_router("/projects", projects_router)
api.add_router("/monitoring", monitoring_router)
