"""The Whoosh index behind terminal search: one document per article, keyed by its source path.

Words are reduced by kbsite.index.analysis before Whoosh sees them (a pre-analysed, space-separated
field per language), so Whoosh only stores and scores terms; the original text is stored for snippets.
The build writes a fresh index into an empty directory; the caller swaps directories atomically.

Articles are spread over buckets by a hash of their source, one Whoosh segment per bucket, never
merged. An update rewrites only the buckets of the changed articles, and drops their old segments
whole, so no deleted document lingers in the statistics: the scores are exactly those of a clean
build (they never depend on how the documents are split into segments).

Each bucket is written as a one-segment index of its own in a private storage (a hidden sub-folder),
by a process of its own when there are workers (kbsite.workers): a child inherits the records instead of
receiving them pickled, writes one bucket and exits, so the memory of its postings goes back at once.
The segment is written in one pass (kbsite.index.segment), as Whoosh's own writer would write it.
The parent then moves the finished segment files into the index and writes one new TOC listing every
segment in bucket order. Whoosh's files are only ever created, renamed or deleted, never rewritten,
so an index copied with hard links can be updated without touching the original.

"Did you mean" picks from the lower-case words of the articles and their counts. They are not a Whoosh
field: one would cost Whoosh a posting for each word of each article, 43% of the index's CPU at 1k
articles. Each bucket counts its own words into a file beside its segment, and every commit sums them
into one packed vocabulary (kbsite.index.spelling), the same buckets of words as the browser's.

How many buckets: a bucket costs its documents plus a term dictionary of its own (a word found in
8 buckets is written 8 times), which weighs only while buckets are small: writing a bucket costs about
5.4 ms of CPU an article at 390 articles, 4.9 at 780, 4.6 at 1,560, 4.2 at 3,125 (measured with the words
of "did you mean" still a Whoosh field, which then cost 43% of it). But a bucket's memory
grows with it (a forked worker writing 1,000 articles holds ~175 MB of its own, mostly its postings),
and so does an update, which re-indexes a whole bucket. So the count follows the KB: MIN_BUCKETS
for a small one (8 buckets cost 7-10% less CPU than 16 and 11-22% less than 32 at 1k-10k articles, and
keep two workers busy), else one per BUCKET_ARTICLES articles: 50 at 50k, where a one-article update
re-indexes ~1,000 articles (~5 s, far inside 5% of a 15-20 minute build) and a worker needs ~175 MB;
16 buckets would save ~10% of that CPU for three times the memory and update time, and 8 buckets would
need ~1 GB a worker. The count and LAYOUT are in every document's `bucket` term: an
update keeps the index's count until its buckets have grown past twice BUCKET_ARTICLES, and rewrites
whole an index of another layout (as the 32 buckets of earlier versions).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from whoosh import fields, index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.codec.base import Segment
from whoosh.filedb.filestore import FileStorage, RamStorage, Storage
from whoosh.index import TOC, clean_files
from whoosh.reading import SegmentReader

from kbsite import textproc
from kbsite.errors import KbError
from kbsite.index import spelling
from kbsite.index.analysis import field, index_term, lang_of
from kbsite.index.segment import write_segment
from kbsite.model import Progress, SearchRecord, Taxonomy, Texts, no_progress, own_text
from kbsite.workers import imap

logger = logging.getLogger(__name__)

INDEX_NAME = "kbsite"
LOCK_NAME = f"{INDEX_NAME}_WRITELOCK"
LAYOUT = 3  # bump when the schema or the documents change: an index of another layout is rebuilt whole
MIN_BUCKETS = 8  # see the module docstring
BUCKET_ARTICLES = 1_000
PARTS = ".kbsite-parts"  # the private storages of the buckets being written; Whoosh ignores dot-names
# A bucket's lower-case words and their counts, named after its segment: Whoosh's own file listing and
# cleaning then move and delete it with the segment.
WORDS = ".words"
# The summed words of one generation of the index; not a name Whoosh's cleaning would take for its own.
VOCABULARY_PREFIX = "vocabulary-"

Job = tuple[str, list[SearchRecord], Texts]  # a bucket's tag and articles, and where their texts are


def bucket_count(articles: int) -> int:
    return max(MIN_BUCKETS, -(-articles // BUCKET_ARTICLES))


def bucket(source: str, count: int) -> int:
    return int(hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:8], 16) % count


def _tag(number: int, count: int) -> str:
    """The `bucket` term of a bucket's documents: with the layout and the bucket count, so that
    an update can tell an index written another way from its own."""
    return f"{LAYOUT}.{count}.{number}"


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
    )
    s.add("text_*", terms, glob=True)
    s.add("title_*", terms, glob=True)
    return s


def _document(record: SearchRecord, tag: str, body: str, words: Counter[str], terms: _Terms) -> dict[str, object]:
    """The record's Whoosh document; its lower-case words are counted into `words`, for "did you mean".

    The text fields hold lists of terms, which Whoosh indexes as they are (the joined, space-separated
    terms its tokenizer would split give the same postings, at a cost).
    """
    lang = lang_of(record.lang)
    title = textproc.words(record.title)
    text = textproc.words(body)
    # Lower-casing the words one by one equals lower-casing the joined words, as the browser does: a space is
    # neither cased nor case-ignorable, so even a final sigma sees the same context.
    for word, count in Counter([*title, *text]).items():
        words[word.lower()] += count
    doc: dict[str, object] = {
        "source": record.source,
        "bucket": tag,
        "url": record.url,
        "title": record.title,
        "body": body,
        "lang": lang,
        "date": record.date or "",
        "publisher": record.publisher or "",
        "topics": ",".join(record.topics),
        "entities": ",".join(record.entities),
        field("text", lang): terms.of(text, lang),
        field("title", lang): terms.of(title, lang),
    }
    return {k: v for k, v in doc.items() if v != "" and v != []}


class _Terms:
    """The index terms of words, each word looked up once per language and bucket: most words come back often."""

    def __init__(self) -> None:
        self._memos: dict[str, dict[str, str]] = {}

    def of(self, words: list[str], lang: str) -> list[str]:
        memo = self._memos.setdefault(lang, {})
        for word in set(words).difference(memo):
            memo[word] = index_term(word, lang)
        return [t for t in map(memo.__getitem__, words) if t]


def build_index(index_dir: Path | Storage, records: Iterable[SearchRecord], taxonomy: Taxonomy, *,
                workers: int = 1, texts: Texts = own_text, progress: Progress = no_progress) -> None:
    """Create a fresh index of `records` in the empty `index_dir` (or a Whoosh storage, for tests).

    The taxonomy is not stored: aliases are resolved at query time, so an edited taxonomy needs no reindex.
    `workers` > 1 writes the buckets in that many processes (a folder only); the index is the same.
    `texts` gives each record's text where the records do not hold it: it is read where its bucket is written.
    `progress` wraps the buckets as they are written (in an index folder).
    """
    storage = _storage(index_dir, create=True)
    if storage.list():
        raise KbError(f"{index_dir}: the index folder must be empty; build into a new folder and swap it in")
    storage.create_index(schema(), indexname=INDEX_NAME)
    records = list(records)
    count = bucket_count(len(records))
    with _write_lock(storage, index_dir):
        _rewrite(storage, count, {}, records, range(count), workers, texts, progress)


def update_index(index_dir: Path | Storage, records: Sequence[SearchRecord], changed: Iterable[str],
                 taxonomy: Taxonomy, *, workers: int = 1, texts: Texts = own_text,
                 progress: Progress = no_progress) -> None:
    """Bring the index up to `records` (all of them), rewriting the buckets of the `changed` sources
    (added, edited or deleted); an index of another layout, or whose buckets have grown too big, is
    rewritten whole."""
    storage = _existing(index_dir)
    with _write_lock(storage, index_dir):
        current = _buckets(storage)
        if current is not None and len(records) <= 2 * BUCKET_ARTICLES * current[0]:
            count, kept = current
            names: Iterable[int] = {bucket(source, count) for source in changed}
        else:
            count, kept = bucket_count(len(records)), {}
            names = range(count)
            logger.info("%s: rewriting the whole search index in %d buckets", index_dir, count)
        _rewrite(storage, count, kept, records, names, workers, texts, progress)


def _buckets(storage: Storage) -> tuple[int, dict[int, Segment]] | None:
    """The bucket count and bucket number -> segment, from each segment's one `bucket` term; None when
    the index was not written this way (another layout, deletions, no segments at all)."""
    toc = TOC.read(storage, INDEX_NAME)
    counts: set[int] = set()
    found: dict[int, Segment] = {}
    for segment in toc.segments:
        reader = SegmentReader(storage, toc.schema, segment)
        try:
            tags = [t.decode("utf-8") for t in reader.lexicon("bucket")] if "bucket" in toc.schema else []
        finally:
            reader.close()
        parts = tags[0].split(".") if len(tags) == 1 else []
        if segment.has_deletions() or len(parts) != 3 or not all(p.isdigit() for p in parts):
            return None
        layout, count, number = map(int, parts)
        if layout != LAYOUT or number >= count or number in found:
            return None
        counts.add(count)
        found[number] = segment
    return (counts.pop(), found) if len(counts) == 1 else None


def _rewrite(storage: Storage, count: int, segments: dict[int, Segment], records: Iterable[SearchRecord],
             names: Iterable[int], workers: int, texts: Texts, progress: Progress) -> None:
    """Write the buckets `names` anew (an empty one has no segment) and commit them beside the other `segments`."""
    names = set(names)
    jobs: dict[int, Job] = {}
    for record in records:
        number = bucket(record.source, count)
        if number in names:
            jobs.setdefault(number, (_tag(number, count), [], texts))[1].append(record)
    segments = {n: s for n, s in segments.items() if n not in names}
    segments.update(_write_buckets(storage, dict(sorted(jobs.items())), workers, progress))
    toc = TOC(schema(), [segments[n] for n in sorted(segments)], TOC.read(storage, INDEX_NAME).generation + 1)
    _write_vocabulary(storage, toc)
    toc.write(storage, INDEX_NAME)
    clean_files(storage, INDEX_NAME, toc.generation, toc.segments)  # only unlinks: a hard-linked original stays
    for name in storage.list():
        if name.startswith(VOCABULARY_PREFIX) and name != _vocabulary_name(toc.generation):
            storage.delete_file(name)
    logger.debug("rewrote %d of %d search index buckets", len(names), count)


def _write_vocabulary(storage: Storage, toc: TOC) -> None:
    """The words of every bucket, summed, for "did you mean" (kbsite.index.spelling.pack)."""
    words: Counter[str] = Counter()
    for segment in toc.segments:
        with storage.open_file(segment.make_filename(WORDS)) as counts:
            words.update(json.loads(counts.read()))
    with storage.create_file(_vocabulary_name(toc.generation)) as out:
        out.write(spelling.pack(words))


def _vocabulary_name(generation: int) -> str:
    return f"{VOCABULARY_PREFIX}{generation}.bin"


def vocabulary(ix: index.Index) -> spelling.Vocabulary:
    """The vocabulary of the index's current generation; empty for an index without one."""
    name = _vocabulary_name(ix.latest_generation())
    if not ix.storage.file_exists(name):
        return spelling.Vocabulary(b"")
    with ix.storage.open_file(name) as packed:
        return spelling.Vocabulary(packed.read())


def _write_buckets(storage: Storage, jobs: dict[int, Job], workers: int, progress: Progress) -> dict[int, Segment]:
    if not isinstance(storage, FileStorage):
        return {n: _adopt(_write_segment(RamStorage(), job), storage) for n, job in jobs.items()}
    parts = Path(storage.folder) / PARTS
    shutil.rmtree(parts, ignore_errors=True)  # left by a killed build
    try:
        # A process of its own for each bucket (its postings' memory goes back when it ends), largest
        # first, so that the last to start is a small one.
        todo = sorted(jobs, key=lambda n: (-len(jobs[n][1]), n))
        written = imap("writing the search index", partial(_bucket, parts, jobs), todo, workers=workers, chunk=1)
        for _ in progress(written, len(jobs)):
            pass
        return {n: _adopt(_part(parts, n, create=False), storage) for n in jobs}
    finally:
        shutil.rmtree(parts, ignore_errors=True)


def _part(parts: Path, number: int, *, create: bool = True) -> FileStorage:
    storage = FileStorage(str(parts / str(number)))
    return storage.create() if create else storage


def _write_segment(private: Storage, job: Job) -> Storage:
    """One bucket as a one-segment index of its own in `private`, with its words beside the segment."""
    tag, members, texts = job
    words: Counter[str] = Counter()
    terms = _Terms()
    documents = (_document(record, tag, texts(record), words, terms)
                 for record in sorted(members, key=lambda r: r.source))
    segment = write_segment(private, INDEX_NAME, schema(), documents)
    TOC(schema(), [segment], 1).write(private, INDEX_NAME)
    with private.create_file(segment.make_filename(WORDS)) as out:
        out.write(json.dumps(words, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return private


def _adopt(private: Storage, storage: Storage) -> Segment:
    """Move the one segment of `private` into `storage`; the caller lists it in a new TOC."""
    (segment,) = TOC.read(private, INDEX_NAME).segments
    for name in segment.list_files(private):
        if storage.file_exists(name):
            raise KbError(f"{name}: a search index file of this name exists already; build the index again")
        if isinstance(private, FileStorage) and isinstance(storage, FileStorage):
            os.rename(os.path.join(private.folder, name), os.path.join(storage.folder, name))
        else:
            with private.open_file(name) as src, storage.create_file(name) as dst:
                dst.write(src.read())
    return segment


def _bucket(parts: Path, jobs: dict[int, Job], number: int) -> int:
    _write_segment(_part(parts, number), jobs[number])
    return number


@contextmanager
def _write_lock(storage: Storage, index_dir: Path | Storage) -> Iterator[None]:
    if isinstance(storage, FileStorage):
        lock_file = Path(storage.folder) / LOCK_NAME
        if lock_file.exists() and lock_file.stat().st_nlink > 1:
            lock_file.unlink()  # a hard link to the live index's lock file: make a new one, never open the link
    lock = storage.lock(LOCK_NAME)
    if not lock.acquire(blocking=False):
        raise KbError(f"{index_dir}: another process is writing this search index; wait for it to finish")
    try:
        yield
    finally:
        lock.release()


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
    return _existing(index_dir).open_index(indexname=INDEX_NAME)


def _existing(index_dir: Path | Storage) -> Storage:
    storage = _storage(index_dir, create=False)
    if not storage.index_exists(indexname=INDEX_NAME):
        raise KbError(f"{index_dir}: no search index here; run `python build_index.py build` first")
    return storage


def _storage(index_dir: Path | Storage, *, create: bool) -> Storage:
    if isinstance(index_dir, Storage):
        return index_dir
    path = Path(index_dir)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    elif not path.is_dir():
        raise KbError(f"{path}: no search index here; run `python build_index.py build` first")
    return FileStorage(str(path))
