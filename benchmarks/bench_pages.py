"""The cost of writing the pages (the build's "write" stage) against a baseline kbsite, side by side in one run.

Each variant builds its own copy of PROJECT (pages and index, no site) with one worker, in its own process
(benchmarks/buildrun.py), once to fill its analysis cache and then ROUNDS times, the variants alternating so
that the machine's load falls on both alike. The write stage renders every page again on each build.

    python benchmarks/bench_pages.py PROJECT --baseline DIR [--rounds 3] [--workdir /tmp/kbsite-bench-pages]

DIR holds the baseline's `kbsite` package (e.g. `git archive <commit> kbsite | tar -x -C DIR`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _write_seconds(root: Path, package_dir: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(package_dir)}
    done = subprocess.run([sys.executable, str(HERE / "buildrun.py"), str(root), "--no-site", "--jobs", "1"],
                          env=env, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return {"write": next(s["seconds"] for s in report["stages"] if s["name"] == "write"), "pages": report["pages"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--baseline", type=Path, required=True, help="folder holding the baseline's kbsite package")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kbsite-bench-pages"))
    args = parser.parse_args(argv)
    variants = {"baseline": args.baseline.resolve(), "current": HERE.parent}
    roots = {}
    for name in variants:
        roots[name] = args.workdir / name
        shutil.rmtree(roots[name], ignore_errors=True)
        shutil.copytree(args.project, roots[name], ignore=shutil.ignore_patterns(".kbsite", "site"))
    for name, package in variants.items():  # fills each variant's analysis cache
        _write_seconds(roots[name], package)
    runs: dict[str, list[dict]] = {name: [] for name in variants}
    for _ in range(args.rounds):
        for name, package in variants.items():
            runs[name].append(_write_seconds(roots[name], package))
    medians = {name: statistics.median(r["write"] for r in rs) for name, rs in runs.items()}
    for name, rs in runs.items():
        each = ", ".join(f"{r['write']:.2f}" for r in rs)
        print(f"{name:9} pages {rs[0]['pages']:6}  write stage median {medians[name]:7.2f} s  ({each})")
    print(f"current / baseline: {medians['current'] / medians['baseline']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
