"""The open index of a terminal search: read in place, and checked against its record without parsing it each time."""

from __future__ import annotations

import tracemalloc
from random import Random

import pytest
from fixtures.search.loader import load_records, load_taxonomy
from whoosh.filedb.filestore import FileStorage

from kbsite.errors import KbError
from kbsite.index import integrity, opened
from kbsite.index.opened import SIZES, Opened, close_all, open_cached
from kbsite.index.query import search
from kbsite.index.whoosh_index import build_index
from kbsite.model import SearchRecord

QUERIES = ["pakistan", "back doors", '"back doors"', "pakist*", "BlackBerry security", "-pakistan blackberry",
           "Pakistán", "salida", "уход", "gobierno acuerdo", "nothingmatchesthis"]


@pytest.fixture(autouse=True)
def _closed():
    yield
    close_all()


def _index(folder, records) -> None:
    build_index(folder, records, load_taxonomy())
    integrity.write_record(folder, {r.source: "1" for r in records})


def _big_records(count: int) -> list[SearchRecord]:
    rng = Random(7)
    words = [f"w{n}" for n in range(3000)]
    return [SearchRecord(url=f"a/{n}.html", source=f"kb/{n}.md", title=" ".join(rng.choices(words, k=4)),
                         text=" ".join(rng.choices(words, k=400)), lang="en", date=None, publisher=None,
                         topics=(), entities=()) for n in range(count)]


def test_the_mapped_index_answers_as_whoosh_reading_it_itself(tmp_path):
    folder = tmp_path / "index"
    _index(folder, load_records())
    taxonomy = load_taxonomy()
    for query in QUERIES:
        mapped = search(folder, query, taxonomy=taxonomy, limit=20)
        plain = search(FileStorage(str(folder)), query, taxonomy=taxonomy, limit=20)
        assert mapped == plain, query


def test_opening_copies_no_segment_into_memory(tmp_path):
    """Whoosh copied each segment's postings and terms out of its map when it opened them."""
    folder = tmp_path / "index"
    _index(folder, _big_records(100))
    segments = sum(p.stat().st_size for p in folder.glob("*.seg"))
    assert segments > 1_000_000
    tracemalloc.start()
    try:
        Opened(folder).searcher.close()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < segments / 4, (peak, segments)


def test_the_check_of_the_files_is_remembered_until_the_record_changes(tmp_path, monkeypatch):
    folder, state = tmp_path / "index", tmp_path / "state"
    state.mkdir()
    _index(folder, load_records())
    open_cached(folder, state)
    assert (state / SIZES).is_file()
    close_all()
    read = []
    monkeypatch.setattr(integrity, "check_whole", lambda f: read.append(f) or {})
    open_cached(folder, state)
    assert read == []  # the sizes came from the state folder, not from parsing the record
    close_all()
    integrity.write_record(folder, {"kb/other.md": "2"})  # a build writes a new record
    open_cached(folder, state)
    assert read == [folder]


def test_a_truncated_segment_is_named_with_the_remembered_sizes_too(tmp_path):
    folder, state = tmp_path / "index", tmp_path / "state"
    state.mkdir()
    _index(folder, load_records())
    open_cached(folder, state)
    close_all()
    segment = max(folder.glob("*.seg"), key=lambda p: p.stat().st_size)
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])
    with pytest.raises(KbError, match="the search index is damaged"):
        open_cached(folder, state)


def test_a_damaged_remembered_file_is_read_again(tmp_path):
    folder, state = tmp_path / "index", tmp_path / "state"
    state.mkdir()
    _index(folder, load_records())
    (state / SIZES).write_text('{"record": [1, 2', encoding="utf-8")
    open_cached(folder, state)
    assert '"sizes"' in (state / SIZES).read_text(encoding="utf-8")
    assert opened.check_sizes(folder, state) is None
