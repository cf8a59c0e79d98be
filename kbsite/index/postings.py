"""A term's postings read segment by segment, scored as Whoosh's BM25F scores them, at a fraction of the cost.

Whoosh's `searcher.postings()` looks the term up in every segment twice, builds a scorer for each segment
(which looks it up again for its statistics), and scores a posting through five calls (matcher, scorer,
searcher, reader, length column); a query over every language's forms of its words asks that for dozens of
terms, each in dozens of segments. Here a term is looked up once per segment (its postings, counted, are its
document frequency), and a document's length normaliser is computed once and kept for the next query (the
index does not change under an open searcher). The floats are those of whoosh.scoring.bm25, operation for
operation, so the scores, and the browser's copy of them (kbsite.index.shards), do not move.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from math import log

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.columns import ColumnReader, NumericColumn
from whoosh.matching import Matcher
from whoosh.reading import IndexReader, TermNotFound
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length


class Postings:
    """The per-segment readers of one open searcher, and what scoring has learnt about their documents."""

    def __init__(self, searcher: Searcher, b: float, k1: float) -> None:
        subs = [(searcher, 0)] if searcher.is_atomic() else searcher.subsearchers
        self.segments: list[tuple[IndexReader, int]] = [(s.reader(), offset) for s, offset in subs]
        for reader, _ in self.segments:
            if not reader.has_deletions():
                # What Whoosh's cached property finds on first use; computed there, it imports asyncio
                # (the cached_property package checks for coroutines), a tenth of a search call's start-up.
                reader.deleted_docs_set = frozenset()
        self._starts = [offset for _, offset in self.segments]
        self.searcher = searcher
        self.b, self.k1 = b, k1
        self._doc_count = searcher.doc_count_all()
        self._norms: dict[tuple[int, str], _Norms] = {}  # (segment, field) -> local doc -> normaliser
        self._avg: dict[str, float] = {}
        self._columns: dict[str, ColumnReader | None] = {}

    def scores(self, field: str, term: str, boost: float) -> dict[int, float]:
        """Docnum -> BM25F score of `term` in `field`, times `boost` (Whoosh's matcher.score() * boost)."""
        found = []
        df = 0
        for n, (reader, offset) in enumerate(self.segments):
            try:  # one look-up of the term a segment: its postings tell its document frequency too
                blocks = list(_blocks(reader.postings(field, term)))
            except TermNotFound:
                continue
            if reader.has_deletions():  # the matcher leaves deleted documents out; the frequency counts them
                df += reader.doc_frequency(field, term)
            else:
                df += sum(len(ids) for ids, _ in blocks)
            found.append((n, reader, offset, blocks))
        if not found:
            return {}
        idf = log(self._doc_count / (df + 1)) + 1  # whoosh.scoring.WeightingModel.idf over the whole index
        avgfl = self._avg_length(field)
        b, k1 = self.b, self.k1
        out: dict[int, float] = {}
        for n, reader, offset, blocks in found:
            norms = self._norms.get((n, field))
            if norms is None:
                norms = self._norms[(n, field)] = _Norms(reader, field, avgfl, b, k1)
            for ids, weights in blocks:
                for doc, tf in zip(ids, weights, strict=True):
                    out[doc + offset] = idf * ((tf * (k1 + 1)) / (tf + norms[doc])) * boost
        return out

    def positions(self, field: str, term: str, docs: Iterable[int]) -> dict[int, list[int]]:
        """Docnum -> the positions of `term` in `field`, for those of `docs` that hold it."""
        by_segment: dict[int, list[int]] = {}
        for doc in sorted(set(docs)):
            by_segment.setdefault(bisect_right(self._starts, doc) - 1, []).append(doc)
        out: dict[int, list[int]] = {}
        for n, wanted in sorted(by_segment.items()):
            reader, offset = self.segments[n]
            try:
                matcher = reader.postings(field, term)
            except TermNotFound:
                continue
            for doc in wanted:
                local = doc - offset
                if not matcher.is_active():
                    break
                if matcher.id() < local:
                    matcher.skip_to(local)
                if matcher.is_active() and matcher.id() == local:
                    out[doc] = list(matcher.value_as("positions"))
        return out

    def column(self, name: str) -> ColumnReader | None:
        """The whole index's reader of a sortable column (None if the index has none), made once."""
        if name not in self._columns:
            reader = self.searcher.reader()
            self._columns[name] = reader.column_reader(name) if reader.has_column(name) else None
        return self._columns[name]

    def _avg_length(self, field: str) -> float:
        if field not in self._avg:
            self._avg[field] = self.searcher.avg_field_length(field) or 1
        return self._avg[field]


class _Norms(dict[int, float]):
    """Local docnum -> BM25F length normaliser of one field in one segment: k1 * ((1 - b) + b * length / average).

    Whoosh keeps each document's length in a field as one byte; looking it up goes through four calls and a read
    of that byte, ~10 microseconds: a third of a one-word query over 10,000 articles was there. The whole column
    is read here at once, and the normaliser of each of the 256 bytes worked out once, with Whoosh's own
    byte-to-length table and the same float operations; where the column is not as expected (another Whoosh),
    each length is asked of the reader, as before.
    """

    def __init__(self, reader: IndexReader, field: str, avgfl: float, b: float, k1: float) -> None:
        super().__init__()
        self.reader, self.field, self.avgfl, self.b, self.k1 = reader, field, avgfl, b, k1
        self.column = _length_column(reader, field)
        self.table = [k1 * ((1 - b) + b * byte_to_length(x) / avgfl) for x in range(256)] if self.column else []

    def __missing__(self, doc: int) -> float:
        if doc < len(self.column) and self.column[doc]:
            norm = self.table[self.column[doc]]
        else:
            fl = self.reader.doc_field_length(doc, self.field, 1)
            norm = self.k1 * ((1 - self.b) + self.b * fl / self.avgfl)
        self[doc] = norm
        return norm


def _length_column(reader: IndexReader, field: str) -> bytes:
    """The bytes of Whoosh's length column of `field` in a segment (one a document), or b"" if unreadable."""
    try:
        column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)  # type: ignore[attr-defined]
        if type(column) is not NumericColumn.Reader or column._typecode != "B" or column._fixedlen != 1:
            return b""
        return bytes(column._dbfile.get(column._basepos, column._count))
    except (AttributeError, TypeError):
        return b""


def _blocks(matcher: Matcher) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """(local docnums, term frequencies) of the postings, a block at a time (the reader's matcher leaves
    deleted documents out). Whoosh's on-disk matcher decodes a block's ids and weights as arrays, but hands
    them out one call per posting; a third of a query's time went there, so its blocks are read whole."""
    if type(matcher) is W3LeafMatcher:
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            yield matcher._ids, matcher._weights
            matcher._next_block()
        return
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    yield ids, weights
