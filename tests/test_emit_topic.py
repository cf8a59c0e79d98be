"""Topic pages (kbsite/emit/topic.py): their articles a page at a time, with the passages that put each there."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kbsite.emit import render_pages
from tests.emit_site import html_of, links, make_site


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(make_site(), page_size=2)


def test_topic_page_paginates_its_articles_with_passages(pages):
    first, second = pages["topics/policy.md"], pages["topics/policy/page-2.md"]
    found = links(first)
    assert ("BlackBerry dejará Pakistán", "../articles/bb-es.md") in found
    assert ("BlackBerry уходит из Пакистана", "../articles/bb-ru.md") in found
    assert not any("undated" in href for _, href in found)
    assert ("Next →", "policy/page-2.md") in found
    assert ("BES", "bes.md") in found  # subtopic
    soup = html_of(first)
    assert soup.find("p", lang="es", string="Cifrado total.")
    assert "Articles (4)" in soup.get_text()
    assert "Blackberry: 3 articles" not in soup.get_text() and "BlackBerry: 3 articles" in soup.get_text()
    later = links(second)
    assert ("← Previous", "../policy.md") in later
    assert ("An undated note", "../../articles/undated.md") in later
    assert ("Encryption policy", "../policy.md") in later
    assert ("Encryption policy", "policy.md") in links(pages["topics/bes.md"])  # parent


def _pages_with_policy_evidence(evidence: tuple[str, ...]) -> dict[str, str]:
    """The pages of the test site, with the Spanish article's evidence of the topic "policy" set to `evidence`."""
    site = make_site()
    article = site.articles["bb-es"]
    hits = tuple(replace(h, evidence=evidence) if h.topic == "policy" else h for h in article.topics)
    site.articles["bb-es"] = replace(article, topics=hits)
    return render_pages(site, page_size=10)


def test_a_topic_page_quotes_the_first_piece_of_evidence_and_the_article_page_all_of_it():
    pages = _pages_with_policy_evidence(("Cifrado total.", "Las puertas traseras no."))
    topic = html_of(pages["topics/policy.md"])
    assert topic.find("p", lang="es", string="Cifrado total.")
    assert "Las puertas traseras" not in topic.get_text()
    assert "Las puertas traseras no." in html_of(pages["articles/bb-es.md"]).get_text()


def test_a_list_leaves_out_a_passage_that_only_repeats_the_title():
    pages = _pages_with_policy_evidence(("BlackBerry dejará Pakistán.", "Las puertas traseras no."))
    topic = html_of(pages["topics/policy.md"])
    assert topic.find("p", lang="es", string="Las puertas traseras no.")
    assert topic.get_text().count("BlackBerry dejará Pakistán") == 1  # the link only
    entity = html_of(pages["entities/pakistan.md"])  # its passage there is the title, "BlackBerry dejará Pakistán."
    assert entity.get_text().count("BlackBerry dejará Pakistán") == 1
