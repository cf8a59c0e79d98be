"""Tag pages: every tag an author wrote gets a page of its articles, linked from the articles and the home page."""

from __future__ import annotations

from dataclasses import replace

from kbsite.emit import render_pages
from kbsite.model import Article, Site

EVIL = "<script>alert(1)</script>"


def make_site(n_extra: int = 0) -> Site:
    articles = {
        "a": Article("a.md", "Alpha", "en", "", "", date="2015-01-01", tags=("Security", "mobile")),
        "b": Article("b.md", "Beta", "es", "", "", date="2016-01-01", tags=("security", EVIL)),
        "c": Article("c.md", "Gamma", "en", "", ""),
    }
    for i in range(n_extra):
        articles[f"x{i:03d}"] = Article(f"x{i:03d}.md", f"X {i}", "en", "", "", tags=("bulk",))
    return Site(title="KB", articles=dict(sorted(articles.items())), topics={}, entities={}, topic_articles={},
                entity_articles={}, related={s: [] for s in articles}, translations={s: [] for s in articles},
                related_topics={}, cooccurring={}, backlinks={})


def test_a_page_per_tag_with_its_articles_newest_first_and_case_variants_joined():
    pages = render_pages(make_site())
    assert {"tags/index.md", "tags/security.md", "tags/mobile.md"} <= set(pages)
    security = pages["tags/security.md"]
    assert "# Tag: Security" in security  # named as first written
    assert security.index("Beta") < security.index("Alpha")
    assert "Gamma" not in security


def test_articles_and_home_link_their_tags():
    pages = render_pages(make_site())
    assert "**Tags:** [Security](../tags/security.md) · [mobile](../tags/mobile.md)" in pages["articles/a.md"]
    assert "Tags" not in pages["articles/c.md"]
    assert "(tags/index.md)" in pages["index.md"]


def test_hostile_tags_are_text():
    pages = render_pages(make_site())
    tag_page = next(p for p in pages if p.startswith("tags/script"))
    assert "<script>" not in pages[tag_page] and "<script>" not in pages["articles/b.md"]


def test_no_tags_no_pages():
    site = make_site()
    site = replace(site, articles={s: replace(a, tags=()) for s, a in site.articles.items()})
    pages = render_pages(site)
    assert not [p for p in pages if p.startswith("tags/")] and "tags/index.md" not in pages["index.md"]


def test_long_tag_lists_are_paged():
    pages = render_pages(make_site(n_extra=25), page_size=10)
    assert {"tags/bulk.md", "tags/bulk/page-2.md", "tags/bulk/page-3.md"} <= set(pages)
