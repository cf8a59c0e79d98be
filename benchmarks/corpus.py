"""Synthetic multilingual knowledge bases for the benchmarks, deterministic to the byte.

A real user's KB is thousands of articles in several languages with a taxonomy of its own, so the
generator writes that: English, Spanish, Dutch and Russian news-like articles of 400-700 words
(Zipf-distributed vocabulary of real common words and pseudo-words in inflected forms, so stemming
matters), ~30 topics and ~1,000 entities with aliases in the four languages whose terms appear with
Zipf-like frequencies, and some stories told in all four languages on the same day.
Everything comes from random.Random seeded with strings; each story has its own generator, so the
first N articles of a bigger corpus are the articles of the smaller one.
What the articles can talk about (vocabularies, entities, topics, publishers) depends on the seed alone
and lives in benchmarks/corpus_world.py; this module writes the articles and the project folder.

    python benchmarks/corpus.py --articles 1000 --out /tmp/kb1k [--seed 1]
"""

from __future__ import annotations

import argparse
import html
import itertools
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from random import Random

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus_world import (
    EntitySpec,
    TopicSpec,
    Vocabulary,
    capital,
    make_entities,
    make_publishers,
    make_topics,
    make_vocabulary,
    name_word,
    zipf_cumulative,
)
from benchmarks.vocabulary import ENDINGS, LANGUAGES
from kbsite.analyze.matcher import word_kind
from kbsite.slugs import slugify
from kbsite.textproc import terms

REPO = Path(__file__).resolve().parent.parent
LANGUAGE_SHARE = {"en": 0.34, "es": 0.22, "nl": 0.22, "ru": 0.22}
GROUP_SHARE = 0.08  # stories told in all four languages
FORMAT_SHARE = (("md", 0.80), ("txt", 0.12), ("html", 0.08))
FIRST_DAY = date(2015, 1, 1)
DAYS = (date(2024, 12, 31) - FIRST_DAY).days
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
}
DATE_SENTENCE = {
    "en": "On {day} {month} {year} {rest}.",
    "es": "El {day} de {month} de {year} {rest}.",
    "nl": "Op {day} {month} {year} {rest}.",
    "ru": "{day} {month} {year} года {rest}.",
}


@dataclass(frozen=True)
class ArticleFile:
    path: str  # relative to kb/
    content: str
    sidecar: str | None = None  # the YAML of <path>.meta.yml
    story: int = -1  # the story it tells: a story told in several languages has several files
    topics: tuple[str, ...] = ()  # the topic ids it was written about, the main one first


class Corpus:
    """The plan of one synthetic KB: its vocabulary and taxonomy are fixed by the seed, its articles by N."""

    def __init__(self, articles: int, seed: int = 1) -> None:
        self.size = articles
        self.seed = seed
        self.vocabularies = {lang: make_vocabulary(lang, Random(f"{seed}:vocabulary:{lang}")) for lang in LANGUAGES}
        taken = {w.casefold() for v in self.vocabularies.values() for w in v.words}
        self.entities = make_entities(Random(f"{seed}:entities"), taken)
        self.topics = make_topics(Random(f"{seed}:topics"), taken, self.entities)
        self.publishers = {lang: make_publishers(Random(f"{seed}:publishers:{lang}"), lang) for lang in LANGUAGES}
        self.authors = [f"{name_word(rng := Random(f'{seed}:author:{i}'))} {name_word(rng)}" for i in range(300)]
        self._entity_weights = zipf_cumulative(len(self.entities), 1.1)
        self._topic_weights = zipf_cumulative(len(self.topics), 0.8)
        self._publisher_weights = zipf_cumulative(30, 1.0)
        self._variants: dict[tuple[str, str], list[str]] = {}

    @cached_property
    def topic_by_id(self) -> dict[str, TopicSpec]:
        return {t.id: t for t in self.topics}

    def taxonomy_yaml(self) -> tuple[str, str]:
        """kb/topics.yml and kb/entities.yml."""
        head = f"# A synthetic taxonomy written by benchmarks/corpus.py (seed {self.seed}).\n"
        topics = yaml.safe_dump([t.as_yaml() for t in self.topics], allow_unicode=True, sort_keys=False, width=1000)
        entities = yaml.safe_dump([e.as_yaml() for e in sorted(self.entities, key=lambda e: e.id)],
                                  allow_unicode=True, sort_keys=False, width=1000)
        return head + topics, head + entities

    def articles(self) -> Iterator[ArticleFile]:
        """The article files in order; stories keep being told until there are `size` of them."""
        number = 0
        for story in itertools.count():
            rng = Random(f"{self.seed}:story:{story}")
            grouped = rng.random() < GROUP_SHARE
            langs = LANGUAGES if grouped else (_weighted(rng, LANGUAGE_SHARE),)
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            entities = self._pick(rng, self.entities, self._entity_weights, rng.randint(3, 8))
            topics = self._pick(rng, self.topics, self._topic_weights, rng.randint(1, 3))
            for lang in langs:
                if number == self.size:
                    return
                article = self._article(Random(f"{self.seed}:article:{number}"), number, lang, day, entities, topics)
                yield replace(article, story=story, topics=tuple(t.id for t in topics))
                number += 1

    @staticmethod
    def _pick(rng: Random, items: Sequence, cum_weights: list[float], k: int) -> list:
        """k distinct items, the frequent ones more often, in the order drawn (the first is the main one)."""
        chosen: dict[int, None] = {}
        while len(chosen) < k:
            chosen[rng.choices(range(len(items)), cum_weights=cum_weights)[0]] = None
        return [items[i] for i in chosen]

    def _article(self, rng: Random, number: int, lang: str, day: date, entities: list[EntitySpec],
                 topics: list[TopicSpec]) -> ArticleFile:
        vocabulary = self.vocabularies[lang]
        inserts: list[str] = []
        for rank, entity in enumerate(entities):
            forms = entity.forms(lang)
            for _ in range(rng.randint(3, 5) if rank == 0 else rng.randint(1, 2)):
                inserts.append(self._inflect(rng, rng.choice(forms), lang))
        for topic in topics:
            for _ in range(rng.randint(2, 4)):
                inserts.append(self._inflect(rng, rng.choice(topic.terms[lang]), lang))
        rng.shuffle(inserts)
        target = rng.randint(400, 700)
        sentences = [_date_sentence(rng, lang, day - timedelta(days=rng.randint(0, 3)), vocabulary)]
        words = len(sentences[0].split())
        while words < target:
            sentence = vocabulary.draw(rng, rng.randint(8, 22))
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                if inserts:
                    sentence.insert(rng.randrange(len(sentence) + 1), inserts.pop())
            if rng.random() < 0.2:
                sentence[rng.randrange(len(sentence) - 1)] += ","
            text = " ".join(sentence)
            sentences.append(text[0].upper() + text[1:] + rng.choice((".", ".", ".", ".", "?")))
            words += len(text.split())
        sentences += [capital(f"{w}.") for w in inserts]
        paragraphs: list[str] = []
        while sentences:
            take = rng.randint(3, 6)
            paragraphs.append(" ".join(sentences[:take]))
            del sentences[:take]
        title = capital(" ".join([rng.choice(entities[0].forms(lang)), *vocabulary.draw(rng, rng.randint(2, 4)),
                                   topics[0].terms[lang][0]]))
        meta = {
            "title": title,
            "date": day.isoformat(),
            "lang": lang,
            "publisher": rng.choices(self.publishers[lang], cum_weights=self._publisher_weights)[0],
            "author": rng.choice(self.authors),
        }
        kind = _weighted(rng, dict(FORMAT_SHARE))
        stem = f"{day.year}/{number:06d}-{slugify(title)[:40].rstrip('-')}"
        if kind == "md":
            return ArticleFile(f"{stem}.md", _markdown(rng, meta, paragraphs))
        if kind == "txt":
            body = f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"
            sidecar = None
            if rng.random() < 0.5:
                sidecar = yaml.safe_dump({k: v for k, v in meta.items() if k != "title"}, allow_unicode=True,
                                         sort_keys=False)
            return ArticleFile(f"{stem}.txt", body, sidecar)
        return ArticleFile(f"{stem}.html", _html(meta, paragraphs))

    def _inflect(self, rng: Random, phrase: str, lang: str) -> str:
        """The phrase, or an inflected form of its last word that the stemmer takes back to the same terms and
        that the matcher takes for the same word (in English, "-ed"/"-ing" forms are another kind of word)."""
        key = (phrase, lang)
        if key not in self._variants:
            base = terms(phrase, lang)
            head, _, last = phrase.rpartition(" ")
            candidates = [f"{head} {last}{e}".strip() for group in ENDINGS[lang] for e in group if e]
            kind = word_kind(last, lang)
            self._variants[key] = [phrase, *sorted({c for c in candidates if terms(c, lang) == base
                                                    and word_kind(c.rpartition(" ")[2], lang) == kind})]
        return rng.choice(self._variants[key])


def _weighted(rng: Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _date_sentence(rng: Random, lang: str, day: date, vocabulary: Vocabulary) -> str:
    rest = " ".join(vocabulary.draw(rng, rng.randint(6, 12)))
    return DATE_SENTENCE[lang].format(day=day.day, month=MONTHS[lang][day.month - 1], year=day.year, rest=rest)


def _markdown(rng: Random, meta: dict[str, str], paragraphs: list[str]) -> str:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    body: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if i and rng.random() < 0.15:
            body.append("## " + capital(" ".join(paragraph.split(" ")[2:6]).strip(".,?")))
        body.append(paragraph)
    return f"---\n{front}---\n\n" + "\n\n".join(body) + "\n"


def _html(meta: dict[str, str], paragraphs: list[str]) -> str:
    e = html.escape
    paras = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="{meta["lang"]}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{e(meta['title'])}</title>\n"
            f'<meta name="date" content="{meta["date"]}">\n<meta name="author" content="{e(meta["author"])}">\n'
            f"</head>\n<body>\n<nav><a href=\"/\">{e(meta['publisher'])}</a></nav>\n<article>\n"
            f"<h1>{e(meta['title'])}</h1>\n{paras}\n</article>\n</body>\n</html>\n")


ABOUT = """# About this knowledge base

A synthetic knowledge base written by `benchmarks/corpus.py` for kbsite's benchmarks:
made-up articles in English, Spanish, Dutch and Russian, with a taxonomy of its own.
"""


def write_project(corpus: Corpus, out: Path) -> int:
    """A whole project folder: mkdocs.yml, kb/ (articles and taxonomy), docs/about.md, and the kbsite link."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out}: exists and is not empty; give a new folder")
    kb = out / "kb"
    kb.mkdir(parents=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^site_name: .*$", f'site_name: "Synthetic KB: {corpus.size} articles"', config)
    config = re.sub(r"(?m)^site_description: .*$", "site_description: Made-up articles for kbsite's benchmarks.",
                    config)
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")
    (out / "docs").mkdir()
    (out / "docs" / "about.md").write_text(ABOUT, encoding="utf-8")
    (out / "kbsite").symlink_to(REPO / "kbsite")
    topics, entities = corpus.taxonomy_yaml()
    (kb / "topics.yml").write_text(topics, encoding="utf-8")
    (kb / "entities.yml").write_text(entities, encoding="utf-8")
    count = 0
    for article in corpus.articles():
        path = kb / article.path
        path.parent.mkdir(exist_ok=True)
        path.write_text(article.content, encoding="utf-8")
        if article.sidecar is not None:
            path.with_name(path.name + ".meta.yml").write_text(article.sidecar, encoding="utf-8")
        count += 1
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic multilingual KB project for the benchmarks.")
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default: %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="the project folder to create (new or empty)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same bytes (default: 1)")
    args = parser.parse_args(argv)
    corpus = Corpus(args.articles, args.seed)
    count = write_project(corpus, args.out)
    print(f"Wrote {count} articles, {len(corpus.topics)} topics and {len(corpus.entities)} entities to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
