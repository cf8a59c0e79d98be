"""The made-up world a synthetic KB is written about: vocabularies, entities, topics, publishers, names.

benchmarks/corpus.py writes articles; this module fixes what they can talk about. It is its own
module because everything here depends on the seed alone, never on the number of articles, so a
10k corpus and a 2k one share the same vocabulary and taxonomy, and the words, names and aliases
are built in one place that makes sure no alias means two things.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from random import Random

from benchmarks.vocabulary import (
    AGENCY_FIELDS,
    COMMON,
    CYRILLIC,
    ENDINGS,
    LANGUAGES,
    NAME_CODAS,
    NAME_ONSETS,
    NAME_VOWELS,
    ORGANISATION_KINDS,
    PUBLISHER_PATTERNS,
    SYLLABLES,
    TOPIC_LABELS,
)
from kbsite.slugs import slugify

PSEUDO_STEMS = 2500  # per language: the long tail of the vocabulary
ZIPF_OFFSET = 2.7  # Zipf-Mandelbrot: the commonest word is ~6% of running text, as in real news
ENTITY_TYPES = (("person", 400), ("organisation", 250), ("place", 120), ("product", 130), ("agency", 100))


def zipf_cumulative(count: int, exponent: float = 1.0, offset: int = 1) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + offset) ** exponent for rank in range(count)))


@dataclass(frozen=True)
class Vocabulary:
    """The words of one language, most frequent first, with cumulative Zipf weights for random.choices."""

    lang: str
    words: tuple[str, ...]
    cum_weights: tuple[float, ...]

    def draw(self, rng: Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=k)


@dataclass(frozen=True)
class EntitySpec:
    id: str
    name: str
    type: str
    aliases: dict[str, tuple[str, ...]]
    description: str

    def forms(self, lang: str) -> tuple[str, ...]:
        """How articles in `lang` write the entity: Russian ones in Cyrillic when there is a Cyrillic alias."""
        own = self.aliases.get(lang, ())
        shared = self.aliases.get("*", ())
        if lang == "ru" and own:
            return (*own, *shared)
        return (self.name, *own, *shared)

    def as_yaml(self) -> dict[str, object]:
        entry: dict[str, object] = {"id": self.id, "name": self.name, "type": self.type,
                                    "description": self.description}
        if self.aliases:
            entry["aliases"] = {lang: list(names) for lang, names in sorted(self.aliases.items())}
        return entry


@dataclass(frozen=True)
class TopicSpec:
    id: str
    labels: dict[str, str]
    terms: dict[str, tuple[str, ...]]
    parent: str | None
    entities: tuple[str, ...]
    min_score: int

    def as_yaml(self) -> dict[str, object]:
        entry: dict[str, object] = {"id": self.id, "labels": dict(self.labels),
                                    "description": f"Articles about {self.labels['en'].lower()}."}
        if self.parent:
            entry["parent"] = self.parent
        entry["terms"] = {lang: list(words) for lang, words in self.terms.items()}
        if self.entities:
            entry["entities"] = list(self.entities)
        if self.min_score != 1:
            entry["min_score"] = self.min_score
        return entry


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pseudo_word(rng: Random, lang: str) -> str:
    onsets, vowels, codas = SYLLABLES[lang]
    return "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.randint(1, 3)))


def make_vocabulary(lang: str, rng: Random) -> Vocabulary:
    words = list(dict.fromkeys(COMMON[lang].split()))
    seen = {w.casefold() for w in words}
    weights: list[float] = [1.0 / (rank + ZIPF_OFFSET) for rank in range(len(words))]
    stems = 0
    while stems < PSEUDO_STEMS:
        stem = _pseudo_word(rng, lang)
        forms = [stem + ending for ending in rng.choice(ENDINGS[lang])]
        if len(stem) < 3 or any(f.casefold() in seen for f in forms):
            continue
        seen.update(f.casefold() for f in forms)
        weight = 1.0 / (len(weights) + ZIPF_OFFSET)
        shares = [0.5 ** i for i in range(len(forms))]
        words += forms
        weights += [weight * s / sum(shares) for s in shares]
        stems += 1
    return Vocabulary(lang, tuple(words), tuple(itertools.accumulate(weights)))


def name_word(rng: Random) -> str:
    word = rng.choice(NAME_ONSETS) + rng.choice(NAME_VOWELS) + rng.choice(NAME_CODAS)
    if rng.random() < 0.6:
        word += rng.choice(NAME_VOWELS) + rng.choice(NAME_CODAS)
    return word


def cyrillic(text: str) -> str:
    """'Korvan Dalst' -> 'Корван Далст': how a Russian article writes a made-up Latin name."""
    out: list[str] = []
    for word in text.split(" "):
        lower, letters, i = word.lower(), [], 0
        while i < len(lower):
            for latin, cyr in CYRILLIC:
                if lower.startswith(latin, i):
                    letters.append(cyr)
                    i += len(latin)
                    break
            else:
                letters.append(lower[i])
                i += 1
        out.append(capital("".join(letters)) if word[:1].isupper() else "".join(letters))
    return " ".join(out)


def make_entities(rng: Random, taken: set[str]) -> list[EntitySpec]:
    """~1,000 entities in Zipf rank order (the first is mentioned most)."""
    used = set(taken)
    ids: set[str] = set()

    def fresh() -> str:
        """A name word no other entity and no running text uses, so each alias means one entity."""
        while True:
            word = name_word(rng)
            if word.casefold() not in used:
                used.add(word.casefold())
                return word

    def acronym(words: Sequence[str]) -> str | None:
        letters = "".join(w[0] for w in words).upper()
        if len(letters) < 3:
            letters += words[0][1:3].upper()
        letters = letters[:4]
        if letters.casefold() in used:
            return None
        used.add(letters.casefold())
        return letters

    kinds = [kind for kind, count in ENTITY_TYPES for _ in range(count)]
    rng.shuffle(kinds)
    places: list[str] = []
    specs: list[EntitySpec] = []
    for number, kind in enumerate(kinds):
        aliases: dict[str, tuple[str, ...]] = {}
        if kind == "person":
            first, last = fresh(), fresh()
            name = f"{first} {last}"
            aliases = {"ru": (cyrillic(name), cyrillic(last)), "*": (last,)}
        elif kind == "organisation":
            word = fresh()
            name = f"{word} {rng.choice(ORGANISATION_KINDS)}"
            aliases["ru"] = (cyrillic(word),)
            short = acronym(name.split(" ")) if rng.random() < 0.6 else None
            if short:
                aliases["*"] = (short,)
        elif kind == "place" or not places:
            kind = "place"
            name = fresh()
            places.append(name)
            aliases = {"en": (f"{name}ian",), "es": (f"{name}eño",), "nl": (f"{name}se",),
                       "ru": (cyrillic(name), cyrillic(name) + "ский")}
        elif kind == "product":
            name = f"{fresh()} {rng.choice(('Pro', 'One', 'Max', 'Go'))} {rng.randint(2, 12)}"
        else:
            place, (en, es, nl, ru) = rng.choice(places), rng.choice(AGENCY_FIELDS)
            while slugify(f"{place} {en} Agency") in ids:
                place, (en, es, nl, ru) = rng.choice(places), rng.choice(AGENCY_FIELDS)
            name = f"{place} {en} Agency"
            aliases = {"es": (f"Agencia de {es} de {place}",), "nl": (f"Agentschap voor {nl} van {place}",),
                       "ru": (f"Агентство по {ru} {cyrillic(place)}а",)}
            short = acronym([place, *en.split(" "), "Agency"])
            if short:
                aliases["*"] = (short,)
        ids.add(slugify(name))
        specs.append(EntitySpec(slugify(name), name, kind, aliases, f"A made-up {kind} (entity {number + 1})."))
    return specs


def make_topics(rng: Random, taken: set[str], entities: list[EntitySpec]) -> list[TopicSpec]:
    used = set(taken)
    specs: list[TopicSpec] = []
    ids = sorted(TOPIC_LABELS)
    rng.shuffle(ids)  # the Zipf rank of each topic
    for number, topic_id in enumerate(ids):
        labels = dict(zip(LANGUAGES, TOPIC_LABELS[topic_id], strict=True))
        topic_terms: dict[str, tuple[str, ...]] = {}
        for lang in LANGUAGES:
            extra: list[str] = []
            while len(extra) < 2:
                word = _pseudo_word(rng, lang)
                if len(word) >= 4 and word.casefold() not in used:
                    used.add(word.casefold())
                    extra.append(word)
            label = labels[lang]
            topic_terms[lang] = (label if label.isupper() else label.lower(), extra[0],
                                 f"{extra[1]} {rng.choice(COMMON[lang].split()[60:])}")
        parent = ids[rng.randrange(8)] if number >= 20 else None
        related = tuple(sorted({rng.choice(entities[:200]).id for _ in range(2)}))
        specs.append(TopicSpec(topic_id, labels, topic_terms, parent, related, 2 if number % 3 == 2 else 1))
    return specs


def make_publishers(rng: Random, lang: str) -> list[str]:
    names: dict[str, None] = {}
    while len(names) < 30:
        place = name_word(rng)
        names[rng.choice(PUBLISHER_PATTERNS[lang]).format(cyrillic(place) if lang == "ru" else place)] = None
    return list(names)
