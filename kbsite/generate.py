"""Every generated file of docs/, in memory: pages, pictures, feeds and the browser's search index.

One function gathers what the emitters make, so the pipeline writes it all in one step,
file by file: at 50,000 articles the pages would not fit in memory all at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kbsite.config import Settings
from kbsite.emit import iter_pages, templates
from kbsite.emit.feeds import feed_files
from kbsite.emit.graph import graph_files
from kbsite.emit.previews import preview_files
from kbsite.emit.search import PATH as SEARCH_PAGE
from kbsite.emit.search import search_page
from kbsite.emit.timeline import timeline_pages
from kbsite.index.browser import browser_index
from kbsite.model import SearchRecord, Site, Taxonomy, Texts


def generate_files(site: Site, taxonomy: Taxonomy, settings: Settings, records: Sequence[SearchRecord],
                   texts: Texts, *, workers: int = 1, offline_zip: bool = True) -> Iterator[tuple[str, bytes]]:
    """(path under docs/, content) for every generated file, one at a time."""
    flags = {"graph": True, "graphs": True, "timeline": True, "feeds": True, "offline_zip": offline_zip}
    for path, text in iter_pages(site, page_size=settings.page_size, workers=workers, source_url=settings.source_url,
                                 lang=settings.site_lang, overrides=settings.overrides, **flags):
        yield path, text.encode("utf-8")
    env = templates.environment(settings.overrides)
    others = {**graph_files(site), **preview_files(site), **timeline_pages(site, settings.site_lang, env),
              **feed_files(site, site_url=settings.site_url), SEARCH_PAGE: search_page(settings.site_lang, env)}
    for path, text in sorted(others.items()):
        yield path, text.encode("utf-8")
    yield from sorted(browser_index(records, taxonomy, workers=workers, texts=texts).items())
