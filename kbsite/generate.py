"""Every generated file of docs/, in memory: pages, pictures, feeds and the browser's search index.

One function gathers what the emitters make, so the pipeline writes it all in one step.
"""

from __future__ import annotations

from collections.abc import Sequence

from kbsite.config import Settings
from kbsite.emit import render_pages
from kbsite.emit.feeds import feed_files
from kbsite.emit.graph import graph_files
from kbsite.emit.timeline import timeline_pages
from kbsite.index.browser import browser_index, search_page_markdown
from kbsite.model import SearchRecord, Site, Taxonomy


def generate_pages(site: Site, taxonomy: Taxonomy, settings: Settings,
                   records: Sequence[SearchRecord]) -> dict[str, bytes]:
    texts: dict[str, str] = {}
    texts.update(render_pages(site, page_size=settings.page_size, graph=True, graphs=True, timeline=True,
                              feeds=True, offline_zip=True))
    texts.update(graph_files(site))
    texts.update(timeline_pages(site))
    texts.update(feed_files(site, site_url=settings.site_url))
    texts["search/index.md"] = search_page_markdown()
    files = {path: text.encode("utf-8") for path, text in texts.items()}
    files.update(browser_index(records, taxonomy))
    return dict(sorted(files.items()))
