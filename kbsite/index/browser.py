"""The browser's search index: small script files a page loads on demand, from file:// or any sub-path.

One analysis for both searches: the browser never stems. For every word of the corpus (and of the
taxonomy's aliases) whose lower-case form is not already its term, the build writes the map
lower-case form -> term, computed here by kbsite.textproc; search.js looks a query word up there, so a
word that occurs anywhere in the KB gets exactly the term the Python side gives it. A word found nowhere
falls back to its accent-folded form and the longest term that is a prefix of it (at most 3 letters
shorter): an approximation, only for words the KB never uses.

Files, all under assets/kbsite/search/, each a script calling kbsearchData(name, data):
  manifest.js       languages with their shard prefixes, document count, years with dates, constants
  facets.js         topic and entity ids and labels (the search page's filters)
  s/<lang>/<n>.js   shard n of a language: {"t": term -> postings, "f": form -> term, "a": alias key -> targets}
                    for all keys starting with prefix n; a shard past SHARD_BYTES splits by the next letter
  p/<lang>/<n>.js   the positions of the terms of a language, sharded the same way by their own prefixes:
                    loaded only by "phrase queries", which need adjacent words as Whoosh's Phrase does
  e/<n>.js, t/<n>.js  ids of the articles tagged with entity / topic n (filters and alias matches)
  d/<year>.js       date -> ids of the articles of that year (the since/until filter loads only its years)
  m/<n>.js          META_PER_SHARD articles: url, title, lang, date, publisher, snippet source
  w/index.js, w/<letter>-<length>.js  the KB's words for "did you mean" (see kbsite.index.spelling)
Documents are numbered by (language, source), so a language is one range of ids (in the manifest), and
ties in score rank by id in both searches.
Postings are base-32 varints (delta of id, score in hundredths): the score of a term is the Whoosh BM25F
sum of its title (boosted) and text scores, computed exactly as Whoosh does, so both searches rank alike.
Positions, per article: id delta, title position count, [title score in hundredths, title positions],
text position count, text positions (positions as deltas): a phrase scores in the fields where it is
adjacent, as Whoosh's Or(Phrase(title), Phrase(text)) does.

How it is built, for tens of thousands of articles: the documents, in id order, are cut into one range
per worker. A range is read once (every word tokenized once, every distinct word reduced once per language,
each field kept as an array of term numbers); once the whole corpus's document frequencies are known, it is
encoded straight into per-term byte streams, and the ranges' streams are joined in id order, so any number
of workers gives the same bytes. Workers are forked processes that inherit the records and keep their
range's term numbers between the two passes: only statistics and encoded streams cross a pipe.
"""

from __future__ import annotations

import gc
import json
import math
import multiprocessing
import traceback
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from json.encoder import encode_basestring
from multiprocessing.connection import Connection
from operator import sub
from typing import Any

from whoosh.util.numeric import byte_to_length, length_to_byte

from kbsite.index import evaluate
from kbsite.index.analysis import (
    ALIAS_SCORE,
    BM25_B,
    BM25_K1,
    TITLE_BOOST,
    AliasTarget,
    alias_table,
    alias_words,
    index_term,
    lang_of,
)
from kbsite.index.query import MAX_EXPANSIONS, SCORE_DIGITS
from kbsite.index.spelling import MAX_DISTANCE, spelling_files, spelling_index
from kbsite.model import SearchRecord, Taxonomy, Texts, own_text
from kbsite.textproc import words

ROOT = "assets/kbsite/search/"
SHARD_BYTES = 24_000
POSITION_BYTES = 32_000
META_PER_SHARD = 8
SNIPPET_SOURCE = 1200  # characters of each article the browser may quote
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


def browser_index(records: Sequence[SearchRecord], taxonomy: Taxonomy, *, workers: int = 1,
                  texts: Texts = own_text) -> dict[str, bytes]:
    """Path -> script for every file of the browser's index; `workers` forked processes share the per-word
    work, and any number of them gives the same bytes. `texts` gives each record's text where the records
    do not hold it: it is read by the worker whose range holds the record."""
    docs = sorted(records, key=lambda r: (lang_of(r.lang), r.source))
    files: dict[str, bytes] = {}

    def add(name: str, data: object) -> None:
        files[name] = _script(name, data)  # at once: a file's data may be large, its script is compact

    entity_ids = sorted({e for r in docs for e in r.entities})
    topic_ids = sorted({t for r in docs for t in r.topics})
    add("facets", _facets(taxonomy, topic_ids, entity_ids))
    for kind, ids, attr in (("e", entity_ids, "entities"), ("t", topic_ids, "topics")):
        tagged: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(docs):
            for ident in sorted(set(getattr(r, attr))):
                tagged[ident].append(i)
        for n, ident in enumerate(ids):
            add(f"{kind}/{n}", _id_list(tagged[ident]))
    years = _dates(docs)
    for year, by_date in years.items():
        add(f"d/{year}", by_date)

    chunks, streams = _index_words(docs, taxonomy, workers, texts)
    snippets = [snippet for chunk in chunks for snippet in chunk.snippets]
    for start in range(0, len(docs), META_PER_SHARD):
        shard = range(start, min(start + META_PER_SHARD, len(docs)))
        add(f"m/{start // META_PER_SHARD}", [_meta(docs[i], snippets[i]) for i in shard])
    del snippets
    words: Counter[str] = Counter()
    for chunk in chunks:
        words.update(chunk.spelling)
        chunk.spelling.clear()
    spelling = spelling_files(words)
    del words
    for key, bucket in spelling.items():
        add(f"w/{key}", bucket)
    add("w/index", spelling_index(spelling))
    del spelling

    langs: dict[str, list[int]] = {}  # language -> its range of ids
    for i, r in enumerate(docs):
        langs.setdefault(lang_of(r.lang), [i, i])[1] = i + 1
    targets = {("entity", e): f"e{n}" for n, e in enumerate(entity_ids)}
    targets |= {("topic", t): f"t{n}" for n, t in enumerate(topic_ids)}
    manifest_langs: dict[str, dict[str, object]] = {}
    for lang, ids in langs.items():
        lang_files, prefixes = _lang_files(lang, chunks, streams, targets)
        for name, data in lang_files:
            add(name, data)
        manifest_langs[lang] = {"ids": ids, **prefixes}

    add("manifest", {
        "v": 2,
        "n": len(docs),
        "langs": manifest_langs,
        "years": sorted(years),
        "meta": META_PER_SHARD,
        "alias": round(ALIAS_SCORE * 10**SCORE_DIGITS),
        "expand": MAX_EXPANSIONS,
        "maxdist": MAX_DISTANCE,
        "prox": [evaluate.PROXIMITY_WINDOW, *evaluate.PROXIMITY_SHARE, evaluate.PROXIMITY_DOCS],
    })
    return {f"{ROOT}{name}.js": script for name, script in sorted(files.items())}


def _lang_files(lang: str, chunks: list[_Words], streams: list[dict[str, list]],
                targets: dict[tuple[str, str], str]) -> tuple[list[tuple[str, object]], dict[str, list[str]]]:
    """The term and position shards of one language, and their prefixes for the manifest."""
    postings, positions = _join_streams(chunks, streams, lang)
    forms = {w: t for chunk in chunks for w, t in chunk.forms.get(lang, {}).items()}
    aliases = _alias_codes(next(c.aliases[lang] for c in chunks if lang in c.aliases), targets)
    sizes = _key_sizes(postings, forms, aliases)
    shards = sorted(_split(sizes, sorted(sizes), budget=SHARD_BYTES))
    pos_sizes = {t: len(t.encode()) + len(p) + 9 for t, p in positions.items()}  # len(json.dumps({"p": p}))
    pos_shards = sorted(_split(pos_sizes, sorted(pos_sizes), budget=POSITION_BYTES))
    files: list[tuple[str, object]] = [
        (f"s/{lang}/{n}", _shard(keys, postings, forms, aliases)) for n, (_, keys) in enumerate(shards)
    ]
    files += [(f"p/{lang}/{n}", {t: positions[t] for t in keys}) for n, (_, keys) in enumerate(pos_shards)]
    return files, {"shards": [p for p, _ in shards], "pos": [p for p, _ in pos_shards]}


def _index_words(docs: Sequence[SearchRecord], taxonomy: Taxonomy, workers: int,
                 texts: Texts) -> tuple[list[_Words], list[dict[str, list]]]:
    """Every range of documents read, then encoded once the whole corpus's weights are known; in `workers`
    forked processes if there are several (each keeps its range's words between the two passes)."""
    ranges = _chunks(len(docs), workers if "fork" in multiprocessing.get_all_start_methods() else 1)
    if len(ranges) > 1:
        return _forked_index(docs, taxonomy, ranges, texts)
    chunks = [_read_words(docs, taxonomy, start, stop, texts) for start, stop in ranges]
    weights = _weights(chunks, len(docs))
    streams = [_encode_words(chunk, weights) for chunk in chunks]
    for chunk in chunks:
        chunk.title.clear()
        chunk.text.clear()
    return chunks, streams


_FORKED: dict[str, object] = {}


def _forked_index(docs: Sequence[SearchRecord], taxonomy: Taxonomy, ranges: list[tuple[int, int]],
                  texts: Texts) -> tuple[list[_Words], list[dict[str, list]]]:
    """_index_words with one forked process per range: the children inherit the documents (nothing big is
    pickled to them) and send back only what the parent needs, in range order."""
    context = multiprocessing.get_context("fork")
    pipes, children = [], []
    _FORKED.update(docs=docs, taxonomy=taxonomy, texts=texts)
    gc.freeze()  # or each child's collections would touch, and so copy, every inherited object (+1 GB at 50k)
    try:
        for start, stop in ranges:
            pipe, child_pipe = context.Pipe()
            child = context.Process(target=_forked_range, args=(child_pipe, start, stop), daemon=True)
            child.start()
            child_pipe.close()
            pipes.append(pipe)
            children.append(child)
        _FORKED.clear()
        chunks: list[_Words] = [_receive(pipe) for pipe in pipes]
        weights = _weights(chunks, len(docs))
        for pipe, chunk in zip(pipes, chunks, strict=True):
            pipe.send({lang: weights[lang] for lang in chunk.terms})
        streams: list[dict[str, list]] = [_receive(pipe) for pipe in pipes]
    except BaseException:
        for child in children:
            child.terminate()
        raise
    finally:
        gc.unfreeze()
        _FORKED.clear()
        for pipe, child in zip(pipes, children, strict=True):
            pipe.close()
            child.join()
    return chunks, streams


def _forked_range(pipe: Connection, start: int, stop: int) -> None:
    try:
        chunk = _read_words(_FORKED["docs"], _FORKED["taxonomy"], start, stop, _FORKED["texts"])
        pipe.send(replace(chunk, langs=[], title=[], text=[]))  # the term numbers stay here
        pipe.send(_encode_words(chunk, pipe.recv()))
    except Exception as error:  # the parent raises it, with this traceback
        pipe.send(_Failed(f"{type(error).__name__}: {error}", traceback.format_exc()))


@dataclass
class _Failed:
    message: str
    traceback: str


def _receive(pipe: Connection) -> Any:
    try:
        got = pipe.recv()
    except EOFError:
        raise RuntimeError("a worker of the browser search index died (out of memory?)") from None
    if isinstance(got, _Failed):
        raise RuntimeError(f"a worker of the browser search index failed: {got.message}\n{got.traceback}")
    return got


def _chunks(total: int, n: int) -> list[tuple[int, int]]:
    """At most `n` ranges of consecutive documents, as many in each: the texts are not read before the
    workers read them, so their lengths are unknown here."""
    cuts = [total * k // n for k in range(n + 1)]
    return [(a, b) for a, b in pairwise(cuts) if a < b]


class _Vocabulary(dict):
    """Lower-case word -> term number in one language: each distinct word is reduced once (the term of a
    word depends only on its lower-case form)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.terms: list[str] = []
        self.numbers: dict[str, int] = {}

    def __missing__(self, word: str) -> int:
        t = index_term(word, self.lang)
        n = self.numbers.setdefault(t, len(self.terms))
        if n == len(self.terms):
            self.terms.append(t)
        self[word] = n
        return n


@dataclass
class _Words:
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


def _read_words(docs: Sequence[SearchRecord], taxonomy: Taxonomy, start: int, stop: int, texts: Texts) -> _Words:
    out = _Words(start)
    vocabularies: dict[str, _Vocabulary] = {}
    for i in range(start, stop):
        r = docs[i]
        lang = lang_of(r.lang)
        vocabulary = vocabularies.get(lang)
        if vocabulary is None:
            vocabulary = vocabularies[lang] = _Vocabulary(lang)
            out.df[lang] = (Counter(), Counter())
            out.lengths[lang] = [0, 0]
            out.forms[lang] = {}
            if i == 0 or lang_of(docs[i - 1].lang) != lang:
                out.aliases[lang] = alias_table(taxonomy, [lang])[lang]
                out.forms[lang] = {w.lower(): index_term(w, lang) for w in alias_words(taxonomy)}
        out.langs.append(lang)
        body = texts(r)
        out.snippets.append(body[:SNIPPET_SOURCE])
        for kind, (text, numbers) in enumerate(((r.title, out.title), (body, out.text))):
            lowered = _lowered_words(text)
            out.spelling.update(lowered)
            ids = array("I", map(vocabulary.__getitem__, lowered))
            out.df[lang][kind].update(set(ids))
            out.lengths[lang][kind] += len(ids)
            numbers.append(ids)
    for lang, vocabulary in vocabularies.items():
        out.terms[lang] = terms = vocabulary.terms
        out.forms[lang] |= {word: terms[n] for word, n in vocabulary.items() if word != terms[n]}
    return out


def _lowered_words(text: str) -> list[str]:
    """The words of `text` in lower case, as both the spelling files and the term forms key them."""
    return [word.lower() for word in words(text)]


@dataclass
class _Weights:
    """What scoring one language needs from the whole corpus: per term, boost * idf in title and text, and
    the average field lengths (over all documents, as Whoosh averages them)."""

    title: dict[str, float]
    text: dict[str, float]
    avg_title: float
    avg_text: float


def _weights(chunks: list[_Words], total_docs: int) -> dict[str, _Weights]:
    langs = sorted({lang for chunk in chunks for lang in chunk.terms})
    return {lang: _lang_weights(chunks, lang, total_docs) for lang in langs}


def _lang_weights(chunks: list[_Words], lang: str, total_docs: int) -> _Weights:
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

    return _Weights(
        title={t: TITLE_BOOST * idf(df) for t, df in df_title.items()},
        text={t: 1.0 * idf(df) for t, df in df_text.items()},
        avg_title=(title_length / total_docs) or 1,
        avg_text=(text_length / total_docs) or 1,
    )


class _Streams:
    """One language's postings and positions over a range of documents, per term number, encoded as they
    will be written except for each term's first id delta (which depends on the ranges before)."""

    def __init__(self, terms: list[str], weights: _Weights) -> None:
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
        scale = 10**SCORE_DIGITS
        for n in title_at.keys() | text_at.keys():
            in_title, in_text = title_at.get(n), text_at.get(n)
            postings, positions = self.postings[n], self.positions[n]
            if self.last[n] < 0:
                self.first[n] = doc
            else:
                delta = _vb(doc - self.last[n])
                postings += delta
                positions += delta
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


def _encode_words(chunk: _Words, weights: dict[str, _Weights]) -> dict[str, list]:
    """The streams of a range, per language: (first id, last id, postings, positions) per term number."""
    streams: dict[str, _Streams] = {}
    for doc, (lang, title, text) in enumerate(zip(chunk.langs, chunk.title, chunk.text, strict=True), chunk.start):
        if lang not in streams:
            streams[lang] = _Streams(chunk.terms[lang], weights[lang])
        streams[lang].add(doc, title, text)
    return {lang: s.encoded() for lang, s in streams.items()}


def _join_streams(chunks: list[_Words], streams: list[dict[str, list]],
                  lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """term -> postings and term -> positions of one language, the chunks' streams joined in id order
    (and dropped from `streams`, so that one language at a time is held twice)."""
    postings: dict[str, list[bytes]] = {}
    positions: dict[str, list[bytes]] = {}
    last: dict[str, int] = {}
    for chunk, encoded in zip(chunks, streams, strict=True):
        for t, (first, end, p, q) in zip(chunk.terms.get(lang, ()), encoded.pop(lang, ()), strict=True):
            delta = _vb(first - last.get(t, 0))
            last[t] = end
            postings.setdefault(t, []).extend((delta, p))
            positions.setdefault(t, []).extend((delta, q))
    return (
        {t: b"".join(postings.pop(t)).decode("ascii") for t in last},
        {t: b"".join(positions.pop(t)).decode("ascii") for t in last},
    )


def _alias_codes(aliases: dict[str, tuple[AliasTarget, ...]],
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


def _dates(docs: Sequence[SearchRecord]) -> dict[str, dict[str, str]]:
    """year -> date -> ids of the articles of that date."""
    by_date: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(docs):
        if r.date:
            by_date[r.date].append(i)
    years: dict[str, dict[str, str]] = defaultdict(dict)
    for date in sorted(by_date):
        years[date[:4]][date] = _id_list(by_date[date])
    return dict(years)


def _id_list(ids: list[int]) -> str:
    out, last = [], 0
    for doc in ids:
        out.append(varint(doc - last))
        last = doc
    return "".join(out)


def _split(sizes: dict[str, int], keys: list[str], prefix: str = "", *, budget: int) -> list[tuple[str, list[str]]]:
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
        out += _split(sizes, by_next[nxt], prefix + nxt, budget=budget)
    return out


def shard_of(key: str, prefixes: Sequence[str]) -> str | None:
    """The longest listed prefix of `key` (search.js does the same)."""
    best = None
    for p in prefixes:
        if key.startswith(p) and (best is None or len(p) > len(best)):
            best = p
    return best


def _meta(record: SearchRecord, snippet: str) -> list[object]:
    return [record.url, record.title, lang_of(record.lang), record.date, record.publisher, snippet]


def _facets(taxonomy: Taxonomy, topic_ids: list[str], entity_ids: list[str]) -> dict[str, object]:
    topics = {t.id: t for t in taxonomy.topics}
    entities = {e.id: e for e in taxonomy.entities}
    return {
        "topics": [[t, topics[t].labels if t in topics else {"en": t}] for t in topic_ids],
        "entities": [[e, entities[e].name if e in entities else e] for e in entity_ids],
    }


def _script(name: str, data: object) -> bytes:
    """A script that hands `data` to search.js; JSON is valid JavaScript once U+2028/9 are escaped."""
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"kbsearchData({json.dumps(name)},{body});\n".encode()
