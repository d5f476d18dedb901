"""Domain errors: every refusal says what was wrong and, where a rule decided it, which article.

Views and the API map these to HTTP statuses; the command line prints them on one line.
"""

from __future__ import annotations


class DomainError(Exception):
    """A request the domain refuses. `status` is the HTTP status the API answers with."""

    status = 400

    def __init__(self, message: str, *, article: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.article = article
        self.field = field

    def as_dict(self) -> dict[str, str]:
        payload = {"detail": self.message}
        if self.article:
            payload["article"] = self.article
        if self.field:
            payload["field"] = self.field
        return payload


class NotFound(DomainError):
    status = 404


class InvalidInput(DomainError):
    status = 422


class Conflict(DomainError):
    status = 409


class Unauthorised(DomainError):
    status = 401


class Forbidden(DomainError):
    status = 403


class BadRequest(DomainError):
    """Input the server cannot even read: a NUL byte, a body that is not JSON, a broken form."""

    status = 400


class PayloadTooLarge(DomainError):
    """A body or upload over the limit of its route; refused before it is read."""

    status = 413


class TooManyRequests(DomainError):
    """A client over its rate on an expensive endpoint; `retry_after` is in seconds."""

    status = 429

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class ServiceUnavailable(DomainError):
    """The database or another service the request needs does not answer; worth retrying."""

    status = 503
    retry_after = 30
