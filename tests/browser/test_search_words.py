"""The words search.js writes (counts, the partial-match divider, "did you mean", the header's link) are in the
site's language: a Spanish and a Russian build of the default KB, opened from disk."""

from __future__ import annotations

import contextlib
from urllib.parse import quote

import pytest
from browser.helpers import confine, needs_chromium

from tests.conftest import REPO, build_project, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module", params=["es", "ru"])
def site(request, tmp_path_factory) -> tuple[str, str]:
    root = make_project(tmp_path_factory.mktemp(request.param) / "project", docs=REPO / "docs")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("language: en", f"language: {request.param}"), "utf-8")
    build_project(root, strict=True)
    return request.param, (root / "site").as_uri() + "/"


@contextlib.contextmanager
def opened(chromium, base: str, query: str):
    page = chromium.new_page()
    blocked = confine(page, base)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}search/index.html?q={quote(query)}")
    page.wait_for_function("document.querySelector('#kb-search-count').textContent.trim() !== ''", timeout=10_000)
    try:
        yield page
    finally:
        page.close()
    assert not errors and not blocked


EXPECTED = {
    "es": {"all": "5 resultados", "none": "Ningún resultado tiene todas las palabras; 5 coincidencias parciales",
           "divider": "Coincidencias parciales", "suggest": "Quizás quiso decir: Pakistan",
           "header": "Todos los resultados", "label": "Palabras que buscar"},
    "ru": {"all": "5 результатов", "none": "Нет результатов со всеми словами; 5 частичных совпадений",
           "divider": "Частичные совпадения", "suggest": "Возможно, вы имели в виду: Pakistan",
           "header": "Все результаты", "label": "Что искать"},
}


def test_search_words_are_in_the_sites_language(chromium, site):
    lang, base = site
    words = EXPECTED[lang]
    with opened(chromium, base, "Pakistan") as page:
        assert page.text_content("#kb-search-count") == words["all"]
        assert page.text_content("label[for=kb-search-q]") == words["label"]
        assert page.text_content("#kb-header-results a.kb-hsearch__all") == words["header"]
    with opened(chromium, base, "Pakistan zzqxv") as page:
        assert page.text_content("#kb-search-count") == words["none"]
        assert page.text_content("#kb-search-results > li.kb-search__partial").startswith(words["divider"])
    with opened(chromium, base, "Pakistn") as page:
        assert page.text_content("#kb-search-suggest") == words["suggest"]

