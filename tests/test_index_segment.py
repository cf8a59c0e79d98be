from __future__ import annotations

import dataclasses
import pickle
from collections import Counter

import pytest
from fixtures.search.loader import load_records
from whoosh.codec.whoosh3 import W3Segment
from whoosh.filedb.filestore import RamStorage
from whoosh.index import TOC

from kbsite.index import whoosh_index
from kbsite.index.segment import write_segment


@pytest.fixture
def documents():
    """The fixture articles as the index writes them, with long texts (term frequencies and lengths past
    what one length byte holds exactly) and a title without a word."""
    records = load_records()
    records += [dataclasses.replace(r, source=f"{r.source}-long", text=(r.text + " ") * 40) for r in records[:3]]
    records.append(dataclasses.replace(records[0], source="kb/no-title.txt", title="…"))
    terms = whoosh_index._Terms()
    records.sort(key=lambda r: r.source)
    return [whoosh_index._document(r, "3.8.0", r.text, Counter(), terms) for r in records]


@pytest.fixture
def same_names(monkeypatch):
    monkeypatch.setattr(W3Segment, "_random_id", classmethod(lambda cls, size=16: "seg"))  # one per storage


def whooshs_own(documents):
    """A segment written by Whoosh's writer from the documents, with their terms space-separated as its
    tokenizer reads them."""
    storage = RamStorage()
    ix = storage.create_index(whoosh_index.schema(), indexname="x")
    writer = ix.writer()
    for document in documents:
        writer.add_document(**{k: " ".join(v) if isinstance(v, list) else v for k, v in document.items()})
    writer.commit(merge=False)
    (segment,) = TOC.read(storage, "x").segments
    return storage, segment


def segment_files(storage, segment):
    return {name: storage.open_file(name).read() for name in sorted(segment.list_files(storage))}


def test_a_segment_is_the_bytes_whoosh_writes_itself(documents, same_names):
    theirs, their_segment = whooshs_own(documents)
    ours = RamStorage()
    our_segment = write_segment(ours, "x", whoosh_index.schema(), documents)
    assert segment_files(ours, our_segment) == segment_files(theirs, their_segment)
    assert pickle.dumps(our_segment) == pickle.dumps(their_segment)  # what the index's TOC holds of it


def test_a_field_with_vectors_is_refused():
    schema = whoosh_index.schema()
    schema.add("vectored", whoosh_index.fields.TEXT(vector=True))
    with pytest.raises(ValueError, match="vectored"):
        write_segment(RamStorage(), "x", schema, [{"vectored": "words"}])
