"""Issue 10, one reproduction at a time: each line the issue measured names the test that would
fail if it came back. Most live beside the code they guard; `test_every_reproduction_has_its_test`
keeps this index true, and the tests below cover what had no test of its own."""

from __future__ import annotations

import ast
import json
import logging
import re
import secrets
from pathlib import Path

import pytest
from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.http import Http404
from django.test import Client, override_settings
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _

from lanzarote import gunicorn_config
from lanzarote.accounts.models import Role
from lanzarote.core.errors import TooManyRequests
from lanzarote.readiness import browser_store
from lanzarote.urls import urlpatterns as site_urls
from tests.accession.helpers import bearer
from tests.accounts.factories import person
from tests.cli.test_serve_and_settings import BEHIND_PROXY, DOCUMENTED, run_lanzarote

TESTS = Path(__file__).resolve().parents[1]

# (what the issue measured, the test that fails if it comes back)
REPRODUCTIONS = [
    (
        "200 MB anonymous upload read into memory",
        "core/test_edge_limits.py::test_a_200_mb_anonymous_upload_is_refused_unread_in_the_page_language",
    ),
    (
        "1 GB body read before any permission check",
        "core/test_edge_limits.py::test_a_1_gb_body_to_the_import_api_is_refused_before_authentication",
    ),
    (
        "3 MB XLSX zip bomb",
        "core/test_edge_limits.py::test_the_monitoring_import_refuses_an_xlsx_bomb_before_opening_it",
    ),
    (
        "no worker recycling, no timeout",
        "cli/test_serve_and_settings.py::test_gunicorn_recycles_workers_and_bounds_requests",
    ),
    (
        "lockout of everyone behind the proxy",
        "accounts/test_lockout.py::test_bad_sign_ins_with_made_up_names_do_not_lock_out_a_real_user",
    ),
    (
        "lockout per account",
        "accounts/test_lockout.py::test_guessing_one_account_locks_it_for_that_address_and_slows_it_for_everyone",
    ),
    (
        "sign-in refused behind the TLS proxy",
        "cli/test_serve_and_settings.py::test_behind_the_proxy_sign_in_passes_the_origin_check",
    ),
    (
        "SECURE_SSL_REDIRECT loops",
        "cli/test_serve_and_settings.py::test_behind_the_proxy_https_is_recognised_and_the_redirect_does_not_loop",
    ),
    (
        "BEHIND_TLS_PROXY=1 read from the environment",
        "core/test_issue10_reproductions.py::test_the_documented_environment_gives_the_proxy_settings_the_proxy_tests_use",
    ),
    (
        "check --deploy warns",
        "cli/test_serve_and_settings.py::test_check_deploy_is_clean_with_the_documented_environment",
    ),
    (
        "lanzarote serve with DEBUG=True",
        "cli/test_serve_and_settings.py::test_serve_runs_gunicorn_with_its_configuration_and_debug_off",
    ),
    (
        "make run with DEBUG=True",
        "cli/test_serve_and_settings.py::test_the_one_machine_settings_run_without_debug_and_keep_a_generated_key",
    ),
    (
        "DEBUG only with --dev",
        "cli/test_serve_and_settings.py::test_serve_dev_is_the_only_way_to_debug",
    ),
    (
        "NUL in a path, query or header",
        "core/test_edge_limits.py::test_a_nul_byte_in_the_path_the_query_or_a_header_is_400",
    ),
    ("NUL in a JSON body", "core/test_edge_limits.py::test_json_bombs_and_unstorable_text_are_400"),
    (
        "NUL in the JSON body of every operation",
        "core/test_issue10_reproductions.py::test_a_nul_in_the_json_body_of_any_operation_is_400",
    ),
    (
        "offset=99999999999999999999",
        "core/test_edge_validation.py::test_paging_beyond_its_bounds_is_422",
    ),
    (
        "meetings year=-1 and year=30322",
        "core/test_issue10_reproductions.py::test_meetings_of_an_absurd_year_are_422",
    ),
    (
        "entry-into-force?deposited=9999-12-31",
        "core/test_edge_validation.py::test_dates_outside_1900_2200_are_422_naming_the_field",
    ),
    (
        "JSON body over 2.5 MB",
        "core/test_edge_limits.py::test_a_json_body_over_the_default_cap_is_413_not_500",
    ),
    (
        "multipart without a boundary",
        "core/test_edge_limits.py::test_multipart_without_a_boundary_is_400_in_the_page_language",
    ),
    (
        "CSV field over 128 KB",
        "monitoring/test_imports.py::test_a_value_over_the_csv_field_limit_is_a_line_numbered_problem",
    ),
    (
        "CSV with CR-only line endings",
        "monitoring/test_imports.py::test_cr_only_line_endings_are_read_as_lines",
    ),
    (
        "CSV with non-ASCII digits",
        "monitoring/test_imports.py::test_numbers_are_written_with_the_digits_0_to_9",
    ),
    (
        "CSV value too long for its column",
        "monitoring/test_imports.py::test_a_value_too_long_for_its_column_is_refused",
    ),
    (
        "readiness JSON deep nesting",
        "readiness/test_exchange.py::test_deep_nesting_is_refused_before_the_parser_recurses",
    ),
    (
        "readiness JSON 5,000-digit integer",
        "readiness/test_exchange.py::test_a_five_thousand_digit_integer_is_refused_with_its_line",
    ),
    (
        "readiness JSON lone surrogate",
        "core/test_issue10_reproductions.py::test_a_lone_surrogate_in_a_readiness_file_is_refused",
    ),
    (
        'unknown keys ("actor": "x") passed to services',
        "core/test_edge_validation.py::test_an_unknown_field_is_422_and_never_reaches_the_service",
    ),
    (
        "a child identified in a published contribution",
        "monitoring/test_children_screening.py::test_the_issues_contribution_is_held_until_redacted",
    ),
    (
        "facilitator field takes a teacher's name",
        "monitoring/test_children_screening.py::test_the_facilitator_is_never_a_person",
    ),
    (
        "an observer sets is_demo",
        "monitoring/test_children_screening.py::test_a_sender_cannot_set_what_the_committee_decides",
    ),
    (
        "a consent date in 2099",
        "monitoring/test_children_screening.py::test_a_consent_date_is_neither_in_the_future_nor_before_1989",
    ),
    (
        "non-public case 401/403 where a missing one is 404",
        "accession/test_api.py::test_enumerating_references_yields_only_404s",
    ),
    (
        "staff usernames on a public case page",
        "accession/test_confidentiality.py::test_a_public_case_names_roles_and_states_never_accounts",
    ),
    (
        "anyone downloads the signed letter",
        "accession/test_confidentiality.py::test_the_letter_is_for_the_treaty_office_and_the_requesting_state_only",
    ),
    (
        "the requesting State sees who objected, in English",
        "accession/test_confidentiality.py::test_the_requesting_state_learns_consent_failed_not_who_objected",
    ),
    (
        "anonymous readiness answers in django_session",
        "readiness/test_anonymous.py::test_a_full_anonymous_self_assessment_leaves_no_row_anywhere",
    ),
    (
        "TRUNCATE ... CASCADE wipes the log",
        "core/test_append_only.py::test_truncate_cascade_of_the_log_fails_and_wipes_nothing",
    ),
    (
        "the application role can disable the triggers",
        "core/test_db_roles.py::test_the_application_role_cannot_change_the_log",
    ),
    (
        "simultaneous filings refused a reference",
        "accession/test_concurrency.py::test_fifty_simultaneous_filings_get_fifty_references",
    ),
    (
        "orphan letter after a rollback",
        "accession/test_confidentiality.py::test_a_failed_filing_leaves_no_letter_behind",
    ),
    (
        "two schemas share a name in the OpenAPI document",
        "api/test_openapi.py::test_no_two_schemas_share_a_name",
    ),
    (
        "GET case responses fail their schema",
        "api/test_openapi.py::test_case_and_consultation_reply_answers_validate_against_their_schemas",
    ),
    (
        "schemathesis: server errors and responses off their schema",
        "api/test_fuzz.py::test_every_method_with_a_token",
    ),
    (
        "an error page for 400, 403, 404, 413, 429, 500, 503 in EN and FR",
        "core/test_issue10_reproductions.py::test_every_error_has_its_page_in_both_languages",
    ),
]


def _test_names(relative: str) -> set[str]:
    tree = ast.parse((TESTS / relative).read_text())
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_every_reproduction_has_its_test():
    missing = [
        f"{what}: {where}"
        for what, where in REPRODUCTIONS
        if where.split("::")[1] not in _test_names(where.split("::")[0])
    ]
    assert missing == []


# -- what had no test of its own -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["-1", "30322", "1899", "2201"])
def test_meetings_of_an_absurd_year_are_422(client: Client, year):
    response = client.get(f"/api/v1/meetings/?year={year}")
    assert response.status_code == 422, response.content
    assert response.json()["field"] == "year"
    assert client.get("/api/v1/meetings/?year=2024").status_code == 200


def _json_operations() -> list[tuple[str, str]]:
    from lanzarote.api.urls import api

    document = api.get_openapi_schema(path_prefix="/api/v1/")
    found = []
    for route, methods in document["paths"].items():
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                found.append((method, route))
    return sorted(found)


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "route"), _json_operations())
def test_a_nul_in_the_json_body_of_any_operation_is_400(client: Client, method, route):
    """The issue found a 500 on twelve endpoints; every operation that reads JSON refuses it
    (400) before its schema, its permissions or its service see it. The readiness import reads
    its document itself and lists each problem with its field (422), the NUL among them."""
    address = re.sub(r"\{[^}]+\}", "1", route)  # any value: the body is read first
    response = client.generic(
        method.upper(),
        address,
        '{"title": "a\\u0000b"}',
        content_type="application/json",
        headers=bearer(person(Role.TREATY_OFFICE)),
    )
    expected = 422 if route == "/api/v1/readiness/assessments/import" else 400
    assert response.status_code == expected, (method, route, response.content)
    assert "NUL" in response.content.decode()


@pytest.mark.django_db
def test_a_lone_surrogate_in_a_readiness_file_is_refused(client: Client):
    document = (
        '{"schema": "lanzarote.readiness.answers", "version": 1, "state": null, "title": "x", '
        '"weprotect_member": false, "answers": [{"obligation": "4", "notes": "\\ud800"}]}'
    )
    upload = SimpleUploadedFile("answers.json", document.encode(), "application/json")
    response = client.post("/en/readiness/anonymous/import/", {"file": upload})
    assert response.status_code == 400
    assert "surrogate" in response.content.decode()
    assert not any(name.startswith(browser_store.COOKIE_NAME) for name in response.cookies)


def test_the_documented_environment_gives_the_proxy_settings_the_proxy_tests_use(tmp_path):
    """The TLS proxy tests override settings; this checks that the documented environment
    produces exactly those settings in the production module."""
    env = {
        **DOCUMENTED,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    names = sorted(BEHIND_PROXY)
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = run_lanzarote("shell", "-c", script, env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    produced = json.loads(result.stdout.strip().splitlines()[-1])
    assert produced == {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in BEHIND_PROXY.items()
    }
    without = {**env, "BEHIND_TLS_PROXY": "0"}
    result = run_lanzarote("shell", "-c", script, env=without, tmp_path=tmp_path)
    assert json.loads(result.stdout.strip().splitlines()[-1])["SECURE_PROXY_SSL_HEADER"] is None


def test_the_cookie_header_of_a_full_anonymous_assessment_passes_gunicorn():
    # Five pieces of answers, their names, and the session and CSRF cookies beside them.
    largest_cookie_header = browser_store.MAX_BYTES + browser_store.MAX_COOKIES * 40 + 1024
    assert gunicorn_config.limit_request_field_size >= largest_cookie_header


# -- one page per error, in both languages -------------------------------------------------------


def _raiser(exception: Exception):  # type: ignore[no-untyped-def]
    def view(request):  # type: ignore[no-untyped-def]
        raise exception

    return view


ERRORS = {
    400: (BadRequest("x"), "The request could not be read"),
    403: (PermissionDenied(), "Access refused"),
    404: (Http404(), "Page not found"),
    413: (RequestDataTooBig(), "Too large"),
    429: (TooManyRequests("x", retry_after=30), "Too many requests"),
    500: (RuntimeError("secret detail"), "Something went wrong"),
    503: (OperationalError("secret detail"), "Temporarily unavailable"),
}

urlpatterns = [
    *(
        path(f"{language}/error-{status}/", _raiser(exception))
        for status, (exception, _title) in ERRORS.items()
        for language in ("en", "fr")
    ),
    *site_urls,
]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("status", sorted(ERRORS))
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_error_has_its_page_in_both_languages(status, language, caplog):
    title = ERRORS[status][1]
    with translation.override(language):
        expected = _(title)
    if language == "fr":
        assert expected != title, f"{title!r} has no French translation"
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.CRITICAL):
        response = client.get(f"/{language}/error-{status}/")
    body = response.content.decode()
    assert response.status_code == status
    assert f'lang="{language}"' in body
    assert expected in body
    assert "secret detail" not in body and "Traceback" not in body
