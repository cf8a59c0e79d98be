"""The encoding of the browser's index files: varints, per-term postings and positions, shards by prefix.

Postings are base-32 varints (delta of id, score in hundredths): the score of a term is the Whoosh BM25F
sum of its title (boosted) and text scores, computed exactly as Whoosh does, so both searches rank alike.
Positions, per article of the term's postings and in their order (so without ids: the postings, which a
query has loaded before it needs positions, hold them): title position count, [title score in hundredths,
title positions], text position count, text positions (positions as deltas): a phrase scores in the fields
where it is adjacent, as Whoosh's Or(Phrase(title), Phrase(text)) does.

A range of documents is encoded on its own (by the worker that read it) except for each term's first id
delta, which depends on the ranges before: join_streams adds it when the ranges are put together in id order.
Terms, forms and aliases are cut into shards by their longest listed prefix, each under a byte budget, so a
query loads the few shards of its words (search-index.js finds them with the same shard_of).
"""

from __future__ import annotations

import json
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from operator import sub

from whoosh.util.numeric import byte_to_length, length_to_byte

from kbsite.index.analysis import BM25_B, BM25_K1, TITLE_BOOST, AliasTarget
from kbsite.index.evaluate import SCALE

SHARD_BYTES = 24_000
POSITION_BYTES = 32_000
B, K1 = BM25_B, BM25_K1  # as the terminal's Whoosh searcher scores

_FINAL = "0123456789abcdefghijklmnopqrstuv"
_MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz+/"


def varint(n: int) -> str:
    """Base-32 digits, most significant first; every digit but the last comes from the second alphabet."""
    digits = [_FINAL[n & 31]]
    n >>= 5
    while n:
        digits.append(_MORE[n & 31])
        n >>= 5
    return "".join(reversed(digits))


_VARINTS = [varint(n).encode() for n in range(1 << 13)]  # id deltas, positions and scores are nearly all small


def _vb(n: int) -> bytes:
    return _VARINTS[n] if n < len(_VARINTS) else varint(n).encode()


@dataclass
class Weights:
    """What scoring one language needs from the whole corpus: per term, boost * idf in title and text, and
    the average field lengths (over all documents, as Whoosh averages them)."""

    title: dict[str, float]
    text: dict[str, float]
    avg_title: float
    avg_text: float


@dataclass
class Words:
    """A range of documents read once: every title and text as term numbers of its language."""

    start: int  # id of the first document
    langs: list[str] = field(default_factory=list)  # per document
    title: list[array] = field(default_factory=list)  # per document: its words' term numbers
    text: list[array] = field(default_factory=list)
    terms: dict[str, list[str]] = field(default_factory=dict)  # language -> term number -> term
    # language -> lower-case word -> term, where they differ, and for every word of an alias (see `aliases`)
    forms: dict[str, dict[str, str]] = field(default_factory=dict)
    df: dict[str, tuple[Counter[int], Counter[int]]] = field(default_factory=dict)  # title, text documents per term
    lengths: dict[str, list[int]] = field(default_factory=dict)  # language -> words in titles, in texts
    # for the languages whose first document is in this range (so each language is done once, by one worker):
    aliases: dict[str, dict[str, tuple[AliasTarget, ...]]] = field(default_factory=dict)  # alias key -> targets
    spelling: Counter[str] = field(default_factory=Counter)  # lower-case word -> occurrences
    snippets: list[str] = field(default_factory=list)  # per document: the start of its text, for its results


def corpus_weights(chunks: list[Words], total_docs: int) -> dict[str, Weights]:
    langs = sorted({lang for chunk in chunks for lang in chunk.terms})
    return {lang: _lang_weights(chunks, lang, total_docs) for lang in langs}


def _lang_weights(chunks: list[Words], lang: str, total_docs: int) -> Weights:
    df_title: Counter[str] = Counter()
    df_text: Counter[str] = Counter()
    title_length = text_length = 0
    for chunk in chunks:
        if lang not in chunk.terms:
            continue
        terms = chunk.terms[lang]
        for df, counts in ((df_title, chunk.df[lang][0]), (df_text, chunk.df[lang][1])):
            for n, count in counts.items():
                df[terms[n]] += count
        title_length += chunk.lengths[lang][0]
        text_length += chunk.lengths[lang][1]

    def idf(df: int) -> float:
        return math.log(total_docs / (df + 1)) + 1

    return Weights(
        title={t: TITLE_BOOST * idf(df) for t, df in df_title.items()},
        text={t: 1.0 * idf(df) for t, df in df_text.items()},
        avg_title=(title_length / total_docs) or 1,
        avg_text=(text_length / total_docs) or 1,
    )


class _Streams:
    """One language's postings and positions over a range of documents, per term number, encoded as they
    will be written except for each term's first id delta (which depends on the ranges before)."""

    def __init__(self, terms: list[str], weights: Weights) -> None:
        self.title_weight = [weights.title.get(t, 0.0) for t in terms]
        self.text_weight = [weights.text.get(t, 0.0) for t in terms]
        self.avg_title, self.avg_text = weights.avg_title, weights.avg_text
        self.first = [0] * len(terms)
        self.last = [-1] * len(terms)
        self.postings = [bytearray() for _ in terms]
        self.positions = [bytearray() for _ in terms]

    def add(self, doc: int, title: array, text: array) -> None:
        """One document's terms, scored as Whoosh's BM25F scores them (same operations, same floats)."""
        title_norm = _norm(len(title), self.avg_title)
        text_norm = _norm(len(text), self.avg_text)
        title_at, text_at = _places(title), _places(text)
        scale = SCALE
        for n in title_at.keys() | text_at.keys():
            in_title, in_text = title_at.get(n), text_at.get(n)
            postings, positions = self.postings[n], self.positions[n]
            if self.last[n] < 0:
                self.first[n] = doc
            else:
                postings += _vb(doc - self.last[n])
            self.last[n] = doc
            score = text_score = 0.0
            if in_title:
                freq = len(in_title)
                score = self.title_weight[n] * (freq * (K1 + 1)) / (freq + title_norm)
                positions += _vb(freq)
                positions += _vb(round(score * scale))
                positions += _deltas(in_title)
            else:
                positions += b"0"
            if in_text:
                freq = len(in_text)
                text_score = self.text_weight[n] * (freq * (K1 + 1)) / (freq + text_norm)
                positions += _vb(freq)
                positions += _deltas(in_text)
            else:
                positions += b"0"
            postings += _vb(round((score + text_score) * scale))

    def encoded(self) -> list[tuple[int, int, bytearray, bytearray]]:
        return list(zip(self.first, self.last, self.postings, self.positions, strict=True))


def _norm(length: int, average: float) -> float:
    return K1 * ((1 - B) + B * byte_to_length(length_to_byte(length)) / average)


def _places(numbers: array) -> dict[int, list[int]]:
    """Term number -> its positions in one field."""
    places: dict[int, list[int]] = {}
    get = places.get
    for position, n in enumerate(numbers):
        at = get(n)
        if at is None:
            places[n] = [position]
        else:
            at.append(position)
    return places


def _deltas(positions: list[int]) -> bytes:
    if len(positions) == 1:
        return _vb(positions[0])
    deltas = list(map(sub, positions, [0, *positions[:-1]]))
    try:
        return b"".join(map(_VARINTS.__getitem__, deltas))
    except IndexError:
        return b"".join(map(_vb, deltas))


def encode_words(chunk: Words, weights: dict[str, Weights]) -> dict[str, list]:
    """The streams of a range, per language: (first id, last id, postings, positions) per term number."""
    streams: dict[str, _Streams] = {}
    for doc, (lang, title, text) in enumerate(zip(chunk.langs, chunk.title, chunk.text, strict=True), chunk.start):
        if lang not in streams:
            streams[lang] = _Streams(chunk.terms[lang], weights[lang])
        streams[lang].add(doc, title, text)
    return {lang: s.encoded() for lang, s in streams.items()}


def join_streams(chunks: list[Words], streams: list[dict[str, list]],
                 lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """term -> postings and term -> positions of one language, the ranges' streams joined in id order
    (and dropped from `streams`, so that one language at a time is held twice)."""
    postings: dict[str, list[bytes]] = {}
    positions: dict[str, list[bytes]] = {}
    last: dict[str, int] = {}
    for chunk, encoded in zip(chunks, streams, strict=True):
        for t, (first, end, p, q) in zip(chunk.terms.get(lang, ()), encoded.pop(lang, ()), strict=True):
            delta = _vb(first - last.get(t, 0))
            last[t] = end
            postings.setdefault(t, []).extend((delta, p))
            positions.setdefault(t, []).append(q)
    return (
        {t: b"".join(postings.pop(t)).decode("ascii") for t in last},
        {t: b"".join(positions.pop(t)).decode("ascii") for t in last},
    )


def alias_codes(aliases: dict[str, tuple[AliasTarget, ...]],
                targets: dict[tuple[str, str], str]) -> dict[str, list[str]]:
    """Alias key -> the file codes (e<n>, t<n>) of its entities and topics that tag some article."""
    out = {}
    for key, found in aliases.items():
        codes = sorted(targets[(x.kind, x.id)] for x in found if (x.kind, x.id) in targets)
        if codes:
            out[key] = codes
    return out


def _key_sizes(postings: dict[str, str], forms: dict[str, str], aliases: dict[str, list[str]]) -> dict[str, int]:
    """Bytes of each key and its value in a shard: len(json.dumps({"t": .., "f": .., "a": ..})), the
    postings being plain ASCII."""
    sizes: dict[str, int] = {}
    for key in postings.keys() | forms.keys() | aliases.keys():
        parts = []
        if key in postings:
            parts.append(len(postings[key]) + 2)
        if key in forms:
            parts.append(len(encode_basestring(forms[key]).encode()))
        if key in aliases:
            parts.append(len(json.dumps(aliases[key], ensure_ascii=False).encode()))
        sizes[key] = len(key.encode()) + 2 + sum(parts) + 5 * len(parts) + 2 * (len(parts) - 1)
    return sizes


def _shard(keys: list[str], postings: dict[str, str], forms: dict[str, str],
           aliases: dict[str, list[str]]) -> dict[str, dict[str, object]]:
    return {
        "a": {k: aliases[k] for k in keys if k in aliases},
        "f": {k: forms[k] for k in keys if k in forms},
        "t": {k: postings[k] for k in keys if k in postings},
    }


def id_list(ids: list[int]) -> str:
    out, last = [], 0
    for doc in ids:
        out.append(varint(doc - last))
        last = doc
    return "".join(out)


def split_shards(sizes: dict[str, int], keys: list[str], prefix: str = "", *,
                 budget: int) -> list[tuple[str, list[str]]]:
    """Shards as (prefix, keys): a key belongs to the shard of its longest listed prefix (see shard_of)."""
    if sum(sizes[k] for k in keys) <= budget or all(k == prefix for k in keys):
        return [(prefix, keys)] if keys else []
    depth = len(prefix)
    exact = [k for k in keys if len(k) == depth]
    by_next: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if len(k) > depth:
            by_next[k[depth]].append(k)
    out = [(prefix, exact)] if exact else []
    for nxt in sorted(by_next):
        out += split_shards(sizes, by_next[nxt], prefix + nxt, budget=budget)
    return out


def shard_of(key: str, prefixes: Sequence[str]) -> str | None:
    """The longest listed prefix of `key` (search-index.js does the same)."""
    best = None
    for p in prefixes:
        if key.startswith(p) and (best is None or len(p) > len(best)):
            best = p
    return best


def script(name: str, data: object) -> bytes:
    """A script that hands `data` to search-index.js; JSON is valid JavaScript once U+2028/9 are escaped."""
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"kbsearchData({json.dumps(name)},{body});\n".encode()


def lang_shards(lang: str, postings: dict[str, str], positions: dict[str, str], forms: dict[str, str],
                aliases: dict[str, list[str]]) -> tuple[list[tuple[str, object]], dict[str, list[str]]]:
    """The term and position shard files of one language, and their prefixes for the manifest."""
    sizes = _key_sizes(postings, forms, aliases)
    shards = sorted(split_shards(sizes, sorted(sizes), budget=SHARD_BYTES))
    pos_sizes = {t: len(t.encode()) + len(p) + 9 for t, p in positions.items()}  # len(json.dumps({"p": p}))
    pos_shards = sorted(split_shards(pos_sizes, sorted(pos_sizes), budget=POSITION_BYTES))
    files: list[tuple[str, object]] = [
        (f"s/{lang}/{n}", _shard(keys, postings, forms, aliases)) for n, (_, keys) in enumerate(shards)
    ]
    files += [(f"p/{lang}/{n}", {t: positions[t] for t in keys}) for n, (_, keys) in enumerate(pos_shards)]
    return files, {"shards": [p for p, _ in shards], "pos": [p for p, _ in pos_shards]}
