"""The open index behind terminal search, kept between queries: opening costs more than most searches.

A searcher, its per-segment postings (kbsite.index.postings, which remember document lengths between
queries), the alias table and the "did you mean" vocabulary are made once per index folder and reused
until the folder is replaced (another inode) or rewritten (a newer generation).
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

from whoosh.filedb.filestore import Storage
from whoosh.scoring import BM25F

from kbsite.errors import KbError
from kbsite.index import integrity, spelling
from kbsite.index.analysis import BM25_B, BM25_K1, AliasTarget, alias_table
from kbsite.index.postings import Postings
from kbsite.index.whoosh_index import open_index, vocabulary
from kbsite.model import Taxonomy


class Opened:
    """An open index and its searcher, kept between calls: opening costs more than most searches."""

    def __init__(self, index_dir: Path | Storage) -> None:
        self.identity = _identity(index_dir)
        try:
            if not isinstance(index_dir, Storage):
                integrity.check_whole(Path(index_dir))
            self.index = open_index(index_dir)
            self.searcher = self.index.searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
            self.postings = Postings(self.searcher, BM25_B, BM25_K1)
        except (integrity.Damaged, EOFError, struct.error, zlib.error, OSError) as exc:
            raise KbError(f"{index_dir}: the search index is damaged ({exc or type(exc).__name__}); "
                          "run `python build_index.py build` to build it anew") from exc
        self._aliases: tuple[Taxonomy, tuple[str, ...], dict] | None = None
        self._vocabulary: tuple[int, spelling.Vocabulary] | None = None
        self.langs = self._langs()

    def _langs(self) -> tuple[str, ...]:
        return tuple(sorted(t.decode() if isinstance(t, bytes) else t for t in self.searcher.lexicon("lang")))

    def refresh(self) -> None:
        if not self.searcher.up_to_date():
            self.searcher = self.searcher.refresh()
            self.postings = Postings(self.searcher, BM25_B, BM25_K1)
            self.langs = self._langs()

    def vocabulary(self) -> spelling.Vocabulary:
        generation = self.index.latest_generation()
        if self._vocabulary is None or self._vocabulary[0] != generation:
            self._vocabulary = (generation, vocabulary(self.index))
        return self._vocabulary[1]

    def aliases(self, taxonomy: Taxonomy) -> dict[str, dict[str, tuple[AliasTarget, ...]]]:
        if self._aliases is None or self._aliases[0] is not taxonomy or self._aliases[1] != self.langs:
            self._aliases = (taxonomy, self.langs, alias_table(taxonomy, self.langs))
        return self._aliases[2]


_OPEN: dict[object, Opened] = {}


def open_cached(index_dir: Path | Storage) -> Opened:
    """The open index of `index_dir`, opened now or kept from an earlier call and brought up to date."""
    key = index_dir if isinstance(index_dir, Storage) else str(Path(index_dir).resolve())
    found = _OPEN.get(key)
    if found is not None and found.identity != _identity(index_dir):
        found.searcher.close()
        found = None
    if found is None:
        found = _OPEN[key] = Opened(index_dir)
    else:
        found.refresh()
    return found


def _identity(index_dir: Path | Storage) -> object:
    """The folder's inode: a folder swapped in under the same name is another index."""
    if isinstance(index_dir, Storage):
        return id(index_dir)
    try:
        return os.stat(index_dir).st_ino
    except OSError:
        return None


def close_all() -> None:
    """Close every cached searcher (tests, and before the build swaps an index folder away)."""
    for found in _OPEN.values():
        found.searcher.close()
    _OPEN.clear()
