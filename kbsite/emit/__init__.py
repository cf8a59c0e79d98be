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
    offline_zip: str | None = None,
    lang: str = "en",
) -> dict[str, str]:
    """Path relative to docs/ -> Markdown, for every generated page, in path order.

    The flags say which files other writers add (kbsite.outputs), so pages link to them only when
    they exist: graph (the whole KB's picture), graphs (per topic/entity pictures), timeline, feeds,
    tags (tag pages), offline_zip (the zip's path inside the site, added after MkDocs has built it).
    """
    flags = {"graph": graph, "graphs": graphs, "timeline": timeline, "feeds": feeds, "with_tags": tags,
             "offline_zip": offline_zip}
    return dict(sorted(iter_pages(site, page_size=page_size, lang=lang, **flags)))


def iter_pages(site: Site, *, page_size: int = 100, workers: int = 1, source_url: str | None = None,
               lang: str = "en", overrides: Path | None = None,
               **flags: bool | str | None) -> Iterator[tuple[str, str]]:
    """The pages one at a time, so a large KB's pages never all sit in memory; article pages,
    most of the work, are rendered by `workers` processes (kbsite.workers: the same pages in the same order).
    `overrides`: the project's folder of templates that replace the shipped ones."""
    ctx = Context.plan(site, page_size, source_url=source_url, lang=lang, overrides=overrides, **flags)
    yield HOME_PAGE, home_page(ctx)
    yield from listing_pages(ctx).items()
    yield from tag_pages(ctx).items()
    slugs = list(ctx.articles_by_date)
    yield from imap("writing the article pages", partial(_article, ctx), slugs,
                    workers=workers if len(slugs) >= 100 else 1)
    for topic_id in ctx.topic_pages:
        yield from topic_pages(ctx, topic_id).items()
    for entity_id in ctx.entity_pages:
        yield from entity_pages(ctx, entity_id).items()


def _article(ctx: Context, slug: str) -> tuple[str, str]:
    return ctx.article_path(slug), article_page(ctx, slug)
