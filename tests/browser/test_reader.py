"""What a reader finds around the pages: the light/dark switch and the timeline in the navigation (Chromium)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser.helpers import browser, confine, needs_chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def tab(default_site):
    site = default_site / "site"
    with serve(site) as url, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        confine(page, url)
        yield page, url, site


def test_palette_switch_turns_dark_and_back_and_is_remembered(tab):
    page, url, _ = tab
    page.goto(url + "index.html")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    first = page.evaluate(scheme)
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    second = page.evaluate(scheme)
    assert {first, second} == {"default", "slate"}
    page.goto(url + "topics/index.html")
    assert page.evaluate(scheme) == second  # the reader's choice holds on the next page


@pytest.mark.parametrize("width", [1280, 390])
def test_timeline_is_in_the_navigation(tab, width):
    page, url, _ = tab
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(url + "index.html")
    links = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link",
                                      "links => links.map(a => [a.textContent.trim(), a.getAttribute('href')])")
    assert ("Timeline", "timeline.html") in {(t, h) for t, h in links}


@pytest.mark.parametrize("label", ["BibTeX", "RIS", "CSL-JSON"])
def test_cite_box_downloads_each_format(tab, label):
    page, url, site = tab
    article = sorted((site / "articles").glob("*.html"))[0]
    page.goto(url + f"articles/{article.name}")
    page.click("details.kb-cite summary")
    shown = page.locator(f"details.kb-cite p.kb-cite-format:text-is('{label}') + pre").inner_text()
    with page.expect_download() as info:
        page.click(f"button.kb-cite-download:text-is('Download {label}')")
    download = info.value
    assert download.suggested_filename.startswith(article.stem + ".")
    assert Path(download.path()).read_text(encoding="utf-8").strip() == shown.strip()


def test_articles_show_real_paragraphs_and_facts_without_the_file_name(tab):
    page, url, site = tab
    for article in sorted((site / "articles").glob("*.html")):
        page.goto(url + f"articles/{article.name}")
        paragraphs = page.locator(".kb-article p").count()
        assert paragraphs >= 5, article.name  # every seed has five or more paragraphs
        assert page.locator(".kb-article p br").count() == 0, article.name
        facts = page.locator("p.kb-facts").inner_text()
        assert "File:" not in page.locator(".md-content").inner_text() and ".txt" not in facts


@pytest.mark.parametrize(("lang", "words"), [
    ("es", ["Temas:", "Entidades:", "También publicado como", "Citar este artículo"]),
    ("ru", ["Темы:", "Сущности:", "Также опубликовано как", "Цитировать статью"]),
])
def test_the_page_furniture_speaks_the_articles_language(tab, lang, words):
    page, url, site = tab
    article = next(p for p in sorted((site / "articles").glob("*.html"))
                   if f'<html lang="{lang}"' in p.read_text(encoding="utf-8"))
    page.goto(url + f"articles/{article.name}")
    shown = page.locator(".md-content").inner_text()
    assert all(w in shown for w in words), [w for w in words if w not in shown]
    assert page.locator(".kb-crumbs a").first.inner_text() == {"es": "Inicio", "ru": "Главная"}[lang]
