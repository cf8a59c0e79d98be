"""MkDocs' own build, with the documentation pages read and built by forked processes, a chunk at a time.

MkDocs renders every page in one process and holds them all until the end: one core, and memory that
grows with the KB. Here each chunk of pages, in a fixed order, is read and built by a fresh forked
child that writes the HTML and sends back only what the parent still needs: the anchors for MkDocs'
check of links between pages, and the log records, which the parent re-emits in the order a serial
build logs them, so warning collectors and strict mode see the same thing. The site is byte for byte
MkDocs' own. With a page cache (kbsite.page_cache), a page whose inputs did not change is not built
again: its HTML, log records and anchors come from the cache, and only the other pages go to the children.

This is the one module that uses MkDocs' private functions; kbsite.publish imports it only for the MkDocs
versions it was written for. It takes plugins that keep no state across pages; anything else takes
MkDocs' own build().
"""

from __future__ import annotations

import bisect
import itertools
import logging
import math
import os
import pickle
import time
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import jinja2
from mkdocs import utils
from mkdocs.commands import build as mk
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from kbsite.model import Progress, no_progress
from kbsite.page_cache import (
    Entry,
    PageCache,
    Reuse,
    anchors_in,
    anchors_out,
    from_record,
    looked_up_now,
    looking_up,
    page_key,
    site_digest,
    to_record,
)
from kbsite.workers import WorkerDied, background, parallel, run

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger(__name__)

# Hooks known to keep no state from one page to the next: a forked child's changes are lost.
STATELESS_HOOKS = frozenset({Path(__file__).with_name("mkdocs_hooks.py").resolve()})
PAGE_COST = 20  # lines of Markdown: see _cost
CHUNKS_PER_WORKER = 4  # more chunks even out the last round; each costs a fork


def build_site(config: MkDocsConfig, *, workers: int, chunk: int = 1000, progress: Progress = no_progress,
               cache: PageCache | None = None, reuse: bool = True) -> None:
    """mkdocs.commands.build.build(config), with the pages in `workers` processes when that is safe,
    and the pages of `cache` whose inputs did not change taken from it.

    `progress` wraps the chunks as they are done (a parallel build only)."""
    reason = _serial_reason(config, workers, chunk, cached=cache is not None)
    if reason:
        log.info("MkDocs builds the pages in one process: %s", reason)
        mk.build(config)
    else:
        _build(config, workers, chunk, progress, None if cache is None else Reuse(cache, reuse))


def _serial_reason(config: MkDocsConfig, workers: int, chunk: int, *, cached: bool = False) -> str | None:
    stateful = sorted(name for name, plugin in config.plugins.items() if not _stateless(plugin))
    if stateful:
        return f"plugin(s) {', '.join(stateful)} may keep state across pages"
    if cached:  # one process still builds only the pages that changed (kbsite.workers: in this one if need be)
        return None
    if workers < 2:
        return "one worker"
    if not parallel(workers):
        return "no worker processes here: this system cannot fork, or this is a worker already"
    pages = sum(utils.is_markdown_file(name) for _, _, names in os.walk(config.docs_dir) for name in names)
    if pages <= chunk:
        return f"{pages} pages fit in one chunk of {chunk}"
    return None


def _stateless(plugin: object) -> bool:
    """MkDocs registers each `hooks:` file in config.plugins as the module itself; kbsite's own
    plugin says so with `stateless_across_pages`."""
    if getattr(type(plugin), "stateless_across_pages", False):
        return True
    path = getattr(plugin, "__file__", None) if isinstance(plugin, ModuleType) else None
    return path is not None and Path(path).resolve() in STATELESS_HOOKS


def _build(config: MkDocsConfig, workers: int, chunk: int, progress: Progress, reuse: Reuse | None) -> None:
    """The steps of mkdocs.commands.build.build (no serve, no dirty), in its order."""
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(warning_counter)
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        mk.log.info("Cleaning site directory")
        utils.clean_directory(config.site_dir)
        mk.log.info(f"Building documentation to directory: {config.site_dir}")
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        _pages(config, files, doc_files, nav, env, workers, chunk, progress, reuse)
        log_level = config.validation.links.anchors
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=log_level)
        config.plugins.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        mk.log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            mk.log.error(str(e))
            raise Abort("Aborted with a BuildError!") from e
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(warning_counter)


@dataclass
class _Journal:
    """Log records held back, to be emitted in the order MkDocs' build() logs them."""

    reads: dict[str, list[logging.LogRecord]] = field(default_factory=dict)
    between: list[logging.LogRecord] = field(default_factory=list)
    builds: dict[str, list[logging.LogRecord]] = field(default_factory=dict)
    building: bool = False
    failed_reading: str | None = None  # MkDocs logs nothing after the page it could not read
    failed_building: str | None = None  # or after the page it could not build

    def replay(self, doc_files: Sequence[File]) -> None:
        mk.log.debug("Reading markdown pages.")
        for file in doc_files:
            _replay(self.reads.get(file.src_uri, ()))
            if file.src_uri == self.failed_reading:
                return
        _replay(self.between)
        if self.building:
            mk.log.debug("Building markdown pages.")
            for file in doc_files:
                _replay(self.builds.get(file.src_uri, ()))
                if file.src_uri == self.failed_building:
                    return


def _pages(config: MkDocsConfig, files: Files, doc_files: Sequence[File], nav: Navigation,
           env: jinja2.Environment, workers: int, chunk: int, progress: Progress, reuse: Reuse | None) -> None:
    """Read and build every page (or take it from the cache), and write the theme's and the docs' static files
    and templates."""
    journal = _Journal()
    in_nav = {page.file.src_uri for page in nav.pages}
    if reuse is not None:
        reuse.lookups.install(files)
    try:
        for file in doc_files:  # the nav's pages are read here: their titles, previous and next, are in every page
            journal.failed_reading = file.src_uri
            with _captured(journal.reads.setdefault(file.src_uri, [])):
                mk.log.debug(f"Reading: {file.src_uri}")
                if file.page is None and file.inclusion.is_not_in_nav():
                    Page(None, file, config)
                if file.src_uri in in_nav:
                    with looking_up(reuse, file.src_uri):
                        mk._populate_page(file.page, config, files)
        journal.failed_reading = None
        with _captured(journal.between):
            env = config.plugins.on_env(env, config=config, files=files)
            mk.log.debug("Copying static assets.")
        static_at = len(journal.between)
        # The static files (the theme's, kbsite's search shards and pictures) are copied by a child while the pages
        # are built: in this process, they would keep a core idle before the first chunk starts.
        with background("copying the static files", partial(_copy_static, files), workers=workers) as copied:
            with _captured(journal.between):
                for template in config.theme.static_templates:
                    mk._build_theme_template(template, env, files, config, nav)
                for template in config.extra_templates:
                    mk._build_extra_template(template, files, config, nav)
            journal.building = True
            todo = doc_files if reuse is None else _reused(reuse, journal, config, files, doc_files, nav, in_nav)
            shared = (config, files, doc_files, nav, env, in_nav, todo, reuse)  # the children inherit it, unpickled
            bounds = _chunks([_cost(file) for file in todo], workers, chunk)
            log.debug("MkDocs reads and builds %d of %d pages in %d chunks, %d at a time", len(todo), len(doc_files),
                      len(bounds), workers)
            error = None
            with closing(_in_children(bounds, workers, shared)) as results:
                for (start, stop), done in progress(results, len(bounds)):
                    _take(journal, files, todo[start:stop], done)
                    if done.error is None:
                        continue
                    if not done.builds:  # MkDocs reads every page before it builds one: this error comes first
                        journal.failed_reading = todo[start + len(done.reads) - 1].src_uri
                        raise done.error
                    if error is None:
                        error, journal.failed_building = done.error, todo[start + len(done.builds) - 1].src_uri
            copies, failed = copied()  # copied before any page is built, in MkDocs' order: its failure comes first
            journal.between[static_at:static_at] = copies
            if failed is not None:
                raise failed
            if error is not None:
                raise error
        if reuse is not None:
            reuse.cache.prune(reuse.keys.values())
    finally:
        journal.replay(doc_files)


def _copy_static(files: Files) -> tuple[list[logging.LogRecord], OSError | None]:
    """MkDocs' copy of the static files, and its log records; a failure to copy is sent back as it is, so that
    the build reports it as it reports any other file it cannot write."""
    records: list[logging.LogRecord] = []
    try:
        with _captured(records):
            files.copy_static_files(dirty=False, inclusion=InclusionLevel.is_included)
    except OSError as exc:
        return records, exc
    return records, None


def _reused(reuse: Reuse, journal: _Journal, config: MkDocsConfig, files: Files, doc_files: Sequence[File],
            nav: Navigation, in_nav: set[str]) -> list[File]:
    """Take every page whose key and looked-up files are unchanged from the cache; returns the pages to build."""
    reuse.site = site_digest(config, nav, epoch=os.environ.get("SOURCE_DATE_EPOCH"))
    todo = []
    for file in doc_files:
        with open(file.abs_src_path, "rb") as source:
            markdown = source.read()
        key = reuse.keys[file.src_uri] = page_key(reuse.site, file.src_uri, markdown, file.src_uri in in_nav,
                                                  file.inclusion.is_excluded())
        entry = reuse.cache.get(key) if reuse.reuse else None
        if entry is None or looked_up_now(entry.looked_up, files.get_file_from_path) != entry.looked_up:
            todo.append(file)
            continue
        if file.src_uri not in in_nav:  # a nav page was read above, with its own records and anchors
            journal.reads[file.src_uri].extend(from_record(r) for r in entry.reads)
            anchors_in(file.page, entry, files)
        journal.builds[file.src_uri] = [from_record(r) for r in entry.builds]
        if entry.html is not None:
            utils.write_file(entry.html, file.abs_dest_path)
    return todo


def _store(reuse: Reuse, files: Files, file: File, reads: list[logging.LogRecord],
           builds: list[logging.LogRecord]) -> None:
    """A page just built, into the cache, as _reused takes it back."""
    try:
        with open(file.abs_dest_path, "rb") as output:
            html: bytes | None = output.read()
    except FileNotFoundError:
        html = None
    anchors, links = anchors_out(file.page)
    seen = reuse.lookups.seen.get(file.src_uri, ())
    reuse.cache.put(reuse.keys[file.src_uri], Entry(
        html, looked_up_now(sorted(seen), files.get_file_from_path),
        [to_record(r) for r in reads], [to_record(r) for r in builds], anchors, links))


def _take(journal: _Journal, files: Files, chunk_files: Sequence[File], done: _Chunk) -> None:
    """A chunk's records into the journal, its anchors onto the parent's pages (shorter lists: it failed)."""
    for file, reads in zip(chunk_files, done.reads, strict=False):
        journal.reads[file.src_uri].extend(reads)
    for file, (anchors, links) in zip(chunk_files, done.anchors, strict=False):
        file.page.present_anchor_ids = anchors
        if links is not None:
            file.page.links_to_anchors = {files.get_file_from_path(uri): to for uri, to in links.items()}
    for file, builds in zip(chunk_files, done.builds, strict=False):
        journal.builds[file.src_uri] = builds


def _chunks(costs: Sequence[int], workers: int, chunk: int) -> list[tuple[int, int]]:
    """Consecutive ranges of the pages of about the same cost each (see `_cost`), at most `chunk` pages each, and
    at least CHUNKS_PER_WORKER a worker: the pages of a KB differ (a topic page lists hundreds of articles), and
    chunks of equal counts left one core idle while the other built the last, costliest one."""
    pages = len(costs)
    count = min(pages, max(math.ceil(pages / chunk / workers), CHUNKS_PER_WORKER) * workers)
    if not count:
        return []
    cumulative = list(itertools.accumulate(costs))
    total = cumulative[-1]
    cuts = [0]
    for i in range(1, count):  # the first page that takes the running cost past i/count of the whole
        cut = bisect.bisect_left(cumulative, total * i / count) + 1
        cuts.append(min(max(cut, cuts[-1] + 1), pages - (count - i)))
    cuts.append(pages)
    bounds = []
    for start, stop in itertools.pairwise(cuts):
        parts = math.ceil((stop - start) / chunk)  # too many cheap pages in one chunk: split it evenly
        bounds += [(start + j * (stop - start) // parts, start + (j + 1) * (stop - start) // parts)
                   for j in range(parts)]
    return bounds


def _cost(file: File) -> int:
    """What building a page costs, roughly: a fixed part (its template) and its Markdown's lines (measured on
    the benchmark KB's article, entity, topic and listing pages: a page costs about what 20 lines do)."""
    try:
        with open(file.abs_src_path, "rb") as source:
            return PAGE_COST + source.read().count(b"\n")
    except OSError:
        return PAGE_COST  # MkDocs reports it when it reads the page


@dataclass
class _Chunk:
    """What a child sends back about its pages, in page order; records not yet emitted."""

    reads: list[list[logging.LogRecord]] = field(default_factory=list)
    builds: list[list[logging.LogRecord]] = field(default_factory=list)
    anchors: list[tuple[set[str] | None, dict[str, dict[str, str]] | None]] = field(default_factory=list)
    error: Exception | None = None


def _in_children(bounds: list[tuple[int, int]], workers: int,
                 shared: tuple) -> Iterator[tuple[tuple[int, int], _Chunk]]:
    """Each chunk in a process of its own (kbsite.workers), `workers` at a time; results in chunk order.
    A process that died is a BuildError in its turn, so that the chunks before it are taken as usual."""
    tasks = [partial(_child, shared, start, stop) for start, stop in bounds]
    try:
        yield from zip(bounds, run("building the pages", tasks, workers=workers), strict=True)
    except WorkerDied as died:
        start, stop = bounds[died.task]
        raise BuildError(f"The process building pages {start + 1} to {stop} ended (exit code {died.exitcode}, "
                         "-9 is often: out of memory) before it sent them back") from None


def _child(shared: tuple, start: int, stop: int, send: Connection) -> None:
    config, files, doc_files, nav, env, ready, todo, reuse = shared
    done = _Chunk()
    try:
        for file in todo[start:stop]:
            done.reads.append([])
            if file.src_uri not in ready:
                with _captured(done.reads[-1]), looking_up(reuse, file.src_uri):
                    mk._populate_page(file.page, config, files)
        for file in todo[start:stop]:
            links = file.page.links_to_anchors
            done.anchors.append((file.page.present_anchor_ids,
                                 None if links is None else {f.src_uri: to for f, to in links.items()}))
        for file in todo[start:stop]:
            done.builds.append([])
            with _captured(done.builds[-1]), looking_up(reuse, file.src_uri):
                mk._build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
        if reuse is not None:
            for file, reads, builds in zip(todo[start:stop], done.reads, done.builds, strict=True):
                _store(reuse, files, file, [] if file.src_uri in ready else reads, builds)
    except Exception as exc:
        done.error = _portable_error(exc)
    send.send(done)


def _portable_error(exc: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


@contextmanager
def _captured(into: list[logging.LogRecord]) -> Iterator[None]:
    """Records that pass their logger's level and filters are kept in `into` instead of going to handlers."""
    original = logging.Logger.callHandlers
    logging.Logger.callHandlers = lambda _logger, record: into.append(_portable(record))  # type: ignore[method-assign]
    try:
        yield
    finally:
        logging.Logger.callHandlers = original  # type: ignore[method-assign]


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """As QueueHandler.prepare: the message made final, so the record pickles and reads the same."""
    record.msg = record.getMessage()
    record.args = None
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    return record


def _replay(records: Sequence[logging.LogRecord]) -> None:
    """To the handlers they would have reached; filters already saw them where they were made."""
    for record in records:
        logger = logging.getLogger(record.name)
        if not logger.disabled:
            logger.callHandlers(record)
