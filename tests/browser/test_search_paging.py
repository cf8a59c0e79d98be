"""The search page shows results a page at a time, so a common word does not load every article's metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser.helpers import confine, needs_chromium

from tests.conftest import build_project, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]
ARTICLES = 45


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    kb = tmp_path_factory.mktemp("kb") / "kb"
    kb.mkdir()
    for i in range(ARTICLES):
        (kb / f"z{i:02}.md").write_text(f"---\ntitle: Zeppelin report {i}\nlang: en\n---\n"
                                        + "The zeppelin flew over the city. " * (1 + i % 7), encoding="utf-8")
    root = make_project(tmp_path_factory.mktemp("paging") / "p", kb)
    build_project(root)
    return root / "site"


def test_results_come_twenty_at_a_time(chromium, site):
    page = chromium.new_page()
    blocked = confine(page, site.as_uri())
    page.goto((site / "search" / "index.html").as_uri() + "?q=zeppelin")
    results = page.locator("#kb-search-results > li")
    more = page.locator("button.kb-search__more")
    page.wait_for_function("document.querySelectorAll('#kb-search-results > li').length > 0")
    assert page.locator("#kb-search-count").inner_text() == f"{ARTICLES} results"
    assert results.count() == 20
    more.click()
    page.wait_for_function("document.querySelectorAll('#kb-search-results > li').length === 40")
    more.click()
    page.wait_for_function(f"document.querySelectorAll('#kb-search-results > li').length === {ARTICLES}")
    assert more.is_hidden()
    assert blocked == []
    page.close()
