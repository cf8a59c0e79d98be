"""The browser's search index: small script files a page loads on demand, from file:// or any sub-path.

One analysis for both searches: the browser never stems. For every word of the corpus (and of the
taxonomy's aliases) whose lower-case form is not already its term, the build writes the map
lower-case form -> term, computed here by kbsite.textproc; search-index.js looks a query word up there, so a
word that occurs anywhere in the KB gets exactly the term the Python side gives it. A word found nowhere
falls back to its accent-folded form and the longest term that is a prefix of it (at most 3 letters
shorter): an approximation, only for words the KB never uses.

Files, all under assets/kbsite/search/, each a script calling kbsearchData(name, data):
  manifest.js       languages with their shard prefixes, document count, years with dates, constants
  facets.js         topic and entity ids and labels (the search page's filters)
  s/<lang>/<n>.js   shard n of a language: {"t": term -> postings, "f": form -> term, "a": alias key -> targets}
                    for all keys starting with prefix n; a shard past shards.SHARD_BYTES splits by the next letter
  p/<lang>/<n>.js   the positions of the terms of a language, sharded the same way by their own prefixes:
                    loaded only by "phrase queries", which need adjacent words as Whoosh's Phrase does
  e/<n>.js, t/<n>.js  ids of the articles tagged with entity / topic n (filters and alias matches)
  d/<year>.js       date -> ids of the articles of that year (the since/until filter loads only its years)
  m/<n>.js          META_PER_SHARD articles: url, title, lang, date, publisher, snippet source
  w/index.js, w/<letter>-<length>.js  the KB's words for "did you mean" (see kbsite.index.spelling)
Documents are numbered by (language, source), so a language is one range of ids (in the manifest), and
ties in score rank by id in both searches.
How postings and positions are encoded, and how keys are cut into shards: kbsite.index.shards.

How it is built, for tens of thousands of articles: the documents, in id order, are cut into one range
per worker. A range is read once (every word tokenized once, every distinct word reduced once per language,
each field kept as an array of term numbers); once the whole corpus's document frequencies are known, it is
encoded straight into per-term byte streams, and the ranges' streams are joined in id order, so any number
of workers gives the same bytes. Workers (kbsite.workers) are forked processes that inherit the records and
keep their range's term numbers between the two passes: only statistics and encoded streams cross a pipe.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from itertools import pairwise
from multiprocessing.connection import Connection

from kbsite.index import evaluate
from kbsite.index.analysis import (
    ALIAS_SCORE,
    alias_table,
    alias_words,
    index_term,
    lang_of,
)
from kbsite.index.query import MAX_EXPANSIONS, SCORE_DIGITS
from kbsite.index.shards import (
    Words,
    alias_codes,
    corpus_weights,
    encode_words,
    id_list,
    join_streams,
    lang_shards,
    script,
)
from kbsite.index.spelling import MAX_DISTANCE, spelling_files, spelling_index
from kbsite.model import SearchRecord, Taxonomy, Texts, own_text
from kbsite.paths import SEARCH_ASSETS
from kbsite.textproc import words
from kbsite.workers import conversation, parallel

ROOT = SEARCH_ASSETS + "/"
# Articles per metadata file. A result list of 20 hits touches ~20 of these files whatever their size (the hits
# are scattered over the ids), and they were most of a query's bytes at 8 (~1.5 KB an article): 4 halves that
# for twice the files (12,500 at 50,000 articles).
META_PER_SHARD = 4
SNIPPET_SOURCE = 1200  # characters of each article the browser may quote


def browser_index(records: Sequence[SearchRecord], taxonomy: Taxonomy, *, workers: int = 1,
                  texts: Texts = own_text) -> dict[str, bytes]:
    """Path -> script for every file of the browser's index; `workers` forked processes share the per-word
    work, and any number of them gives the same bytes. `texts` gives each record's text where the records
    do not hold it: it is read by the worker whose range holds the record."""
    docs = sorted(records, key=lambda r: (lang_of(r.lang), r.source))
    files: dict[str, bytes] = {}

    def add(name: str, data: object) -> None:
        files[name] = script(name, data)  # at once: a file's data may be large, its script is compact

    entity_ids = sorted({e for r in docs for e in r.entities})
    topic_ids = sorted({t for r in docs for t in r.topics})
    add("facets", _facets(taxonomy, topic_ids, entity_ids))
    for kind, ids, attr in (("e", entity_ids, "entities"), ("t", topic_ids, "topics")):
        tagged: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(docs):
            for ident in sorted(set(getattr(r, attr))):
                tagged[ident].append(i)
        for n, ident in enumerate(ids):
            add(f"{kind}/{n}", id_list(tagged[ident]))
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


def _lang_files(lang: str, chunks: list[Words], streams: list[dict[str, list]],
                targets: dict[tuple[str, str], str]) -> tuple[list[tuple[str, object]], dict[str, list[str]]]:
    """The term and position shards of one language, and their prefixes for the manifest."""
    postings, positions = join_streams(chunks, streams, lang)
    forms = {w: t for chunk in chunks for w, t in chunk.forms.get(lang, {}).items()}
    aliases = alias_codes(next(c.aliases[lang] for c in chunks if lang in c.aliases), targets)
    return lang_shards(lang, postings, positions, forms, aliases)


def _index_words(docs: Sequence[SearchRecord], taxonomy: Taxonomy, workers: int,
                 texts: Texts) -> tuple[list[Words], list[dict[str, list]]]:
    """Every range of documents read, then encoded once the whole corpus's weights are known; in `workers`
    forked processes if there are several (each keeps its range's words between the two passes)."""
    ranges = _chunks(len(docs), workers if parallel(workers) else 1)
    if len(ranges) > 1:
        return _forked_index(docs, taxonomy, ranges, texts)
    chunks = [_read_words(docs, taxonomy, start, stop, texts) for start, stop in ranges]
    weights = corpus_weights(chunks, len(docs))
    streams = [encode_words(chunk, weights) for chunk in chunks]
    for chunk in chunks:
        chunk.title.clear()
        chunk.text.clear()
    return chunks, streams


def _forked_index(docs: Sequence[SearchRecord], taxonomy: Taxonomy, ranges: list[tuple[int, int]],
                  texts: Texts) -> tuple[list[Words], list[dict[str, list]]]:
    """_index_words with one process per range, in two rounds: the children inherit the documents (nothing big
    is pickled to them) and send back only what the parent needs, in range order."""
    tasks = [partial(_forked_range, docs, taxonomy, texts, start, stop) for start, stop in ranges]
    with conversation("writing the browser's search index", tasks) as children:
        chunks: list[Words] = [child.recv() for child in children]
        weights = corpus_weights(chunks, len(docs))
        for child, chunk in zip(children, chunks, strict=True):
            child.send({lang: weights[lang] for lang in chunk.terms})
        streams: list[dict[str, list]] = [child.recv() for child in children]
    return chunks, streams


def _forked_range(docs: Sequence[SearchRecord], taxonomy: Taxonomy, texts: Texts, start: int, stop: int,
                  pipe: Connection) -> None:
    chunk = _read_words(docs, taxonomy, start, stop, texts)
    pipe.send(replace(chunk, langs=[], title=[], text=[]))  # the term numbers stay here
    pipe.send(encode_words(chunk, pipe.recv()))


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


def _read_words(docs: Sequence[SearchRecord], taxonomy: Taxonomy, start: int, stop: int, texts: Texts) -> Words:
    out = Words(start)
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


def _dates(docs: Sequence[SearchRecord]) -> dict[str, dict[str, str]]:
    """year -> date -> ids of the articles of that date."""
    by_date: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(docs):
        if r.date:
            by_date[r.date].append(i)
    years: dict[str, dict[str, str]] = defaultdict(dict)
    for date in sorted(by_date):
        years[date[:4]][date] = id_list(by_date[date])
    return dict(years)


def _meta(record: SearchRecord, snippet: str) -> list[object]:
    return [record.url, record.title, lang_of(record.lang), record.date, record.publisher, snippet]


def _facets(taxonomy: Taxonomy, topic_ids: list[str], entity_ids: list[str]) -> dict[str, object]:
    topics = {t.id: t for t in taxonomy.topics}
    entities = {e.id: e for e in taxonomy.entities}
    return {
        "topics": [[t, topics[t].labels if t in topics else {"en": t}] for t in topic_ids],
        "entities": [[e, entities[e].name if e in entities else e] for e in entity_ids],
    }


