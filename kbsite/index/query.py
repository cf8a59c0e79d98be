"""Terminal search over the Whoosh index: words, "phrases", prefix*, -exclusions, filters, aliases, "did you mean".

Query language (the browser search parses the same way, see kbsite/theme/assets/kbsite/search-query.js):
whitespace-separated words should all match; "double quotes" make a phrase; a trailing * makes a prefix;
a leading - excludes the articles a word, phrase or prefix matches (-"back doors", -pakist*);
a chunk that holds several words ("BlackBerry's", "e-mail") is a phrase. Articles matching every wanted
unit come first; then, marked partial, those matching only some. Each word is reduced in every
language of the index and matches in that language's title (boosted) and text fields. A word or phrase
that names an entity or topic (any alias, any language, any inflection) also matches the articles tagged
with it, with the constant ALIAS_SCORE. Scores are Whoosh BM25F sums in hundredths, plus a proximity bonus
for consecutive words and phrases that stand close, and a bonus for a title that holds every one of them
(kbsite.index.evaluate); ties are broken by language, then source path
(the order of the browser's document ids). A word that matches no term and names nothing exactly gets a
"did you mean" (kbsite.index.spelling), even when the alias fallback below found articles for it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from whoosh import query as wq
from whoosh.filedb.filestore import Storage
from whoosh.searching import Searcher

from kbsite.index import evaluate, spelling
from kbsite.index.analysis import ALIAS_SCORE, AliasTarget, alias_key, index_term, index_terms
from kbsite.index.analysis import field as field_name
from kbsite.index.evaluate import Scores, TermHits
from kbsite.index.filters import valid_filters
from kbsite.index.opened import open_cached
from kbsite.index.postings import Postings
from kbsite.index.snippet import make_snippet, mark
from kbsite.model import Taxonomy
from kbsite.textproc import fold, tokenize

logger = logging.getLogger(__name__)

MAX_EXPANSIONS = 64  # terms a prefix query may expand to, in sorted order
SCORE_DIGITS = 2  # scores are hundredths (evaluate.SCALE), so both searches rank ties alike
ALIAS_POINTS = round(ALIAS_SCORE * evaluate.SCALE)

_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Unit:
    """One thing the query asks for: every unit should match, and no article may match an excluded one."""

    kind: str  # "word" | "phrase" | "prefix"
    words: tuple[str, ...]
    exclude: bool = False


@dataclass(frozen=True)
class Hit:
    title: str
    path: str  # the source file, relative to the repository
    url: str
    lang: str
    date: str | None
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # spans of matched words in `snippet`
    topics: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    publisher: str | None = None
    partial: bool = False  # matches some of the query's units, not all: listed after every full match

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The snippet with each matched word wrapped in `before` and `after`."""
        return mark(self.snippet, self.highlights, before, after)


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: tuple[Hit, ...]
    total: int
    suggestion: str | None = None
    units: tuple[Unit, ...] = field(default=(), repr=False)
    partial_total: int = 0  # articles that match some units but not all (total counts those matching all)


def parse_query(text: str) -> list[Unit]:
    units: list[Unit] = []
    for m in _CHUNK.finditer(text):
        if m.group(2) is not None:
            words = tuple(t.text for t in tokenize(m.group(2)))
            if words:
                units.append(Unit("phrase" if len(words) > 1 else "word", words, bool(m.group(1))))
            continue
        chunk = m.group(3)
        exclude = chunk.startswith("-")
        words = tuple(t.text for t in tokenize(chunk))
        if not words:
            continue
        if chunk.endswith("*"):
            units.extend(Unit("word", (w,), exclude) for w in words[:-1])
            units.append(Unit("prefix", (words[-1],), exclude))
        else:
            units.append(Unit("phrase" if len(words) > 1 else "word", words, exclude))
    return units


def search(
    index_dir: Path | Storage,
    query: str,
    *,
    taxonomy: Taxonomy,
    lang: str | None = None,
    topic: str | None = None,
    entity: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 10,
    aliases: dict[str, dict[str, tuple[AliasTarget, ...]]] | None = None,
) -> SearchResults:
    """Search the index; dates compare as ISO prefixes (until="2015-12" includes 2015-12-31).

    A filter that names nothing (a language not in the index, an unknown topic) raises FilterError.
    The hits that match every unit come first; when fewer than `limit` do, those that match only some
    follow, marked partial. `aliases`: the taxonomy's alias table in the index's languages, when the caller
    has it already (kbsite.index.taxonomy_cache); else it is made from `taxonomy`, once per open index.
    """
    opened = open_cached(index_dir)
    searcher = opened.searcher
    terms = _Terms(opened.postings)
    lang, topic, entity, since, until = valid_filters(opened.langs, taxonomy, lang, topic, entity, since, until)
    units = parse_query(query)
    wanted_units = [u for u in units if not u.exclude]
    if not wanted_units:
        return SearchResults(query, (), 0, None, tuple(units))
    if aliases is None:
        aliases = opened.aliases(taxonomy)
    matches = [_unit_match(u, opened.langs, searcher, terms, aliases) for u in units]
    full, partial = _combine(units, matches, opened.langs, searcher, aliases)
    filters = _filters(lang, topic, entity, since, until)
    if filters is not None:
        allowed = set(searcher.docs_for_query(filters))
        full = {doc: score for doc, score in full.items() if doc in allowed}
        partial = {doc: score for doc, score in partial.items() if doc in allowed}
    tie = _tie_keys(searcher, terms.postings)
    evaluate.add(full, _proximity(units, matches, _top(full, evaluate.PROXIMITY_DOCS, tie), searcher, terms.postings))
    ranked = [(score, doc, False) for score, doc in _top(full, limit, tie)]
    ranked += [(score, doc, True) for score, doc in _top(partial, limit - len(ranked), tie)]
    wanted = {lg: _wanted_terms(wanted_units, lg, searcher) for lg in opened.langs}
    hits = tuple(_hit(searcher.stored_fields(doc), score, wanted, part) for score, doc, part in ranked)
    unknown = _unknown_words(wanted_units, opened.langs, terms, aliases)
    suggestion = _suggest(query, unknown, opened.vocabulary()) if unknown else None
    return SearchResults(query, hits, len(full), suggestion, tuple(units), len(partial))


def _top(scores: Scores, limit: int, tie) -> list[tuple[int, int]]:
    """The best `limit` (score, docnum), ties by language and source; only the tied ones need those looked up."""
    if limit <= 0:
        return []
    if len(scores) > limit:  # the limit-th best score, from the integers alone: a common word matches most pages
        cutoff = sorted(scores.values(), reverse=True)[limit - 1]
        ranked = [(s, doc) for doc, s in scores.items() if s >= cutoff]
    else:
        ranked = [(s, doc) for doc, s in scores.items()]
    return sorted(ranked, key=lambda sd: (-sd[0], *tie(sd[1])))[:limit]


def _tie_keys(searcher: Searcher, postings: Postings):
    """docnum -> (lang, source): from the sortable columns, or stored fields in an index built without them."""
    langs, sources = postings.column("lang"), postings.column("source")
    if langs is not None and sources is not None:
        return lambda doc: (langs[doc] or "und", sources[doc])

    def stored(doc: int) -> tuple[str, str]:
        fields = searcher.stored_fields(doc)
        return fields.get("lang", "und"), fields["source"]

    return stored


def _hit(stored: dict, score: int, wanted: dict[str, set[str]], partial: bool) -> Hit:
    lang = stored.get("lang", "und")
    snippet, spans = make_snippet(stored.get("body", ""), lang, wanted.get(lang, set()))
    return Hit(
        title=stored.get("title", ""),
        path=stored["source"],
        url=stored.get("url", ""),
        lang=lang,
        date=stored.get("date") or None,
        score=score / evaluate.SCALE,
        snippet=snippet,
        highlights=spans,
        topics=tuple(t for t in stored.get("topics", "").split(",") if t),
        entities=tuple(e for e in stored.get("entities", "").split(",") if e),
        publisher=stored.get("publisher") or None,
        partial=partial,
    )


@dataclass
class _Match:
    """The articles one unit matches, with their scores; for a word, the form it matched in each article."""

    scores: Scores
    chosen: dict[int, str] = field(default_factory=dict)  # for a phrase, the form of its first word
    hits: dict[str, dict[str, TermHits]] = field(default_factory=dict)  # lang -> form -> its scores
    last: dict[int, str] = field(default_factory=dict)  # a phrase's last word's form (a word's is `chosen`)


def _combine(units: list[Unit], matches: list[_Match], langs: tuple[str, ...], searcher: Searcher,
             aliases) -> tuple[Scores, Scores]:
    """(articles matching every wanted unit, articles matching only some), none matching an excluded unit.

    Several plain words that together name something also find its articles, as full matches (with what
    their words matched).
    """
    wanted = [m.scores for u, m in zip(units, matches, strict=True) if not u.exclude]
    banned = {doc for u, m in zip(units, matches, strict=True) if u.exclude for doc in m.scores}
    # Set operations and integer sums: a common word matches most pages, and adding each page's scores one
    # dictionary update at a time was a good part of a query over 50,000 articles.
    every = set(wanted[0]).intersection(*wanted[1:]) - banned
    full = dict.fromkeys(every, 0)
    partial = dict.fromkeys(set().union(*wanted) - every - banned, 0)
    for scores in wanted:
        for into in (full, partial):
            for doc in into.keys() & scores.keys():
                into[doc] += scores[doc]
    plain = [u for u in units if not u.exclude]
    if len(plain) > 1 and all(u.kind == "word" for u in plain):
        whole = Unit("phrase", tuple(w for u in plain for w in u.words))
        targets = _alias_targets(whole, langs, aliases)
        if targets:
            for doc in _alias_scores(searcher, targets):
                if doc not in banned:
                    full[doc] = full.get(doc, 0) + partial.pop(doc, 0) + ALIAS_POINTS
    return full, partial


def _proximity(units: list[Unit], matches: list[_Match], top: list[tuple[int, int]], searcher: Searcher,
               postings: Postings) -> Scores:
    """The proximity bonus of the `top` full matches, over each pair of consecutive wanted words or phrases
    (a phrase by its first and last words: "ISO 8859-16 character" holds "ISO 8859" and "16 character"), and
    the bonus of a title that holds every unit when none is a prefix."""
    wanted = [(u, m) for u, m in zip(units, matches, strict=True) if not u.exclude]
    pairs = [(a, b) for (ua, a), (ub, b) in pairwise(wanted) if ua.kind != "prefix" and ub.kind != "prefix"]
    if not pairs or len(top) < 2:  # one page alone keeps its place: spare the positions (the browser loads them)
        return {}
    lang_of_doc = postings.column("lang")
    by_lang: dict[str, list[int]] = {}
    for _, doc in top:
        lang = (lang_of_doc[doc] if lang_of_doc is not None else searcher.stored_fields(doc).get("lang")) or "und"
        by_lang.setdefault(lang, []).append(doc)
    bonus: Scores = {}
    for lang, docs in sorted(by_lang.items()):
        hits = {t: h for _, m in wanted for t, h in m.hits.get(lang, {}).items()}
        chosen = [(a.last or a.chosen, b.chosen) for a, b in pairs]
        evaluate.add(bonus, evaluate.proximity(postings, lang, sorted(docs), chosen, hits))
        if all(u.kind != "prefix" for u, _ in wanted):
            ends = [(m.chosen, m.last or m.chosen) for _, m in wanted]
            evaluate.add(bonus, evaluate.title_cover(sorted(docs), ends, hits))
    return bonus


def word_forms(word: str, lang: str) -> list[str]:
    """The terms a query word looks for in one language: its own, and its accent-folded spelling unreduced.

    Stemmers treat accents unevenly: Spanish reduces "Pakistan" to "pakist" and "Pakistán" to "pakistan".
    The folded spelling finds the article that writes the word with accents (search-index.js does the same).
    """
    own = index_term(word, lang)
    folded = "".join(fold(word.lower()).split())
    return [own] if folded == own or not folded else [own, folded]


class _Terms:
    """The hits of each (language, term) of one query, read once: a word's own form is asked for again to
    tell whether it is known at all."""

    def __init__(self, postings: Postings) -> None:
        self.postings = postings
        postings.new_query()
        self._hits: dict[tuple[str, str], TermHits] = {}

    def hits(self, lang: str, term: str) -> TermHits:
        key = (lang, term)
        if key not in self._hits:
            self._hits[key] = evaluate.term_hits(self.postings, lang, term)
        return self._hits[key]


def _unit_match(unit: Unit, langs: tuple[str, ...], searcher: Searcher, terms: _Terms, aliases) -> _Match:
    """A unit matches in the title (boosted) or text of any language, or through an alias."""
    match = _Match({})
    for lang in langs:
        if unit.kind == "phrase":
            phrase = [index_term(w, lang) for w in unit.words]
            hits = [terms.hits(lang, t) for t in phrase]
            found = evaluate.phrase_scores(terms.postings, lang, phrase, hits)
            evaluate.add(match.scores, found)
            match.hits[lang] = {phrase[0]: hits[0], phrase[-1]: hits[-1]}
            match.chosen.update(dict.fromkeys(found, phrase[0]))
            match.last.update(dict.fromkeys(found, phrase[-1]))
        elif unit.kind == "prefix":
            for t in expand_prefix(searcher, lang, fold(unit.words[0].lower())):
                evaluate.add(match.scores, evaluate.totals(terms.hits(lang, t)))
        else:
            variants = [(t, terms.hits(lang, t)) for t in word_forms(unit.words[0], lang)]
            match.hits[lang] = dict(variants)
            scores, chosen = evaluate.best_of(variants)
            evaluate.add(match.scores, scores)
            match.chosen.update(chosen)
    targets = _alias_targets(unit, langs, aliases)
    if targets:
        evaluate.add(match.scores, _alias_scores(searcher, targets))
    return match


def expand_prefix(searcher: Searcher, lang: str, prefix: str) -> list[str]:
    """The first MAX_EXPANSIONS terms of one language (title or text) that start with `prefix`."""
    found: set[str] = set()
    for kind in ("title", "text"):
        name = field_name(kind, lang)
        if name in searcher.reader().indexed_field_names():
            for i, btext in enumerate(searcher.reader().expand_prefix(name, prefix)):
                if i >= MAX_EXPANSIONS:
                    break
                found.add(btext.decode("utf-8") if isinstance(btext, bytes) else btext)
    return sorted(found)[:MAX_EXPANSIONS]


def _alias_targets(unit: Unit, langs: tuple[str, ...], aliases, *, fallback: bool = True) -> set[AliasTarget]:
    if unit.kind == "prefix":
        return set()
    phrase = " ".join(unit.words)
    found: set[AliasTarget] = set()
    for lang in langs:
        found.update(aliases.get(lang, {}).get(alias_key(phrase, lang), ()))
    if not found and fallback and unit.kind == "word":
        # Stemmers disagree with themselves on names ("Пакистан" -> "пакиста", "Пакистане" -> "пакистан"):
        # take the longest alias that starts the folded word, at most 3 letters shorter (as search-index.js does).
        folded = "".join(fold(phrase.lower()).split())
        for n in range(len(folded), max(3, len(folded) - 3) - 1, -1):
            for lang in langs:
                found.update(aliases.get(lang, {}).get(folded[:n], ()))
            if found:
                break
    return found


def _alias_scores(searcher: Searcher, targets: set[AliasTarget]) -> Scores:
    """ALIAS_SCORE once for each article tagged with any of `targets`."""
    terms = [wq.Term("entities" if t.kind == "entity" else "topics", t.id) for t in sorted(targets, key=_target_key)]
    return evaluate.constant(searcher.docs_for_query(wq.Or(terms)), ALIAS_POINTS)


def _target_key(t: AliasTarget) -> tuple[str, str]:
    return (t.kind, t.id)


def _filters(lang, topic, entity, since, until) -> wq.Query | None:
    parts: list[wq.Query] = []
    if lang:
        parts.append(wq.Term("lang", lang.strip().lower()))
    if topic:
        parts.append(wq.Term("topics", topic))
    if entity:
        parts.append(wq.Term("entities", entity))
    if since or until:
        parts.append(wq.TermRange("date", since or None, f"{until}\uffff" if until else None))
    return wq.And(parts) if parts else None


def _wanted_terms(units: list[Unit], lang: str, searcher: Searcher) -> set[str]:
    wanted: set[str] = set()
    for unit in units:
        if unit.kind == "prefix":
            wanted.update(expand_prefix(searcher, lang, fold(unit.words[0].lower())))
        elif unit.kind == "word":
            wanted.update(word_forms(unit.words[0], lang))
        else:
            wanted.update(index_terms(" ".join(unit.words), lang))
    return wanted


def _plain_words(units: list[Unit]) -> list[str]:
    return [w for u in units if u.kind != "prefix" for w in u.words]


def _unknown_words(units: list[Unit], langs: tuple[str, ...], terms: _Terms, aliases) -> list[str]:
    """Words that match no term in any language and name no entity or topic exactly: likely misspelt.

    The alias fallback (a name that starts the word) is no proof of a right spelling: "Pakistn" finds the
    articles about Pakistan through it, and still gets its suggestion.
    """
    unknown = []
    for word in _plain_words(units):
        if _alias_targets(Unit("word", (word,)), langs, aliases, fallback=False):
            continue
        if not any(terms.hits(lang, index_term(word, lang)) for lang in langs):
            unknown.append(word)
    return unknown


def _suggest(query: str, unknown: list[str], words: spelling.Vocabulary) -> str | None:
    """The query with each unknown word replaced by the closest word of the index's titles and texts."""
    suggestion = query
    for word in unknown:
        low = word.lower()
        option = spelling.best(low, words.near(low))
        if option:
            replacement = spelling.same_case(option, word)
            suggestion = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", replacement, suggestion, count=1)
    return suggestion if suggestion != query else None
