"""Read and analyse every article: from the cache where nothing changed, on all cores otherwise.

The per-article work is a pure function of the file, its sidecar and the taxonomy, so it can
run in any process, in any order, and the results are sorted by source: a parallel build
equals a single-process one byte for byte.

With a cache, the articles come back without their text and HTML, which wait in the cache
(`Gathered.bodies` reads them): memory holds what links the KB, not every word of it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from kbsite import kbfiles
from kbsite.analyze import analyse, prepare
from kbsite.analyze.matcher import Matcher
from kbsite.cache import ArticleCache, StatTable, article_key
from kbsite.errors import ReadError
from kbsite.kbfiles import list_files
from kbsite.model import Article, Bodies, Diagnostic, Progress, Taxonomy, no_progress, own_body
from kbsite.readers import SIDECAR_SUFFIX, SUPPORTED_EXTENSIONS, parse_sidecar, read_document
from kbsite.taxonomy_source import TAXONOMY_FILES
from kbsite.workers import default_workers, imap, parallel

__all__ = ["NOT_ARTICLES", "Gathered", "Job", "default_workers", "discover", "gather", "process"]

log = logging.getLogger(__name__)

# Files in kb/ that are not articles: the taxonomy, sidecars and the KB's own README.
NOT_ARTICLES = {*TAXONOMY_FILES, "README.md"}


@dataclass(frozen=True)
class Job:
    source: str  # relative to the KB folder
    path: str
    sidecar: str | None  # path of <file>.meta.yml, if there is one
    kb_dir: str = "."  # every read is checked to stay inside it (kbsite.kbfiles)


@dataclass
class Gathered:
    articles: list[Article]
    diagnostics: list[Diagnostic]
    reused: int = 0  # articles taken from the cache
    analysed: int = 0
    keys: dict[str, str] = field(default_factory=dict)  # source -> cache key
    bodies: Bodies = own_body


def discover(kb_dir: Path) -> tuple[list[Job], list[Diagnostic]]:
    """The article files of a KB, in path order; anything else gets a note and is left alone."""
    jobs: list[Job] = []
    if not kb_dir.is_dir():
        return [], [Diagnostic(str(kb_dir), "the KB folder does not exist; create it and put articles in it")]
    listing = list_files(kb_dir)
    files, notes = listing.files, listing.notes
    names = {p.relative_to(kb_dir).as_posix() for p in files}
    for path in files:
        source = path.relative_to(kb_dir).as_posix()
        if source in NOT_ARTICLES or source.endswith(SIDECAR_SUFFIX):
            if source.endswith(SIDECAR_SUFFIX) and source[: -len(SIDECAR_SUFFIX)] not in names:
                notes.append(Diagnostic(source, f"sidecar for {source[: -len(SIDECAR_SUFFIX)]}, which does not "
                                                "exist: ignored", severity="warning"))
            continue
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_EXTENSIONS:
            kinds = ", ".join(sorted(SUPPORTED_EXTENSIONS))
            notes.append(Diagnostic(source, f"ignored: '{suffix or path.name}' is not an article format "
                                            f"kbsite reads ({kinds})", severity="note"))
            continue
        # Looked up among the files found, not on disk: a name near the system's limit has no room for the suffix.
        sidecar = str(path) + SIDECAR_SUFFIX if source + SIDECAR_SUFFIX in names else None
        jobs.append(Job(source, str(path), sidecar, str(kb_dir)))
    return jobs, notes


def process(job: Job, taxonomy: Taxonomy, matcher: Matcher) -> tuple[Article | None, list[Diagnostic]]:
    """One file to one article. Never raises: a failure is a diagnostic naming the file."""
    diagnostics: list[Diagnostic] = []
    try:
        sidecar, diagnostics = _sidecar(job)
        document = read_document(job.source, kbfiles.read_bytes(Path(job.kb_dir), job.path), sidecar)
        article = analyse(document, taxonomy, matcher)
    except ReadError as exc:
        return None, [*diagnostics, exc.diagnostic]
    except kbfiles.OutsideKb as exc:
        return None, [*diagnostics, Diagnostic(job.source, f"skipped: {exc}", severity="warning")]
    except OSError as exc:
        return None, [*diagnostics, Diagnostic(job.source, f"could not read the file: {exc.strerror or exc}")]
    except Exception as exc:  # a bug must not cost the user the rest of the build
        log.debug("crash on %s", job.source, exc_info=True)
        return None, [*diagnostics, Diagnostic(job.source, f"could not process: {type(exc).__name__}: {exc}")]
    merged = sorted(set(diagnostics) | set(document.diagnostics) | set(article.diagnostics))
    article.diagnostics = merged
    return article, []


def _sidecar(job: Job) -> tuple[dict[str, object] | None, list[Diagnostic]]:
    """The sidecar's metadata; one that cannot be read is reported under its own name and the article is
    read without it."""
    if not job.sidecar:
        return None, []
    source = job.source + SIDECAR_SUFFIX
    try:
        data = kbfiles.read_bytes(Path(job.kb_dir), job.sidecar)
    except kbfiles.OutsideKb as exc:
        return None, [Diagnostic(source, f"skipped: {exc}", severity="warning")]
    except OSError as exc:
        return None, [Diagnostic(source, f"could not read the file: {exc.strerror or exc}; the article was read "
                                         "without it")]
    return parse_sidecar(source, data)


def gather(
    jobs: list[Job],
    taxonomy: Taxonomy,
    *,
    taxonomy_digest: str,
    code_digest: str,
    cache: ArticleCache | None,
    stats: StatTable | None,
    workers: int = 1,
    reuse: bool = True,
    progress: Progress = no_progress,
) -> Gathered:
    keys: dict[str, str] = {}
    results: dict[str, tuple[Article | None, list[Diagnostic]]] = {}
    todo: list[Job] = []
    for job in jobs:
        key = _key(job, stats, taxonomy_digest, code_digest)
        keys[job.source] = key
        cached = cache.get(key, body=False) if cache and reuse else None
        if cached is not None:
            results[job.source] = (cached, [])
        else:
            todo.append(job)
    reused = len(results)

    analysed = progress(_run(todo, taxonomy, workers, keys, cache), len(todo))
    for job, (article, problems, kept) in zip(todo, analysed, strict=True):
        if article is not None and cache and not kept:
            # The worker could not write it (a full disk?): here that fails the build, as for any file it writes.
            cache.put(article.digest, article)
            article.text = article.html = ""
        results[job.source] = (article, problems)

    articles: list[Article] = []
    diagnostics: list[Diagnostic] = []
    for job in jobs:
        article, problems = results[job.source]
        diagnostics += problems
        if article is not None:  # its digest was set when it was analysed, and is stored in the cache
            diagnostics += article.diagnostics
            articles.append(article)
    return Gathered(articles, diagnostics, reused=reused, analysed=len(todo), keys=keys,
                    bodies=cache.body if cache else own_body)


def _key(job: Job, stats: StatTable | None, taxonomy_digest: str, code_digest: str) -> str:
    """The cache key; a file that cannot be read gets one no entry has, so `process` reports why."""
    kb_dir = Path(job.kb_dir)
    try:
        file_digest = (stats.digest(job.source, Path(job.path)) if stats
                       else article_key(kbfiles.read_bytes(kb_dir, job.path)))
        sidecar = kbfiles.read_bytes(kb_dir, job.sidecar) if job.sidecar else b""
    except OSError:
        return article_key(code_digest, taxonomy_digest, job.source, "unreadable")
    return article_key(code_digest, taxonomy_digest, job.source, file_digest, sidecar)


def _run(todo: list[Job], taxonomy: Taxonomy, jobs: int, keys: dict[str, str],
         cache: ArticleCache | None) -> Iterator[tuple[Article | None, list[Diagnostic], bool]]:
    """Every job's result in order. The workers inherit the matcher and the language model, made once here, and
    put their articles in the cache themselves: only what links the KB comes back through the pipes."""
    matcher = Matcher(taxonomy)
    workers = jobs if len(todo) >= 2 * jobs else 1
    if parallel(workers):
        prepare(matcher)
    yield from imap("reading and analysing the articles",
                    partial(_process_and_keep, taxonomy=taxonomy, matcher=matcher, keys=keys, cache=cache),
                    todo, workers=workers)


def _process_and_keep(job: Job, taxonomy: Taxonomy, matcher: Matcher, keys: dict[str, str],
                      cache: ArticleCache | None) -> tuple[Article | None, list[Diagnostic], bool]:
    """`process`, and the article put in the cache under its key, without its text and HTML once it is there;
    whether it is there."""
    article, problems = process(job, taxonomy, matcher)
    if article is None or cache is None:
        return article, problems, False
    article.digest = keys[job.source]
    try:
        cache.put(article.digest, article)
    except OSError:
        return article, problems, False
    article.text = article.html = ""
    return article, problems, True
