"""The header search box and the search page form as a reader uses them: keys, sizes, edges, names, filters alone.

Runs on the small site of test_search_site.py at a desktop and a phone width, under a sub-path and from file://.
"""

from __future__ import annotations

import pytest
from browser.helpers import confine, needs_chromium
from browser.test_search_site import site  # noqa: F401  (the module's built site, served by conftest)

pytestmark = [pytest.mark.browser, needs_chromium]
WIDTHS = {"desktop": 1280, "phone": 390}
FOCUSED = "document.activeElement && (document.activeElement.id || document.activeElement.getAttribute('href'))"


def open_page(chromium, url: str, base: str, width: int):
    page = chromium.new_page(viewport={"width": width, "height": 900})
    blocked = confine(page, base)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state()
    return page, blocked, errors


def header_links(page) -> list[str]:
    page.wait_for_selector("#kb-header-results:not([hidden]) li a", timeout=10_000)
    return page.eval_on_selector_all("#kb-header-results a[href]", "els => els.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_header_box_text_is_16px_and_visible(chromium, site_url, width):
    page, blocked, errors = open_page(chromium, f"{site_url}index.html", site_url, width)
    assert page.is_visible("#kb-header-q")
    assert page.eval_on_selector("#kb-header-q", "e => getComputedStyle(e).fontSize") == "16px"
    assert not errors and not blocked
    page.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_slash_and_ctrl_k_focus_the_box_but_not_while_typing_elsewhere(chromium, site_url, width):
    page, blocked, errors = open_page(chromium, f"{site_url}search/index.html", site_url, width)
    for keys in ["/", "Control+k", "Meta+k"]:
        page.evaluate("document.activeElement.blur()")
        page.keyboard.press(keys)
        assert page.evaluate(FOCUSED) == "kb-header-q", keys
        assert page.input_value("#kb-header-q") == "", keys
    page.focus("#kb-search-q")
    page.keyboard.type("a/b")
    page.keyboard.press("Control+k")
    assert page.evaluate(FOCUSED) == "kb-search-q"
    assert page.input_value("#kb-search-q") == "a/b"
    assert not errors and not blocked
    page.close()


def walk_results(page, start: str) -> None:
    """Arrow keys through the header's links and back, Escape, then Enter opens the second result."""
    page.focus("#kb-header-q")
    page.keyboard.type("pakistan")
    links = header_links(page)
    assert len(links) >= 3
    page.keyboard.press("ArrowDown")
    assert page.evaluate(FOCUSED) == links[0]
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style not in ("none", "")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(FOCUSED) == links[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(FOCUSED) == "kb-header-q"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.is_hidden("#kb-header-results")
    assert page.evaluate(FOCUSED) == "kb-header-q"
    page.keyboard.press("ArrowDown")  # a hidden panel keeps the focus in the box
    assert page.evaluate(FOCUSED) == "kb-header-q"
    page.keyboard.type("s")  # typing again reopens the panel
    links = header_links(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == second
    assert page.url.startswith(f"{start}articles/") and page.url.endswith(".html")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_arrow_keys_enter_and_escape_in_the_header_results(chromium, site_url, width):
    page, blocked, errors = open_page(chromium, f"{site_url}index.html", site_url, width)
    walk_results(page, site_url)
    assert not errors and not blocked
    page.close()


def test_arrow_keys_from_file_url(chromium, site):  # noqa: F811
    base = site.as_uri() + "/"
    page, blocked, errors = open_page(chromium, f"{base}index.html", base, WIDTHS["phone"])
    walk_results(page, base)
    assert not errors and not blocked
    page.close()
