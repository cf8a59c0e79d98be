"""The whole build in one place: read -> analyse -> link -> write -> index -> publish.

Everything is gathered and analysed before anything is written (as MkDocs and Pelican do),
and the output is staged and swapped in only when all of it has succeeded.
"""

from __future__ import annotations

import calendar
import errno
import gc
import hashlib
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from kbsite import cache as cache_mod
from kbsite import fingerprint, kbfiles
from kbsite.analyze.learn import learn_topics
from kbsite.analyze.suggest import Suggestion, entities_yaml, suggest_entities
from kbsite.config import Settings
from kbsite.duplicates import duplicate_groups, duplicate_notes, source_groups, text_of
from kbsite.errors import KbError, StrictError
from kbsite.export import Selection, export_files
from kbsite.export.bag import make_bag
from kbsite.export.files import write_export
from kbsite.gather import Gathered, default_workers, discover, gather
from kbsite.generate import generate_files, rendered_pages, save_rendered
from kbsite.index import integrity as index_integrity
from kbsite.index.filters import valid_filters
from kbsite.index.whoosh_index import build_index, update_index
from kbsite.journal import JOURNAL, Journal
from kbsite.link import link
from kbsite.lock import BuildLock
from kbsite.model import Article, Diagnostic, SearchRecord, Site, Taxonomy, Texts
from kbsite.pages_limit import PAGES_LIMIT, pages_warning
from kbsite.paths import article_page, html_path
from kbsite.publish import (
    STAGED_ZIP,
    Backups,
    Manifest,
    link_or_copy,
    mkdocs_build,
    preflight,
    publish_moves,
    stage_docs,
    staging_area,
    write_manifest,
    write_zip,
)
from kbsite.taxonomy_source import read_taxonomy
from kbsite.workers import background, parallel

Progress = Callable[[Iterator, int, str], Iterator]


def no_progress(items: Iterator, total: int, label: str) -> Iterator:
    return items


@dataclass
class BuildOptions:
    strict: bool = False
    workers: int = field(default_factory=default_workers)
    # Run MkDocs (and zip the site); off for pages and index only, or when MkDocs runs the build (the plugin,
    # which zips the site itself). What else is made: Settings.outputs.
    site: bool = True
    pages_limit: int = PAGES_LIMIT  # bytes: warn when site/ nears or passes what GitHub Pages publishes
    incremental: bool = True
    progress: Progress = no_progress


@dataclass(frozen=True)
class ExportRequest:
    out: Path
    selection: Selection = field(default_factory=Selection)
    bom: bool = False
    bag: Path | None = None


@dataclass
class BuildReport:
    articles: int = 0
    by_lang: Counter[str] = field(default_factory=Counter)
    topics: int = 0
    entities: int = 0
    pages: int = 0
    files: int = 0  # pages, pictures, feeds and the browser's search index
    reused: int = 0
    analysed: int = 0
    rendered: int = 0  # pages rendered by this build; the others were taken from the last one unchanged
    diagnostics: list[Diagnostic] = field(default_factory=list)
    mkdocs_warnings: list[str] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    epoch: int = 0  # source_epoch: the build time a reproducible site shows

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings.append((name, time.perf_counter() - start))


def _read_and_analyse(settings: Settings, options: BuildOptions, report: BuildReport, *,
                      use_cache: bool, reuse: bool = True, auto_entities: int = 0) -> tuple[Taxonomy, Gathered]:
    """`use_cache`: keep the cache up to date (a build; `check` writes nothing);
    `reuse`: take unchanged articles from it (not with --full, which still refills it);
    `auto_entities`: without an entities.yml, analyse again with this many suggested entities."""
    with report.stage("read"):
        taxonomy, taxonomy_digest = read_taxonomy(settings)
        jobs, notes = discover(settings.kb_dir)
    with report.stage("analyse"):
        stats = cache_mod.StatTable(settings.cache_dir / "stats.json") if use_cache else None
        store = cache_mod.ArticleCache(settings.cache_dir) if use_cache else None
        if stats is not None and not reuse:
            stats.entries.clear()  # read and hash every file again
        def analysed(taxonomy: Taxonomy, taxonomy_digest: str) -> Gathered:
            return gather(
                jobs, taxonomy, taxonomy_digest=taxonomy_digest, code_digest=cache_mod.code_digest(),
                cache=store, stats=stats, workers=options.workers, reuse=reuse,
                progress=lambda it, total: options.progress(it, total, "analyse"),
            )

        gathered = analysed(taxonomy, taxonomy_digest)
        keep = set(gathered.keys.values())
        if (suggested := _suggested_entities(settings, taxonomy, gathered, auto_entities)) is not None:
            taxonomy, taxonomy_digest = read_taxonomy(settings, entities=suggested)
            gathered = analysed(taxonomy, taxonomy_digest)
            keep |= set(gathered.keys.values())  # both analyses stay cached: the next build needs both
        if stats is not None and store is not None:
            stats.save({job.source for job in jobs})
            store.prune(keep)
    with report.stage("topics"):
        gathered.articles = learn_topics(gathered.articles, taxonomy, settings.topics)
    report.diagnostics = in_file_order({*taxonomy.diagnostics, *notes, *gathered.diagnostics})
    report.articles = len(gathered.articles)
    report.by_lang = Counter(a.lang for a in gathered.articles)
    report.topics = len(taxonomy.topics)
    report.entities = len(taxonomy.entities)
    report.reused, report.analysed = gathered.reused, gathered.analysed
    return taxonomy, gathered


def _suggested_entities(settings: Settings, taxonomy: Taxonomy, gathered: Gathered, count: int) -> str | None:
    """An entities.yml of the `count` names most suggested, for a KB that has none of its own."""
    path = settings.kb_dir / "entities.yml"
    if not count or taxonomy.entities or path.is_file() or path.is_symlink():
        return None
    texts = ((a.source, gathered.bodies(a).text, a.lang) for a in gathered.articles)
    best = suggest_entities(texts, taxonomy)[:count]
    return entities_yaml(best) if best else None


def in_file_order(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """By file, then line: the order in which a user fixes them."""
    return sorted(diagnostics, key=lambda d: (d.path, d.line or 0, d))


def _fail_if_strict(options: BuildOptions, report: BuildReport) -> None:
    serious = [d for d in report.diagnostics if d.severity in ("error", "warning")]
    if options.strict and serious:
        raise StrictError(f"--strict: {len(serious)} problem(s) in the KB (listed above); nothing was written",
                          report.diagnostics)


def check(settings: Settings, options: BuildOptions) -> BuildReport:
    """Validate the KB and suggest entities; writes nothing at all."""
    report = BuildReport()
    taxonomy, gathered = _read_and_analyse(settings, options, report, use_cache=False)
    report.suggestions = suggest_entities(((a.source, a.text, a.lang) for a in gathered.articles), taxonomy)
    copies = duplicate_notes(duplicate_groups((a.source, text_of(a.terms, a.minhash)) for a in gathered.articles))
    report.diagnostics = in_file_order({*report.diagnostics, *copies})
    return report


def export(settings: Settings, options: BuildOptions, request: ExportRequest) -> BuildReport:
    """Write what kbsite knows of the KB (tables, graph, citations) to `request.out`, and bag it if asked.

    It reads the KB as a build does (from the cache where nothing changed) and touches nothing a build owns."""
    report = BuildReport()
    with BuildLock(settings.state_dir):
        taxonomy, gathered = _read_and_analyse(settings, options, report, use_cache=True, reuse=options.incremental)
        _fail_if_strict(options, report)
        site = link(gathered.articles, taxonomy, settings.site_name, gathered.bodies)
        wanted = request.selection  # checked as the search checks its filters: a name that names nothing is an error
        selection = Selection(*valid_filters(tuple(sorted({a.lang for a in site.articles.values()})), taxonomy,
                                             wanted.lang, wanted.topic, wanted.entity, wanted.since, wanted.until))
        files = export_files(site, selection, site_url=settings.site_url, bom=request.bom)
        write_export(request.out, files, forbidden=(settings.kb_dir, settings.docs_dir, settings.site_dir,
                                                    settings.state_dir))
        report.files = len(files)
        report.articles = sum(1 for s in site.articles if selection.keeps(site, s))
        if request.bag is not None:
            bagged = {f"export/{name}": request.out / name for name in files}
            bagged |= {f"kb/{p.relative_to(settings.kb_dir).as_posix()}": p
                       for p in kbfiles.list_files(settings.kb_dir).files}
            bagged[settings.config_file.name] = settings.config_file
            if settings.site_dir.is_dir():
                bagged |= {f"site/{p.relative_to(settings.site_dir).as_posix()}": p
                           for p in sorted(settings.site_dir.rglob("*")) if p.is_file() and not p.is_symlink()}
            epoch = source_epoch(site)
            make_bag(request.bag, bagged, title=settings.site_name,
                     date=time.strftime("%Y-%m-%d", time.gmtime(epoch)) if epoch else None)
    return report


def build(settings: Settings, options: BuildOptions) -> BuildReport:
    report = BuildReport()
    with BuildLock(settings.state_dir), _io_errors():
        _journal(settings).recover()
        outputs = settings.outputs
        zip_file = settings.zip_file if options.site else None
        zip_in_site = zip_file is not None and zip_file.resolve().is_relative_to(settings.site_dir.resolve())
        wanted = fingerprint.Wanted(options.site, outputs.index, None if zip_file is None else str(zip_file),
                                    options.strict)
        with report.stage("fingerprint"):
            inputs = fingerprint.inputs(settings, wanted)
            last = fingerprint.load(settings) if options.incremental else None
            if last is not None and last.inputs == inputs and last.outputs == fingerprint.outputs(settings, wanted):
                fingerprint.restore_fields(report, last.report)  # nothing changed: the last build stands
                return report
        preflight(docs_dir=settings.docs_dir, site_dir=settings.site_dir if options.site else None,
                  state_dir=settings.state_dir, zip_file=None if zip_in_site else zip_file)
        fingerprint.forget(settings)
        taxonomy, gathered = _read_and_analyse(settings, options, report, use_cache=True,
                                               reuse=options.incremental, auto_entities=settings.auto_entities)
        _fail_if_strict(options, report)
        with report.stage("link"):
            site = link(gathered.articles, taxonomy, settings.site_name, gathered.bodies,
                        progress=lambda it, total: options.progress(it, total, "link"))
            copies = source_groups(site.duplicates, {slug: a.source for slug, a in site.articles.items()})
            report.diagnostics = in_file_order({*report.diagnostics, *duplicate_notes(copies)})
        lasting = report.diagnostics  # the KB's problems, told again by a build that finds nothing changed
        records = search_records(site, settings)
        texts = record_texts(site, settings)
        with staging_area(settings.state_dir) as stage:
            # The index is written in a child beside the write stage, on the core that the stage's parts in one
            # process leave idle (without its progress bar, which would cross the stage's)
            with background("writing the search index",
                            partial(_stage_index, settings, site, records, texts, taxonomy, stage / "index",
                                    replace(options, progress=no_progress) if parallel(options.workers) else options),
                            workers=options.workers if outputs.index else 1) as indexed:
                with report.stage("write"):
                    manifest = Manifest(settings.state_dir / "manifest.json")
                    pages = rendered_pages(settings, manifest.files, reuse=options.incremental)
                    files = generate_files(site, taxonomy, settings, records, texts, workers=options.workers,
                                           pages=pages)
                    files = options.progress(files, 0, "write")
                    hashes, notes = stage_docs(settings.docs_dir, stage / "docs", files, manifest,
                                               Backups(settings.state_dir / "edited"))
                    save_rendered(settings, pages)
                    report.rendered = pages.rendered
                    report.pages = sum(1 for path in hashes if path.endswith(".md"))
                    report.files = len(hashes)
                    report.diagnostics = in_file_order({*report.diagnostics, *notes})
                if outputs.index:
                    with report.stage("index"):  # what is left of it once the pages are written
                        indexed()
            epoch = report.epoch = source_epoch(site)
            del gathered, site, records, texts, indexed  # MkDocs' workers need the room, not these
            gc.collect()
            with report.stage("publish"):
                if options.site:
                    report.mkdocs_warnings = mkdocs_build(
                        settings.config_file, stage / "docs", stage / "site", site_url=settings.site_url,
                        strict=options.strict, epoch=epoch, workers=options.workers, outputs=outputs,
                        page_cache=settings.cache_dir / "pages", reuse=options.incremental,
                        progress=lambda it, total: options.progress(it, total, "site"),
                    )
                    if zip_file is not None:
                        staged_zip = (stage / "site" / zip_file.resolve().relative_to(settings.site_dir.resolve())
                                      if zip_in_site else stage / STAGED_ZIP)
                        write_zip(stage / "site", staged_zip, previous=zip_file if options.incremental else None,
                                  record=settings.cache_dir / "offline-zip.json", workers=options.workers,
                                  progress=lambda it, total: options.progress(it, total, "zip"))
                    _warn_if_too_big(settings, options, stage / "site", report)
                write_manifest(stage / "manifest.json", hashes)
                _journal(settings).publish(publish_moves(  # the site, pages, index and manifest: all or none
                    stage, docs_dir=settings.docs_dir, site_dir=settings.site_dir if options.site else None,
                    index_dir=settings.index_dir if outputs.index else None, manifest=manifest.path,
                    zip_file=None if zip_in_site else zip_file))
        fingerprint.save(settings, fingerprint.Last(inputs, fingerprint.outputs(settings, wanted),
                                                    fingerprint.report_fields(report, lasting)))
    return report


def _warn_if_too_big(settings: Settings, options: BuildOptions, site_dir: Path, report: BuildReport) -> None:
    warning = pages_warning(site_dir, shown=settings.rel(settings.site_dir), limit=options.pages_limit,
                            config_text=settings.config_file.read_text(encoding="utf-8"),
                            auto_entities=settings.auto_entities)
    if warning is not None:
        report.diagnostics.append(warning)


@contextmanager
def _io_errors() -> Iterator[None]:
    """A full disk or another I/O error is one message; nothing was published, so the last good build stays."""
    try:
        yield
    except OSError as exc:
        where = exc.filename or "a file"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise KbError(f"{where}: the disk is full; nothing was published, the last good site, pages and index "
                          "are as they were. Free some space and build again") from exc
        raise KbError(f"{where}: {exc.strerror or exc}; nothing was published, the last good site, pages and "
                      "index are kept") from exc


def clean(settings: Settings) -> list[Path]:
    """Remove what a build makes again (the site, the offline zip, the index, the cache), holding the build
    lock, so a running build is never cut from under its feet. The record of generated pages and the saved hand
    edits stay: without them kbsite could not tell its pages from a person's."""
    removed = []
    with BuildLock(settings.state_dir):
        _journal(settings).recover()
        for folder in (settings.site_dir, settings.index_dir, settings.cache_dir, settings.state_dir / "tmp"):
            if folder.is_dir():
                shutil.rmtree(folder)
                removed.append(folder)
        if settings.zip_file is not None and settings.zip_file.is_file():
            settings.zip_file.unlink()
            removed.append(settings.zip_file)
    return removed


def _journal(settings: Settings) -> Journal:
    return Journal(settings.state_dir / JOURNAL, settings.root)


def search_records(site: Site, settings: Settings) -> list[SearchRecord]:
    """Without their texts, which `record_texts` reads one at a time."""
    return [
        SearchRecord(
            url=html_path(article_page(slug)),
            source=source,
            title=a.title,
            lang=a.lang,
            date=a.date,
            publisher=a.publisher,
            topics=tuple(h.topic for h in a.topics if h.topic in site.topics),
            entities=tuple(m.entity for m in a.mentions if m.entity in site.entities),
            text="",
        )
        for source, (slug, a) in zip(record_articles(site, settings), site.articles.items(), strict=True)
    ]


def record_articles(site: Site, settings: Settings) -> dict[str, Article]:
    """Each article by its search record's id: its file, relative to the repository (the folder is resolved
    once, not once an article)."""
    kb = settings.rel(settings.kb_dir)
    return {f"{kb}/{a.source}": a for a in site.articles.values()}


def record_texts(site: Site, settings: Settings) -> Texts:
    """The text of a search record, found by its id (the index reads the records in its own order)."""
    articles = record_articles(site, settings)
    return lambda record: site.bodies(articles[record.source]).text


def _stage_index(settings: Settings, site: Site, records: list[SearchRecord], texts: Texts, taxonomy: Taxonomy,
                 target: Path, options: BuildOptions) -> None:
    """Update a copy of the live index with what changed, or build it anew; the live one stays usable."""
    articles = record_articles(site, settings)
    digests = {  # topics are learned KB-wide: a record changes when its article's topics do
        r.source: hashlib.sha256(f"{articles[r.source].digest}\0{r.url}\0{','.join(r.topics)}".encode()).hexdigest()
        for r in records
    }
    record = index_integrity.read_record(settings.index_dir, thorough=True) if options.incremental else None

    def progress(buckets: Iterator[int], total: int) -> Iterator[int]:
        return options.progress(buckets, total, "index")

    if record is not None:
        previous = record["articles"]
        shutil.copytree(settings.index_dir, target, copy_function=link_or_copy)
        changed = {r.source for r in records if previous.get(r.source) != digests[r.source]}
        changed |= set(previous) - set(digests)
        if changed:
            update_index(target, records, changed, taxonomy, workers=options.workers, texts=texts, progress=progress)
    else:
        target.mkdir(parents=True)
        build_index(target, records, taxonomy, workers=options.workers, texts=texts, progress=progress)
    index_integrity.write_record(target, digests, record["files"] if record else None)


# gzip and zip headers hold an unsigned 32-bit time: 1970-01-01 to 2106-02-07
EPOCH_RANGE = (0, 2**32 - 1)


def source_epoch(site: Site) -> int:
    """A build time that depends on the content only: the newest article date, else 0.

    Clamped to what a gzip header holds (MkDocs gzips the sitemap with it): an article may be about 1850.
    """
    dates = sorted(a.date for a in site.articles.values() if a.date)
    if not dates:
        return 0
    parts = [int(p) for p in re.findall(r"\d+", dates[-1])[:3]] + [1, 1]
    try:
        seconds = calendar.timegm((parts[0], parts[1], parts[2], 0, 0, 0))
    except (OverflowError, ValueError):
        seconds = EPOCH_RANGE[1]
    return min(max(seconds, EPOCH_RANGE[0]), EPOCH_RANGE[1])
