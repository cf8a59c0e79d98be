"""Stage "write": the Site as Markdown pages under docs/, cross-linked with relative .md links.

Each page module gathers its page's data; the templates (kbsite.emit.templates) write the Markdown.

Pure: the caller writes the files and runs MkDocs. Every page carries `kbsite: generated`
in its front matter, the marker by which the generator knows it owns the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from kbsite.emit.article import article_page
from kbsite.emit.context import Context
from kbsite.emit.entity import entity_pages
from kbsite.emit.home import home_page
from kbsite.emit.listings import listing_pages
from kbsite.emit.rendered import Rendered
from kbsite.emit.tags import tag_pages
from kbsite.emit.topic import topic_pages
from kbsite.model import Site
from kbsite.paths import HOME_PAGE
from kbsite.workers import imap

__all__ = ["iter_pages", "render_pages"]


def render_pages(
    site: Site,
    *,
    page_size: int = 100,
    graph: bool = False,
    graphs: bool = False,
    timeline: bool = False,
    feeds: bool = False,
    tags: bool = True,
    passages: bool = True,
    offline_zip: str | None = None,
    lang: str = "en",
) -> dict[str, str]:
    """Path relative to docs/ -> Markdown, for every generated page, in path order.

    The flags say which files other writers add (kbsite.outputs), so pages link to them only when
    they exist: graph (the whole KB's picture), graphs (per topic/entity pictures), timeline, feeds,
    tags (tag pages), offline_zip (the zip's path inside the site, added after MkDocs has built it); and
    passages: whether the articles listed on topic and entity pages each show a passage.
    """
    flags = {"graph": graph, "graphs": graphs, "timeline": timeline, "feeds": feeds, "with_tags": tags,
             "passages": passages, "offline_zip": offline_zip}
    return dict(sorted(iter_pages(site, page_size=page_size, lang=lang, **flags)))


def iter_pages(site: Site, *, page_size: int = 100, workers: int = 1, source_url: str | None = None,
               lang: str = "en", overrides: Path | None = None, rendered: Rendered | None = None,
               **flags: bool | str | None) -> Iterator[tuple[str, str]]:
    """The pages one at a time, so a large KB's pages never all sit in memory; the article, topic and entity
    pages, most of the work, are rendered by `workers` processes (kbsite.workers: the same pages in the same
    order). `overrides`: the project's folder of templates that replace the shipped ones; `rendered`: the pages
    of the last build to take again, and the record of this build's (see kbsite.emit.rendered)."""
    ctx = Context.plan(site, page_size, source_url=source_url, lang=lang, overrides=overrides, rendered=rendered,
                       **flags)
    yield HOME_PAGE, home_page(ctx)
    yield from listing_pages(ctx).items()
    yield from tag_pages(ctx).items()
    jobs = [*(("article", slug) for slug in ctx.articles_by_date), *(("topic", key) for key in ctx.topic_pages),
            *(("entity", key) for key in ctx.entity_pages)]
    # The record is gathered apart while workers run, and put back at the end: a worker forked later inherits
    # `rendered` as it is then, and must not send back what the parent holds already.
    gained = None
    if rendered is not None:
        gained = Rendered(rendered.salt)
        gained.add(rendered.take())
    for pages, taken in imap("writing the pages", partial(_pages, ctx), jobs,
                             workers=workers if len(jobs) >= 100 else 1):
        if gained is not None:
            gained.add(taken)
        yield from pages
    if rendered is not None and gained is not None:
        rendered.add(gained.take())


def _pages(ctx: Context, job: tuple[str, str]) -> tuple[list[tuple[str, str]], tuple]:
    """The pages of one article, topic or entity, and what the record of rendered pages gained meanwhile (a
    worker's record does not reach the parent by itself)."""
    kind, key = job
    if kind == "article":
        pages = [(ctx.article_path(key), article_page(ctx, key))]
    else:
        pages = list((topic_pages if kind == "topic" else entity_pages)(ctx, key).items())
    return pages, (ctx.rendered.take() if ctx.rendered is not None else ({}, 0, 0))
