"""Hand-written metadata: every key coerced by one table, every mistake a warning that names file and line."""

from __future__ import annotations

import datetime as dt

import pytest

from kbsite.model import Diagnostic
from kbsite.readers.frontmatter import parse, split
from kbsite.readers.metadata import normalize


def test_written_dates_are_read_by_the_one_dates_module() -> None:
    meta, diagnostics = normalize({"date": "2 de diciembre de 2015"}, "a.md")
    assert (meta, diagnostics) == ({"date": "2015-12-02"}, [])
    assert normalize({"date": "2015-12"}, "a.md")[0] == {"date": "2015-12"}
    assert normalize({"date": 2015}, "a.md")[0] == {"date": "2015"}


def test_yaml_dates_and_datetimes_objects_are_accepted() -> None:
    meta, _ = normalize({"date": dt.datetime(2015, 12, 2, 23, 0)}, "a.md")
    assert meta == {"date": "2015-12-02"}


def test_every_key_normalised() -> None:
    raw = {
        "Title": "  A   title ", "date": "Dec 02, 2015", "lang": "PT_br", "source": "Paper",
        "author": ["A", "B"], "url": "https://example.org/x", "topics": "a, b, , a", "entities": ["X", 3],
        "tags": ["t"], "summary": "one\ntwo", "layout": "post",
    }
    meta, diagnostics = normalize(raw, "a.md")
    assert meta == {
        "title": "A title", "date": "2015-12-02", "lang": "pt", "publisher": "Paper", "author": "A, B",
        "url": "https://example.org/x", "topics": ["a", "b"], "entities": ["X", "3"], "tags": ["t"],
        "summary": "one two",
    }
    assert diagnostics == []


def test_publisher_wins_over_its_alias() -> None:
    assert normalize({"source": "alias", "publisher": "real"}, "a.md")[0] == {"publisher": "real"}


def test_empty_values_are_simply_absent() -> None:
    assert normalize({"title": None, "tags": [], "summary": "  "}, "a.md") == ({}, [])


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"title": 2015}, "title is a number (2015): it was used as text; put it in quotes to say so"),
        ({"title": ["a"]}, "title must be text, not a list: it was ignored"),
        ({"title": True}, "title must be text, not true/false: it was ignored"),
        ({"date": "soon"}, "date 'soon' is not a date: write it as YYYY-MM-DD; it was ignored"),
        ({"date": 20151202}, "date '20151202' is not a date: write it as YYYY-MM-DD; it was ignored"),
        ({"lang": "english"}, "lang 'english' is not a language code such as en or pt-BR: it was ignored"),
        ({"lang": "zz"}, "lang 'zz' is not a known language code (such as en, es, ru or pt-BR): it was ignored and "
                         "the language is detected from the text"),
        ({"language": "xx-YY"}, "language 'xx-YY' is not a known language code (such as en, es, ru or pt-BR): it "
                                "was ignored and the language is detected from the text"),
        ({"url": "javascript:alert(1)"}, "url 'javascript:alert(1)' is not an http or https address: it was ignored"),
        ({"url": "https://a.example/x y"},
         "url 'https://a.example/x y' is not an http or https address: it was ignored"),
        ({"topics": {"a": 1}}, "topics must be a list or a comma-separated text, not a mapping: it was ignored"),
        ({"tags": ["ok", ["nested"]]}, "tags must hold only texts, not a list: that item was ignored"),
        ({"summary": {"a": 1}}, "summary must be text, not a mapping: it was ignored"),
    ],
)
def test_wrong_values_warn_and_never_raise(raw: dict[str, object], message: str) -> None:
    _, diagnostics = normalize(raw, "a.md", {next(iter(raw)): 7})
    assert diagnostics == [Diagnostic("a.md", message, 7, "warning")]


def test_values_in_messages_cannot_drive_a_terminal() -> None:
    _, diagnostics = normalize({"date": "\x1b[31mred" + "x" * 100}, "a.md")
    assert diagnostics[0].message == (
        "date '\\x1b[31mred" + "x" * 51 + "…' is not a date: write it as YYYY-MM-DD; it was ignored"
    )


def test_control_characters_leave_metadata_text() -> None:
    assert normalize({"title": "a\x1b[2Jb\tc"}, "a.md")[0] == {"title": "a [2Jb c"}


def test_split_without_front_matter_keeps_the_text() -> None:
    assert split("a.md", "# Title\n---\n") == (None, "# Title\n---\n", [])


def test_parse_reports_lines_of_the_file_not_of_the_block() -> None:
    meta, diagnostics = parse("a.md", "title: x\n\ndate: 2015-02-30\n", first_line=2)
    assert meta == {"title": "x"}
    assert diagnostics == [
        Diagnostic("a.md", "date '2015-02-30' is not a date: write it as YYYY-MM-DD; it was ignored", 4, "warning")
    ]


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("a: *nowhere\n",
         "front matter is not valid YAML (found undefined alias 'nowhere'): all of it was ignored; fix the YAML"),
        ("a: !!python/object:os.system x\n",
         'front matter is not valid YAML (the tag "!!python/object:os.system" is not allowed: use plain text, '
         "numbers, lists and mappings): all of it was ignored; fix the YAML"),
        ("a: !shell ls\n",
         'front matter is not valid YAML (the tag "!shell" is not allowed: use plain text, '
         "numbers, lists and mappings): all of it was ignored; fix the YAML"),
        ("[" * 3000, "front matter is not valid YAML (it is nested too deeply): all of it was ignored; fix the YAML"),
    ],
)
def test_unsafe_or_absurd_yaml_is_refused_with_a_message(block: str, message: str) -> None:
    assert parse("a.md", block, first_line=2) == ({}, [Diagnostic("a.md", message, 2, "warning")])


@pytest.mark.parametrize(
    ("written", "iso"),
    [("2015-12", "2015-12"), ("2 de diciembre de 2015", "2015-12-02"), ("2 december 2015", "2015-12-02"),
     ("2 декабря 2015 г.", "2015-12-02"), ("December 2, 2015", "2015-12-02"), ("02/12/2015", "2015-12-02"),
     ("2015-12-02T23:30:00-05:00", "2015-12-02")],
)
def test_front_matter_dates_in_four_languages(written: str, iso: str) -> None:
    assert parse("kb/a.md", f"title: x\ndate: {written}\n", first_line=2) == ({"title": "x", "date": iso}, [])


def test_an_unreadable_date_is_a_warning_naming_the_file_and_line() -> None:
    meta, diagnostics = parse("kb/news/a.md", "title: x\ndate: el martes pasado\n", first_line=2)
    assert meta == {"title": "x"}
    assert diagnostics == [Diagnostic(
        "kb/news/a.md", "date 'el martes pasado' is not a date: write it as YYYY-MM-DD; it was ignored", 3, "warning",
    )]


def test_sidecar_dates_in_four_languages_and_an_unreadable_one() -> None:
    from kbsite.readers import parse_sidecar

    for written, iso in (("2 de diciembre de 2015", "2015-12-02"), ("2 december 2015", "2015-12-02"),
                         ("2 декабря 2015 г.", "2015-12-02"), ("December 2, 2015", "2015-12-02"),
                         ("2015-12", "2015-12")):
        assert parse_sidecar("kb/a.txt.meta.yml", f"lang: es\ndate: {written}\n".encode()) == (
            {"lang": "es", "date": iso}, [])
    meta, diagnostics = parse_sidecar("kb/a.txt.meta.yml", b"lang: es\ndate: pronto\n")
    assert meta == {"lang": "es"}
    assert [(d.path, d.line, d.severity) for d in diagnostics] == [("kb/a.txt.meta.yml", 2, "warning")]
    assert "date 'pronto' is not a date" in diagnostics[0].message
