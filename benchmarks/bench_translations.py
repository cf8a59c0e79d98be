"""Time and memory of matching translations (kbsite.translations) as a KB grows, beside the stage it joins.

The articles of a project's kb/ are analysed once (as a build does, no cache), then, for the first N of them
(N in --sizes), in the same run:
- translations: kbsite.translations.translation_pairs, the mutual best matches by the tokens a translator keeps;
- baseline: what the link stage already did for stories before it, kbsite.related's near-linear neighbours
  of the language-independent vectors.
Seconds are the best of --repeat runs; memory is the peak of Python's allocations during one run (tracemalloc,
which counts numpy's and scipy's arrays). The work must grow about linearly: a doubling of N should about
double both.

    python benchmarks/bench_translations.py --project DIR [--sizes 2500,5000,10000] [--jobs N]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kbsite import pipeline
from kbsite.config import load_settings
from kbsite.gather import discover, gather
from kbsite.model import Article
from kbsite.related import neighbours, vectors
from kbsite.translations import translation_pairs


def analysed(project: Path, workers: int) -> list[Article]:
    settings = load_settings(project)
    taxonomy, _ = pipeline.read_taxonomy(settings)
    jobs, _ = discover(settings.kb_dir)
    found = gather(jobs, taxonomy, taxonomy_digest="", code_digest="", cache=None, stats=None, workers=workers,
                   reuse=False)
    return sorted(found.articles, key=lambda a: a.source)


def measured(run: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Best seconds, peak MiB, and the result."""
    best = float("inf")
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, peak, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True, help="a project folder (mkdocs.yml, kb/)")
    parser.add_argument("--sizes", default="2500,5000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=pipeline.default_workers())
    args = parser.parse_args(argv)
    articles = analysed(args.project, args.jobs)
    print(f"{len(articles)} articles analysed from {args.project.name}")
    print(f"{'articles':>8} {'translations s':>14} {'MiB':>7} {'pairs':>7} {'baseline s':>11} {'MiB':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        part = articles[:size]
        seconds, peak, pairs = measured(lambda part=part: translation_pairs(part), args.repeat)
        base_seconds, base_peak, _ = measured(lambda part=part: neighbours(vectors(part, set(), set()).independent),
                                              args.repeat)
        print(f"{len(part):>8} {seconds:>14.2f} {peak:>7.1f} {len(pairs):>7} {base_seconds:>11.2f} {base_peak:>7.1f}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
