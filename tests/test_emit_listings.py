"""Listing pages (kbsite/emit/listings.py): articles by date and by language, the topic tree, entities by type."""

from __future__ import annotations

import pytest

from kbsite.emit import render_pages
from tests.emit_site import html_of, links, make_site


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(make_site(), page_size=2)


def test_listings_by_date_and_language(pages):
    first = [href for _, href in links(pages["browse/index.md"]) if href.startswith("../articles/")]
    second = [href for _, href in links(pages["browse/date-2.md"]) if href.startswith("../articles/")]
    assert first + second == [
        "../articles/bb-en.md", "../articles/bb-es.md", "../articles/bb-ru.md", "../articles/undated.md",
    ]  # fmt: skip
    assert ("Russian", "lang-ru.md") in links(pages["browse/index.md"])
    assert [href for _, href in links(pages["browse/lang-en.md"]) if "articles" in href] == [
        "../articles/bb-en.md",
        "../articles/undated.md",
    ]


def test_topic_tree_and_entities_by_type(pages):
    soup = html_of(pages["topics/index.md"])
    policy = soup.find("a", string="Encryption policy").find_parent("li")
    assert policy.find("ul").find("a", string="BES")  # child nested under its parent
    entities = html_of(pages["entities/index.md"]).get_text()
    assert entities.index("Organisation (1)") < entities.index("Person (1)")
    assert "Place (1)" in html_of(pages["browse/entities-2.md"]).get_text()
