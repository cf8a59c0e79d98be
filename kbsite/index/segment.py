"""One Whoosh segment of documents that are all at hand, written in one pass through Whoosh's codec.

Whoosh's SegmentWriter is made for documents that come one at a time and may not fit in memory: each
posting is checked and sized into a pool, the pool sorts every posting of the segment, and the length of
a posting's field is read back, for every posting, from the column file just written. A search index
bucket is written whole by one process that holds all its documents, so here the postings are grouped
by term as they come (a sort of the terms, not of the postings) and the field lengths are kept in
memory, as the byte Whoosh stores and the length it reads back from it. The codec writes the files as
for Whoosh's own writer, byte for byte (tests/test_index_segment.py), so the index reads and scores the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from whoosh.codec import default_codec
from whoosh.codec.base import Segment
from whoosh.fields import FieldType, Schema
from whoosh.filedb.filestore import Storage
from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length, length_to_byte

Postings = dict[bytes, list[tuple[int, float, bytes]]]  # term -> (document, weight, value) in document order


def write_segment(storage: Storage, indexname: str, schema: Schema, documents: Iterable[dict[str, object]]) -> Segment:
    """A compound segment of `documents` (field name -> value, as for IndexWriter.add_document, without
    boosts or `_stored_` values) in `storage`; the caller lists it in a TOC. Documents are numbered in order."""
    codec = default_codec()
    segment = codec.new_segment(storage, indexname)
    perdoc = codec.per_document_writer(storage, segment)
    terms_writer = codec.field_writer(storage, segment)  # made before the columns, as Whoosh does: same file order
    postings: dict[str, Postings] = {}
    lengths: dict[str, dict[int, int]] = {}  # scorable field -> document -> its length as Whoosh reads it back
    count = 0
    for docnum, document in enumerate(documents):
        count = docnum + 1
        perdoc.start_doc(docnum)
        for name in sorted(document):
            value = document[name]
            field = schema[name]
            if value is None:
                continue
            if field.separate_spelling() or field.vector:
                raise ValueError(f"{name}: a field with spelling words or vectors needs Whoosh's own writer")
            length = 0
            if field.indexed:
                terms = postings.setdefault(name, {})
                found_terms = _positions(field, value) if _pre_analysed(field, value) else field.index(value)
                for term, frequency, weight, encoded in found_terms:
                    if field.scorable:
                        length += frequency
                    found = terms.get(term)
                    if found is None:
                        terms[term] = [(docnum, weight, encoded)]
                    else:
                        found.append((docnum, weight, encoded))
            perdoc.add_field(name, field, value if field.stored else None, length)
            if length:
                lengths.setdefault(name, {})[docnum] = byte_to_length(length_to_byte(length))
            if field.column_type:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
    perdoc.close()
    for name in sorted(n for n, terms in postings.items() if terms):
        terms_writer.start_field(name, schema[name])
        field_lengths = lengths.get(name, {})
        terms = postings[name]
        for term in sorted(terms):
            terms_writer.start_term(term)
            for docnum, weight, encoded in terms[term]:
                terms_writer.add(docnum, weight, encoded or b"", field_lengths.get(docnum))
            terms_writer.finish_term()
        terms_writer.finish_field()
    terms_writer.close()
    segment.set_doc_count(count)
    segment.create_compound_file(storage)
    return segment


def _pre_analysed(field: FieldType, value: object) -> bool:
    return isinstance(value, list) and type(field.format) is Positions


def _positions(field: FieldType, terms: list[str]) -> Iterator[tuple[bytes, int, float, bytes]]:
    """field.index(terms) for a field of positions: a term's frequency, weight and encoded positions, without a
    token object for each word (a quarter of the segment's time went to them)."""
    where: dict[str, list[int]] = {}
    for position, term in enumerate(terms):
        found = where.get(term)
        if found is None:
            where[term] = [position]
        else:
            found.append(position)
    fmt = field.format
    for term, positions in where.items():  # a token's boost is 1.0: the weight is the frequency
        yield term.encode("utf-8"), len(positions), float(len(positions)) * fmt.field_boost, fmt.encode(positions)
