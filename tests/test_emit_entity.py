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
