"""Small helpers for API responses that bypass schema validation on hot, cached paths."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse


def dumps(payload: Any) -> bytes:
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def json_bytes_response(body: bytes, *, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def error_response(payload: dict[str, Any], *, status: int) -> HttpResponse:
    return json_bytes_response(dumps(payload), status=status)
