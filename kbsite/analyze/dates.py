"""Explicit dates in an article, for its timeline: "30 de diciembre", "30 декабря", "Dec 02, 2015", "in July".

Only what a reader could put on a calendar counts. Weekdays and words like "today",
"lunes" or "vandaag" depend on a publication date readers rarely know, so they are never
dates. A day or month without a year takes the year that puts it nearest the article's
date; without an article date, a year stated in the same sentence, or else the one year the
text mentions; with none of these it is kept without a year ("--12-30", as ISO 8601 writes
it) rather than guessed. A bare number is
a year only after a preposition ("in 2013", "en 2013", "в 2013"). Month names are read in
the article's language and in English (datelines); all four (en, es, nl, ru) when the
language is another one. English month names count only with their capital ("May", not "may").

A date is read within one line: "26 February" and a "1400 GMT" on the next line are two things,
and a number followed by a clock word or a colon ("1400 GMT", "2000 hrs") is a time, never a year.
Years far from the article's own (`kbsite.dates.year_window`) are not years it can mean. An
event is a sentence with a date it states, each once (a vaguer date the sentence makes precise
is dropped), and a sentence that is no more than a date (a dateline) is not an event.
The text is read with regular expressions tried only where a form can start; dateparser
(`kbsite.dates`) reads metadata, and would be too slow for every word of 50,000 articles.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import compress

from kbsite.dates import as_date, iso, year_window
from kbsite.model import Event
from kbsite.textproc import WordMemo, sentences, token_offsets

_MONTHS: dict[str, dict[str, int]] = {
    "en": {
        "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3, "April": 4, "Apr": 4, "May": 5,
        "June": 6, "Jun": 6, "July": 7, "Jul": 7, "August": 8, "Aug": 8, "September": 9, "Sept": 9, "Sep": 9,
        "October": 10, "Oct": 10, "November": 11, "Nov": 11, "December": 12, "Dec": 12,
    },
    "es": {
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
        "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    },
    "nl": {
        "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
        "september": 9, "oktober": 10, "november": 11, "december": 12,
    },
    # Nominative, genitive ("30 декабря") and prepositional ("в декабре") forms.
    "ru": {
        f"{stem}{ending}": number
        for number, (stem, endings) in enumerate(
            [("январ", "ьяе"), ("феврал", "ьяе"), ("март", ("", "а", "е")), ("апрел", "ьяе"), ("ма", "йяе"),
             ("июн", "ьяе"), ("июл", "ьяе"), ("август", ("", "а", "е")), ("сентябр", "ьяе"), ("октябр", "ьяе"),
             ("ноябр", "ьяе"), ("декабр", "ьяе")],
            start=1,
        )
        for ending in endings
    },
}
# Capitalised words that are calendar words, not names (suggestions skip them).
CALENDAR_WORDS = frozenset(
    {name.casefold() for names in _MONTHS.values() for name in names}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
# Words before a month name that make it a date ("in July", "en julio", "В июле", "late July").
_MONTH_CUES = {
    "en": r"in|since|until|till|by|from|during|early|late|mid|end of|beginning of|in early|in late|in mid",
    "es": r"en|desde|hasta|para|a finales de|a principios de|a mediados de|finales de|principios de",
    "nl": r"in|sinds|tot|vanaf|eind|begin|half|medio|eind|eind van|begin van",
    "ru": r"в|во|с|со|до|к|в конце|в начале|в середине|конце|начале|середине",
}
# Before a bare number that is then a year: "in 2013", "en 2013", "в 2013 году", "с 2013 года".
_YEAR_CUES = r"in|en|since|desde|sinds|в|во|с|со"
# Never a time: "1400 GMT", "2000 hrs", "1400:" are clocks, not years.
_NOT_TIME = r"(?![^\S\n]*(?:[:h][0-9]|(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|MSK|hrs|hours|horas|uur|ч)\b))"
_YEAR = rf"(?P<y>1[0-9]{{3}}|2[0-9]{{3}}){_NOT_TIME}"
# Space within one line: a date never runs across a line or paragraph break.
_S = r"[^\S\n\r\f\v\x85\u2028\u2029]+"
_DAY = r"(?P<d>[0-3]?[0-9])"


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None


@dataclass(frozen=True)
class _Form:
    """One way of writing a date. Each starts with \\b and a word, which Python's re engine would try at
    every character of the text: a form is tried only where a word it can start with begins."""

    pattern: re.Pattern[str]
    first_word: re.Pattern[str]  # what that whole word must be
    kind: str  # "numeric" (2015-12-30, 30.12.2015), "month" (a month name) or "year" (in 2015)
    months: dict[str, int] | None = None  # casefolded month name -> number, for kind "month"


class _Forms(WordMemo[tuple[int, ...]]):
    """The forms for one language, in the order their readings are kept; as a dict, word -> the forms
    that may start at it, looked up once per word."""

    def __init__(self, forms: list[_Form]) -> None:
        super().__init__()
        self.forms = forms

    def look_up(self, word: str) -> tuple[int, ...]:
        return tuple(i for i, form in enumerate(self.forms) if form.first_word.fullmatch(word))

    def starts(self, text: str) -> list[list[int]]:
        """For each form, the offsets of the words it may start at, in text order."""
        words, offsets = token_offsets(text)
        starts: list[list[int]] = [[] for _ in self.forms]
        which = list(map(self.__getitem__, words))
        for i in compress(range(len(which)), which):
            for form in which[i]:
                starts[form].append(offsets[i][0])
        return starts


def _alternation(names: dict[str, int] | list[str]) -> str:
    return "|".join(sorted(map(re.escape, names), key=lambda n: (-len(n), n)))


def _cue_words(cues: str) -> str:
    return _alternation(list(dict.fromkeys(cue.split(" ")[0] for cue in cues.split("|"))))


_ISO = re.compile(r"\b(?P<y>[12][0-9]{3})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])\b")
_DMY = re.compile(r"\b(?P<d>[0-3]?[0-9])\.(?P<m>[01]?[0-9])\.(?P<y>[12][0-9]{3})\b")
_RECENT_YEAR = rf"(?P<y>(?:19|20)[0-9]{{2}}){_NOT_TIME}"  # a bare number is a year only in this range
_CUED_YEAR = re.compile(rf"\b(?i:{_YEAR_CUES}){_S}{_RECENT_YEAR}\b(?![.,]?[0-9])")
_BARE_YEAR = re.compile(rf"(?<![\d.,]){_RECENT_YEAR}(?![\d.,]?\d)")
_NUMERIC_FORMS = [
    _Form(_ISO, re.compile(r"[12][0-9]{3}"), "numeric"),
    _Form(_DMY, re.compile(r"[0-3]?[0-9]"), "numeric"),
]
_YEAR_FORM = _Form(_CUED_YEAR, re.compile(f"(?i:{_cue_words(_YEAR_CUES)})"), "year")


@lru_cache(maxsize=64)
def _forms(lang: str) -> _Forms:
    """Most specific first: a day with its month beats the month alone."""
    out = list(_NUMERIC_FORMS)
    for code in _languages(lang):
        names = _MONTHS[code]
        month = f"(?P<m>{_alternation(names)})"
        flags = 0 if code == "en" else re.IGNORECASE
        cue = f"(?i:{_MONTH_CUES[code]})"
        if code == "en":
            forms = [
                (rf"\b{month}\.?{_S}{_DAY}(?:st|nd|rd|th)?\b(?:,?{_S}{_YEAR}\b)?", _alternation(names)),
                (rf"\b{_DAY}(?:st|nd|rd|th)?{_S}(?:of{_S})?{month}\b\.?(?:,?{_S}{_YEAR}\b)?",
                 r"[0-3]?[0-9](?:st|nd|rd|th)?"),
                (rf"\b{month}\.?,?{_S}{_YEAR}\b", _alternation(names)),
            ]
        elif code == "es":
            forms = [
                (rf"\b{_DAY}{_S}de{_S}{month}\b(?:{_S}(?:de|del){_S}{_YEAR}\b)?", r"[0-3]?[0-9]"),
                (rf"\b{month}{_S}(?:de|del){_S}{_YEAR}\b", _alternation(names)),
            ]
        else:
            forms = [(rf"\b{_DAY}{_S}{month}\b(?:{_S}{_YEAR}\b)?", r"[0-3]?[0-9]"),
                     (rf"\b{month}{_S}{_YEAR}\b", _alternation(names))]
        forms.append((rf"\b{cue}{_S}{month}\b", f"(?i:{_cue_words(_MONTH_CUES[code])})"))
        lookup = {name.casefold(): number for name, number in names.items()}
        out.extend(_Form(re.compile(form, flags), re.compile(first, flags), "month", lookup) for form, first in forms)
    out.append(_YEAR_FORM)
    return _Forms(out)


def _languages(lang: str) -> list[str]:
    if lang in _MONTHS:
        return sorted({lang, "en"})
    return sorted(_MONTHS)


def _finditer(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """pattern.finditer(text) for a pattern that can only match at `starts`."""
    free = 0
    for start in starts:
        if start >= free and (m := pattern.match(text, start)):
            free = m.end()
            yield m


def _candidates(text: str, lang: str) -> list[_Found]:
    found: list[_Found] = []
    forms = _forms(lang)
    for form, starts in zip(forms.forms, forms.starts(text), strict=True):
        for m in _finditer(form.pattern, text, starts):
            if form.kind == "numeric":
                found.append(_Found(m.start(), m.end(), int(m["y"]), int(m["m"]), int(m["d"])))
            elif form.kind == "year":
                found.append(_Found(m.start("y"), m.end("y"), int(m["y"]), None, None))
            else:
                groups = m.groupdict()
                found.append(_Found(
                    m.start("m") if groups.get("d") is None else min(m.start("m"), m.start("d")),
                    m.end(),
                    int(groups["y"]) if groups.get("y") else None,
                    form.months[m["m"].casefold()],  # type: ignore[index]
                    int(groups["d"]) if groups.get("d") else None,
                ))
    return _without_overlaps(found)


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """Keeps the longest reading of each stretch of text: "30 de diciembre de 2015" is one date, not three."""
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def _infer_year(month: int, day: int | None, article: date | None, sentence_years: list[int],
                text_years: set[int]) -> int | None:
    if article is not None:
        target = article.toordinal()

        def distance(year: int) -> int:
            return abs(date(year, month, min(day or 15, 28)).toordinal() - target)

        return min((article.year - 1, article.year, article.year + 1), key=distance)
    if sentence_years:
        return sentence_years[0]
    if len(text_years) == 1:
        return next(iter(text_years))
    return None


def _yearless(month: int | None, day: int | None) -> str | None:
    """ISO 8601's form for a day or month of no stated year ('--12-30', '--07'): still worth
    listing on the article, and enough to tell that two articles speak of the same day."""
    if month is None or not 1 <= month <= 12:
        return None
    if day is None:
        return f"--{month:02d}"
    try:
        date(2000, month, day)  # a leap year, so 29 February stays
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


def _is_dateline(sentence: str, start: int, end: int) -> bool:
    """A sentence that is little more than its date says nothing happened on that day: "Dec 02, 2015
    04:47 AM EST", "LONDON, 2 Dec (Reuters)", "Published: 26 February 2005" (no word in lower case)."""
    words = [w for w in _WORD.findall(_CLOCK.sub(" ", sentence[:start] + " " + sentence[end:]))
             if w.casefold() not in CALENDAR_WORDS]
    return len(words) < _EVENT_WORDS or not any(w.islower() for w in words)


_WORD = re.compile(r"[^\W\d_]+")
_CLOCK = re.compile(r"\b[0-9]{1,2}[:.h][0-9]{2}\b(?:\s*(?:[AaPp]\.?[Mm]\.?|[A-Z]{2,4}\b))?")
_EVENT_WORDS = 2  # words besides the date and a time that make a sentence an event


def find_events(text: str, lang: str, article_date: str | None) -> tuple[Event, ...]:
    """Each sentence that states a date, once per date it states; a date that only repeats a more
    precise one of the same sentence ("in July, on 5 July") is left out.

    Years outside `kbsite.dates.year_window` around the article's date are not read as years.
    """
    article = as_date(article_date)
    low, high = year_window(article_date)
    found = [f for f in _candidates(text, lang) if f.year is None or low <= f.year <= high]
    text_years = {f.year for f in found if f.year is not None}
    spans = sentences(text)
    starts = [start for start, _ in spans]
    by_sentence: dict[str, set[str]] = {}
    for item in found:
        offset, sentence = spans[max(bisect_right(starts, item.start) - 1, 0)]
        if _is_dateline(sentence, item.start - offset, item.end - offset):
            continue
        year = item.year
        if year is None and item.month is not None:
            in_sentence = [y for m in _BARE_YEAR.finditer(sentence) if low <= (y := int(m["y"])) <= high]
            year = _infer_year(item.month, item.day, article, in_sentence, text_years)
        when = iso(year, item.month, item.day) if year is not None else _yearless(item.month, item.day)
        if when is not None:
            by_sentence.setdefault(sentence, set()).add(when)
    events = {
        Event(when, sentence)
        for sentence, dates in by_sentence.items()
        for when in dates
        if not any(other.startswith(when + "-") for other in dates)
    }
    return tuple(sorted(events, key=lambda e: (e.date, e.text)))
