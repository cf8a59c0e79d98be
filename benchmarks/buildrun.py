"""One kbsite build in its own process, for bench_build: prints a JSON line with each stage's clock marks.

Each stage's start and end are time.monotonic() readings, the clock the parent's memory sampler
uses, so the parent can tell the peak memory of each stage. With --profile FILE the build runs
under cProfile (in this process only: use --jobs 1 to see the per-article work).

    python benchmarks/buildrun.py PROJECT [--full] [--jobs N] [--no-site] [--profile FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kbsite.config import load_settings
from kbsite.pipeline import BuildOptions, BuildReport, build, no_progress


def _with_marks(marks: list[tuple[str, float, float]]):
    timed = BuildReport.stage

    @contextmanager
    def stage(self: BuildReport, name: str) -> Iterator[None]:
        start = time.monotonic()
        with timed(self, name):
            yield
        marks.append((name, start, time.monotonic()))

    return stage


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--no-site", action="store_true")
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args()
    marks: list[tuple[str, float, float]] = []
    BuildReport.stage = _with_marks(marks)  # type: ignore[method-assign]
    options = BuildOptions(incremental=not args.full, site=not args.no_site, progress=no_progress)
    if args.jobs:
        options.workers = args.jobs
    start = time.monotonic()
    settings = load_settings(args.root.resolve())
    if args.profile:
        profiler = cProfile.Profile()
        report = profiler.runcall(build, settings, options)
        profiler.dump_stats(args.profile)
    else:
        report = build(settings, options)
    end = time.monotonic()
    print(json.dumps({
        "start": start, "end": end, "articles": report.articles, "pages": report.pages,
        "analysed": report.analysed, "reused": report.reused, "diagnostics": len(report.diagnostics),
        "mkdocs_warnings": len(report.mkdocs_warnings),
        "stages": [{"name": n, "seconds": s, "start": a, "end": b}
                   for (n, s), (_, a, b) in zip(report.timings, marks, strict=True)],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
