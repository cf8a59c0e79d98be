"""The search page: its form, filters and help in the site's language, and the words search.js gets as data."""

from __future__ import annotations

import json

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from kbsite.emit.i18n import search_words
from kbsite.emit.search import search_page


def _form(lang: str) -> tuple[dict, BeautifulSoup]:
    _, head, body = search_page(lang).split("---\n", 2)
    return yaml.safe_load(head), BeautifulSoup(markdown.markdown(body, extensions=["md_in_html"]), "html.parser")


@pytest.mark.parametrize(("lang", "title", "words", "button", "help_start"), [
    ("es", "Buscar", "Palabras que buscar", "Buscar", "Las palabras entre"),
    ("ru", "Поиск", "Что искать", "Поиск", "Слова в"),
    ("en", "Search", "Words to find", "Search", "Words in"),
])
def test_the_search_page_speaks_the_sites_language(lang, title, words, button, help_start):
    meta, soup = _form(lang)
    assert meta["title"] == title and soup.find("h1").get_text() == title
    assert soup.find("label", attrs={"for": "kb-search-q"}).get_text() == words
    assert soup.find("button", attrs={"type": "submit"}).get_text() == button
    assert soup.find("p", string=lambda s: s and s.startswith(help_start))
    assert {s["id"] for s in soup.find_all("select")} == {"kb-search-lang", "kb-search-topic", "kb-search-entity"}


def test_the_spanish_and_russian_pages_have_no_english_words_left():
    english = {"Words to find", "Language", "All languages", "All topics", "All entities", "From", "To", "Search"}
    for lang in ("es", "ru"):
        _, soup = _form(lang)
        shown = {t.get_text() for t in soup.find_all(["label", "option", "button"])} | {
            i["title"] for i in soup.find_all("input", title=True)}
        assert not shown & english, lang


def test_search_js_gets_its_words_and_each_languages_plural_forms():
    ru = search_words("ru")
    assert ru["nouns"]["result"] == ["результат", "результата", "результатов"]
    assert ru["didYouMean"].startswith("Возможно") and "{count}" in ru["noFullMatch"]
    assert search_words("es")["resultsAndPartial"] == "{results} y {partial}"
    assert search_words("pt")["nouns"]["article"] == ["article", "articles"]  # no words for it yet: English
    assert json.loads(json.dumps(search_words("nl")))["more"] == "Meer resultaten tonen"

