"""Stage "write": the Site as Markdown pages under docs/, cross-linked with relative .md links.

Each page module gathers its page's data; the templates (kbsite.emit.templates) write the Markdown.

Pure: the caller writes the files and runs MkDocs. Every page carries `kbsite: generated`
in its front matter, the marker by which the generator knows it owns the file.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
from pathlib import Path

from kbsite.emit.article import article_page
from kbsite.emit.context import Context
from kbsite.emit.entity import entity_pages
from kbsite.emit.home import home_page
from kbsite.emit.listings import listing_pages
from kbsite.emit.tags import tag_pages
from kbsite.emit.topic import topic_pages
from kbsite.model import Site

__all__ = ["iter_pages", "render_pages"]


def render_pages(
    site: Site,
    *,
    page_size: int = 100,
    graph: bool = False,
    graphs: bool = False,
    timeline: bool = False,
    feeds: bool = False,
    offline_zip: bool = False,
    lang: str = "en",
) -> dict[str, str]:
    """Path relative to docs/ -> Markdown, for every generated page, in path order.

    The flags say which files other writers add, so pages link to them only when they
    exist: graph (assets/kbsite/graph.svg), graphs (per topic/entity SVGs), timeline
    (timeline.md), feeds (feed.xml/.json and topics/<id>/feed.xml/.json), offline_zip
    (offline.zip beside index.html, added after MkDocs has built the site).
    """
    flags = {"graph": graph, "graphs": graphs, "timeline": timeline, "feeds": feeds, "offline_zip": offline_zip}
    return dict(sorted(iter_pages(site, page_size=page_size, lang=lang, **flags)))


_FORKED: dict[str, Context] = {}


def iter_pages(site: Site, *, page_size: int = 100, workers: int = 1, source_url: str | None = None,
               lang: str = "en", overrides: Path | None = None, **flags: bool) -> Iterator[tuple[str, str]]:
    """The pages one at a time, so a large KB's pages never all sit in memory; article pages,
    most of the work, are rendered by `workers` forked processes (same output, any order of work).
    `overrides`: the project's folder of templates that replace the shipped ones."""
    ctx = Context.plan(site, page_size, source_url=source_url, lang=lang, overrides=overrides, **flags)
    yield "index.md", home_page(ctx)
    yield from listing_pages(ctx).items()
    yield from tag_pages(ctx).items()
    slugs = list(ctx.articles_by_date)
    if workers > 1 and len(slugs) >= 100 and "fork" in multiprocessing.get_all_start_methods():
        _FORKED["ctx"] = ctx  # the children inherit it: the Site is never pickled
        gc.freeze()  # or the children's collections would touch, and so copy, every object of the Site
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                yield from pool.imap(_forked_article, slugs, chunksize=64)
        finally:
            gc.unfreeze()
            _FORKED.clear()
    else:
        for slug in slugs:
            yield ctx.article_path(slug), article_page(ctx, slug)
    for topic_id in ctx.topic_pages:
        yield from topic_pages(ctx, topic_id).items()
    for entity_id in ctx.entity_pages:
        yield from entity_pages(ctx, entity_id).items()


def _forked_article(slug: str) -> tuple[str, str]:
    ctx = _FORKED["ctx"]
    return ctx.article_path(slug), article_page(ctx, slug)
