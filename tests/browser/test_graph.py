"""The knowledge graph as a reader uses it: readable labels at any width, zoom, pan and focus, in Chromium.

Checked under a GitHub Pages sub-path and from file://, at a desktop and a phone width.
"""

from __future__ import annotations

import pytest
from browser.helpers import needs_chromium
from browser.site_pages import page_kinds, published_site

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
# Smallest label on screen, in CSS pixels: its font size times the SVG's scale on screen.
SMALLEST_LABEL = """() => {
  const svg = document.documentElement, k = svg.getScreenCTM().a;
  const sizes = [...svg.querySelectorAll('.kb-node text')].map(t => parseFloat(getComputedStyle(t).fontSize) * k);
  return Math.min(...sizes);
}"""


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    with published_site(tmp_path_factory.mktemp("graph") / "project") as (site, url):
        yield site, url


def _graph_frame(page):
    page.wait_for_function("document.querySelector('object.kb-graph') !== null")
    for _ in range(50):
        frame = next((f for f in page.frames if f.url.endswith(".svg")), None)
        if frame is not None and frame.evaluate("document.documentElement.classList.contains('kb-interactive')"):
            return frame
        page.wait_for_timeout(100)
    raise AssertionError("the graph's script did not run")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("where", ["sub-path", "file"])
@pytest.mark.parametrize("kind", ["home", "topic", "entity"])
def test_labels_are_at_least_12px_and_zoom_keeps_them_so(chromium, published, width, where, kind):
    site, url = published
    base = url if where == "sub-path" else site.as_uri() + "/"
    page = chromium.new_page(viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + page_kinds(site)[kind])
    graph = _graph_frame(page)
    assert graph.evaluate(SMALLEST_LABEL) >= 12
    before = graph.evaluate("document.documentElement.getAttribute('viewBox')")
    graph.click('[data-control="in"]')
    assert graph.evaluate("document.documentElement.getAttribute('viewBox')") != before
    assert graph.evaluate(SMALLEST_LABEL) >= 12
    graph.click('[data-control="out"]')
    graph.click('[data-control="out"]')
    assert graph.evaluate(SMALLEST_LABEL) >= 12
    assert not errors
    page.close()


def test_drag_pans_and_reset_restores(chromium, published):
    _, url = published
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + "index.html")
    graph = _graph_frame(page)
    start = graph.evaluate("document.documentElement.getAttribute('viewBox')")
    page.locator("object.kb-graph").scroll_into_view_if_needed()
    box = page.locator("object.kb-graph").bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] - 20)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + box["height"] - 60, steps=5)
    page.mouse.up()
    assert graph.evaluate("document.documentElement.getAttribute('viewBox')") != start
    graph.click('[data-control="reset"]')
    assert graph.evaluate("document.documentElement.getAttribute('viewBox')") == start
    page.close()


def test_clicking_a_dot_focuses_its_neighbourhood_and_the_label_opens_its_page(chromium, published):
    _, url = published
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + "index.html")
    graph = _graph_frame(page)
    node = graph.locator(".kb-node").first
    node.locator("circle").dispatch_event("click")
    assert graph.evaluate("document.documentElement.classList.contains('kb-focused')")
    near = graph.evaluate("[...document.querySelectorAll('.kb-node')].flatMap((n, i) => "
                          "n.classList.contains('kb-near') ? [i] : [])")
    ends = graph.evaluate("document.querySelector('.kb-lines').dataset.edges.split(' ').map(Number)")
    linked = {b if a == 0 else a for a, b in zip(ends[::2], ends[1::2], strict=True) if 0 in (a, b)}
    assert set(near) == {0, *linked} and len(near) > 1
    # its lines are drawn again on top, dark: one segment for each node it links to
    highlighted = graph.evaluate("document.querySelector('path.kb-near').getAttribute('d')")
    assert highlighted.count("M") == len(linked)
    assert page.url.endswith("index.html")  # the dot does not navigate
    with page.expect_navigation():
        node.locator("text").click()
    assert not page.url.endswith("index.html")
    page.close()
