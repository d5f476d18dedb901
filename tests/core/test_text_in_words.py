"""Dates, ordinals and names as French and English readers write them (issue 15)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from lanzarote.core.rules import format_date
from lanzarote.core.text import day_in_words, name_key, ordinal, sorted_by_name


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", date(2026, 2, 1), "1er février 2026"),
        ("fr", date(2026, 2, 2), "2 février 2026"),
        ("fr", date(2026, 2, 21), "21 février 2026"),
        ("en", date(2026, 2, 1), "1 February 2026"),
    ],
)
def test_a_day_in_words(language: str, day: date, expected: str) -> None:
    with translation.override(language):
        assert day_in_words(day) == expected
        assert format_date(day) == expected


def test_every_template_date_filter_writes_the_first_of_the_month_as_an_ordinal() -> None:
    template = Template(
        '{{ day|date:"j F Y" }}|{{ moment|date:"j F Y, H:i" }}|{{ day|date:"Y-m-d" }}|'
        '{{ day|date:"F Y" }}|{{ day|date }}|{{ missing|date:"j F Y" }}'
    )
    context = Context({"day": date(2010, 7, 1), "moment": datetime(2010, 7, 1, 9, 30)})
    with translation.override("fr"):
        assert template.render(context) == (
            "1er juillet 2010|1er juillet 2010, 09:30|2010-07-01|juillet 2010|1er juillet 2010|"
        )
    with translation.override("en"):
        assert template.render(context).startswith("1 July 2010|1 July 2010, 09:30|2010-07-01|")


def test_meeting_ordinals_agree_with_the_feminine_noun() -> None:
    with translation.override("fr"):
        assert ordinal(1, feminine=True) == "1re"
        assert ordinal(1) == "1er"
        assert ordinal(2, feminine=True) == "2e"
    with translation.override("en"):
        assert ordinal(1, feminine=True) == "1st"
        assert ordinal(22) == "22nd"


def test_names_sort_as_in_a_dictionary_not_by_code_point() -> None:
    names = ["Zimbabwe", "Égypte", "Burundi", "Bélarus", "Espagne", "Estonie", "Eswatini"]
    assert sorted_by_name(names, str) == [
        "Bélarus",
        "Burundi",
        "Égypte",
        "Espagne",
        "Estonie",
        "Eswatini",
        "Zimbabwe",
    ]
    assert name_key("Etat") < name_key("État")
