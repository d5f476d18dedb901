"""KnownDate and the calendar arithmetic of final clauses."""

import calendar
from datetime import date, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lanzarote.treaty_law.dates import (
    KnownDate,
    Precision,
    When,
    add_months,
    first_day_of_month_after_period,
)

# Far enough from date.min/date.max that adding a few months never overflows.
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


@st.composite
def known_dates(draw: st.DrawFn) -> KnownDate:
    kind = draw(
        st.sampled_from(["exact", "month", "year", "between", "before", "after", "unknown"])
    )
    d = draw(dates)
    if kind == "exact":
        return KnownDate.exact(d)
    if kind == "month":
        return KnownDate.month(d.year, d.month)
    if kind == "year":
        return KnownDate.year(d.year)
    if kind == "between":
        other = draw(dates)
        return KnownDate.between(min(d, other), max(d, other))
    if kind == "before":
        return KnownDate.on_or_before(d)
    if kind == "after":
        return KnownDate.on_or_after(d)
    return KnownDate.unknown()


# -- first day of the month after a period -------------------------------------------------


@pytest.mark.parametrize(
    ("deposit", "expected"),
    [
        (date(2019, 10, 15), date(2020, 2, 1)),
        (date(2019, 10, 1), date(2020, 2, 1)),
        (date(2019, 10, 31), date(2020, 2, 1)),
        (date(2009, 11, 18), date(2010, 3, 1)),
        (date(2016, 3, 1), date(2016, 7, 1)),  # Slovak Republic: deposit on the 1st
        (date(2020, 12, 21), date(2021, 4, 1)),  # Ireland, across a year end
    ],
)
def test_first_day_of_month_after_three_months(deposit: date, expected: date) -> None:
    assert first_day_of_month_after_period(deposit, 3) == expected


@given(dates)
def test_first_day_after_three_months_is_first_of_fourth_month(d: date) -> None:
    result = first_day_of_month_after_period(d, 3)
    assert result.day == 1
    assert month_index(result) == month_index(d) + 4
    assert result > d + timedelta(days=89)
    assert result <= add_months(d, 4)


@given(dates, dates, st.integers(min_value=0, max_value=24))
def test_first_day_after_period_is_monotone(a: date, b: date, months: int) -> None:
    early, late = min(a, b), max(a, b)
    assert first_day_of_month_after_period(early, months) <= first_day_of_month_after_period(
        late, months
    )


@given(dates, st.integers(min_value=0, max_value=24))
def test_every_day_of_a_month_gives_the_same_first_day(d: date, months: int) -> None:
    first = d.replace(day=1)
    last = d.replace(day=calendar.monthrange(d.year, d.month)[1])
    result = first_day_of_month_after_period(d, months)
    assert first_day_of_month_after_period(first, months) == result
    assert first_day_of_month_after_period(last, months) == result


# -- add_months ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2001, 10, 18), 3, date(2002, 1, 18)),
        (date(2002, 9, 19), 1, date(2002, 10, 19)),
        (date(2020, 1, 31), 1, date(2020, 2, 29)),
        (date(2021, 1, 31), 1, date(2021, 2, 28)),
        (date(2020, 2, 29), 12, date(2021, 2, 28)),
        (date(2020, 3, 31), -1, date(2020, 2, 29)),
    ],
)
def test_add_months_examples(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@given(dates, st.integers(min_value=-60, max_value=60))
def test_add_months_moves_months_and_clamps_the_day(d: date, n: int) -> None:
    result = add_months(d, n)
    assert month_index(result) == month_index(d) + n
    assert result.day == min(d.day, calendar.monthrange(result.year, result.month)[1])


@given(dates)
def test_add_zero_months_is_identity(d: date) -> None:
    assert add_months(d, 0) == d


# -- constructors and validation -----------------------------------------------------------


def test_constructors_set_bounds_and_precision() -> None:
    assert KnownDate.exact(date(2019, 10, 15)) == KnownDate(
        date(2019, 10, 15), date(2019, 10, 15), Precision.DAY
    )
    assert KnownDate.month(2010, 2) == KnownDate(
        date(2010, 2, 1), date(2010, 2, 28), Precision.MONTH
    )
    assert KnownDate.year(2010) == KnownDate(date(2010, 1, 1), date(2010, 12, 31), Precision.YEAR)
    assert KnownDate.between(date(2010, 4, 1), date(2014, 1, 31)).precision is Precision.RANGE
    assert KnownDate.between(date(2010, 4, 1), date(2010, 4, 1)) == KnownDate.exact(
        date(2010, 4, 1)
    )
    assert KnownDate.on_or_before(date(2016, 6, 30)).earliest is None
    assert KnownDate.on_or_after(date(2010, 4, 1)).latest is None
    assert KnownDate.unknown() == KnownDate(None, None, Precision.UNKNOWN)


def test_crossed_bounds_are_refused_with_both_dates_named() -> None:
    with pytest.raises(ValueError, match=r"2014-01-31 is after latest date 2010-04-01"):
        KnownDate.between(date(2014, 1, 31), date(2010, 4, 1))


@pytest.mark.parametrize(
    ("earliest", "latest", "precision", "message"),
    [
        (date(2010, 1, 1), date(2010, 1, 1), Precision.RANGE, "use KnownDate.exact"),
        (None, None, Precision.RANGE, "at least one bound"),
        (date(2010, 1, 1), None, Precision.UNKNOWN, "cannot have bounds"),
        (date(2010, 1, 1), date(2010, 1, 2), Precision.DAY, "equal"),
        (date(2010, 1, 2), date(2010, 1, 31), Precision.MONTH, "calendar month"),
        (date(2010, 1, 1), date(2010, 12, 30), Precision.YEAR, "calendar year"),
        (date(2010, 1, 1), None, Precision.DAY, "needs both bounds"),
    ],
)
def test_inconsistent_precision_is_refused(
    earliest: date | None, latest: date | None, precision: Precision, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        KnownDate(earliest, latest, precision)


def test_datetimes_are_refused() -> None:
    with pytest.raises(TypeError, match="must be a date"):
        KnownDate.exact(datetime(2019, 10, 15, 12, 0))


def test_precision_may_be_given_as_text() -> None:
    assert KnownDate(date(2010, 3, 1), date(2010, 3, 31), "month") == KnownDate.month(2010, 3)  # type: ignore[arg-type]


# -- what is certain -----------------------------------------------------------------------


def test_exact_date_value() -> None:
    exact = KnownDate.exact(date(2019, 10, 15))
    assert exact.is_exact
    assert exact.value == date(2019, 10, 15)
    assert KnownDate.month(2010, 3).value is None
    assert not KnownDate.month(2010, 3).is_exact


def test_certainty_questions_on_a_bounded_date() -> None:
    spring = KnownDate.between(date(2010, 4, 1), date(2010, 6, 30))
    assert spring.certainly_on_or_before(date(2010, 6, 30))
    assert not spring.certainly_on_or_before(date(2010, 6, 29))
    assert spring.certainly_after(date(2010, 3, 31))
    assert not spring.certainly_after(date(2010, 4, 1))
    assert spring.possibly_on_or_before(date(2010, 4, 1))
    assert not spring.possibly_on_or_before(date(2010, 3, 31))


def test_unknown_date_is_possible_everywhere_certain_nowhere() -> None:
    unknown = KnownDate.unknown()
    day = date(2015, 1, 1)
    assert unknown.possibly_on_or_before(day)
    assert unknown.possibly_after(day)
    assert not unknown.certainly_on_or_before(day)
    assert not unknown.certainly_after(day)


def test_intersect_narrows_bounds() -> None:
    before = KnownDate.on_or_before(date(2016, 6, 30))
    after = KnownDate.on_or_after(date(2014, 7, 17))
    assert before.intersect(after) == KnownDate.between(date(2014, 7, 17), date(2016, 6, 30))
    assert KnownDate.month(2010, 3).intersect(KnownDate.unknown()) == KnownDate.month(2010, 3)
    assert KnownDate.exact(date(2010, 3, 5)).intersect(KnownDate.month(2010, 3)).is_exact


def test_intersect_of_disjoint_dates_is_refused() -> None:
    with pytest.raises(ValueError, match="do not overlap"):
        KnownDate.month(2010, 3).intersect(KnownDate.month(2011, 3))


def test_map_monotone_collapses_a_month_to_one_day() -> None:
    march = KnownDate.month(2010, 3)
    mapped = march.map_monotone(lambda d: first_day_of_month_after_period(d, 3))
    assert mapped == KnownDate.exact(date(2010, 7, 1))


def test_map_monotone_keeps_open_sides_open() -> None:
    mapped = KnownDate.on_or_before(date(2016, 6, 30)).map_monotone(
        lambda d: first_day_of_month_after_period(d, 3)
    )
    assert mapped == KnownDate.on_or_before(date(2016, 10, 1))
    assert KnownDate.unknown().map_monotone(lambda d: d) == KnownDate.unknown()


@given(known_dates(), st.integers(min_value=0, max_value=12))
def test_map_monotone_preserves_bound_order(known: KnownDate, months: int) -> None:
    mapped = known.map_monotone(lambda d: first_day_of_month_after_period(d, months))
    if mapped.earliest is not None and mapped.latest is not None:
        assert mapped.earliest <= mapped.latest
    assert (mapped.earliest is None) == (known.earliest is None)
    assert (mapped.latest is None) == (known.latest is None)


@given(dates, dates, dates, st.integers(min_value=0, max_value=12))
def test_map_monotone_contains_the_image_of_every_inner_date(
    a: date, b: date, inner: date, months: int
) -> None:
    low, high = min(a, b), max(a, b)
    assume(low <= inner <= high)
    mapped = KnownDate.between(low, high).map_monotone(
        lambda d: first_day_of_month_after_period(d, months)
    )
    image = first_day_of_month_after_period(inner, months)
    assert mapped.earliest is not None
    assert mapped.latest is not None
    assert mapped.earliest <= image <= mapped.latest


@given(known_dates(), known_dates())
def test_possibly_same_day_is_symmetric_and_agrees_with_intersect(
    a: KnownDate, b: KnownDate
) -> None:
    """Whether a reservation may have been made on the day of a deposit: the two statements
    about dates may name one day exactly when they can both be true."""
    assert a.possibly_same_day(b) == b.possibly_same_day(a)
    try:
        a.intersect(b)
    except ValueError:
        assert not a.possibly_same_day(b)
    else:
        assert a.possibly_same_day(b)


def test_possibly_same_day_examples() -> None:
    september = KnownDate.month(2010, 9)
    assert september.possibly_same_day(KnownDate.exact(date(2010, 9, 27)))
    assert not september.possibly_same_day(KnownDate.exact(date(2010, 10, 1)))
    assert KnownDate.unknown().possibly_same_day(KnownDate.exact(date(2024, 3, 5)))


# -- text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-10-15", KnownDate.exact(date(2019, 10, 15))),
        ("2010-03", KnownDate.month(2010, 3)),
        ("2010", KnownDate.year(2010)),
        ("..2016-06-30", KnownDate.on_or_before(date(2016, 6, 30))),
        ("2010-04-01..", KnownDate.on_or_after(date(2010, 4, 1))),
        ("2010-04-01..2014-01-31", KnownDate.between(date(2010, 4, 1), date(2014, 1, 31))),
        ("..2016-06", KnownDate.on_or_before(date(2016, 6, 30))),
        ("2010..2011", KnownDate.between(date(2010, 1, 1), date(2011, 12, 31))),
        ("", KnownDate.unknown()),
        ("unknown", KnownDate.unknown()),
        (" Unknown ", KnownDate.unknown()),
    ],
)
def test_parse(text: str, expected: KnownDate) -> None:
    assert KnownDate.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("15/10/2019", "expected YYYY-MM-DD"),
        ("2019-13", "month must be in 1..12"),
        ("2019-02-30", "day is out of range"),
        ("..", "at least one bound"),
        ("2016-01-01..2015-01-01", "starts after it ends"),
        ("UNCONFIRMED", "expected YYYY-MM-DD"),
    ],
)
def test_parse_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as error:
        KnownDate.parse(text)
    assert repr(text) in str(error.value)


@given(known_dates())
def test_text_round_trips_through_parse(known: KnownDate) -> None:
    assert KnownDate.parse(str(known)) == known


@given(known_dates())
def test_dict_round_trips_through_from_dict(known: KnownDate) -> None:
    assert KnownDate.from_dict(known.as_dict()) == known


def test_from_dict_names_a_bad_field() -> None:
    with pytest.raises(ValueError, match="earliest must be an ISO date string"):
        KnownDate.from_dict({"earliest": 2010, "latest": None, "precision": "range"})


def test_as_dict() -> None:
    assert KnownDate.exact(date(2019, 10, 15)).as_dict() == {
        "date": "2019-10-15",
        "precision": "day",
        "earliest": "2019-10-15",
        "latest": "2019-10-15",
    }
    assert KnownDate.on_or_before(date(2016, 6, 30)).as_dict() == {
        "date": None,
        "precision": "range",
        "earliest": None,
        "latest": "2016-06-30",
    }
    assert KnownDate.unknown().as_dict()["precision"] == "unknown"


def long_date(d: date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


FRENCH = {
    "on or before {date}": "le {date} ou avant",
    "on or after {date}": "le {date} ou après",
    "between {earliest} and {latest}": "entre le {earliest} et le {latest}",
    "date unknown": "date inconnue",
    "on {date}": "le {date}",
    "in {month}": "en {month}",
}


def french(text: str) -> str:
    return FRENCH.get(text, text)


@pytest.mark.parametrize(
    ("known", "english", "in_french"),
    [
        (KnownDate.exact(date(2019, 10, 15)), "15 October 2019", "15 October 2019"),
        (KnownDate.month(2010, 3), "2010-03", "2010-03"),
        (KnownDate.year(2010), "2010", "2010"),
        (
            KnownDate.on_or_before(date(2016, 6, 30)),
            "on or before 30 June 2016",
            "le 30 June 2016 ou avant",
        ),
        (
            KnownDate.on_or_after(date(2010, 4, 1)),
            "on or after 1 April 2010",
            "le 1 April 2010 ou après",
        ),
        (
            KnownDate.between(date(2010, 4, 1), date(2014, 1, 31)),
            "between 1 April 2010 and 31 January 2014",
            "entre le 1 April 2010 et le 31 January 2014",
        ),
        (KnownDate.unknown(), "date unknown", "date inconnue"),
    ],
)
def test_describe(known: KnownDate, english: str, in_french: str) -> None:
    assert known.describe(format_date=long_date) == english
    assert known.describe(french, long_date) == in_french


def test_describe_month_uses_the_month_formatter() -> None:
    march = KnownDate.month(2010, 3)
    assert march.describe(format_month=lambda d: d.strftime("%B %Y")) == "March 2010"


@pytest.mark.parametrize(
    ("known", "phrase"),
    [
        (KnownDate.exact(date(2019, 10, 15)), "on 2019-10-15"),
        (KnownDate.month(2010, 3), "in 2010-03"),
        (KnownDate.year(2010), "in 2010"),
        (KnownDate.on_or_before(date(2016, 6, 30)), "on or before 2016-06-30"),
        (KnownDate.unknown(), "on an unknown date"),
    ],
)
def test_when_reads_as_an_adverbial_phrase(known: KnownDate, phrase: str) -> None:
    assert When(known).describe() == phrase
    assert known.describe_when() == phrase
