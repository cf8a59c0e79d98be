from __future__ import annotations

import dataclasses
import shutil

import pytest
from fixtures.search.loader import load_records, load_taxonomy
from hypothesis import given
from hypothesis import strategies as st
from whoosh.filedb.filestore import RamStorage

from kbsite import workers
from kbsite.errors import KbError
from kbsite.index import whoosh_index
from kbsite.index.opened import close_all
from kbsite.index.query import search
from kbsite.index.whoosh_index import LOCK_NAME, build_index, open_index, recover_lock, update_index
from kbsite.publish import link_or_copy
from kbsite.textproc import tokenize

QUERIES = ("blackberry", "Pakistan", "back doors", "rain", "servers", "encrypt*", "Пакистан", "salida")


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


def many_records():
    """The fixture articles again under other names and with some words changed: enough for every bucket."""
    base = load_records()
    extra = [dataclasses.replace(r, source=f"kb/copy{i}-{r.source[3:]}", url=f"articles/copy{i}-{j}.html",
                                 text=f"{r.text} Copy {i}." + " BlackBerry" * (i % 4))
             for i in range(8) for j, r in enumerate(base)]
    return base + extra


def hits(index, taxonomy):
    got = {query: [(h.path, h.score) for h in search(index, query, taxonomy=taxonomy, limit=100).hits]
           for query in QUERIES}
    close_all()
    return got


def documents(index):
    """Every stored document, and the words "did you mean" picks from."""
    ix = open_index(index)
    with ix.searcher() as searcher:
        stored = sorted((fields["source"], sorted(fields.items())) for fields in searcher.all_stored_fields())
    return stored, whoosh_index.vocabulary(ix).packed


def files(folder):
    return {p.name: (p.stat().st_ino, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()}


def bucket_terms(index):
    with open_index(index).reader() as reader:
        return sorted(t.decode() for t in reader.lexicon("bucket"))


def test_forked_workers_build_the_same_index(tmp_path, taxonomy):
    records = many_records()
    build_index(tmp_path / "one", records, taxonomy)
    build_index(tmp_path / "two", records, taxonomy, workers=2)
    assert documents(tmp_path / "two") == documents(tmp_path / "one")
    assert len(documents(tmp_path / "two")[0]) == len(records)
    assert hits(tmp_path / "two", taxonomy) == hits(tmp_path / "one", taxonomy)
    with open_index(tmp_path / "two").reader() as reader:
        assert len(reader.leaf_readers()) == whoosh_index.MIN_BUCKETS  # one segment a bucket
    assert not (tmp_path / "two" / whoosh_index.PARTS).exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_texts_read_through_a_function_give_the_same_index(tmp_path, taxonomy, workers):
    records = many_records()
    texts = {r.source: r.text for r in records}
    bare = [dataclasses.replace(r, text="") for r in records]
    build_index(tmp_path / "read", bare, taxonomy, workers=workers, texts=lambda r: texts[r.source])
    build_index(tmp_path / "held", records, taxonomy)
    assert documents(tmp_path / "read") == documents(tmp_path / "held")
    assert hits(tmp_path / "read", taxonomy) == hits(tmp_path / "held", taxonomy)
    edited = [dataclasses.replace(r, text=r.text + " Snow.") for r in records[:3]]
    texts |= {r.source: r.text for r in edited}
    update_index(tmp_path / "read", bare, [r.source for r in edited], taxonomy, workers=workers,
                 texts=lambda r: texts[r.source])
    build_index(tmp_path / "clean", [*edited, *records[3:]], taxonomy)
    assert documents(tmp_path / "read") == documents(tmp_path / "clean")


def test_a_forked_update_of_a_hard_linked_copy_equals_a_clean_build(tmp_path, taxonomy):
    records = many_records()
    build_index(tmp_path / "live", records, taxonomy, workers=2)
    (tmp_path / "live" / LOCK_NAME).write_text("")  # a lock file as Whoosh leaves it, hard-linked below
    before = files(tmp_path / "live")
    shutil.copytree(tmp_path / "live", tmp_path / "copy", copy_function=link_or_copy)
    edited = [dataclasses.replace(r, text=r.text + " Snow.") if i % 7 == 0 else r
              for i, r in enumerate(records) if i % 11 != 3]
    changed = [r.source for i, r in enumerate(records) if i % 7 == 0 or i % 11 == 3]
    update_index(tmp_path / "copy", edited, changed, taxonomy, workers=2)
    build_index(tmp_path / "clean", edited, taxonomy)
    assert files(tmp_path / "live") == before
    assert (tmp_path / "live" / LOCK_NAME).stat().st_nlink == 1  # the copy's link was replaced, not opened
    assert documents(tmp_path / "copy") == documents(tmp_path / "clean")
    assert hits(tmp_path / "copy", taxonomy) == hits(tmp_path / "clean", taxonomy)


def test_an_update_rewrites_only_the_changed_buckets(tmp_path, taxonomy):
    records = many_records()
    build_index(tmp_path / "ix", records, taxonomy)
    before = {p.name for p in (tmp_path / "ix").iterdir()}
    edited = [dataclasses.replace(records[0], text="Snow fell."), *records[1:]]
    update_index(tmp_path / "ix", edited, [records[0].source], taxonomy, workers=2)
    after = {p.name for p in (tmp_path / "ix").iterdir()}
    # one new segment with its words, the new TOC and the new vocabulary
    assert sorted(name[name.rindex("."):] for name in after - before) == [".bin", ".seg", ".toc", ".words"]
    assert len(before - after) == 4
    close_all()


def test_an_index_written_another_way_is_rewritten_whole(tmp_path, taxonomy, monkeypatch):
    records = many_records()
    with monkeypatch.context() as m:
        m.setattr(whoosh_index, "_tag", lambda number, count: str(number))  # as the first kbsite wrote it
        build_index(tmp_path / "ix", records, taxonomy)
    update_index(tmp_path / "ix", records[1:], [records[0].source], taxonomy, workers=2)
    build_index(tmp_path / "clean", records[1:], taxonomy)
    assert bucket_terms(tmp_path / "ix") == bucket_terms(tmp_path / "clean")
    assert hits(tmp_path / "ix", taxonomy) == hits(tmp_path / "clean", taxonomy)


def test_another_bucket_count_is_kept_until_its_buckets_grow_too_big(tmp_path, taxonomy, monkeypatch):
    records = many_records()
    with monkeypatch.context() as m:
        m.setattr(whoosh_index, "MIN_BUCKETS", 3)
        build_index(tmp_path / "ix", records, taxonomy)
    assert {t.split(".")[1] for t in bucket_terms(tmp_path / "ix")} == {"3"}
    update_index(tmp_path / "ix", records[1:], [records[0].source], taxonomy)
    assert {t.split(".")[1] for t in bucket_terms(tmp_path / "ix")} == {"3"}
    build_index(tmp_path / "clean", records[1:], taxonomy)
    assert hits(tmp_path / "ix", taxonomy) == hits(tmp_path / "clean", taxonomy)  # the split never shows
    monkeypatch.setattr(whoosh_index, "BUCKET_ARTICLES", 2)  # now 3 buckets hold far more than twice that
    update_index(tmp_path / "ix", records, [records[0].source], taxonomy)
    assert {t.split(".")[1] for t in bucket_terms(tmp_path / "ix")} == {str(len(records) // 2)}
    build_index(tmp_path / "clean-again", records, taxonomy)
    assert documents(tmp_path / "ix") == documents(tmp_path / "clean-again")
    assert hits(tmp_path / "ix", taxonomy) == hits(tmp_path / "clean-again", taxonomy)


def test_a_failing_worker_leaves_the_index_as_it_was(tmp_path, taxonomy, monkeypatch):
    records = many_records()
    build_index(tmp_path / "ix", records, taxonomy)
    before = files(tmp_path / "ix")
    document = whoosh_index._document

    def broken(record, *rest):
        if record.source == records[0].source:
            raise ValueError("boom")
        return document(record, *rest)

    monkeypatch.setattr(whoosh_index, "_document", broken)  # the forked children inherit it
    with pytest.raises(KbError, match="writing the search index failed"):
        update_index(tmp_path / "ix", records, [r.source for r in records], taxonomy, workers=2)
    assert files(tmp_path / "ix") == before
    assert not (tmp_path / "ix" / whoosh_index.PARTS).exists()


def test_one_process_without_fork_builds_the_same_index(tmp_path, taxonomy, monkeypatch):
    records = many_records()
    build_index(tmp_path / "forked", records, taxonomy, workers=2)
    monkeypatch.setattr(workers.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    build_index(tmp_path / "serial", records, taxonomy, workers=2)
    assert documents(tmp_path / "serial") == documents(tmp_path / "forked")


@given(st.text(alphabet=st.sampled_from("aAσΣςßİıǅ_1 \n.ΟΔΟΣ"), max_size=40))
def test_spelling_words_lower_cased_together_equal_lower_cased_one_by_one(text):
    words = [t.text for t in tokenize(text)]
    assert " ".join(words).lower() == " ".join(w.lower() for w in words)


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_sees_every_bucket_written(tmp_path, taxonomy, workers):
    seen: list[tuple[int, list[int]]] = []

    def progress(buckets, total):
        seen.append((total, []))
        for number in buckets:
            seen[-1][1].append(number)
            yield number

    records = many_records()
    build_index(tmp_path / "ix", records, taxonomy, workers=workers, progress=progress)
    ((total, written),) = seen
    assert total == whoosh_index.MIN_BUCKETS and sorted(written) == list(range(whoosh_index.MIN_BUCKETS))
    update_index(tmp_path / "ix", records, [records[0].source], taxonomy, workers=workers, progress=progress)
    assert seen[1] == (1, [whoosh_index.bucket(records[0].source, whoosh_index.MIN_BUCKETS)])
    close_all()
