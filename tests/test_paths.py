"""Page paths: one definition (kbsite.paths), used by every writer and by the record of what kbsite owns."""

from __future__ import annotations

import re
from pathlib import Path

from kbsite.emit import render_pages
from kbsite.emit.feeds import feed_files
from kbsite.emit.graph import graph_files
from kbsite.emit.previews import preview_files
from kbsite.emit.timeline import timeline_pages
from kbsite.paths import article_page, entity_page, html_path, is_owned, kind_of, later_pages, topic_page
from tests.emit_site import make_site

PACKAGE = Path(__file__).resolve().parent.parent / "kbsite"
# A generated page's path spelt out: its folder, or a top-level page of kbsite's.
SPELT = re.compile(r"""["'](?:articles|topics|entities|tags|browse|timeline)/|["'](?:index|timeline)\.md["']""")


def test_html_path():
    assert html_path("articles/x.md") == "articles/x.html"
    assert html_path("assets/kbsite/graph.svg") == "assets/kbsite/graph.svg"


def test_pages_of_articles_topics_and_entities_are_told_back_apart():
    for kind, make in (("article", article_page), ("topic", topic_page), ("entity", entity_page)):
        assert kind_of(make("a-b")) == (kind, "a-b")
    assert kind_of("index.md") is None and kind_of("tags/x.md") is None and kind_of("topics/x/feed.xml") is None
    assert later_pages(topic_page("x")).format(n=2) == "topics/x/page-2.md"


def test_every_generated_file_is_one_kbsite_owns():
    """Else a page would be written where kbsite does not clean up, or would be taken for a person's."""
    site = make_site()
    files = {**render_pages(site, graph=True, graphs=True, timeline=True, feeds=True), **graph_files(site),
             **feed_files(site, site_url=None), **timeline_pages(site), **preview_files(site)}
    assert len(files) > 20
    assert [path for path in files if not is_owned(path)] == []
    assert not is_owned("about.md") and not is_owned("assets/mine.css")


def test_no_other_module_spells_out_a_page_path():
    """One place for page paths: a path written twice drifts, and links break."""
    spelt = [f"{path.relative_to(PACKAGE)}:{n}" for path in sorted(PACKAGE.rglob("*.py")) if path.name != "paths.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if SPELT.search(line.split("#")[0])]
    assert spelt == []
