from __future__ import annotations

import dataclasses

import pytest
from fixtures.search.loader import load_records, load_taxonomy
from whoosh.filedb.filestore import RamStorage

from kbsite.errors import KbError
from kbsite.index.query import close_all, search
from kbsite.index.whoosh_index import LOCK_NAME, build_index, open_index, recover_lock, update_index


@pytest.fixture
def taxonomy():
    return load_taxonomy()


@pytest.fixture
def storage(taxonomy):
    st = RamStorage()
    build_index(st, load_records(), taxonomy)
    return st


def sources(storage, query, taxonomy, **kw):
    return [h.path for h in search(storage, query, taxonomy=taxonomy, **kw).hits]


def test_build_indexes_every_record(storage):
    assert open_index(storage).doc_count() == len(load_records())


def test_build_refuses_a_folder_that_is_not_empty(tmp_path, taxonomy):
    (tmp_path / "old").write_text("x")
    with pytest.raises(KbError, match="must be empty"):
        build_index(tmp_path, load_records(), taxonomy)


def test_update_replaces_by_source_and_deletes(storage, taxonomy):
    records = [r for r in load_records() if r.source != "kb/en-phones.txt"]
    records = [dataclasses.replace(r, text="Snow fell on the mountains.") if r.source == "kb/en-weather.txt" else r
               for r in records]
    update_index(storage, records, ["kb/en-weather.txt", "kb/en-phones.txt"], taxonomy)
    assert sources(storage, "snow", taxonomy) == ["kb/en-weather.txt"]
    assert sources(storage, "rain", taxonomy) == []
    assert sources(storage, "encryption", taxonomy) == []
    assert open_index(storage).doc_count() == len(load_records()) - 1


def test_update_adds_new_records(storage, taxonomy):
    new = dataclasses.replace(load_records()[0], source="kb/new.txt", url="articles/new.html", text="Zeppelins")
    update_index(storage, [*load_records(), new], [new.source], taxonomy)
    assert sources(storage, "zeppelin", taxonomy) == ["kb/new.txt"]


def test_index_on_disk_survives_a_stale_lock(tmp_path, taxonomy):
    build_index(tmp_path / "ix", load_records(), taxonomy)
    (tmp_path / "ix" / LOCK_NAME).write_text("")  # what a killed build leaves
    assert recover_lock(tmp_path / "ix") is True
    assert not (tmp_path / "ix" / LOCK_NAME).exists()
    assert recover_lock(tmp_path / "ix") is False
    update_index(tmp_path / "ix", [r for r in load_records() if r.source != "kb/en-exit.txt"], ["kb/en-exit.txt"],
                 taxonomy)
    assert "kb/en-exit.txt" not in sources(tmp_path / "ix", "blackberry", taxonomy)
    close_all()


def test_recover_lock_leaves_a_live_lock_alone(tmp_path, taxonomy):
    build_index(tmp_path / "ix", load_records(), taxonomy)
    writer = open_index(tmp_path / "ix").writer()
    try:
        assert recover_lock(tmp_path / "ix") is False
        assert (tmp_path / "ix" / LOCK_NAME).exists()
    finally:
        writer.cancel()


def test_a_swapped_folder_is_reopened(tmp_path, taxonomy):
    records = load_records()
    build_index(tmp_path / "a", records[:1], taxonomy)
    build_index(tmp_path / "b", records, taxonomy)
    assert len(sources(tmp_path / "a", "blackberry", taxonomy)) == 1
    (tmp_path / "a").rename(tmp_path / "old")
    (tmp_path / "b").rename(tmp_path / "a")
    assert len(sources(tmp_path / "a", "blackberry", taxonomy)) == 4
    close_all()


def test_missing_index_says_what_to_do(tmp_path, taxonomy):
    with pytest.raises(KbError, match=r"build_index\.py build"):
        search(tmp_path / "nothing", "x", taxonomy=taxonomy)


def test_updated_index_scores_exactly_like_a_clean_build(taxonomy):
    records = load_records()
    edited = [dataclasses.replace(r, text=r.text + " BlackBerry BlackBerry") if i % 3 == 0 else r
              for i, r in enumerate(records) if i != 1]
    changed = [r.source for i, r in enumerate(records) if i % 3 == 0 or i == 1]
    updated, clean = RamStorage(), RamStorage()
    build_index(updated, records, taxonomy)
    update_index(updated, edited, changed, taxonomy)
    build_index(clean, edited, taxonomy)
    for query in ("blackberry", "Pakistan", "back doors", "rain"):
        got = [(h.path, h.score) for h in search(updated, query, taxonomy=taxonomy, limit=50).hits]
        want = [(h.path, h.score) for h in search(clean, query, taxonomy=taxonomy, limit=50).hits]
        assert got == want, query
