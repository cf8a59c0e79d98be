"""The header search box and the search page form as a reader uses them: keys, sizes, edges, names, filters alone.

Runs on the small site of test_search_site.py at a desktop and a phone width, under a sub-path and from file://.
"""

from __future__ import annotations

import pytest
from browser.helpers import confine, needs_chromium
from browser.test_search_site import records, site  # noqa: F401  (the module's built site, served by conftest)

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


def luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


EDGES = """els => els.map(e => {
  const rgba = s => (s.match(/[\\d.]+/g) || []).map(Number);
  let back = null;
  for (let n = e.parentElement; n && !back; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) back = c;
  }
  const s = getComputedStyle(e);
  return {id: e.id, style: s.borderTopStyle, width: parseFloat(s.borderTopWidth), border: rgba(s.borderTopColor),
          back: back || [255, 255, 255], size: s.fontSize};
})"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_search_form_fields_have_visible_edges_in_both_palettes_and_a_real_button(chromium, site_url, width):
    page, blocked, errors = open_page(chromium, f"{site_url}search/index.html", site_url, width)
    for scheme in ["default", "slate"]:
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        fields = page.eval_on_selector_all("#kb-search-form input, #kb-search-form select", EDGES)
        assert len(fields) == 6
        for f in fields:
            border = f["border"]
            alpha = border[3] if len(border) == 4 else 1
            seen = tuple(alpha * c + (1 - alpha) * b for c, b in zip(border[:3], f["back"][:3], strict=True))
            assert f["style"] != "none" and f["width"] >= 1, (scheme, f)
            assert contrast(seen, tuple(f["back"][:3])) >= 3, (scheme, f)
            assert f["size"] == "16px", (scheme, f)
    button = page.locator("#kb-search-form button[type=submit]")
    assert button.is_visible()
    assert set(button.get_attribute("class").split()) >= {"md-button", "md-button--primary"}
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    page.fill("#kb-search-q", "rain")
    button.click()
    page.wait_for_selector("#kb-search-results li a", timeout=10_000)
    assert not errors and not blocked
    page.close()


def test_language_list_shows_names(chromium, site_url):
    page, blocked, errors = open_page(chromium, f"{site_url}search/index.html", site_url, WIDTHS["desktop"])
    page.wait_for_function("document.querySelectorAll('#kb-search-lang option').length > 1")
    options = page.eval_on_selector_all("#kb-search-lang option", "els => els.map(o => [o.value, o.textContent])")
    assert options[0] == ["", "All languages"]
    assert dict(options[1:]) == {"en": "English", "es": "Spanish", "nl": "Dutch", "ru": "Russian"}
    assert [name for _, name in options[1:]] == sorted(name for _, name in options[1:])
    assert not errors and not blocked
    page.close()


def newest_first(keep) -> list[str]:
    chosen = [r for r in records() if keep(r)]
    dated = sorted((r for r in chosen if r.date), key=lambda r: r.date, reverse=True)
    return [r.url.split("articles/")[1] for r in dated + [r for r in chosen if not r.date]]


def listed(page) -> list[str]:
    page.wait_for_selector("#kb-search-results li a", timeout=10_000)
    hrefs = page.eval_on_selector_all("#kb-search-results li a", "els => els.map(a => a.getAttribute('href'))")
    return [h.split("articles/")[1] for h in hrefs]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_filters_alone_list_their_articles_newest_first(chromium, site_url, width):
    page, blocked, errors = open_page(chromium, f"{site_url}search/index.html?lang=en", site_url, width)
    expected = newest_first(lambda r: r.lang == "en")
    assert len(expected) > 2
    assert listed(page) == expected
    assert page.text_content("#kb-search-count") == f"{len(expected)} articles, newest first"
    page.select_option("#kb-search-lang", "")
    page.select_option("#kb-search-entity", "pakistan")
    page.wait_for_function("location.search === '?entity=pakistan'")
    expected = newest_first(lambda r: "pakistan" in r.entities)
    page.wait_for_function(f"document.querySelectorAll('#kb-search-results li a').length === {len(expected)}")
    assert listed(page) == expected
    page.select_option("#kb-search-entity", "")
    page.wait_for_function("document.querySelectorAll('#kb-search-results li').length === 0")
    assert not errors and not blocked
    page.close()


def test_filters_with_only_excluded_words_leave_those_out(chromium, site_url):
    page, blocked, errors = open_page(chromium, f"{site_url}search/index.html?q=-rain&lang=en", site_url, 1280)
    expected = newest_first(lambda r: r.lang == "en" and "rain" not in r.text.lower())
    assert 0 < len(expected) < len(newest_first(lambda r: r.lang == "en"))
    assert listed(page) == expected
    assert not errors and not blocked
    page.close()


def test_filters_alone_from_file_url(chromium, site):  # noqa: F811
    base = site.as_uri() + "/"
    page, blocked, errors = open_page(chromium, f"{base}search/index.html?lang=ru", base, WIDTHS["phone"])
    assert listed(page) == newest_first(lambda r: r.lang == "ru")
    assert page.input_value("#kb-search-lang") == "ru"
    assert not errors and not blocked
    page.close()
