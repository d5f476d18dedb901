"""A page and its downloads declared at once (`core.http.routes.page_with_downloads`)."""

from __future__ import annotations

import pytest
from django.http import HttpResponse

from lanzarote.core.http.routes import page_with_downloads


def page(request):
    return HttpResponse("page")


def as_csv(request):
    return HttpResponse("csv")


def test_each_download_sits_at_the_pages_address_with_its_extension():
    routes = page_with_downloads("things/<int:pk>/", page, name="thing", csv=as_csv)
    assert [(str(r.pattern), r.name, r.callback) for r in routes] == [
        ("things/<int:pk>/", "thing", page),
        ("things/<int:pk>.csv", "thing_csv", as_csv),
    ]


def test_a_route_without_a_final_slash_is_refused():
    with pytest.raises(ValueError, match="ends in a slash"):
        page_with_downloads("things", page, name="things", csv=as_csv)
