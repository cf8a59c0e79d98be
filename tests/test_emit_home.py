"""The home page (kbsite/emit/home.py): what the KB holds, in counts and links."""

from __future__ import annotations

import pytest

from kbsite.emit import render_pages
from tests.emit_site import html_of, links, make_site


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(make_site(), page_size=2)


def test_home_page_counts_and_links(pages):
    soup = html_of(pages["index.md"])
    text = soup.get_text()
    assert "4 articles in 3 languages, about 2 topics and 3 entities." in text
    assert "English: 2 articles" in text and "Spanish: 1 article" in text
    found = links(pages["index.md"])
    latest = soup.find("h2", string="Latest articles").find_next("ul")
    assert [a["href"] for a in latest.find_all("a")][-1] == "articles/undated.md"
    assert ("Encryption policy", "topics/policy.md") in found
    assert ("BlackBerry", "entities/blackberry.md") in found
    assert not soup.find("img") and "timeline.md" not in pages["index.md"] and "feed.xml" not in pages["index.md"]
