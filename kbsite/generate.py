"""Every generated file of docs/, in memory: pages, pictures, feeds and the browser's search index.

One function gathers what the emitters make, so the pipeline writes it all in one step,
file by file: at 50,000 articles the pages would not fit in memory all at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from kbsite.cache import article_key, code_digest
from kbsite.config import Settings
from kbsite.emit import iter_pages, rendered, templates
from kbsite.emit.feeds import feed_files
from kbsite.emit.graph import graph_files
from kbsite.emit.previews import preview_files
from kbsite.emit.rendered import Rendered
from kbsite.emit.search import search_page
from kbsite.emit.timeline import timeline_pages
from kbsite.index.browser import browser_index
from kbsite.model import SearchRecord, Site, Taxonomy, Texts
from kbsite.outputs import zip_in_site
from kbsite.paths import SEARCH_PAGE

RECORD = "rendered.json"  # in the cache folder: the key and hash of every page the last build rendered


def rendered_pages(settings: Settings, last_files: Mapping[str, str], *, reuse: bool) -> Rendered:
    """The pages of the last build, to take again where their key is the same (`reuse`; otherwise this build's
    are only recorded). `last_files`: the manifest of the last build's files in docs/, with their hashes."""
    salt = article_key(code_digest(), templates.digest(settings.overrides))
    if not reuse:
        return Rendered(salt)
    return rendered.load(settings.cache_dir / RECORD, salt, settings.docs_dir, last_files)


def save_rendered(settings: Settings, pages: Rendered) -> None:
    rendered.save(settings.cache_dir / RECORD, pages)


def generate_files(site: Site, taxonomy: Taxonomy, settings: Settings, records: Sequence[SearchRecord],
                   texts: Texts, *, workers: int = 1, pages: Rendered | None = None) -> Iterator[tuple[str, bytes]]:
    """(path under docs/, content) for every generated file, one at a time: the pages, and the outputs
    settings.outputs turns on, which the pages link. `pages`: the pages rendered before (see `rendered_pages`)."""
    out = settings.outputs
    zip_href = zip_in_site(out, settings.root, settings.site_dir)
    flags = {"graph": out.graph, "graphs": out.graph, "timeline": out.timeline, "feeds": out.feeds,
             "with_tags": out.tags, "passages": out.passages, "offline_zip": zip_href}
    for path, text in iter_pages(site, page_size=settings.page_size, workers=workers, source_url=settings.source_url,
                                 lang=settings.site_lang, overrides=settings.overrides, rendered=pages, **flags):
        yield path, text.encode("utf-8")
    env = templates.environment(settings.overrides)
    others = {
        **(graph_files(site, pages) if out.graph else {}),
        **preview_files(site),
        **(timeline_pages(site, settings.site_lang, env) if out.timeline else {}),
        **(feed_files(site, site_url=settings.site_url) if out.feeds else {}),
        **({SEARCH_PAGE: search_page(settings.site_lang, env)} if out.search else {}),
    }
    for path, text in sorted(others.items()):
        yield path, text.encode("utf-8")
    if out.search:
        yield from sorted(browser_index(records, taxonomy, workers=workers, texts=texts).items())
