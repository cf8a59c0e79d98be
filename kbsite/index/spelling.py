"""Did you mean: the closest word of the KB to a word that finds nothing, for the terminal and the browser alike.

Candidates are the lower-case words of the articles' titles and texts that start with the same letter and
are at most MAX_DISTANCE edits (Levenshtein: insert, delete, replace) away; the best is the nearest, then the
most frequent in the KB, then the first alphabetically. search-rank.js ranks the same way over the files of
`spelling_files`, so both searches suggest the same word.

The terminal's index keeps the same buckets in one file (`pack`): a header line of where each bucket is,
then the buckets, so a suggestion reads a few small ones and never the whole vocabulary.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator

MAX_DISTANCE = 2


def distance(a: str, b: str) -> int:
    """Levenshtein distance (search-query.js has the same function)."""
    if len(a) < len(b):
        a, b = b, a
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def best(word: str, candidates: Iterable[tuple[str, int]]) -> str | None:
    """The best (word, frequency) candidate for the lower-case `word`, or None if none is close enough."""
    ranked = []
    for cand, freq in candidates:
        if cand != word and cand[:1] == word[:1] and abs(len(cand) - len(word)) <= MAX_DISTANCE:
            d = distance(word, cand)
            if d <= MAX_DISTANCE:
                ranked.append((d, -freq, cand))
    return min(ranked)[2] if ranked else None


def same_case(suggestion: str, written: str) -> str:
    """`suggestion` with the capitals of the word the user wrote: "Pakistn" -> "Pakistan", "NSA" stays upper case."""
    if len(written) > 1 and written.isupper():
        return suggestion.upper()
    if written[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def spelling_files(words: Counter[str]) -> dict[str, list[object]]:
    """The browser's vocabulary in buckets "<first code point, hex>-<length>" -> [word, freq, word, freq, ...].

    A word of length n can only be corrected to words of length n-2..n+2 with its first letter, so a
    suggestion loads at most five small buckets (and their index, see `spelling_index`).
    """
    buckets: dict[str, list[tuple[int, str]]] = {}
    for word, freq in words.items():
        buckets.setdefault(bucket(word), []).append((-freq, word))
    out: dict[str, list[object]] = {}
    for key, items in sorted(buckets.items()):
        out[key] = [x for neg, word in sorted(items) for x in (word, -neg)]
    return out


def bucket(word: str, length: int | None = None) -> str:
    """The bucket of `word`, or of the words of `length` that start with its letter."""
    return f"{ord(word[0]):x}-{len(word) if length is None else length}"


def spelling_index(keys: Iterable[str]) -> dict[str, list[int]]:
    """First code point (hex) -> the lengths that have a bucket."""
    index: dict[str, list[int]] = {}
    for key in sorted(keys):
        first, length = key.split("-")
        index.setdefault(first, []).append(int(length))
    return {k: sorted(v) for k, v in index.items()}


def pack(words: Counter[str]) -> bytes:
    """`spelling_files(words)` as one file: a JSON line {bucket: [offset, length]} (offsets from the end of that
    line), then each bucket's JSON."""
    header: dict[str, list[int]] = {}
    parts: list[bytes] = []
    offset = 0
    for key, items in spelling_files(words).items():
        data = json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        header[key] = [offset, len(data)]
        parts.append(data)
        offset += len(data)
    return json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n" + b"".join(parts)


class Vocabulary:
    """A packed vocabulary (see `pack`), read a bucket at a time."""

    def __init__(self, packed: bytes) -> None:
        end = packed.find(b"\n")
        self.header: dict[str, list[int]] = json.loads(packed[:end]) if end > 0 else {}
        self.packed, self.start = packed, end + 1

    def near(self, word: str) -> Iterator[tuple[str, int]]:
        """(word, frequency) of every word that could be a suggestion for the lower-case `word`."""
        for length in range(max(1, len(word) - MAX_DISTANCE), len(word) + MAX_DISTANCE + 1):
            where = self.header.get(bucket(word, length))
            if where is not None:
                items = json.loads(self.packed[self.start + where[0] : self.start + where[0] + where[1]])
                yield from zip(items[::2], items[1::2], strict=True)
