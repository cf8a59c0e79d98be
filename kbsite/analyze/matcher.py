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

A topic term matches the inflections of its own word, not another word that stems alike. In
English one spelling is often a noun and a verb, and the stemmer joins "game" and "gaming",
"share" and "sharing", "show" and "showed", although a "show" is not what figures "showed". So
an English term matches only words of its own kind: participles (-ed, -ing, -ings) find
participles, other forms find other forms ("show" finds "shows", "ordered" finds "ordering";
list both forms for both). Other languages mark what they inflect in the ending the stemmer
removes, and keep matching every form of the stem.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, pairwise

from kbsite.analyze.patterns import compile_pattern, match_starts
from kbsite.analyze.taxonomy import ANY_LANGUAGE, is_acronym
from kbsite.model import Mention, Taxonomy, TopicHit
from kbsite.textproc import WordMemo, fold, sentences, term, token_offsets, tokenize

MAX_EVIDENCE = 3
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]+")

Span = tuple[int, int, str]


@dataclass(frozen=True)
class _Phrase:
    keys: tuple[frozenset[str], ...]
    gaps: tuple[str, ...]  # what separates word i from word i+1, without spaces and hyphens
    cased: tuple[str, ...] | None  # the words as written, when capitals must agree
    target: str  # entity or topic id
    kinds: tuple[str, ...] | None = None  # topic terms: the kind of each word (word_kind), which a match shares


@lru_cache(maxsize=200_000)
def _word_keys(word: str, lang: str) -> frozenset[str]:
    return frozenset((term(word, lang), fold(word)))


_PARTICIPLE_ENDINGS = ("ed", "ing")


@lru_cache(maxsize=200_000)
def word_kind(word: str, lang: str) -> str:
    """'participle' for an English word whose -ed/-ing ending the stemmer cuts (and its plural: "buildings",
    "hundreds"; not "need" or "thing"), else ''."""
    if lang != "en":
        return ""
    bare = fold(word).removesuffix("'s")
    if bare.endswith("s") and bare[:-1].endswith(_PARTICIPLE_ENDINGS):
        bare = bare[:-1]
    stem = term(word, lang)
    return "participle" if any(bare.endswith(e) and not stem.endswith(e) for e in _PARTICIPLE_ENDINGS) else ""


def _gap(between: str) -> str:
    return _SEPARATORS.sub("", between)


def _same_case(written: str, found: str) -> bool:
    """'BES' agrees with 'BES' and 'BESs' but not with 'bes' or 'Bes'."""
    return all(a.isupper() == b.isupper() for a, b in zip(written, found, strict=False))


def _phrase(text: str, lang: str, target: str, cased: bool, own_kind: bool = False) -> _Phrase | None:
    """`own_kind`: the words of the text must be of the kind of the phrase's words (topic terms)."""
    tokens = list(tokenize(text))
    if not tokens:
        return None
    gaps = tuple(_gap(text[a.end:b.start]) for a, b in pairwise(tokens))
    return _Phrase(
        keys=tuple(_word_keys(t.text, lang) for t in tokens),
        gaps=gaps,
        cased=tuple(t.text for t in tokens) if cased else None,
        target=target,
        kinds=tuple(word_kind(t.text, lang) for t in tokens) if own_kind else None,
    )


@dataclass(frozen=True)
class _Starts:
    """The phrases a word may start: those of one word, and the longer ones by the keys of their second word
    ("Agencia de ..." starts hundreds of aliases; the next word rules out nearly all)."""

    single: tuple[_Phrase, ...]
    by_second: dict[str, list[_Phrase]]

    def at(self, words: list[str], i: int, lang: str) -> list[_Phrase]:
        found = list(self.single)
        if self.by_second and i + 1 < len(words):
            for key in _word_keys(words[i + 1], lang):
                found += self.by_second.get(key, ())
        return found


class _Index(WordMemo["_Starts | None"]):
    """word of a text -> the phrases it may start, looked up on first sight: most words start none,
    and a text is then read at the speed of a dict lookup per word."""

    def __init__(self, phrases: list[_Phrase], lang: str) -> None:
        super().__init__()
        by_key: dict[str, list[_Phrase]] = defaultdict(list)
        for phrase in phrases:
            for key in phrase.keys[0]:
                by_key[key].append(phrase)
        self.by_key = dict(by_key)
        self.lang = lang

    def look_up(self, word: str) -> _Starts | None:
        by_key = self.by_key
        kind = word_kind(word, self.lang)
        phrases = [p for key in _word_keys(word, self.lang) if key in by_key for p in by_key[key]
                   if p.kinds is None or p.kinds[0] == kind]
        single = tuple(p for p in phrases if len(p.keys) == 1)
        by_second: dict[str, list[_Phrase]] = defaultdict(list)
        for phrase in phrases:
            for key in phrase.keys[1] if len(phrase.keys) > 1 else ():
                by_second[key].append(phrase)
        return _Starts(single, dict(by_second)) if phrases else None


@dataclass(frozen=True)
class _Words:
    """The words of one text and where they are."""

    text: str
    words: list[str]
    offsets: list[tuple[int, int]]


def _matches(phrase: _Phrase, found: _Words, lang: str, i: int) -> bool:
    """Whether the phrase is at word i; its first word shares a key with word i, which is how it was found."""
    words, offsets = found.words, found.offsets
    if i + len(phrase.keys) > len(words):
        return False
    if phrase.cased is not None and not _same_case(phrase.cased[0], words[i]):
        return False
    for j in range(1, len(phrase.keys)):
        word = words[i + j]
        if not phrase.keys[j] & _word_keys(word, lang):
            return False
        if phrase.kinds is not None and phrase.kinds[j] != word_kind(word, lang):
            return False
        if phrase.cased is not None and not _same_case(phrase.cased[j], word):
            return False
        between = found.text[offsets[i + j - 1][1]:offsets[i + j][0]]
        if "\n" in between or _gap(between) != phrase.gaps[j - 1]:
            return False
    return True


def _scan(found: _Words, index: _Index, shadow: bool) -> list[Span]:
    """Leftmost-longest matches, in text order; a phrase shared by several targets yields a span for each.

    With shadow, a match hides every shorter one inside it, whatever its target (entities);
    without, only matches of the same target hide each other (topic terms: "monitor all" for
    one topic must not hide "monitor" for another).
    """
    spans: list[Span] = []
    free_from: dict[str, int] = {}  # target -> first word it may match again
    shadowed_until = 0  # with shadow: the first word after the last match
    starting = list(map(index.__getitem__, found.words))
    for i in compress(range(len(starting)), starting):
        if i < shadowed_until:
            continue
        longest: dict[str, int] = {}
        for phrase in starting[i].at(found.words, i, index.lang):  # type: ignore[union-attr]
            if free_from.get(phrase.target, 0) <= i and _matches(phrase, found, index.lang, i):
                longest[phrase.target] = max(longest.get(phrase.target, 0), len(phrase.keys))
        if not longest:
            continue
        if shadow:
            length = max(longest.values())
            longest = {target: n for target, n in longest.items() if n == length}
            shadowed_until = i + length
        for target, length in sorted(longest.items()):
            spans.append((found.offsets[i][0], found.offsets[i + length - 1][1], target))
            free_from[target] = i + length
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
        self._patterns = {t.id: tuple(map(compile_pattern, t.patterns)) for t in taxonomy.topics if t.patterns}
        self._entity_index: dict[str, _Index] = {}
        self._topic_index: dict[str, _Index] = {}

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_entity_index": {}, "_topic_index": {}}

    def prepare(self) -> None:
        """Build the indexes of the languages the taxonomy names, which its articles are likely written in,
        before the build forks its workers: each would otherwise build them again for its share of the articles.
        """
        languages = {lang for entity in self.taxonomy.entities for lang in entity.aliases}
        languages |= {lang for topic in self.taxonomy.topics for lang in topic.terms}
        for lang in sorted(languages - {ANY_LANGUAGE}):
            self._entities(lang)
            self._topics(lang)

    def _entities(self, lang: str) -> _Index:
        if lang not in self._entity_index:
            phrases = []
            for entity in self.taxonomy.entities:
                cased = set(entity.case_sensitive)
                for alias in entity.all_aliases():
                    phrases.append(_phrase(alias, lang, entity.id, alias in cased))
            self._entity_index[lang] = _Index([p for p in phrases if p], lang)
        return self._entity_index[lang]

    def _topics(self, lang: str) -> _Index:
        if lang not in self._topic_index:
            phrases = []
            for topic in self.taxonomy.topics:
                for words in (topic.terms.get(lang, ()), topic.terms.get(ANY_LANGUAGE, ())):
                    phrases.extend(_phrase(w, lang, topic.id, is_acronym(w), own_kind=True) for w in words)
            self._topic_index[lang] = _Index([p for p in phrases if p], lang)
        return self._topic_index[lang]

    def spans(self, text: str, lang: str) -> list[Span]:
        return _scan(_Words(text, *token_offsets(text)), self._entities(lang), shadow=True)

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

    def topics(self, text: str, lang: str, mentions: tuple[Mention, ...] = (),
               slow: list[str] | None = None) -> tuple[TopicHit, ...]:
        """`slow` collects the patterns that ran out of time on this text (they count nothing)."""
        lookup = _Sentences(text)
        score: dict[str, float] = defaultdict(float)
        evidence: dict[str, set[int]] = defaultdict(set)
        for start, _end, topic in _scan(_Words(text, *token_offsets(text)), self._topics(lang), shadow=False):
            score[topic] += 1
            evidence[topic].add(lookup.index_at(start))
        for topic, patterns in self._patterns.items():
            for pattern in patterns:
                try:
                    starts = match_starts(pattern, text)
                except TimeoutError:
                    if slow is not None:
                        slow.append(pattern.pattern)
                    continue
                for start in starts:
                    score[topic] += 1
                    evidence[topic].add(lookup.index_at(start))
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
