from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kbsite.analyze.dates import _finditer, _forms, find_events
from kbsite.model import Event


def _dates(text: str, lang: str, article_date: str | None = "2015-12-02") -> list[str]:
    return [e.date for e in find_events(text, lang, article_date)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Pakistán le ha fijado una fecha límite el 30 de diciembre.", "es", ["2015-12-30"]),
        ("После 30 декабря BlackBerry прекратит работать.", "ru", ["2015-12-30"]),
        ("Op 30 december moet BlackBerry gestopt zijn.", "nl", ["2015-12-30"]),
        ("It was extended to December 30.", "en", ["2015-12-30"]),
        ("The deadline was 30 December.", "en", ["2015-12-30"]),
        ("It ends Dec 02, 2015 04:47 AM EST", "en", ["2015-12-02"]),
        ("It was supposed to be on November 30, but no.", "en", ["2015-11-30"]),
        ("En julio, Pakistán le había pedido acceso.", "es", ["2015-07"]),
        ("In July, the authority ordered operators.", "en", ["2015-07"]),
        ("В июле администрация уведомила операторов.", "ru", ["2015-07"]),
        ("In juli liet de autoriteit weten.", "nl", ["2015-07"]),
        ("The news broke in late July.", "en", ["2015-07"]),
        ("En 2013 cedió para entregar el acceso.", "es", ["2013"]),
        ("In 2013 it gave in.", "en", ["2013"]),
        ("В 2013 году компания уступила.", "ru", ["2013"]),
        ("Published on 2015-11-30. It was updated on 1.12.2015.", "en", ["2015-11-30", "2015-12-01"]),
        ("Il 30 dicembre 2015.", "it", []),
        ("Hasta el 2 de febrero de 2016.", "es", ["2016-02-02"]),
    ],
)
def test_explicit_dates_in_four_languages(text, lang, expected):
    assert _dates(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("La compañía dijo en un blog publicado el lunes.", "es"),
        ("The company said on Monday that it will leave today.", "en"),
        ("Het bedrijf moest vandaag stoppen.", "nl"),
        ("Сегодня в понедельник компания ушла.", "ru"),
        ("Some 5,000 companies and 2013 customers. It may march on.", "en"),
        ("The 30 servers in 2500 places.", "en"),
    ],
)
def test_relative_words_and_plain_numbers_are_not_dates(text, lang):
    assert _dates(text, lang) == []


def test_missing_year_is_the_one_nearest_the_article_date():
    assert _dates("The deadline is December 30.", "en", "2016-01-03") == ["2015-12-30"]
    assert _dates("Talks resume on January 5.", "en", "2015-12-20") == ["2016-01-05"]


def test_without_article_date_the_year_comes_from_the_text_or_is_left_unstated():
    assert _dates("Fue el 30 de diciembre de 2014. Y el 5 de enero, otra vez.", "es", None) == [
        "2014-01-05", "2014-12-30"]
    assert _dates("El plazo es el 30 de diciembre.", "es", None) == ["--12-30"]
    assert _dates("В июле они ушли.", "ru", None) == ["--07"]
    assert _dates("Lo dijo en 2014. El plazo era el 30 de diciembre.", "es", None) == ["2014", "2014-12-30"]
    assert _dates("En 2011 y en 2013. El plazo era el 30 de diciembre.", "es", None) == ["--12-30", "2011", "2013"]
    assert _dates("The deal of 2013 ended on December 30 2013.", "en", None) == ["2013-12-30"]


def test_a_time_after_a_blank_line_is_not_a_year():
    text = "Talks were held on 26 February\n\n1400 GMT: ministers met again in London."
    assert find_events(text, "en", "2005-02-27") == (Event("2005-02-26", "Talks were held on 26 February"),)


@pytest.mark.parametrize(
    "text",
    [
        "Talks were held on 26 February 1400 GMT in London.",
        "Talks were held on 26 February 2000 hrs in London.",
        "Talks were held on 26 February 1400:30 in London.",
        "Talks were held on 26 February\n1400 in London.",
        "Talks were held on 26 February\r\n1400 in London.",
    ],
)
def test_a_time_or_a_number_on_the_next_line_is_never_a_year(text):
    assert _dates(text, "en", "2005-02-27") == ["2005-02-26"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Ministers met on February\n26 in London.", "en"), ("Se reunieron el 26 de\nfebrero en Madrid.", "es"),
     ("Они встретились в\nиюле в Москве.", "ru"), ("Ze kwamen in\n2005 samen.", "nl")],
)
def test_a_date_never_spans_a_line_break(text, lang):
    assert _dates(text, lang, "2005-03-01") == []


def test_years_the_article_cannot_mean_are_not_dates():
    assert _dates("It was built on 26 February 1400 by monks.", "en", "2005-03-01") == []
    assert _dates("It was built on 26 February 1400 by monks.", "en", None) == []
    assert _dates("It opened on 26 February 1980 to the public.", "en", "2005-03-01") == ["1980-02-26"]


@pytest.mark.parametrize(
    "text",
    ["Dec 02, 2015 04:47 AM EST", "LONDON, 2 December 2015 (REUTERS)", "Published: 2 December 2015, 14:00 GMT",
     "Wednesday, 2 December 2015"],
)
def test_datelines_are_not_events(text):
    assert _dates(text, "en") == []


def test_a_sentence_is_one_event_per_date_without_the_vaguer_repeats():
    text = "In July 2015, on 5 July, talks began; in 2015 they ended on 30 December."
    assert find_events(text, "en", "2015-12-02") == (Event("2015-07-05", text), Event("2015-12-30", text))


def test_events_are_deduplicated_and_sorted_by_date_then_text():
    text = "B: on 30 December it ends. A: December 30 is the day. B: on 30 December it ends. In July it began."
    assert find_events(text, "en", "2015-12-02") == (
        Event("2015-07", "In July it began."),
        Event("2015-12-30", "A: December 30 is the day."),
        Event("2015-12-30", "B: on 30 December it ends."),
    )


_DATE_WORDS = (
    "in", "en", "since", "desde", "В", "с", "со", "end", "of", "a", "finales", "de", "в", "конце", "the", "de",
    "del", "of", "2", "02", "12", "30", "1st", "30th", "2013", "2015", "1999", "20150", "2015-12-30", "2.12.2015",
    "Jan.", "Dec", "Sept", "May", "may", "June", "juni", "Mei", "mei", "diciembre", "Diciembre", "декабря",
    "декабре", "ſeptember", "İn", "_", "in_2015", "x", ",", ".", "-", "\n", "1st May", "30th of December 2015",
    "Dec 02, 2015", "in late July", "end of June", "30 de diciembre de 2015", "julio de 2015", "в конце декабря",
    "30 декабря 2015", "2 februari", "in 2015", "с 1999",
)


_SEPARATORS = ("", " ", "  ", "\n", "_", ".")


def _same_as_a_full_scan(text: str, lang: str) -> None:
    forms = _forms(lang)
    for form, starts in zip(forms.forms, forms.starts(text), strict=True):
        assert [m.span() for m in _finditer(form.pattern, text, starts)] == [
            m.span() for m in form.pattern.finditer(text)
        ]


@pytest.mark.parametrize("lang", ["en", "es", "nl", "ru", "it"])
@pytest.mark.parametrize("separator", _SEPARATORS)
def test_each_form_tried_only_at_its_first_words_finds_what_a_full_scan_finds(separator, lang):
    _same_as_a_full_scan(separator.join(_DATE_WORDS), lang)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_DATE_WORDS), max_size=20), st.lists(st.sampled_from(_SEPARATORS)),
       st.sampled_from(["en", "es", "nl", "ru", "it"]))
def test_forms_tried_at_first_words_in_any_text(words, separators, lang):
    _same_as_a_full_scan("".join(w + (separators[i % len(separators)] if separators else " ")
                                 for i, w in enumerate(words)), lang)
