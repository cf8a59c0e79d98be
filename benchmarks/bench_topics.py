"""Topics learned from the whole KB beside keyword counting, on one KB project: accuracy, topics per article,
and the learning step's time and memory.

    python benchmarks/bench_topics.py --root /tmp/c10k --synthetic 10000   # labels from benchmarks/corpus.py
    python benchmarks/bench_topics.py --root <project> --labels labels.json  # {"articles": [{source, subject}]}

The articles are analysed once (with the project's build cache when --cache is given), then both modes run on
the same analysed articles. "First topic right" is the article page's first topic (strongest first) against the
article's main subject; "any topic" counts articles with at least one topic.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kbsite.analyze.learn import learn_topics
from kbsite.config import KEYWORDS, LEARNED, load_settings
from kbsite.model import Article
from kbsite.pipeline import BuildOptions, BuildReport, _read_and_analyse


def synthetic_labels(size: int, seed: int) -> dict[str, str]:
    """source -> main topic of each article of benchmarks/corpus.py's KB of `size` articles."""
    from benchmarks.corpus import Corpus

    corpus = Corpus(size, seed)
    labels: dict[str, str] = {}
    original = corpus._article

    def record(rng, number, lang, day, entities, topics):  # type: ignore[no-untyped-def]
        made = original(rng, number, lang, day, entities, topics)
        labels[made.path] = topics[0].id
        return made

    corpus._article = record  # type: ignore[method-assign]
    for _ in corpus.articles():
        pass
    return labels


def file_labels(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {a["source"]: a["subject"] for a in data["articles"] if a.get("subject")}


def first(article: Article) -> str | None:
    hits = sorted(article.topics, key=lambda h: (-h.score, h.topic))
    return hits[0].topic if hits else None


def scores(articles: Sequence[Article], labels: dict[str, str]) -> dict[str, float]:
    judged = [a for a in articles if a.source in labels]
    n = max(len(judged), 1)
    return {
        "first topic right": sum(first(a) == labels[a.source] for a in judged) / n,
        "any topic": sum(bool(a.topics) for a in judged) / n,
        "topics per article": sum(len(a.topics) for a in judged) / n,
        "judged": len(judged),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, required=True, help="the KB project (with mkdocs.yml)")
    parser.add_argument("--labels", type=Path, help="labels.json: {'articles': [{'source', 'subject'}]}")
    parser.add_argument("--synthetic", type=int, help="labels of benchmarks/corpus.py's KB of this many articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", action="store_true", help="use and fill the project's build cache")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)

    settings = replace(load_settings(args.root), topics=KEYWORDS)  # the counted topics; learned below
    started = time.perf_counter()
    taxonomy, gathered = _read_and_analyse(settings, BuildOptions(workers=args.jobs), BuildReport(),
                                           use_cache=args.cache)
    analysed = time.perf_counter() - started
    keywords = gathered.articles
    started = time.perf_counter()
    learned = learn_topics(keywords, taxonomy, LEARNED)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    learn_topics(keywords, taxonomy, LEARNED)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    labels: dict[str, str] = {}
    if args.synthetic:
        labels = synthetic_labels(args.synthetic, args.seed)
    elif args.labels:
        labels = file_labels(args.labels)
    print(f"{len(keywords)} articles, {len(taxonomy.topics)} topics; analysis {analysed:.1f} s "
          f"({'cached' if args.cache else 'no cache'})")
    print(f"learning step: {seconds:.2f} s, peak {peak / 2**20:.0f} MiB (Python heap, tracemalloc)")
    if labels:
        base, ours = scores(keywords, labels), scores(learned, labels)
        print(f"{'':22}{'keywords':>10}{'learned':>10}   ({base['judged']} labelled articles)")
        for key in ("first topic right", "any topic", "topics per article"):
            fmt = "{:>10.1%}" if key != "topics per article" else "{:>10.2f}"
            print(f"{key:22}" + fmt.format(base[key]) + fmt.format(ours[key]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
