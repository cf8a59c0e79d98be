"""axe-core (npm, pinned in package.json) finds no serious or critical accessibility violation on any kind of page.

Pages are checked as published (served under a sub-path, built for it), with search results and the header's
result panel open, since those are built by script after the page loads.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browser.helpers import browser, needs_chromium
from browser.site_pages import page_kinds, published_site, search_word

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]
AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def axe() -> Path:
    if not AXE.is_file():
        message = f"{AXE} is missing: run `npm ci` (scripts/browser-deps.sh does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    with published_site(tmp_path_factory.mktemp("a11y") / "project") as (site, url):
        yield site, url


@pytest.fixture(scope="module")
def page(published):
    _, url = published
    with browser() as chromium:
        tab = chromium.new_page(viewport={"width": 1280, "height": 900})
        tab.route(re.compile(f"^(?!{re.escape(url)})"), lambda r: r.abort())
        yield tab


def violations(page, axe: Path) -> list[str]:
    page.add_script_tag(path=str(axe))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"] if v["impact"] in SERIOUS]


def test_no_serious_violations_on_any_kind_of_page(published, page, axe):
    site, url = published
    found = {}
    for kind, rel in page_kinds(site).items():
        page.goto(url + rel, wait_until="load")
        if kind == "search":
            page.wait_for_selector("#kb-search-results li a", timeout=10_000)
        found[kind] = violations(page, axe)
    assert found == {kind: [] for kind in found}


def test_no_serious_violations_with_the_header_results_open(published, page, axe):
    site, url = published
    page.goto(url + "index.html", wait_until="load")
    page.fill("#kb-header-q", search_word(site))
    page.wait_for_selector("#kb-header-results:not([hidden]) li a", timeout=10_000)
    assert violations(page, axe) == []


def test_checks_find_what_they_are_meant_to_find(published, page, axe):
    """The check itself works: a link told apart from its text only by colour is reported."""
    _, url = published
    page.goto(url + "about.html", wait_until="load")
    page.evaluate("""() => {
        const p = document.querySelector('.md-typeset p');
        p.insertAdjacentHTML('beforeend', ' and <a href="#" id="kb-probe">a bare link</a> in text.');
        document.getElementById('kb-probe').style.textDecoration = 'none';
    }""")
    assert any("link-in-text-block" in v for v in violations(page, axe))
