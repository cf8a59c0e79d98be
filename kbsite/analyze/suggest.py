"""Names that recur across articles but are not in entities.yml yet: what `check` proposes to add.

A name is a run of capitalised words ("Marty Beard", "Bank of America"): several words
anywhere, or one word. A sentence capitalises its first word, so that word counts only if it
is capitalised in mid-sentence somewhere too, or the whole name is: "Yesterday John Chen" suggests
"John Chen", "Reuters reported" counts for Reuters once some text says "according to Reuters",
and "Tony Blair said" counts for Tony Blair once some text says "when Tony Blair".
A title or article in front is not part of the name: "Mr Blair" is Blair (a person), "The US"
is US, "El Gobierno" is Gobierno in Spanish and "De Telegraaf" is Telegraaf in Dutch.
A single word is a name when it is an acronym (UK, US, NSA) or when the KB writes it
capitalised in mid-sentence at least as often as in lower case: "Labour", "Apple" and "Arsenal" are
names even if "labour" or "apple" occur, "The" and "News" are not. Month and weekday names never are.
Words already matched by an entity are not suggested and split runs, so "BlackBerry CEO
John Chen" suggests "CEO John Chen" when BlackBerry is known.

Variants are one suggestion: the case forms of a Russian name ("Москва", "Москвы") are one,
a surname alone ("Blair", "Mr Blair") joins the one full name it ends ("Tony Blair") when a
title says one of them is a person ("INSIDE BlackBerry" does not take "BlackBerry"), an acronym
joins the name of its initials ("BBC", "British Broadcasting Corporation"), and a longer run
ending in a known name ("Prime Minister Tony Blair") counts for
that name. Suggestions are ranked by how many articles mention them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import yaml

from kbsite.analyze.dates import CALENDAR_WORDS
from kbsite.analyze.matcher import Matcher
from kbsite.model import Taxonomy
from kbsite.slugs import slugify
from kbsite.textproc import Token, fold, sentences, term, token_offsets, tokenize

# Lower-case words that may sit inside a name: "Bank of America", "Casa de Moneda", "Jan van Eyck".
CONNECTORS = frozenset({"of", "de", "del", "la", "van", "der", "den", "von", "da", "di", "du"})
# Before a person's name, in any language ("Sr." in an English quote is still a title).
TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Sr", "Sra", "Srta", "Dra", "Dhr", "Mevr"})
# Articles in front of a name, in their own language only ("De Beers" in English keeps its "De").
ARTICLES = {"en": frozenset({"The"}), "es": frozenset({"El", "La", "Los", "Las"}), "nl": frozenset({"De", "Het"})}
_JOINERS = frozenset(" \t-‐‑")
_TITLE_BEFORE = re.compile(
    rf"(?:\b(?:{'|'.join(sorted(TITLES))})\.?|(?i:\bг-н|\bг-жа|\bгосподин|\bгоспожа|\bseñor|\bseñora))\s+\Z"
)
_DOMINANT = 2  # a surname shared by several names joins the one mentioned this many times more than the next


@dataclass(frozen=True)
class Suggestion:
    name: str
    articles: int  # how many articles mention it, under any of its forms
    aliases: tuple[str, ...] = ()
    type: str = "other"  # "person" when a title ("Mr", "Sra.", "г-н") stood before it


@dataclass(frozen=True)
class _Occurrence:
    run: list[Token]
    sentence: str
    at_start: bool
    lang: str


def _key(run: list[Token], lang: str) -> tuple[str, ...]:
    """What the forms of one name share, in every article whatever its language: accents aside
    ("Pakistán", "Pakistan"), and a Russian name's case endings ("Москва", "Москвы", "Москву").
    Other languages rarely inflect a name, and stemming them would split "BlackBerry" by language."""
    return tuple(term(t.text, "ru") if _CYRILLIC.search(t.text) else fold(t.text) for t in run)


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _capitalised(token: Token) -> bool:
    return len(token.text) > 1 and token.text[0].isupper()


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper() and word.isalpha()


def _runs(sentence: str, tokens: list[Token], covered: list[bool]) -> list[tuple[list[Token], bool]]:
    """Runs of capitalised words, each with whether it starts the sentence. "Mr." joins the name after it."""
    runs: list[tuple[list[Token], bool]] = []
    run: list[Token] = []
    for i, token in enumerate(tokens):
        gap = set(sentence[run[-1].end:token.start]) if run else set()
        joined = bool(run) and (gap <= _JOINERS or (run[-1].text in TITLES and gap <= _JOINERS | {"."}))
        if not covered[i] and (_capitalised(token) or (joined and token.text in CONNECTORS)):
            if run and not joined:
                run = []
            if not run:
                runs.append((run, i == 0))
            run.append(token)
        else:
            run = []
    return runs


def _names(text: str, lang: str, matcher: Matcher) -> Iterable[_Occurrence]:
    """Candidate names of one text: runs of capitalised words not matched by an entity."""
    spans = sorted((start, end) for start, end, _ in matcher.spans(text, lang))
    starts = [start for start, _ in spans]
    longest = max((end - start for start, end in spans), default=0)
    for offset, sentence in sentences(text):
        tokens = list(tokenize(sentence))
        near = spans[bisect_left(starts, offset - longest):bisect_left(starts, offset + len(sentence))]
        covered = [any(s < offset + t.end and offset + t.start < e for s, e in near) for t in tokens]
        for run, at_start in _runs(sentence, tokens, covered):
            while run and run[-1].text in CONNECTORS:
                run.pop()
            if run:
                yield _Occurrence(run, sentence, at_start, lang)


def _name(occurrence: _Occurrence, capital: Counter[str], inside: set[tuple[str, ...]]) -> tuple[list[Token], bool]:
    """The words of the name, without the sentence's capital, titles and articles in front; and
    whether a title says it is a person."""
    run = occurrence.run
    if occurrence.at_start and run[0].text.lower() not in capital and _key(run, occurrence.lang) not in inside:
        run = run[1:]  # "Yesterday John Chen": the first word is capitalised only by its place
    leading = TITLES | ARTICLES.get(occurrence.lang, frozenset()) | CONNECTORS
    while run and run[0].text in leading:
        run = run[1:]
    return run, bool(run) and bool(_TITLE_BEFORE.search(occurrence.sentence[:run[0].start]))


def suggest_entities(
    texts: Iterable[tuple[str, str, str]], taxonomy: Taxonomy, min_articles: int = 2
) -> list[Suggestion]:
    """(source, text, lang) of every article -> suggestions, most mentioned first."""
    matcher = Matcher(taxonomy)
    found: list[tuple[str, _Occurrence]] = []
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()  # words written capitalised where capitals mean a name
    inside: set[tuple[str, ...]] = set()  # names of several words seen in mid-sentence ("Tony Blair")
    for source, text, lang in texts:
        lower.update(word for word in token_offsets(text)[0] if word.islower())
        for occurrence in _names(text, lang, matcher):
            words = occurrence.run[1 if occurrence.at_start else 0:]
            capital.update(t.text.lower() for t in words)
            stems = _key(words, lang)
            inside.update(stems[i:] for i in range(len(stems) - 1))
            found.append((source, occurrence))

    def is_name(word: str) -> bool:
        if word.casefold() in CALENDAR_WORDS or word in TITLES:
            return False
        return _acronym(word) or capital[word.lower()] >= max(lower[word.lower()], 1)

    sources: dict[tuple[str, ...], set[str]] = defaultdict(set)
    forms: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    persons: set[tuple[str, ...]] = set()
    for source, occurrence in found:
        run, person = _name(occurrence, capital, inside)
        if not run or (len(run) == 1 and not is_name(run[0].text)):
            continue
        key = _key(run, occurrence.lang)
        sources[key].add(source)
        forms[key][occurrence.sentence[run[0].start:run[-1].end]] += 1
        if person:
            persons.add(key)
    return _merged(sources, forms, persons, min_articles)


def _merged(sources: dict[tuple[str, ...], set[str]], forms: dict[tuple[str, ...], Counter[str]],
            persons: set[tuple[str, ...]], min_articles: int) -> list[Suggestion]:
    def written(key: tuple[str, ...]) -> str:
        return min(forms[key].items(), key=lambda item: (-item[1], item[0]))[0]

    parent: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in sources:  # a longer run counts for the longest known name it ends with
        suffix = next((key[i:] for i in range(1, len(key) - 1) if key[i:] in sources and key[i] not in CONNECTORS),
                      None)
        if suffix is not None:
            parent[key] = suffix

    def root_of(key: tuple[str, ...]) -> tuple[str, ...]:
        while key in parent:
            key = parent[key]
        return key

    reach: dict[tuple[str, ...], set[str]] = defaultdict(set)  # articles of each full name and its longer runs
    people: set[tuple[str, ...]] = set()
    for key in sources:
        if len(key) > 1:
            reach[root_of(key)] |= sources[key]
            if key in persons:
                people.add(root_of(key))
    by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    by_initials: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in reach:
        by_last[key[-1]].append(key)
        by_initials["".join(word[0] for word in key if word not in CONNECTORS)].append(key)
    for key in sources:
        if len(key) == 1:
            owners = [o for o in by_last.get(key[0], []) if key in persons or o in people]  # a surname
            if not owners and _acronym(written(key)):
                owners = by_initials.get(key[0], [])
            if (owner := _dominant(owners, reach)) is not None:
                parent[key] = owner

    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in sources:
        groups[root_of(key)].append(key)
    out = []
    for root, members in groups.items():
        where = set().union(*(sources[m] for m in members))
        if len(where) < min_articles:
            continue
        aliases = sorted({written(m) for m in members if len(m) == 1 and m != root})
        kind = "person" if any(m in persons for m in members) else "other"
        out.append(Suggestion(written(root), len(where), tuple(aliases), kind))
    return sorted(out, key=lambda s: (-s.articles, s.name))


def _dominant(owners: Sequence[tuple[str, ...]], sources: dict[tuple[str, ...], set[str]]) -> tuple[str, ...] | None:
    ranked = sorted(owners, key=lambda k: (-len(sources[k]), k))
    if not ranked:
        return None
    if len(ranked) == 1 or len(sources[ranked[0]]) >= _DOMINANT * len(sources[ranked[1]]):
        return ranked[0]
    return None


def entities_yaml(suggestions: Sequence[Suggestion], taken: Iterable[str] = ()) -> str:
    """A ready entities.yml (schema: kb/README.md) of the suggestions, with ids unlike those `taken`."""
    used = {t.lower() for t in taken}
    out = [f"# {len(suggestions)} names that recur across the articles, most mentioned first "
           "(written by `build_index.py check --suggest-entities`). Review them, then keep them in kb/entities.yml."]
    for suggestion in suggestions:
        base = slugify(suggestion.name, "entity")
        entity_id, n = base, 2
        while entity_id.lower() in used:
            entity_id, n = f"{base}-{n}", n + 1
        used.add(entity_id.lower())
        entry: dict[str, object] = {"id": entity_id, "name": suggestion.name, "type": suggestion.type}
        if suggestion.aliases:
            entry["aliases"] = list(suggestion.aliases)
        out.append(f"# in {suggestion.articles} articles")
        out.append(yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000).rstrip("\n"))
    return "\n".join(out) + "\n"
