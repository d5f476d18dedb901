"""Where the answers of an interview live: in an assessment of the database (a team of
officials), or only in the visitor's browser (anonymous mode, which writes nothing to any table
of the database, the session store included). The pages use either through the same few
methods."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from lanzarote.core.errors import NotFound
from lanzarote.readiness import browser_store, selectors, services
from lanzarote.readiness.answers import Answer, AnswerSheet, clean_answer
from lanzarote.readiness.models import AnswerVersion, Assessment
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State


class TeamWorkspace:
    anonymous = False

    def __init__(self, request: HttpRequest, assessment: Assessment) -> None:
        self.request = request
        self.assessment = assessment
        self._sheet: AnswerSheet | None = None

    def sheet(self) -> AnswerSheet:
        if self._sheet is None:
            self._sheet = selectors.sheet_of(self.assessment)
        return self._sheet

    def save(self, answers: dict[str, Answer]) -> int:
        written = services.answers_record(
            user=self.request.user,  # type: ignore[arg-type]
            assessment=self.assessment,
            answers=answers,
            source=AnswerVersion.Source.WEB,
        )
        self._sheet = None
        return len(written)

    def url(self, name: str, **kwargs: Any) -> str:
        return reverse(f"readiness:{name}", kwargs={"pk": self.assessment.pk, **kwargs})


class BrowserWorkspace:
    """Answers kept in the visitor's browser only: signed, compressed cookies that the browser
    sends back with each page (lanzarote.readiness.browser_store). The server reads them for the
    request it answers and keeps nothing; a view hands its response to `keep_in` so that the
    changed answers travel back to the browser."""

    anonymous = True

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._stored = browser_store.read(request)
        self._changed = False
        self._cleared = False

    @classmethod
    def of(cls, request: HttpRequest) -> BrowserWorkspace:
        """The one workspace of this request, so that every part of a view sees the same
        answers and `keep_in` writes what any of them changed."""
        workspace = getattr(request, "_readiness_browser_workspace", None)
        if workspace is None:
            workspace = cls(request)
            request._readiness_browser_workspace = workspace  # type: ignore[attr-defined]
        return workspace

    @property
    def started(self) -> bool:
        return self._stored is not None

    def _keep(self, data: dict[str, Any]) -> None:
        # Refused here (413), before the view reports success, if the browser could not hold it.
        browser_store.encode(data)
        self._stored = data
        self._changed = True
        self._cleared = False

    def _data(self) -> dict[str, Any]:
        return self._stored or {
            "state": None,
            "title": "",
            "weprotect_member": False,
            "answers": {},
        }

    def start(self, *, state: str | None, title: str, weprotect_member: bool) -> None:
        data = dict(self._data())
        data.update({"state": state or None, "title": title, "weprotect_member": weprotect_member})
        self._keep(data)

    def replace(
        self, *, state: str | None, title: str, weprotect_member: bool, answers: dict[str, Answer]
    ) -> None:
        self._keep(
            {
                "state": state or None,
                "title": title,
                "weprotect_member": weprotect_member,
                "answers": {code: a.as_dict() for code, a in answers.items()},
            }
        )

    def clear(self) -> None:
        self._stored = None
        self._changed = False
        self._cleared = True

    def keep_in(self, response: HttpResponse) -> HttpResponse:
        """Send the answers back to the browser with `response` if this request changed them."""
        if self._cleared:
            browser_store.forget(self.request, response)
        elif self._changed and self._stored is not None:
            browser_store.write(self.request, response, self._stored)
        return response

    def state(self) -> State | None:
        code = self._data().get("state")
        if not code:
            return None
        try:
            return registry.state_get(code)
        except NotFound:  # a State removed from the reference data: carry on without it
            return None

    def sheet(self) -> AnswerSheet:
        data = self._data()
        answers = {}
        book = selectors.catalogue()
        for code, raw in (data.get("answers") or {}).items():
            if code not in book.by_code:
                continue
            answer, problems = clean_answer(
                raw, allowed_followups=selectors.allowed_followup_answers(code)
            )
            if not problems:
                answers[code] = answer
        return AnswerSheet(
            state=self.state(),
            title=data.get("title") or "",
            weprotect_member=bool(data.get("weprotect_member")),
            answers=answers,
        )

    def save(self, answers: dict[str, Answer]) -> int:
        data = self._data()
        stored = dict(data.get("answers") or {})
        changed = 0
        for code, answer in answers.items():
            previous = stored.get(code)
            if previous == answer.as_dict() or (previous is None and answer.is_blank):
                continue
            stored[code] = answer.as_dict()
            changed += 1
        self._keep({**data, "answers": stored})
        return changed

    def url(self, name: str, **kwargs: Any) -> str:
        return reverse(f"readiness:anonymous_{name}", kwargs=kwargs)
