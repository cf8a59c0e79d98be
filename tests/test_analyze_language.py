from __future__ import annotations

from pathlib import Path

import pytest

from kbsite.analyze.language import detect_language, normalise_code

KB = Path(__file__).parent.parent / "kb"


@pytest.mark.parametrize(
    ("name", "lang"),
    [("000_b473ca0bc8050c3d.txt", "es"), ("001_e62717fdefa6b7e3.txt", "nl"), ("002_405991b1fbf72d59.txt", "ru"),
     ("003_16ba6b13fc6d2287.txt", "en"), ("004_5fd167f9a7544893.txt", "en")],
)
def test_detects_the_language_of_the_seed_articles(name, lang):
    assert detect_language((KB / name).read_text(encoding="utf-8")) == lang


def test_declared_language_wins():
    assert detect_language("This text is plainly written in English, as anyone can see.", "nl") == "nl"
    assert detect_language("", "pt-BR") == "pt"


def test_declared_value_that_is_not_a_language_code_is_ignored():
    assert detect_language("Het bedrijf trekt zich terug uit het land, meldt de krant.", "Dutch!") == "nl"


@pytest.mark.parametrize("text", ["", "   ", "OK", "BlackBerry 2015"])
def test_too_little_text_is_undetermined(text):
    assert detect_language(text) == "und"


@pytest.mark.parametrize(("value", "code"), [("en-US", "en"), ("EN", "en"), (" es_MX ", "es"), ("", None),
                                             (None, None), ("english", None), ("zz", None), ("xx-YY", None),
                                             ("iw", "iw"), ("yue", "yue"), ("haw-US", "haw")])
def test_normalise_code(value, code):
    assert normalise_code(value) == code


def test_an_unknown_declared_code_falls_back_to_detection():
    assert detect_language("Het bedrijf trekt zich terug uit het land, meldt de krant.", "zz") == "nl"
