"""The one reading of dates in kbsite: metadata values, command-line filters, feeds and the timeline.

A date is kept at the precision it was written: "2015" stays "2015" and "December 2015"
becomes "2015-12" (partial ISO 8601), never a made-up first of January. Everything that
compares or sorts dates uses these strings, which sort like the dates they name; a feed,
which needs an instant, takes the first moment of the period (`as_datetime`).

Written forms (`parse_date`):
- numbers: 2015, 2015-12, 2015-12-02, 2015/12/02, 2015/12, 12/2015, ISO date-times with or without a
  time zone;
- day-first numbers: 02/12/2015, 2.12.2015, 02-12-2015 are 2 December 2015, as es, nl, ru and
  British English write them; only when the first number cannot be a month-day pair that way
  (12/25/2015) is it read month first;
- words, in English, Spanish, Dutch and Russian (read by `dateparser`): "December 2, 2015",
  "2 de diciembre de 2015", "2 december 2015", "2 декабря 2015 г.", "в декабре 2015 года",
  "Wed, 02 Dec 2015 04:47:00 +0000", also after a label or a preposition ("Published: ...", "el ...");
- YAML date and date-time objects.
A date-time is kept as the calendar day written, in its own time zone (not moved to UTC). A
value needs a four-digit year: "2 December", "yesterday" or "Tuesday" depend on a day nobody
stated, so they are not dates (dateparser is told never to resolve them against today).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

LANGUAGES = ("en", "es", "nl", "ru")
# Years a text may mean, around its article's own year: "1400 GMT" is a time, not the year 1400.
YEARS_BEFORE = 150
YEARS_AFTER = 30
UNDATED_WINDOW = (1800, 2099)  # for an article without a date

_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_ISO_TIME = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
    r"\s*(?:Z|UTC|GMT|[+-][0-9]{2}:?[0-9]{2})?)?",
    re.IGNORECASE,
)
_TIME = r"(?:[T ,]+[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2})?(?:\s*[A-Za-z]{1,5}|\s*[+-][0-9:]{2,5})?)?"
_YEAR_FIRST = re.compile(rf"([0-9]{{4}})([/.])([0-9]{{1,2}})\2([0-9]{{1,2}}){_TIME}")
_DAY_FIRST = re.compile(rf"([0-9]{{1,2}})([./-])([0-9]{{1,2}})\2([0-9]{{4}}){_TIME}")
_YEAR_MONTH = re.compile(r"([0-9]{4})[/.]([0-9]{1,2})|([0-9]{1,2})[/.-]([0-9]{4})")
# Words in front of a written date ("Published: 2 December 2015", "el 2 de diciembre", "в декабре 2015").
_LABEL = re.compile(r"^[^\W\d_]+:\s*|^(?:the|on|in|el|en|op|в|во)\s+", re.IGNORECASE)
# Russian months "в декабре" (prepositional), which dateparser reads only as "декабрь".
_RU_PREPOSITIONAL = re.compile(r"\b(январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр|ма|март|август)е\b",
                               re.IGNORECASE)
_FOUR_DIGITS = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PARSERS": ["absolute-time"],  # no "yesterday", no timestamps, no "20151202" guesses
    "REQUIRE_PARTS": ["year"],  # "2 December" alone would take the current year
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),  # never the clock, should anything relative slip through
    "PREFER_DATES_FROM": "past",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """Partial ISO for a real date ("2015", "2015-12", "2015-12-02"), or None (30 February, month 13)."""
    if not 1000 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def is_iso(value: str) -> bool:
    """Whether `value` is a real date in partial ISO form."""
    m = _PARTIAL.fullmatch(value)
    return bool(m) and iso(*(int(g) if g else None for g in m.groups())) == value


def parse_date(value: object) -> str | None:
    """A written date (text, YAML date, year number) as partial ISO, or None when it is not a date."""
    if isinstance(value, dt.date):  # datetime is a date too: its own calendar day
        return value.strftime("%Y-%m-%d")
    if isinstance(value, int) and not isinstance(value, bool):
        return iso(value) if 1000 <= value <= 9999 else None
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or not _FOUR_DIGITS.search(text):
        return None
    if m := _PARTIAL.fullmatch(text):
        return iso(*(int(g) if g else None for g in m.groups()))
    if m := _ISO_TIME.fullmatch(text):
        return iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _YEAR_FIRST.fullmatch(text):
        return iso(int(m[1]), int(m[3]), int(m[4]))
    if m := _DAY_FIRST.fullmatch(text):
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        return iso(year, second, first) or iso(year, first, second)
    if m := _YEAR_MONTH.fullmatch(text):
        return iso(int(m[1]), int(m[2])) if m[1] else iso(int(m[4]), int(m[3]))
    if not any(c.isalpha() for c in text):
        return None
    text = _RU_PREPOSITIONAL.sub(_nominative, _LABEL.sub("", text, count=1))
    return _written(text) or _written(text[: _FOUR_DIGITS.search(text).end()])  # type: ignore[union-attr]


def _nominative(m: re.Match[str]) -> str:
    stem = m[1]
    return stem + ("й" if stem.lower() == "ма" else "" if stem.lower() in ("март", "август") else "ь")


@lru_cache(maxsize=8192)  # an archive repeats the same few thousand days; dateparser takes a millisecond or two
def _written(text: str) -> str | None:
    data = _parser().get_date_data(text)
    when = data.date_obj
    if when is None or str(when.year) not in _FOUR_DIGITS.findall(text):
        return None  # a year dateparser made up rather than read
    if data.period == "year":
        return iso(when.year)
    if data.period == "month":
        return iso(when.year, when.month)
    return iso(when.year, when.month, when.day)


@lru_cache(maxsize=1)
def _parser():  # dateparser loads its language data on first use: only when a written date needs it
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(LANGUAGES), settings=_DATEPARSER_SETTINGS)


def as_date(value: str | None) -> dt.date | None:
    """The middle of a partial ISO date's period (1 July for a year, the 15th for a month): what a
    day without a year is nearest to."""
    m = _PARTIAL.fullmatch(value or "")
    if not m or not is_iso(value or ""):
        return None
    return dt.date(int(m[1]), int(m[2] or 7), int(m[3] or (15 if m[2] else 1)))


def as_datetime(value: str | None) -> dt.datetime | None:
    """The first instant (UTC) of a partial ISO date, or an ISO date-time as it is (UTC when it names
    no zone): what a feed needs."""
    m = _PARTIAL.fullmatch(value or "")
    if m and is_iso(value or ""):
        return dt.datetime(int(m[1]), int(m[2] or 1), int(m[3] or 1), tzinfo=dt.UTC)
    try:
        when = dt.datetime.fromisoformat((value or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def year_window(article_date: str | None) -> tuple[int, int]:
    """The years a text can mean: around its article's year, or a wide modern window without one."""
    when = as_date(article_date)
    if when is None:
        return UNDATED_WINDOW
    return when.year - YEARS_BEFORE, when.year + YEARS_AFTER
