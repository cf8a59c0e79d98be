"""The whole build in one place: read -> analyse -> link -> write -> index -> publish.

Everything is gathered and analysed before anything is written (as MkDocs and Pelican do),
and the output is staged and swapped in only when all of it has succeeded.
"""

from __future__ import annotations

import calendar
import gc
import hashlib
import json
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from kbsite import cache as cache_mod
from kbsite import kbfiles
from kbsite.analyze.suggest import suggest_entities
from kbsite.analyze.taxonomy import load_taxonomy
from kbsite.config import Settings
from kbsite.duplicates import duplicate_groups, duplicate_notes, source_groups
from kbsite.errors import StrictError
from kbsite.gather import TAXONOMY_FILES, Gathered, default_workers, discover, gather
from kbsite.generate import generate_files
from kbsite.index.whoosh_index import build_index, update_index
from kbsite.link import link
from kbsite.lock import BuildLock
from kbsite.model import Diagnostic, SearchRecord, Site, Taxonomy, Texts
from kbsite.publish import (
    Manifest,
    link_or_copy,
    mkdocs_build,
    stage_docs,
    staging_area,
    swap_dir,
    swap_docs,
    write_zip,
)
from kbsite.slugs import article_page, html_path

INDEX_MANIFEST = "kbsite-index.json"

Progress = Callable[[Iterator, int, str], Iterator]


def no_progress(items: Iterator, total: int, label: str) -> Iterator:
    return items


@dataclass
class BuildOptions:
    strict: bool = False
    workers: int = field(default_factory=default_workers)
    site: bool = True  # run MkDocs; off for a pages-and-index-only build
    incremental: bool = True
    progress: Progress = no_progress


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
    diagnostics: list[Diagnostic] = field(default_factory=list)
    mkdocs_warnings: list[str] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    suggestions: list[tuple[str, int]] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings.append((name, time.perf_counter() - start))


def read_taxonomy(settings: Settings) -> tuple[Taxonomy, str]:
    """The taxonomy and a digest of it: any change to it invalidates every cached analysis."""
    texts: list[str | None] = []
    digest = hashlib.sha256()
    problems: list[Diagnostic] = []
    for name in TAXONOMY_FILES:
        path = settings.kb_dir / name
        data: bytes | None = None
        if path.is_file() or path.is_symlink():
            try:
                data = kbfiles.read_bytes(settings.kb_dir, path)
            except OSError as exc:
                problems.append(Diagnostic(name, f"not read: {exc.strerror or exc}", severity="error"))
        digest.update(len(data or b"").to_bytes(8, "big") + (data or b""))
        texts.append(data.decode("utf-8", errors="replace") if data is not None else None)
    taxonomy = load_taxonomy(texts[0], texts[1])
    if problems:
        taxonomy = replace(taxonomy, diagnostics=(*problems, *taxonomy.diagnostics))
    return taxonomy, digest.hexdigest()


def _read_and_analyse(settings: Settings, options: BuildOptions, report: BuildReport, *,
                      use_cache: bool, reuse: bool = True) -> tuple[Taxonomy, Gathered]:
    """`use_cache`: keep the cache up to date (a build; `check` writes nothing);
    `reuse`: take unchanged articles from it (not with --full, which still refills it)."""
    with report.stage("read"):
        taxonomy, taxonomy_digest = read_taxonomy(settings)
        jobs, notes = discover(settings.kb_dir)
    with report.stage("analyse"):
        stats = cache_mod.StatTable(settings.cache_dir / "stats.json") if use_cache else None
        store = cache_mod.ArticleCache(settings.cache_dir) if use_cache else None
        if stats is not None and not reuse:
            stats.entries.clear()  # read and hash every file again
        gathered = gather(
            jobs, taxonomy, taxonomy_digest=taxonomy_digest, code_digest=cache_mod.code_digest(),
            cache=store, stats=stats, workers=options.workers, reuse=reuse,
            progress=lambda it, total: options.progress(it, total, "analyse"),
        )
        if stats is not None and store is not None:
            stats.save({job.source for job in jobs})
            store.prune(set(gathered.keys.values()))
    report.diagnostics = in_file_order({*taxonomy.diagnostics, *notes, *gathered.diagnostics})
    report.articles = len(gathered.articles)
    report.by_lang = Counter(a.lang for a in gathered.articles)
    report.topics = len(taxonomy.topics)
    report.entities = len(taxonomy.entities)
    report.reused, report.analysed = gathered.reused, gathered.analysed
    return taxonomy, gathered


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
    copies = duplicate_notes(duplicate_groups((a.source, a.minhash) for a in gathered.articles))
    report.diagnostics = in_file_order({*report.diagnostics, *copies})
    return report


def build(settings: Settings, options: BuildOptions) -> BuildReport:
    report = BuildReport()
    with BuildLock(settings.state_dir):
        taxonomy, gathered = _read_and_analyse(settings, options, report, use_cache=True,
                                               reuse=options.incremental)
        _fail_if_strict(options, report)
        with report.stage("link"):
            site = link(gathered.articles, taxonomy, settings.site_name, gathered.bodies,
                        progress=lambda it, total: options.progress(it, total, "link"))
            copies = source_groups(site.duplicates, {slug: a.source for slug, a in site.articles.items()})
            report.diagnostics = in_file_order({*report.diagnostics, *duplicate_notes(copies)})
        records = search_records(site, settings)
        texts = record_texts(site, records)
        with staging_area(settings.state_dir) as stage:
            with report.stage("write"):
                manifest = Manifest(settings.state_dir / "manifest.json")
                files = generate_files(site, taxonomy, settings, records, texts, workers=options.workers)
                files = options.progress(files, 0, "write")
                hashes, notes = stage_docs(settings.docs_dir, stage / "docs", files, manifest,
                                           settings.state_dir / "edited")
                report.pages = sum(1 for path in hashes if path.endswith(".md"))
                report.files = len(hashes)
                report.diagnostics = in_file_order({*report.diagnostics, *notes})
            with report.stage("index"):
                _stage_index(settings, site, records, texts, taxonomy, stage / "index", options)
            epoch = source_epoch(site)
            del gathered, site, records, texts  # MkDocs' workers need the room, not these
            gc.collect()
            with report.stage("publish"):
                if options.site:
                    report.mkdocs_warnings = mkdocs_build(
                        settings.config_file, stage / "docs", stage / "site", site_url=settings.site_url,
                        strict=options.strict, epoch=epoch, workers=options.workers,
                        progress=lambda it, total: options.progress(it, total, "site"),
                    )
                    write_zip(stage / "site", progress=lambda it, total: options.progress(it, total, "zip"))
                trash = stage / "trash"
                swap_dir(settings.index_dir, stage / "index", trash)
                if options.site:
                    swap_dir(settings.site_dir, stage / "site", trash)
                swap_docs(settings.docs_dir, stage / "docs", trash / "docs")
                manifest.save(hashes)
    return report


def search_records(site: Site, settings: Settings) -> list[SearchRecord]:
    """Without their texts, which `record_texts` reads one at a time."""
    kb = settings.rel(settings.kb_dir)
    return [
        SearchRecord(
            url=html_path(article_page(slug)),
            source=f"{kb}/{a.source}",
            title=a.title,
            lang=a.lang,
            date=a.date,
            publisher=a.publisher,
            topics=tuple(h.topic for h in a.topics if h.topic in site.topics),
            entities=tuple(m.entity for m in a.mentions if m.entity in site.entities),
            text="",
        )
        for slug, a in site.articles.items()
    ]


def record_texts(site: Site, records: list[SearchRecord]) -> Texts:
    articles = {r.source: a for r, a in zip(records, site.articles.values(), strict=True)}
    return lambda record: site.bodies(articles[record.source]).text


def _stage_index(settings: Settings, site: Site, records: list[SearchRecord], texts: Texts, taxonomy: Taxonomy,
                 target: Path, options: BuildOptions) -> None:
    """Update a copy of the live index with what changed, or build it anew; the live one stays usable."""
    digests = {  # records are in the order of site.articles (search_records)
        r.source: hashlib.sha256(f"{a.digest}\0{r.url}".encode()).hexdigest()
        for r, a in zip(records, site.articles.values(), strict=True)
    }
    previous = _index_manifest(settings.index_dir) if options.incremental else None

    def progress(buckets: Iterator[int], total: int) -> Iterator[int]:
        return options.progress(buckets, total, "index")

    if previous is not None:
        shutil.copytree(settings.index_dir, target, copy_function=link_or_copy)
        changed = {r.source for r in records if previous.get(r.source) != digests[r.source]}
        changed |= set(previous) - set(digests)
        if changed:
            update_index(target, records, changed, taxonomy, workers=options.workers, texts=texts, progress=progress)
    else:
        target.mkdir(parents=True)
        build_index(target, records, taxonomy, workers=options.workers, texts=texts, progress=progress)
    manifest = target / INDEX_MANIFEST
    manifest.unlink(missing_ok=True)  # a hard link to the live one: write a new file, never through the link
    manifest.write_text(json.dumps(digests, sort_keys=True), encoding="utf-8")


def _index_manifest(index_dir: Path) -> dict[str, str] | None:
    try:
        return json.loads((index_dir / INDEX_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def source_epoch(site: Site) -> int:
    """A build time that depends on the content only: the newest article date, else 0."""
    dates = sorted(a.date for a in site.articles.values() if a.date)
    if not dates:
        return 0
    parts = [int(p) for p in dates[-1].split("-")] + [1, 1]
    return calendar.timegm((parts[0], parts[1], parts[2], 0, 0, 0))
