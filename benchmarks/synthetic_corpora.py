"""The synthetic corpus of benchmarks/corpus.py with its labels, and planted copies, for bench_knowledge.py.

corpus.py knows what it wrote: each article's topics (the main one first: its headline ends with that
topic's first term) and its story (8% of stories are told in en, es, nl and ru on the same day). On top,
DUPLICATE_SHARE of its Markdown articles get a copy in the same folder, one of three kinds a real archive
has: the same bytes; another headline; the same text re-spaced with one sentence left out.

Labels: subject = the main topic, subjects = all of its topics, story = the story told in several
languages (the copies are not part of it), duplicate = an article and its copy. Like the real corpus,
it is a held-out measure: no kbsite parameter is tuned on it.

    python benchmarks/synthetic_corpora.py --articles 2000 --out DIR [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import timedelta
from pathlib import Path
from random import Random

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import DAYS, FIRST_DAY, ArticleFile, Corpus
from benchmarks.knowledge_labels import LABELS_FILE, ArticleLabel, CorpusLabels, write_labels

DUPLICATE_SHARE = 0.04
KINDS = ("exact", "headline", "edited")
UPDATE = {"en": "update", "es": "actualización", "nl": "update", "ru": "обновление"}


def copy_of(article: ArticleFile, rng: Random) -> ArticleFile:
    """A copy of a Markdown article as archives get them: saved twice, re-titled, or re-spaced and cut."""
    kind = rng.choice(KINDS)
    content = article.content
    if kind == "headline":
        lang = re.search(r"(?m)^lang: (\w+)$", content)
        suffix = UPDATE.get(lang.group(1) if lang else "en", "update")
        title = yaml.safe_load(content.split("\n---\n")[0].removeprefix("---\n"))["title"]
        headline = json.dumps(f"{title} ({suffix})", ensure_ascii=False)  # JSON strings are YAML strings
        content = re.sub(r"(?m)^title: .*$", lambda _: f"title: {headline}", content, count=1)
    elif kind == "edited":
        head, _, body = content.partition("\n---\n")
        paragraphs = body.strip().split("\n\n")
        sentences = [s for s in re.split(r"(?<=[.?])\s+", paragraphs[-1]) if s]
        paragraphs[-1] = "  ".join(sentences[:-1] if len(sentences) > 1 else sentences)
        paragraphs = [p.replace(". ", ".\n") if not p.startswith("#") else p for p in paragraphs]
        content = f"{head}\n---\n\n\n" + "\n\n\n".join(paragraphs) + "\n"
    stem = article.path[: -len(".md")]
    return ArticleFile(f"{stem}-copy.md", content, None, story=-1, topics=article.topics)


def write_project(out: Path, articles: int, seed: int = 1) -> CorpusLabels:
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out}: exists and is not empty; give a new folder")
    corpus = Corpus(articles, seed)
    kb = out / "kb"
    kb.mkdir(parents=True)
    (out / "mkdocs.yml").write_text(f"site_name: Synthetic KB of {articles} articles\n", encoding="utf-8")
    topics, entities = corpus.taxonomy_yaml()
    (kb / "topics.yml").write_text(topics, encoding="utf-8")
    (kb / "entities.yml").write_text(entities, encoding="utf-8")
    files = list(corpus.articles())
    tellings: dict[int, int] = {}
    for article in files:
        tellings[article.story] = tellings.get(article.story, 0) + 1
    labels: dict[str, ArticleLabel] = {}

    def add(article: ArticleFile, duplicate: str | None) -> None:
        path = kb / article.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article.content, encoding="utf-8")
        if article.sidecar is not None:
            path.with_name(path.name + ".meta.yml").write_text(article.sidecar, encoding="utf-8")
        story = f"story:{article.story}" if tellings.get(article.story, 0) > 1 else None
        labels[article.path] = ArticleLabel(article.path, article.topics[0], article.topics, story, duplicate)

    for number, article in enumerate(files):
        rng = Random(f"{seed}:duplicate:{number}")
        if article.path.endswith(".md") and rng.random() < DUPLICATE_SHARE:
            add(article, f"dup:{number}")
            add(copy_of(article, rng), f"dup:{number}")
        else:
            add(article, None)
    last = FIRST_DAY + timedelta(days=DAYS)
    years = ((FIRST_DAY - timedelta(days=3)).year, last.year)  # an article may tell of a day 3 days before it
    result = CorpusLabels(f"synthetic-{articles}", years, labels,
                          note=f"benchmarks/corpus.py seed {seed}, {DUPLICATE_SHARE:.0%} of .md articles copied")
    write_labels(out / LABELS_FILE, result)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles before the copies (default: %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="the project folder to create (new or empty)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    labels = write_project(args.out, args.articles, args.seed)
    print(f"Wrote {len(labels.articles)} articles to {args.out} ({labels.note})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
