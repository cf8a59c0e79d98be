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

import io
import mmap
import pickle
import struct
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from hashlib import md5
from itertools import accumulate
from math import log

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3LeafMatcher,
    W3TermInfo,
    W3TermsReader,
    _lenfield,
)
from whoosh.columns import ColumnReader, NumericColumn
from whoosh.fields import FieldType
from whoosh.filedb import filetables
from whoosh.filedb.compound import SubFile
from whoosh.matching import Matcher
from whoosh.reading import IndexReader, SegmentReader, TermNotFound
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
        self._tables = [_TermTable.of(reader) for reader, _ in self.segments]
        self.searcher = searcher
        self.b, self.k1 = b, k1
        self._doc_count = searcher.doc_count_all()
        self._norms: dict[tuple[int, str], _Norms] = {}  # (segment, field) -> local doc -> normaliser
        self._avg: dict[str, float] = {}
        self._columns: dict[str, ColumnReader | None] = {}
        self._read: dict[tuple[int, str, str], _MappedPostings | None] = {}  # this query's, see new_query

    def scores(self, field: str, term: str, boost: float) -> dict[int, float]:
        """Docnum -> BM25F score of `term` in `field`, times `boost` (Whoosh's matcher.score() * boost)."""
        found = []
        df = 0
        for n, (reader, offset) in enumerate(self.segments):
            matcher = self._matcher(n, field, term)  # one look-up a segment: its postings tell its frequency too
            if matcher is None:
                continue
            blocks = list(_blocks(matcher))
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
        k1_1 = k1 + 1  # the same float whoosh.scoring.bm25 works out for every posting
        out: dict[int, float] = {}
        for n, reader, offset, blocks in found:
            norms = self._norms.get((n, field))
            if norms is None:
                norms = self._norms[(n, field)] = _Norms(reader, field, avgfl, b, k1)
            for ids, weights in blocks:
                scores = [idf * ((tf * k1_1) / (tf + norms[doc])) * boost for doc, tf in zip(ids, weights, strict=True)]
                out.update(zip([doc + offset for doc in ids] if offset else ids, scores, strict=True))
        return out

    def positions(self, field: str, term: str, docs: Iterable[int]) -> dict[int, list[int]]:
        """Docnum -> the positions of `term` in `field`, for those of `docs` that hold it."""
        by_segment: dict[int, list[int]] = {}
        for doc in sorted(set(docs)):
            by_segment.setdefault(bisect_right(self._starts, doc) - 1, []).append(doc)
        out: dict[int, list[int]] = {}
        for n, wanted in sorted(by_segment.items()):
            offset = self.segments[n][1]
            matcher = self._matcher(n, field, term)
            if matcher is None:
                continue
            if type(matcher) is _MappedPostings:
                for local, where in matcher.positions([doc - offset for doc in wanted]).items():
                    out[local + offset] = where
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

    def new_query(self) -> None:
        """Forget the postings read for the last query: a query reads a term's blocks for its scores and again
        for its positions (phrases, proximity), which find them decoded."""
        self._read.clear()

    def _matcher(self, n: int, field: str, term: str) -> Matcher | _MappedPostings | None:
        """The postings of `term` in `field` of segment `n` (deleted documents left out), or None."""
        table = self._tables[n]
        if table is not None:
            key = (n, field, term)
            if key in self._read:
                return self._read[key]
            found = table.matcher(field, term)
            if found is None or type(found) is _MappedPostings:  # Whoosh's own matchers are read only once
                self._read[key] = found
            return found
        try:
            return self.segments[n][0].postings(field, term)
        except TermNotFound:
            return None

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


_POINTER = filetables._pointer  # (hash, position) of a slot of the hash tables
_LENGTHS = filetables._lengths  # (key length, value length) before a key


class _TermTable:
    """A segment's term dictionary, looked up in place in the memory map it lies in.

    A query looks each of its terms up in every segment (dozens of terms, 50 segments at 50,000 articles), and
    most are not there. Whoosh's look-up goes through five layers of file objects, each read a seek and a copy;
    here the same probe of Whoosh's hash table (filetables.HashReader.ranges_for_key: the same hash, slots and
    comparisons) reads the map directly, and a term found gets Whoosh's own matcher. Used only where the segment
    is as expected (Whoosh 3's codec, an md5-hashed table in a mapped file, no deleted documents): elsewhere
    the reader is asked, as before.
    """

    def __init__(self, reader: SegmentReader, terms: W3TermsReader, buffer: mmap.mmap, base: int) -> None:
        self.reader, self.terms, self.buffer, self.base = reader, terms, buffer, base
        self.index = terms._tindex
        self.fields = terms._fieldmap
        self.known: dict[str, tuple[bytes, FieldType] | None] = {}  # field -> (its key prefix, its type)
        post = getattr(terms._postfile, "file", None)
        self.postings = (post._file, post._offset) if type(post) is SubFile and type(post._file) is mmap.mmap else None

    @classmethod
    def of(cls, reader: IndexReader) -> _TermTable | None:
        terms = getattr(reader, "_terms", None)
        index = getattr(terms, "_tindex", None)
        sub = getattr(getattr(index, "dbfile", None), "file", None)
        if (type(reader) is not SegmentReader or type(terms) is not W3TermsReader or reader.has_deletions()
                or type(index) is not filetables.OrderedHashReader or index.hashfn is not filetables.md5_hash
                or type(sub) is not SubFile or type(sub._file) is not mmap.mmap):
            return None
        return cls(reader, terms, sub._file, sub._offset)

    def matcher(self, field: str, term: str) -> Matcher | None:
        if field not in self.known:
            number = self.fields.get(field)
            self.known[field] = None if number is None or field not in self.reader.schema else (
                struct.pack("!H", number), self.reader.schema[field])
        known = self.known[field]
        if known is None:
            return None
        prefix, schema_field = known
        text = schema_field.to_bytes(term)
        value = self._find(prefix + text)
        if value is None:
            return None
        info = W3TermInfo.from_bytes(value)
        if not info.is_inlined() and schema_field.format.fixed_value_size() is None and self.postings is not None:
            return _MappedPostings(self.postings[0], self.postings[1] + info.extent()[0], schema_field.format)
        return self.terms._codec.postings_reader(self.terms._postfile, info, schema_field.format, term=(field, text))

    def _find(self, key: bytes) -> bytes | None:
        buffer, base = self.buffer, self.base
        keyhash = _md5_hash(key)
        start, slots = self.index.tables[keyhash & 255]
        if not slots:
            return None
        end = start + slots * _POINTER.size
        slot = start + ((keyhash >> 8) % slots) * _POINTER.size
        for _ in range(slots):
            found, item = _POINTER.unpack_from(buffer, base + slot)
            if not item:
                return None
            if found == keyhash:
                keylen, datalen = _LENGTHS.unpack_from(buffer, base + item)
                at = base + item + _LENGTHS.size
                if keylen == len(key) and buffer[at:at + keylen] == key:
                    return buffer[at + keylen:at + keylen + datalen]
            slot += _POINTER.size
            if slot == end:
                slot = start
        return None


_INT = struct.Struct("!i")


@lru_cache(maxsize=4096)
def _md5_hash(key: bytes) -> int:
    """filetables.md5_hash, worked out once for the same key in every segment."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")


class _MappedPostings:
    """One term's postings in a mapped segment, read as W3LeafMatcher reads them, without its file objects.

    Whoosh's matcher reads each block's header with pickle.load from a file object over the map (one small read
    per opcode, each through five layers) and makes a matcher per term and segment: a query asks for dozens of
    terms in every segment. Here the layout of whoosh.codec.whoosh3 is read straight from the map: a magic tag,
    then blocks of (length, negative for the last; pickled header: count, last id, ...; pickled data, zlib-
    compressed if the header says so: id deltas, weights, values), and a block's data is decoded when needed.
    """

    def __init__(self, buffer: mmap.mmap, start: int, format_) -> None:
        self.format = format_
        self.heads: list[tuple[int, int, int, io.BytesIO]] = []  # (last id, count, compression, the block)
        self._decoded: dict[int, tuple[Sequence[int], Sequence[float], Sequence[bytes]]] = {}
        if buffer[start:start + 4] != WHOOSH3_HEADER_MAGIC:
            raise ValueError(f"no postings at {start}")
        pos = start + 4
        while True:
            (length,) = _INT.unpack_from(buffer, pos)
            end = pos + _INT.size + abs(length)
            block = io.BytesIO(buffer[pos + _INT.size:end])
            count, last_id, _, compression, _, _ = pickle.load(block)
            self.heads.append((last_id, count, compression, block))
            if length < 0:
                return
            pos = end

    def block(self, n: int) -> tuple[Sequence[int], Sequence[float], Sequence[bytes]]:
        """(ids, weights, values) of block `n`, as W3LeafMatcher's _read_ids, _read_weights and _read_values."""
        if n not in self._decoded:
            _, count, compression, block = self.heads[n]
            data = block.read()
            ids, weights, values = pickle.loads(zlib.decompress(data) if compression else data)
            if weights is None:
                weights = array("f", [1.0]) * count
            elif isinstance(weights, float):
                weights = array("f", [weights]) * count
            self._decoded[n] = (list(accumulate(ids)), weights, values)
        return self._decoded[n]

    def positions(self, docs: list[int]) -> dict[int, list[int]]:
        """Local docnum -> positions, for those of `docs` (ascending) that hold the term."""
        out: dict[int, list[int]] = {}
        n = 0
        for doc in docs:
            while n < len(self.heads) and self.heads[n][0] < doc:
                n += 1
            if n == len(self.heads):
                break
            ids, _, values = self.block(n)
            i = bisect_left(ids, doc)
            if i < len(ids) and ids[i] == doc:
                out[doc] = list(self.format.decode_positions(values[i]))
        return out


def _length_column(reader: IndexReader, field: str) -> bytes:
    """The bytes of Whoosh's length column of `field` in a segment (one a document), or b"" if unreadable."""
    try:
        column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)  # type: ignore[attr-defined]
        if type(column) is not NumericColumn.Reader or column._typecode != "B" or column._fixedlen != 1:
            return b""
        return bytes(column._dbfile.get(column._basepos, column._count))
    except (AttributeError, TypeError):
        return b""


def _blocks(matcher: Matcher | _MappedPostings) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """(local docnums, term frequencies) of the postings, a block at a time (the reader's matcher leaves
    deleted documents out). Whoosh's on-disk matcher decodes a block's ids and weights as arrays, but hands
    them out one call per posting; a third of a query's time went there, so its blocks are read whole."""
    if type(matcher) is _MappedPostings:
        for n in range(len(matcher.heads)):
            ids, weights, _ = matcher.block(n)
            yield ids, weights
        return
    if type(matcher) is W3LeafMatcher:
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            ids = matcher._data[0]  # as W3LeafMatcher._read_ids, without a generator's call per posting
            matcher._read_weights()
            yield (ids if matcher._byteids else list(accumulate(ids))), matcher._weights
            matcher._next_block()
        return
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    yield ids, weights
