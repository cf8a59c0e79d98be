"""Stage "write": the Site as Markdown pages under docs/, cross-linked with relative .md links.

Pure: the caller writes the files and runs MkDocs. Every page carries `kbsite: generated`
in its front matter, the marker by which the generator knows it owns the file.
"""

from __future__ import annotations

from kbsite.emit.article import article_page
from kbsite.emit.context import Context
from kbsite.emit.entity import entity_pages
from kbsite.emit.home import home_page
from kbsite.emit.listings import listing_pages
from kbsite.emit.topic import topic_pages
from kbsite.model import Site

__all__ = ["render_pages"]


def render_pages(
    site: Site,
    *,
    page_size: int = 100,
    graph: bool = False,
    graphs: bool = False,
    timeline: bool = False,
    feeds: bool = False,
    offline_zip: bool = False,
) -> dict[str, str]:
    """Path relative to docs/ -> Markdown, for every generated page, in path order.

    The flags say which files other writers add, so pages link to them only when they
    exist: graph (assets/kbsite/graph.svg), graphs (per topic/entity SVGs), timeline
    (timeline.md), feeds (feed.xml/.json and topics/<id>/feed.xml/.json), offline_zip
    (offline.zip beside index.html, added after MkDocs has built the site).
    """
    ctx = Context.plan(
        site, page_size, graph=graph, graphs=graphs, timeline=timeline, feeds=feeds, offline_zip=offline_zip
    )
    pages = {"index.md": home_page(ctx)}
    pages.update(listing_pages(ctx))
    for slug in ctx.articles_by_date:
        pages[ctx.article_path(slug)] = article_page(ctx, slug)
    for topic_id in ctx.topic_pages:
        pages.update(topic_pages(ctx, topic_id))
    for entity_id in ctx.entity_pages:
        pages.update(entity_pages(ctx, entity_id))
    return dict(sorted(pages.items()))
