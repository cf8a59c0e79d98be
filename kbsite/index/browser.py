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
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from whoosh.util.numeric import byte_to_length, length_to_byte

from kbsite.index.analysis import (
    ALIAS_SCORE,
    TITLE_BOOST,
    alias_table,
    alias_words,
    index_term,
    lang_of,
)
from kbsite.index.query import MAX_EXPANSIONS, SCORE_DIGITS
from kbsite.index.spelling import MAX_DISTANCE, spelling_files, spelling_index
from kbsite.model import SearchRecord, Taxonomy
from kbsite.textproc import tokenize

ROOT = "assets/kbsite/search/"
SHARD_BYTES = 24_000
POSITION_BYTES = 32_000
META_PER_SHARD = 8
SNIPPET_SOURCE = 1200  # characters of each article the browser may quote
B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults

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


def browser_index(records: Sequence[SearchRecord], taxonomy: Taxonomy) -> dict[str, bytes]:
    docs = sorted(records, key=lambda r: (lang_of(r.lang), r.source))
    langs = sorted({lang_of(r.lang) for r in docs})
    files: dict[str, object] = {}

    entity_ids = sorted({e for r in docs for e in r.entities})
    topic_ids = sorted({t for r in docs for t in r.topics})
    files["facets"] = _facets(taxonomy, topic_ids, entity_ids)
    for kind, ids, attr in (("e", entity_ids, "entities"), ("t", topic_ids, "topics")):
        tagged: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(docs):
            for ident in sorted(set(getattr(r, attr))):
                tagged[ident].append(i)
        for n, ident in enumerate(ids):
            files[f"{kind}/{n}"] = _id_list(tagged[ident])

    for start in range(0, len(docs), META_PER_SHARD):
        files[f"m/{start // META_PER_SHARD}"] = [_meta(r) for r in docs[start : start + META_PER_SHARD]]
    years = _dates(docs)
    files.update((f"d/{year}", by_date) for year, by_date in years.items())
    words = Counter(t.text.lower() for r in docs for t in tokenize(f"{r.title}\n{r.text}"))
    spelling = spelling_files(words)
    files.update((f"w/{key}", bucket) for key, bucket in spelling.items())
    files["w/index"] = spelling_index(spelling)

    targets = {("entity", e): f"e{n}" for n, e in enumerate(entity_ids)}
    targets |= {("topic", t): f"t{n}" for n, t in enumerate(topic_ids)}
    aliases = alias_table(taxonomy, langs)
    extra_words = sorted(alias_words(taxonomy))
    manifest_langs: dict[str, dict[str, object]] = {}
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(docs):
        by_lang[lang_of(r.lang)].append(i)
    for lang in langs:
        ids = by_lang[lang]
        items, positions = _lang_items(docs, ids, lang, len(docs), aliases.get(lang, {}), targets, extra_words)
        shards = _shards(items)
        for n, (_, keys) in enumerate(shards):
            files[f"s/{lang}/{n}"] = _shard(items, keys)
        pos_shards = _shards({t: {"p": v} for t, v in positions.items()}, POSITION_BYTES)
        for n, (_, keys) in enumerate(pos_shards):
            files[f"p/{lang}/{n}"] = {t: positions[t] for t in keys}
        manifest_langs[lang] = {
            "ids": [ids[0], ids[-1] + 1],
            "shards": [p for p, _ in shards],
            "pos": [p for p, _ in pos_shards],
        }

    files["manifest"] = {
        "v": 2,
        "n": len(docs),
        "langs": manifest_langs,
        "years": sorted(years),
        "meta": META_PER_SHARD,
        "alias": round(ALIAS_SCORE * 10**SCORE_DIGITS),
        "expand": MAX_EXPANSIONS,
        "maxdist": MAX_DISTANCE,
    }
    return {f"{ROOT}{name}.js": _script(name, data) for name, data in sorted(files.items())}


def _shards(items: dict[str, dict[str, object]], budget: int | None = None) -> list[tuple[str, list[str]]]:
    sizes = {k: len(k.encode()) + len(json.dumps(v, ensure_ascii=False).encode()) for k, v in items.items()}
    return sorted(_split(sizes, sorted(items), budget=budget or SHARD_BYTES))


def _lang_items(docs, ids, lang, total_docs, aliases, targets, extra_words):
    """Every key of one language (terms with postings, word forms with their term, alias keys with targets),
    and every term's positions."""
    tf: dict[str, list[Counter]] = {"title": [], "text": []}
    where: dict[str, list[dict[str, list[int]]]] = {"title": [], "text": []}
    forms: dict[str, str] = {}
    for i in ids:
        record = docs[i]
        for kind, text in (("title", record.title), ("text", record.text)):
            counts: Counter = Counter()
            places: dict[str, list[int]] = defaultdict(list)
            for n, token in enumerate(tokenize(text)):
                lowered = token.text.lower()
                t = index_term(token.text, lang)
                counts[t] += 1
                places[t].append(n)
                if lowered != t:
                    forms[lowered] = t
            tf[kind].append(counts)
            where[kind].append(places)
    for word in extra_words:
        forms[word.lower()] = index_term(word, lang)

    scores: dict[str, dict[str, dict[int, float]]] = {"title": defaultdict(dict), "text": defaultdict(dict)}
    for kind, boost in (("title", TITLE_BOOST), ("text", 1.0)):
        lengths = [sum(c.values()) for c in tf[kind]]
        avgfl = (sum(lengths) / total_docs) or 1
        df = Counter(t for c in tf[kind] for t in c)
        for doc, counts, length in zip(ids, tf[kind], lengths, strict=True):
            fl = byte_to_length(length_to_byte(length))
            for t, freq in counts.items():
                idf = math.log(total_docs / (df[t] + 1)) + 1
                scores[kind][t][doc] = boost * idf * (freq * (K1 + 1)) / (freq + K1 * ((1 - B) + B * fl / avgfl))

    items: dict[str, dict[str, object]] = defaultdict(dict)
    positions: dict[str, str] = {}
    places_of = {kind: dict(zip(ids, where[kind], strict=True)) for kind in where}
    for t in sorted({*scores["title"], *scores["text"]}):
        title, text = scores["title"].get(t, {}), scores["text"].get(t, {})
        in_docs = sorted({*title, *text})
        items[t]["t"] = _postings({d: title.get(d, 0.0) + text.get(d, 0.0) for d in in_docs})
        positions[t] = _positions(t, in_docs, title, places_of)
    for form, t in forms.items():
        items[form]["f"] = t
    for key, found in aliases.items():
        codes = sorted(targets[(x.kind, x.id)] for x in found if (x.kind, x.id) in targets)
        if codes:
            items[key]["a"] = codes
    return dict(items), positions


def _positions(t: str, in_docs: list[int], title: dict[int, float], places_of) -> str:
    out, last = [], 0
    for doc in in_docs:
        out.append(varint(doc - last))
        last = doc
        for kind in ("title", "text"):
            places = places_of[kind][doc].get(t, [])
            out.append(varint(len(places)))
            if kind == "title" and places:
                out.append(varint(round(title[doc] * 10**SCORE_DIGITS)))
            out.append(_id_list(places))
    return "".join(out)


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


def _postings(by_doc: dict[int, float]) -> str:
    out, last = [], 0
    for doc in sorted(by_doc):
        out += [varint(doc - last), varint(round(by_doc[doc] * 10**SCORE_DIGITS))]
        last = doc
    return "".join(out)


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


def _shard(items: dict[str, dict[str, object]], keys: list[str]) -> dict[str, dict[str, object]]:
    shard: dict[str, dict[str, object]] = {"a": {}, "f": {}, "t": {}}
    for key in keys:
        for part, value in items[key].items():
            shard[part][key] = value
    return shard


def _meta(record: SearchRecord) -> list[object]:
    return [record.url, record.title, lang_of(record.lang), record.date, record.publisher, record.text[:SNIPPET_SOURCE]]


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


def search_page_markdown() -> str:
    """docs/search/index.md: the form, filters and result list that search.js fills in."""
    return """---
title: Search
search:
  exclude: true
---

# Search

<form id="kb-search-form" class="kb-search-form" role="search" method="get" action="index.html">
  <label for="kb-search-q">Words to find</label>
  <input id="kb-search-q" name="q" type="search" autocomplete="off">
  <label for="kb-search-lang">Language</label>
  <select id="kb-search-lang" name="lang"><option value="">All languages</option></select>
  <label for="kb-search-topic">Topic</label>
  <select id="kb-search-topic" name="topic"><option value="">All topics</option></select>
  <label for="kb-search-entity">Entity</label>
  <select id="kb-search-entity" name="entity"><option value="">All entities</option></select>
  <label for="kb-search-since">From</label>
  <input id="kb-search-since" name="since" type="text" inputmode="numeric" size="10" placeholder="YYYY-MM-DD"
         pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" title="A year, a month or a day: 2015, 2015-12, 2015-12-02">
  <label for="kb-search-until">To</label>
  <input id="kb-search-until" name="until" type="text" inputmode="numeric" size="10" placeholder="YYYY-MM-DD"
         pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" title="A year, a month or a day: 2015, 2015-12, 2015-12-02">
  <button type="submit">Search</button>
</form>

<p id="kb-search-suggest" class="kb-search-suggest" hidden></p>
<p id="kb-search-count" class="kb-search-count" role="status" aria-live="polite"></p>
<ol id="kb-search-results" class="kb-search-results"></ol>

<noscript>The search runs in your browser and needs JavaScript.
In a terminal: <code>python build_index.py search WORDS</code>.</noscript>

Words in "double quotes" form a phrase; a trailing * matches the start of words (pakist*).
A name or topic in any language also finds the articles tagged with it.
Dates are a year, a month or a day; "To 2015-12" includes the whole of December 2015.
"""
