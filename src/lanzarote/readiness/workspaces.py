"""Where the answers of an interview live: in an assessment of the database (a team of
officials), or only in the browser session (anonymous mode, which writes nothing to the
database's tables of assessments, answers or audit records). The pages use either through the
same few methods."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from lanzarote.core.errors import NotFound
from lanzarote.readiness import selectors, services
from lanzarote.readiness.answers import Answer, AnswerSheet, clean_answer
from lanzarote.readiness.models import AnswerVersion, Assessment
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State

SESSION_KEY = "readiness.anonymous"


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


class SessionWorkspace:
    """Answers kept in `request.session` only."""

    anonymous = True

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @property
    def started(self) -> bool:
        return SESSION_KEY in self.request.session

    def _keep(self, data: dict[str, Any]) -> None:
        self.request.session[SESSION_KEY] = data
        if not getattr(self.request.user, "is_authenticated", False):
            # Gone when the browser closes, as the page promises.
            self.request.session.set_expiry(0)

    def _data(self) -> dict[str, Any]:
        return self.request.session.get(SESSION_KEY) or {
            "state": None,
            "title": "",
            "weprotect_member": False,
            "answers": {},
        }

    def start(self, *, state: str | None, title: str, weprotect_member: bool) -> None:
        data = self._data()
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
        self.request.session.pop(SESSION_KEY, None)

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
        data["answers"] = stored
        self._keep(data)
        return changed

    def url(self, name: str, **kwargs: Any) -> str:
        return reverse(f"readiness:anonymous_{name}", kwargs=kwargs)
