"""Entity pages (kbsite/emit/entity.py): names in each language, passages, mention counts, co-occurring entities."""

from __future__ import annotations

import pytest

from kbsite.emit import render_pages
from tests.emit_site import html_of, links, make_site


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(make_site(), page_size=2)


def test_entity_page_shows_names_passages_counts_and_cooccurrence(pages):
    soup = html_of(pages["entities/pakistan.md"])
    text = soup.get_text()
    assert "Type: place" in text and "Spanish: Pakistán" in text and "Russian: Пакистан" in text
    assert "2 mentions" in text and "1 mention" in text
    assert soup.find("p", lang="ru", string="Компания BlackBerry уходит из Пакистана.")
    assert ("BlackBerry", "blackberry.md") in links(pages["entities/pakistan.md"])
    assert ("Next →", "blackberry/page-2.md") in links(pages["entities/blackberry.md"])


def test_without_passages_the_lists_keep_their_articles_and_lose_only_the_passages(pages):
    """extra.kb.passages: false, for a KB too big for GitHub Pages: in a big KB the passages are up to a quarter
    of the topic and entity pages' bytes."""
    lean = render_pages(make_site(), page_size=2, passages=False)
    assert set(lean) == set(pages)
    for path in ("entities/pakistan.md", "topics/policy.md"):
        assert links(lean[path]) == links(pages[path])
        assert len(lean[path]) < len(pages[path])
    quoted = "Компания BlackBerry уходит из Пакистана."
    assert not html_of(lean["entities/pakistan.md"]).find("p", lang="ru", string=quoted)
    assert "2 mentions" in html_of(lean["entities/pakistan.md"]).get_text()
    articles = [p for p in pages if p.startswith("articles/")]
    assert articles and all(lean[p] == pages[p] for p in articles)
