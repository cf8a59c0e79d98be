"""Stage "write": the Site as Markdown pages under docs/, cross-linked with relative .md links.

Pure: the caller writes the files and runs MkDocs. Every page carries `kbsite: generated`
in its front matter, the marker by which the generator knows it owns the file.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator

from kbsite.emit.article import article_page
from kbsite.emit.context import Context
from kbsite.emit.entity import entity_pages
from kbsite.emit.home import home_page
from kbsite.emit.listings import listing_pages
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
) -> dict[str, str]:
    """Path relative to docs/ -> Markdown, for every generated page, in path order.

    The flags say which files other writers add, so pages link to them only when they
    exist: graph (assets/kbsite/graph.svg), graphs (per topic/entity SVGs), timeline
    (timeline.md), feeds (feed.xml/.json and topics/<id>/feed.xml/.json), offline_zip
    (offline.zip beside index.html, added after MkDocs has built the site).
    """
    flags = {"graph": graph, "graphs": graphs, "timeline": timeline, "feeds": feeds, "offline_zip": offline_zip}
    return dict(sorted(iter_pages(site, page_size=page_size, **flags)))


_FORKED: dict[str, Context] = {}

Job = tuple[str, str]  # ("article" | "topic" | "entity", slug or id)
CHILD_TASKS = 16  # chunks of 64 pages: about 1,000 pages per forked child


def iter_pages(site: Site, *, page_size: int = 100, workers: int = 1, **flags: bool) -> Iterator[tuple[str, str]]:
    """The pages one at a time, so a large KB's pages never all sit in memory; article, topic and entity
    pages, most of the work, are rendered by `workers` forked processes (same output, any order of work)."""
    ctx = Context.plan(site, page_size, **flags)
    yield "index.md", home_page(ctx)
    yield from listing_pages(ctx).items()
    jobs: list[Job] = [("article", slug) for slug in ctx.articles_by_date]
    jobs += [("topic", topic_id) for topic_id in ctx.topic_pages]
    jobs += [("entity", entity_id) for entity_id in ctx.entity_pages]
    if workers > 1 and len(jobs) >= 100 and "fork" in multiprocessing.get_all_start_methods():
        _FORKED["ctx"] = ctx  # the children inherit it: the Site is never pickled
        gc.freeze()  # or the children's collections would touch, and so copy, every object of the Site
        try:
            # A child's refcounts copy the pages of every object it touches; a fresh child every
            # CHILD_TASKS chunks gives that memory back and shares the parent's again.
            with multiprocessing.get_context("fork").Pool(workers, maxtasksperchild=CHILD_TASKS) as pool:
                for pages in pool.imap(_forked_pages, jobs, chunksize=64):
                    yield from pages
        finally:
            gc.unfreeze()
            _FORKED.clear()
    else:
        for job in jobs:
            yield from _pages(ctx, job)


def _pages(ctx: Context, job: Job) -> list[tuple[str, str]]:
    kind, key = job
    if kind == "article":
        return [(ctx.article_path(key), article_page(ctx, key))]
    return list((topic_pages if kind == "topic" else entity_pages)(ctx, key).items())


def _forked_pages(job: Job) -> list[tuple[str, str]]:
    return _pages(_FORKED["ctx"], job)
