"""The HTTP API under /api/v1/: one router per domain app, OpenAPI at /api/v1/openapi.json."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from lanzarote.api.responses import error_response
from lanzarote.core.errors import DomainError
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
