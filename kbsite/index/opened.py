"""The open index behind terminal search, kept between queries: opening costs more than most searches.

A searcher, its per-segment postings (kbsite.index.postings, which remember document lengths between
queries), the alias table and the "did you mean" vocabulary are made once per index folder and reused
until the folder is replaced (another inode) or rewritten (a newer generation).

Opening is most of a one-query call's work past start-up, so it is kept small:
- Whoosh maps each segment file and then copies every sub-file it opens (the term dictionary and the
  postings, nearly all of the segment) out of the map into memory: at 10,000 articles that is ~100 MB
  copied before the first query. The index is read here through maps that are never copied
  (`MappedStorage`), so opening reads the few pages it needs and a query the pages of its terms.
- The index's record (kbsite.index.integrity) lists every article; parsing and verifying it took as long
  as the query at 10,000 articles. Its check of the files' sizes is remembered in the state folder under
  the record's identity, so a search compares sizes against a small file, and reads the record only after
  a build has replaced it.
"""

from __future__ import annotations

import json
import mmap
import os
import pickle
import struct
import zlib
from pathlib import Path

from whoosh.filedb.filestore import FileStorage, Storage
from whoosh.filedb.structfile import StructFile
from whoosh.scoring import BM25F

from kbsite.errors import KbError
from kbsite.index import integrity, spelling
from kbsite.index.analysis import BM25_B, BM25_K1, AliasTarget, alias_table
from kbsite.index.postings import Postings
from kbsite.index.whoosh_index import open_index, vocabulary
from kbsite.model import Taxonomy

SIZES = "search-index-sizes.json"  # in the state folder: the index files' sizes, checked against the record
_DAMAGE = (integrity.Damaged, EOFError, struct.error, zlib.error, OSError, ValueError, pickle.UnpicklingError)


class MappedStorage(FileStorage):
    """A read-only index folder whose files are memory maps that Whoosh reads in place.

    With `supports_mmap` off, Whoosh opens a segment's sub-files as windows (`StructFile.subset`) on the file
    this storage returns, which is a map: nothing is copied, whatever the segment's size.
    """

    def __init__(self, path: str) -> None:
        super().__init__(path, supports_mmap=False, readonly=True)

    def open_file(self, name: str, **kwargs) -> StructFile:
        with open(self._fpath(name), "rb") as f:
            if os.fstat(f.fileno()).st_size == 0:  # an empty file cannot be mapped
                return super().open_file(name, **kwargs)
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        return StructFile(mapped, name=name)


class Opened:
    """An open index and its searcher, kept between calls: opening costs more than most searches."""

    def __init__(self, index_dir: Path | Storage, state_dir: Path | None = None) -> None:
        self.identity = _identity(index_dir)
        try:
            if not isinstance(index_dir, Storage):
                check_sizes(Path(index_dir), state_dir)
            self.index = open_index(index_dir if isinstance(index_dir, Storage) else MappedStorage(str(index_dir)))
            self.searcher = self.index.searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
            self.postings = Postings(self.searcher, BM25_B, BM25_K1)
        except _DAMAGE as exc:
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


def check_sizes(index_dir: Path, state_dir: Path | None) -> None:
    """integrity.check_whole, remembered: raise integrity.Damaged if an index file is missing or not its size.

    The sizes are read from the record once per record (its inode, size and time: a build writes a new
    one), and kept in `state_dir`; without a state folder, or when it cannot be written, the record is read.
    """
    try:
        stat = (index_dir / integrity.RECORD).stat()
    except FileNotFoundError:
        return  # an index from before the record: nothing to compare with
    key = [stat.st_ino, stat.st_size, stat.st_mtime_ns]
    memo = state_dir / SIZES if state_dir is not None else None
    sizes = _remembered(memo, key)
    if sizes is None:
        sizes = integrity.check_whole(index_dir)
        if memo is not None:
            _remember(memo, key, sizes)
    for name, size in sorted(sizes.items()):
        try:
            found = (index_dir / name).stat().st_size
        except FileNotFoundError:
            raise integrity.Damaged(f"{name} is missing") from None
        if found != size:
            raise integrity.Damaged(f"{name} is {found} bytes, not {size}")


def _remembered(memo: Path | None, key: list[int]) -> dict[str, int] | None:
    if memo is None:
        return None
    try:
        data = json.loads(memo.read_bytes())
    except (OSError, ValueError):
        return None
    sizes = data.get("sizes") if isinstance(data, dict) and data.get("record") == key else None
    if isinstance(sizes, dict) and all(isinstance(k, str) and type(v) is int for k, v in sizes.items()):
        return sizes
    return None


def _remember(memo: Path, key: list[int], sizes: dict[str, int]) -> None:
    partial = memo.with_name(f".{memo.name}.{os.getpid()}.partial")
    try:
        partial.write_text(json.dumps({"record": key, "sizes": sizes}, sort_keys=True), encoding="utf-8")
        partial.replace(memo)
    except OSError:
        partial.unlink(missing_ok=True)


_OPEN: dict[object, Opened] = {}


def open_cached(index_dir: Path | Storage, state_dir: Path | None = None) -> Opened:
    """The open index of `index_dir`, opened now or kept from an earlier call and brought up to date.
    `state_dir`: where the check of the index's files is remembered between calls (see `check_sizes`)."""
    key = index_dir if isinstance(index_dir, Storage) else str(Path(index_dir).resolve())
    found = _OPEN.get(key)
    if found is not None and found.identity != _identity(index_dir):
        found.searcher.close()
        found = None
    if found is None:
        found = _OPEN[key] = Opened(index_dir, state_dir)
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
