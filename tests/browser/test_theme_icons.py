"""The theme's icons that the stylesheet draws look exactly like Material's inline SVG did (Chromium)."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from browser.helpers import browser, confine, needs_chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

ICONS = Path(material.__file__).parent / "templates" / ".icons"


@pytest.fixture(scope="module")
def tab(default_site):
    with serve(default_site / "site") as url, browser() as chromium:
        page = chromium.new_page()
        confine(page, url)
        yield page, url


# a narrow page shows the menu; a wide one the header's logo
@pytest.mark.parametrize(("width", "shown"), [(390, {"material/menu", "material/arrow-up"}),
                                              (1280, {"material/library", "material/arrow-up"})])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_drawn_icon_matches_materials_inline_svg_pixel_for_pixel(tab, scheme, width, shown):
    page, url = tab
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    page.goto(url + "index.html")
    page.evaluate("document.querySelectorAll('[hidden]').forEach(e => e.removeAttribute('hidden'))")
    drawn = page.locator("svg[class^='kb-icon-']")
    assert drawn.count() == 6
    compared = []
    for n in range(drawn.count()):
        icon = drawn.nth(n)
        if not icon.is_visible():
            continue
        name = icon.get_attribute("class").removeprefix("kb-icon-").replace("-", "/", 1)
        before = icon.screenshot(animations="disabled")
        svg = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
        icon.evaluate("(e, svg) => { e.insertAdjacentHTML('afterend', svg); e.nextSibling.dataset.kbTest = '1'; "
                      "e.remove(); }", svg)
        inline = page.locator("svg[data-kb-test='1']")
        assert inline.screenshot(animations="disabled") == before, name
        inline.evaluate("e => e.removeAttribute('data-kb-test')")
        compared.append(name)
    assert shown <= set(compared) and any("brightness" in name for name in compared), compared
