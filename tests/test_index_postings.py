"""Postings read segment by segment score exactly as Whoosh's own matchers do (the browser copies those floats)."""

from __future__ import annotations

from random import Random

from whoosh.codec.whoosh3 import W3LeafMatcher, W3TermsReader
from whoosh.filedb import filetables
from whoosh.filedb.filestore import RamStorage
from whoosh.reading import SegmentReader
from whoosh.scoring import BM25F

from kbsite.index import postings as postings_module
from kbsite.index.analysis import BM25_B, BM25_K1, field
from kbsite.index.opened import MappedStorage
from kbsite.index.postings import Postings
from kbsite.index.whoosh_index import build_index, open_index
from kbsite.model import SearchRecord, Taxonomy

WORDS = ["river", "stone", "market", "harbour", "winter", "lantern", "copper", "meadow", "signal", "orchard"]


def _records(n: int) -> list[SearchRecord]:
    rng = Random(7)
    out = []
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 40)))
        title = " ".join(rng.sample(WORDS, 2)) + (" rare" if i == 5 else "")
        out.append(SearchRecord(url=f"articles/a{i}.html", source=f"kb/a{i:04d}.txt", title=title, lang="en",
                                date=None, publisher=None, topics=(), entities=(), text=f"common {body}"))
    return out


def test_scores_and_positions_are_whooshs_for_long_short_and_missing_terms():
    storage = RamStorage()
    build_index(storage, _records(1100), Taxonomy())  # ~140 articles a segment: "common" spans two blocks
    searcher = open_index(storage).searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
    postings = Postings(searcher, BM25_B, BM25_K1)
    assert len(postings.segments) > 1
    for name in (field("text", "en"), field("title", "en")):
        for term in ("common", "river", "rare", "absent"):
            expected: dict[int, float] = {}
            if (name, term) in searcher.reader():
                matcher = searcher.postings(name, term)
                while matcher.is_active():
                    expected[matcher.id()] = matcher.score() * 2.0
                    matcher.next()
            assert postings.scores(name, term, 2.0) == expected, (name, term)
    docs = [0, 3, 500, 1099]
    text = field("text", "en")
    got = postings.positions(text, "common", docs)
    assert set(got) == set(docs) and all(got[d] == [0] for d in docs)
    assert postings.positions(text, "absent", docs) == {}


def test_lengths_come_from_the_whole_column_with_whooshs_scores_from_a_folder(tmp_path, monkeypatch):
    """A document's length was asked of Whoosh one call at a time: a third of a one-word query at 10k articles."""
    build_index(tmp_path, _records(400), Taxonomy())
    searcher = open_index(MappedStorage(str(tmp_path))).searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
    expected: dict[tuple[str, str], dict[int, float]] = {}
    for name in (field("text", "en"), field("title", "en")):
        for term in ("river", "meadow"):
            matcher = searcher.postings(name, term)
            expected[name, term] = {}
            while matcher.is_active():
                expected[name, term][matcher.id()] = matcher.score()
                matcher.next()

    def one_at_a_time(*_):
        raise AssertionError("a length was read one document at a time")

    monkeypatch.setattr(SegmentReader, "doc_field_length", one_at_a_time)
    postings = Postings(searcher, BM25_B, BM25_K1)
    for (name, term), scores in expected.items():
        assert postings.scores(name, term, 1.0) == scores, (name, term)


def test_a_term_is_looked_up_once_a_segment(monkeypatch):
    """Each look-up hashes the term and reads the term table; a query asks for dozens of terms in every segment."""
    storage = RamStorage()
    build_index(storage, _records(400), Taxonomy())
    searcher = open_index(storage).searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
    postings = Postings(searcher, BM25_B, BM25_K1)
    looked_up = []
    real = W3TermsReader.term_info
    monkeypatch.setattr(W3TermsReader, "term_info", lambda self, *a: looked_up.append(a) or real(self, *a))
    postings.scores(field("text", "en"), "river", 1.0)
    assert len(looked_up) == len(postings.segments) > 1


def test_terms_of_a_mapped_index_are_found_in_place_as_whoosh_finds_them(tmp_path, monkeypatch):
    """A query looks each term up in every segment, most of them in vain: Whoosh's look-up reads its hash table,
    and its matcher the postings, through five layers of file objects. In a mapped index both are read in place,
    finding what Whoosh finds ("common" spans two blocks of postings in a segment)."""
    build_index(tmp_path, _records(1100), Taxonomy())
    searcher = open_index(MappedStorage(str(tmp_path))).searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
    names = (field("text", "en"), field("title", "en"), "no_such_field")
    terms = [*WORDS, "common", "rare", "absent", "rive", "riverx", ""]
    expected: dict[tuple[str, str], tuple[dict[int, float], dict[int, list[int]]]] = {}
    for name in names:
        for term in terms:
            scores: dict[int, float] = {}
            where: dict[int, list[int]] = {}
            if (name, term) in searcher.reader():
                matcher = searcher.postings(name, term)
                while matcher.is_active():
                    scores[matcher.id()] = matcher.score()
                    where[matcher.id()] = list(matcher.value_as("positions"))
                    matcher.next()
            expected[name, term] = scores, where

    def whooshs_reader(*_):
        raise AssertionError("a term was read through Whoosh's hash reader or matcher")

    monkeypatch.setattr(filetables.HashReader, "ranges_for_key", whooshs_reader)
    monkeypatch.setattr(W3LeafMatcher, "__init__", whooshs_reader)
    postings = Postings(searcher, BM25_B, BM25_K1)
    assert len(postings.segments) > 1
    for (name, term), (scores, where) in expected.items():
        assert postings.scores(name, term, 1.0) == scores, (name, term)
        assert postings.positions(name, term, range(1100)) == where, (name, term)


def test_positions_of_a_query_reuse_the_postings_its_scores_read(tmp_path, monkeypatch):
    """A phrase or the proximity pass asks for the positions of terms the query has just scored."""
    build_index(tmp_path, _records(400), Taxonomy())
    searcher = open_index(MappedStorage(str(tmp_path))).searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
    postings = Postings(searcher, BM25_B, BM25_K1)
    read = []
    real = postings_module._MappedPostings.__init__
    monkeypatch.setattr(postings_module._MappedPostings, "__init__", lambda self, *a: read.append(a) or real(self, *a))
    text = field("text", "en")
    postings.new_query()
    scores = postings.scores(text, "river", 1.0)
    first = len(read)
    assert postings.positions(text, "river", scores) and len(read) == first == len(postings.segments)
    postings.new_query()
    postings.positions(text, "river", scores)
    assert len(read) == 2 * first
