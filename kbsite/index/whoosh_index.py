"""The Whoosh index behind terminal search: one document per article, keyed by its source path.

Words are reduced by kbsite.index.analysis before Whoosh sees them (a pre-analysed, space-separated
field per language), so Whoosh only stores and scores terms; the original text is stored for snippets.
The build writes a fresh index into an empty directory; the caller swaps directories atomically.

Articles are spread over BUCKETS buckets by a hash of their source, one Whoosh segment per
bucket, never merged. An update rewrites only the buckets of the changed articles, and drops
their old segments whole, so no deleted document lingers in the statistics: the scores are
exactly those of a clean build, at the cost of re-indexing about 1/BUCKETS of the KB.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from whoosh import fields, index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.filedb.filestore import FileStorage, Storage

from kbsite.errors import KbError
from kbsite.index.analysis import field, index_terms, lang_of
from kbsite.model import SearchRecord, Taxonomy
from kbsite.textproc import tokenize

logger = logging.getLogger(__name__)

INDEX_NAME = "kbsite"
LOCK_NAME = f"{INDEX_NAME}_WRITELOCK"
BUCKETS = 32  # more: cheaper updates; fewer: a cheaper full build (each segment has its own terms)


def bucket(source: str) -> str:
    return str(int(hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:8], 16) % BUCKETS)


def _drop_emptied(writer, segments):
    """Whoosh merge policy: merge nothing, and forget segments whose every document was deleted."""
    return [segment for segment in segments if segment.doc_count() > 0]


def schema() -> fields.Schema:
    terms = fields.TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=True)
    s = fields.Schema(
        # Sortable (a column per document): ties in score rank by language, then source.
        source=fields.ID(stored=True, unique=True, sortable=True),
        bucket=fields.ID(),
        url=fields.STORED(),
        title=fields.STORED(),
        body=fields.STORED(),
        lang=fields.ID(stored=True, sortable=True),
        date=fields.ID(stored=True, sortable=True),
        publisher=fields.ID(stored=True),
        topics=fields.KEYWORD(stored=True, commas=True, scorable=False),
        entities=fields.KEYWORD(stored=True, commas=True, scorable=False),
        # Lower-cased surface words, for "did you mean": suggestions are words a user wrote, not stems.
        spell=fields.TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False),
    )
    s.add("text_*", terms, glob=True)
    s.add("title_*", terms, glob=True)
    return s


def _document(record: SearchRecord) -> dict[str, object]:
    lang = lang_of(record.lang)
    doc: dict[str, object] = {
        "source": record.source,
        "bucket": bucket(record.source),
        "url": record.url,
        "title": record.title,
        "body": record.text,
        "lang": lang,
        "date": record.date or "",
        "publisher": record.publisher or "",
        "topics": ",".join(record.topics),
        "entities": ",".join(record.entities),
        "spell": " ".join(t.text.lower() for t in tokenize(f"{record.title}\n{record.text}")),
        field("text", lang): " ".join(index_terms(record.text, lang)),
        field("title", lang): " ".join(index_terms(record.title, lang)),
    }
    return {k: v for k, v in doc.items() if v != ""}


def build_index(index_dir: Path | Storage, records: Iterable[SearchRecord], taxonomy: Taxonomy) -> None:
    """Create a fresh index of `records` in the empty `index_dir` (or a Whoosh storage, for tests).

    The taxonomy is not stored: aliases are resolved at query time, so an edited taxonomy needs no reindex.
    """
    storage = _storage(index_dir, create=True)
    if storage.list():
        raise KbError(f"{index_dir}: the index folder must be empty; build into a new folder and swap it in")
    ix = storage.create_index(schema(), indexname=INDEX_NAME)
    for name, members in sorted(_by_bucket(records).items()):
        _write_bucket(ix, name, members, replace=False)
    logger.debug("indexed %d articles in %s", ix.doc_count(), index_dir)


def update_index(index_dir: Path | Storage, records: Sequence[SearchRecord], changed: Iterable[str],
                 taxonomy: Taxonomy) -> None:
    """Bring the index up to `records` (all of them), rewriting the buckets of the `changed` sources
    (added, edited or deleted)."""
    ix = open_index(index_dir)
    groups = _by_bucket(records)
    for name in sorted({bucket(source) for source in changed}):
        _write_bucket(ix, name, groups.get(name, []), replace=True)


def _by_bucket(records: Iterable[SearchRecord]) -> dict[str, list[SearchRecord]]:
    groups: dict[str, list[SearchRecord]] = defaultdict(list)
    for record in records:
        groups[bucket(record.source)].append(record)
    return groups


def _write_bucket(ix: index.Index, name: str, members: list[SearchRecord], *, replace: bool) -> None:
    writer = ix.writer(limitmb=256)
    try:
        if replace:
            writer.delete_by_term("bucket", name)
        for record in sorted(members, key=lambda r: r.source):
            writer.add_document(**_document(record))
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=_drop_emptied)


def recover_lock(index_dir: Path) -> bool:
    """Remove the write lock a killed build left behind; True if there was a stale one.

    A lock that a live writer holds is left alone: the lock file is only removed after taking it ourselves.
    """
    path = Path(index_dir)
    if not (path / LOCK_NAME).exists():
        return False
    lock = FileStorage(str(path)).lock(LOCK_NAME)
    if not lock.acquire(blocking=False):
        return False
    try:
        (path / LOCK_NAME).unlink(missing_ok=True)
    finally:
        lock.release()
    logger.warning("removed a stale index lock left by an interrupted build: %s", path / LOCK_NAME)
    return True


def open_index(index_dir: Path | Storage) -> index.Index:
    storage = _storage(index_dir, create=False)
    if not storage.index_exists(indexname=INDEX_NAME):
        raise KbError(f"{index_dir}: no search index here; run `python build_index.py build` first")
    return storage.open_index(indexname=INDEX_NAME)


def _storage(index_dir: Path | Storage, *, create: bool) -> Storage:
    if isinstance(index_dir, Storage):
        return index_dir
    path = Path(index_dir)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    elif not path.is_dir():
        raise KbError(f"{path}: no search index here; run `python build_index.py build` first")
    return FileStorage(str(path))
