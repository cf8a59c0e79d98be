"""Finds the taxonomy's entities and topic terms in an article, in any inflection.

Every alias and term becomes a phrase: a sequence of words, each known by two keys, its
term in the article's language (kbsite.textproc.term) and its plain folded form. A word of
the text matches a word of a phrase when they share a key, so "Пакистане" matches
"Пакистан" although Snowball stems the two differently, and "pakistaní" matches "Pakistán".
Phrases are indexed by the keys of their first word, so a text is read once, whatever the
size of the taxonomy. At each word the longest phrase wins and the scan goes on after it
("BlackBerry Enterprise Service" is BES, not BlackBerry). Words of a phrase must follow each
other on one line, separated as in the alias (spaces and hyphens are interchangeable).

Entities match under every alias of every language: articles quote names in other
languages. Topic terms match in their own language and "*" only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from kbsite.analyze.taxonomy import ANY_LANGUAGE, is_acronym
from kbsite.model import Mention, Taxonomy, TopicHit
from kbsite.textproc import Token, fold, sentences, term, tokenize

MAX_EVIDENCE = 3
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]+")

Span = tuple[int, int, str]


@dataclass(frozen=True)
class _Phrase:
    keys: tuple[frozenset[str], ...]
    gaps: tuple[str, ...]  # what separates word i from word i+1, without spaces and hyphens
    cased: tuple[str, ...] | None  # the words as written, when capitals must agree
    target: str  # entity or topic id


_Index = dict[str, list[_Phrase]]


@lru_cache(maxsize=200_000)
def _word_keys(word: str, lang: str) -> frozenset[str]:
    return frozenset((term(word, lang), fold(word)))


def _gap(between: str) -> str:
    return _SEPARATORS.sub("", between)


def _same_case(written: str, found: str) -> bool:
    """'BES' agrees with 'BES' and 'BESs' but not with 'bes' or 'Bes'."""
    return all(a.isupper() == b.isupper() for a, b in zip(written, found, strict=False))


def _phrase(text: str, lang: str, target: str, cased: bool) -> _Phrase | None:
    tokens = list(tokenize(text))
    if not tokens:
        return None
    gaps = tuple(_gap(text[a.end:b.start]) for a, b in pairwise(tokens))
    return _Phrase(
        keys=tuple(_word_keys(t.text, lang) for t in tokens),
        gaps=gaps,
        cased=tuple(t.text for t in tokens) if cased else None,
        target=target,
    )


def _build_index(phrases: list[_Phrase]) -> _Index:
    index: dict[str, list[_Phrase]] = defaultdict(list)
    for phrase in phrases:
        for key in phrase.keys[0]:
            index[key].append(phrase)
    return dict(index)


def _matches(phrase: _Phrase, text: str, tokens: list[Token], keys: list[frozenset[str]], i: int) -> bool:
    if i + len(phrase.keys) > len(tokens):
        return False
    for j, wanted in enumerate(phrase.keys):
        token = tokens[i + j]
        if not wanted & keys[i + j]:
            return False
        if phrase.cased is not None and not _same_case(phrase.cased[j], token.text):
            return False
        if j:
            between = text[tokens[i + j - 1].end:token.start]
            if "\n" in between or _gap(between) != phrase.gaps[j - 1]:
                return False
    return True


def _tokens(text: str, lang: str) -> tuple[list[Token], list[frozenset[str]]]:
    tokens = list(tokenize(text))
    return tokens, [_word_keys(t.text, lang) for t in tokens]


def _scan(text: str, tokens: list[Token], keys: list[frozenset[str]], index: _Index, shadow: bool) -> list[Span]:
    """Leftmost-longest matches, in text order; a phrase shared by several targets yields a span for each.

    With shadow, a match hides every shorter one inside it, whatever its target (entities);
    without, only matches of the same target hide each other (topic terms: "monitor all" for
    one topic must not hide "monitor" for another).
    """
    spans: list[Span] = []
    free_from: dict[str, int] = {}  # target -> first token it may match again
    i = 0
    while i < len(tokens):
        candidates = [p for key in keys[i] if key in index for p in index[key]]
        longest: dict[str, int] = {}
        for phrase in candidates:
            if free_from.get(phrase.target, 0) <= i and _matches(phrase, text, tokens, keys, i):
                longest[phrase.target] = max(longest.get(phrase.target, 0), len(phrase.keys))
        if not longest:
            i += 1
            continue
        if shadow:
            length = max(longest.values())
            longest = {target: n for target, n in longest.items() if n == length}
        for target, length in sorted(longest.items()):
            spans.append((tokens[i].start, tokens[i + length - 1].end, target))
            free_from[target] = i + length
        i += max(longest.values()) if shadow else 1
    return spans


class _Sentences:
    """Sentence lookup by offset, for passages and evidence."""

    def __init__(self, text: str) -> None:
        self.items = sentences(text)
        self.starts = [start for start, _ in self.items]

    def index_at(self, offset: int) -> int:
        return max(bisect_right(self.starts, offset) - 1, 0)

    def index_of(self, sentence: str) -> int | None:
        return next((i for i, (_, s) in enumerate(self.items) if s == sentence), None)


class Matcher:
    """Built once per taxonomy and shared by all articles; the per-language indexes are built on first use."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._patterns = {t.id: tuple(re.compile(p) for p in t.patterns) for t in taxonomy.topics if t.patterns}
        self._entity_index: dict[str, _Index] = {}
        self._topic_index: dict[str, _Index] = {}
        self._last: tuple[str, str, list[Token], list[frozenset[str]]] | None = None

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_entity_index": {}, "_topic_index": {}, "_last": None}

    def _tokens(self, text: str, lang: str) -> tuple[list[Token], list[frozenset[str]]]:
        """mentions() and then topics() read the same text: tokenise it once."""
        last = self._last
        if last is None or last[0] is not text or last[1] != lang:
            last = self._last = (text, lang, *_tokens(text, lang))
        return last[2], last[3]

    def _entities(self, lang: str) -> _Index:
        if lang not in self._entity_index:
            phrases = []
            for entity in self.taxonomy.entities:
                cased = set(entity.case_sensitive)
                for alias in entity.all_aliases():
                    phrases.append(_phrase(alias, lang, entity.id, alias in cased))
            self._entity_index[lang] = _build_index([p for p in phrases if p])
        return self._entity_index[lang]

    def _topics(self, lang: str) -> _Index:
        if lang not in self._topic_index:
            phrases = []
            for topic in self.taxonomy.topics:
                for words in (topic.terms.get(lang, ()), topic.terms.get(ANY_LANGUAGE, ())):
                    phrases.extend(_phrase(w, lang, topic.id, is_acronym(w)) for w in words)
            self._topic_index[lang] = _build_index([p for p in phrases if p])
        return self._topic_index[lang]

    def spans(self, text: str, lang: str) -> list[Span]:
        return _scan(text, *self._tokens(text, lang), self._entities(lang), shadow=True)

    def mentions(self, text: str, lang: str) -> tuple[Mention, ...]:
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for start, end, entity in self.spans(text, lang):
            found[entity].append((start, end))
        if not found:
            return ()
        lookup = _Sentences(text)
        return tuple(
            Mention(
                entity=entity,
                count=len(places),
                forms=tuple(sorted({text[s:e] for s, e in places})),
                passage=lookup.items[lookup.index_at(places[0][0])][1] if lookup.items else "",
            )
            for entity, places in sorted(found.items())
        )

    def topics(self, text: str, lang: str, mentions: tuple[Mention, ...] = ()) -> tuple[TopicHit, ...]:
        lookup = _Sentences(text)
        score: dict[str, float] = defaultdict(float)
        evidence: dict[str, set[int]] = defaultdict(set)
        for start, _end, topic in _scan(text, *self._tokens(text, lang), self._topics(lang), shadow=False):
            score[topic] += 1
            evidence[topic].add(lookup.index_at(start))
        for topic, patterns in self._patterns.items():
            for pattern in patterns:
                for m in pattern.finditer(text):
                    if m.end() > m.start():
                        score[topic] += 1
                        evidence[topic].add(lookup.index_at(m.start()))
        by_entity = {m.entity: m for m in mentions}
        for topic in self.taxonomy.topics:
            for entity in topic.entities:
                mention = by_entity.get(entity)
                if mention is None or mention.count <= 0:
                    continue
                score[topic.id] += mention.count
                where = lookup.index_of(mention.passage)
                if where is not None:
                    evidence[topic.id].add(where)
        minimum = {t.id: t.min_score for t in self.taxonomy.topics}
        return tuple(
            TopicHit(
                topic=topic,
                score=score[topic],
                evidence=tuple(lookup.items[i][1] for i in sorted(evidence[topic])[:MAX_EVIDENCE]),
            )
            for topic in sorted(score)
            if topic in minimum and score[topic] >= minimum[topic]
        )
