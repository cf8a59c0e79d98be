"""Link previews in Chromium: on hover and on keyboard focus, gone with Escape, never on a touch screen;
under a GitHub Pages sub-path and from file://."""

from __future__ import annotations

import pytest
from browser.helpers import needs_chromium
from browser.site_pages import page_kinds, published_site

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

PREVIEW = "#kb-preview:not([hidden])"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    with published_site(tmp_path_factory.mktemp("previews") / "project") as (site, url):
        yield site, url


def _base(published, where: str) -> str:
    site, url = published
    return url if where == "sub-path" else site.as_uri() + "/"


@pytest.mark.parametrize("where", ["sub-path", "file"])
def test_hovering_a_link_to_an_article_shows_its_title_and_opening(chromium, published, where):
    site, _ = published
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(_base(published, where) + page_kinds(site)["topic"])
    link = page.locator(".md-content a[href*='articles/']").first
    title = link.inner_text()
    link.hover()
    page.wait_for_selector(PREVIEW, timeout=5_000)
    preview = page.locator("#kb-preview")
    assert preview.locator(".kb-preview__title").inner_text() == title
    assert len(preview.locator(".kb-preview__text").inner_text()) > 40
    assert link.get_attribute("aria-describedby") == "kb-preview"
    page.mouse.move(0, 0)
    page.wait_for_selector("#kb-preview[hidden]", state="attached")
    page.close()


def test_keyboard_focus_shows_and_escape_hides(chromium, published):
    site, url = published
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + page_kinds(site)["article (en)"])
    link = page.locator(".md-content a[href*='entities/']").first
    link.focus()
    page.wait_for_selector(PREVIEW, timeout=5_000)
    assert page.locator("#kb-preview .kb-preview__title").inner_text() == link.inner_text().split(" (")[0]
    page.keyboard.press("Escape")
    assert page.locator("#kb-preview").is_hidden()
    page.close()


def test_no_preview_on_a_touch_screen(chromium, published):
    site, url = published
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(url + page_kinds(site)["topic"])
    assert page.evaluate("matchMedia('(hover: none)').matches")
    page.locator(".md-content a[href*='articles/']").first.focus()
    page.wait_for_timeout(800)
    assert page.locator(PREVIEW).count() == 0
    context.close()


def test_clicking_a_link_loads_no_preview_it_would_abandon(chromium, published):
    site, url = published
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + page_kinds(site)["topic"])
    requested: list[str] = []
    page.on("request", lambda r: "previews/" in r.url and requested.append(r.url))
    link = page.locator(".md-content a[href*='articles/']").first
    link.dispatch_event("focusin")  # as a mouse click focuses it, without :focus-visible
    link.evaluate("a => a.focus({focusVisible: false})")
    page.wait_for_timeout(200)
    assert requested == [] and page.locator(PREVIEW).count() == 0
    page.close()
