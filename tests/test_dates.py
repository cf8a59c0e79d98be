"""The one reading of dates: every written form in four languages, partial dates kept partial."""

from __future__ import annotations

import datetime as dt

import pytest

from kbsite.dates import as_date, as_datetime, is_iso, parse_date, year_window


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        # numbers, at the precision written
        ("2015", "2015"),
        ("2015-12", "2015-12"),
        ("2015-12-02", "2015-12-02"),
        ("2015-12-2", "2015-12-02"),
        ("2015/12/02", "2015-12-02"),
        # date-times: the calendar day as written, in its own time zone
        ("2015-12-02T04:47:00Z", "2015-12-02"),
        ("2015-12-02 04:47:00+05:00", "2015-12-02"),
        ("2015-12-02T23:30:00-05:00", "2015-12-02"),
        ("Wed, 02 Dec 2015 04:47:00 +0000", "2015-12-02"),
        ("Dec 02, 2015 04:47 AM EST", "2015-12-02"),
        # day first, unless that cannot be a date
        ("02/12/2015", "2015-12-02"),
        ("2.12.2015", "2015-12-02"),
        ("02-12-2015", "2015-12-02"),
        ("12/25/2015", "2015-12-25"),
        # English
        ("December 2, 2015", "2015-12-02"),
        ("December 2nd, 2015", "2015-12-02"),
        ("2 December 2015", "2015-12-02"),
        ("Tuesday, 1 Dec. 2015", "2015-12-01"),
        ("December 2015", "2015-12"),
        # Spanish
        ("2 de diciembre de 2015", "2015-12-02"),
        ("2 de diciembre del 2015", "2015-12-02"),
        ("diciembre de 2015", "2015-12"),
        # Dutch
        ("2 december 2015", "2015-12-02"),
        ("1 maart 2015", "2015-03-01"),
        ("2 december 2015 om 14:00 uur", "2015-12-02"),
        # Russian
        ("2 декабря 2015 г.", "2015-12-02"),
        ("30 декабря 2015 года", "2015-12-30"),
        ("2 декабря 2015 года, 14:00 МСК", "2015-12-02"),
        ("декабрь 2015", "2015-12"),
        ("в декабре 2015 года", "2015-12"),
        ("в мае 2015 года", "2015-05"),
        # with a time, a label or a preposition in front, or numbers in other orders
        ("02.12.2015 14:00", "2015-12-02"),
        ("02/12/2015, 14:00 GMT", "2015-12-02"),
        ("2015.12.02", "2015-12-02"),
        ("2015/12", "2015-12"),
        ("12/2015", "2015-12"),
        ("Published: 2 December 2015", "2015-12-02"),
        ("el 2 de diciembre de 2015", "2015-12-02"),
        ("miércoles, 2 de diciembre de 2015", "2015-12-02"),
        ("woensdag 2 december 2015", "2015-12-02"),
    ],
)
def test_written_dates(written: str, iso: str) -> None:
    assert parse_date(written) == iso


@pytest.mark.parametrize(
    "written",
    ["yesterday", "2 days ago", "hace 2 días", "Tuesday", "2 December", "soon", "2015-02-30", "2015-13",
     "13/13/2015", "13/2015", "20151202", "99", "Foo 2, 2015", "", "   "],
)
def test_not_dates(written: str) -> None:
    """Nothing relative to today, no made-up year, no impossible day."""
    assert parse_date(written) is None


def test_yaml_objects_and_year_numbers() -> None:
    assert parse_date(dt.date(2015, 12, 2)) == "2015-12-02"
    assert parse_date(dt.datetime(2015, 12, 2, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))) == "2015-12-02"
    assert parse_date(2015) == "2015"
    assert parse_date(20151202) is None
    assert parse_date(True) is None
    assert parse_date(["2015"]) is None


def test_partial_iso() -> None:
    assert [is_iso(v) for v in ("2015", "2015-12", "2015-12-02", "2015-13", "2015-02-30", "--12-30", "15")] == [
        True, True, True, False, False, False, False]
    assert as_date("2015") == dt.date(2015, 7, 1)
    assert as_date("2015-12") == dt.date(2015, 12, 15)
    assert as_date("nope") is None
    assert as_datetime("2015-12") == dt.datetime(2015, 12, 1, tzinfo=dt.UTC)
    assert as_datetime("2015") == dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
    assert sorted(["2015-12-02", "2015", "2014-12", "2015-12"]) == ["2014-12", "2015", "2015-12", "2015-12-02"]


def test_year_window_is_around_the_article_date() -> None:
    low, high = year_window("2015-12-02")
    assert low < 1950 and high > 2040 and not low <= 1400 <= high
    assert year_window(None)[0] > 1400
