"""Bytes per query of the browser search: what a fresh page loads (term, position and metadata files) to show
the first 20 results, with the browser search's scripts under node over built browser indexes, for the same queries.

    python benchmarks/search_bytes.py --size 10000 NAME=INDEX_DIR [NAME=INDEX_DIR ...]
    python benchmarks/search_bytes.py --regroup INDEX_DIR 4    (rewrite its metadata files, N articles a file)

The queries are bench_search's two fixed ones and its 200 drawn from the corpus of that size. --regroup makes
the index a different META_PER_SHARD would have written (byte for byte: a regrouping at the built size gives
back the built files), to compare sizes without building a KB twice.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_search import queries
from benchmarks.corpus import Corpus
from benchmarks.measure import REPO
from benchmarks.search_browser import ONE_WORD, THREE_WORDS
from kbsite.index.shards import script

ASSETS = REPO / "kbsite" / "theme" / "assets" / "kbsite"


def _data(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index(",") + 1:-3])


def regroup(index: Path, per_file: int) -> None:
    manifest = _data(index / "manifest.js")
    files = sorted((index / "m").glob("*.js"), key=lambda p: int(p.stem))
    rows = [row for f in files for row in _data(f)]
    if len(rows) != manifest["n"]:
        raise SystemExit(f"{index}: {len(rows)} metadata rows for {manifest['n']} articles")
    for f in files:
        f.unlink()
    for start in range(0, len(rows), per_file):
        name = f"m/{start // per_file}"
        (index / f"{name}.js").write_bytes(script(name, rows[start:start + per_file]))
    manifest["meta"] = per_file
    (index / "manifest.js").write_bytes(script("manifest", manifest))


def measure(index: Path, asked: list[str]) -> list[list[int]]:
    done = subprocess.run(["node", str(Path(__file__).with_name("search_bytes.js")), str(ASSETS), str(index)],
                          input=json.dumps(asked), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("indexes", nargs="*", help="NAME=INDEX_DIR (a built assets/kbsite/search folder)")
    parser.add_argument("--size", type=int, default=1000, help="the corpus size the indexes were built from")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--regroup", nargs=2, metavar=("INDEX_DIR", "N"))
    args = parser.parse_args()
    if args.regroup:
        regroup(Path(args.regroup[0]), int(args.regroup[1]))
        return 0
    asked = [ONE_WORD, THREE_WORDS, *queries(Corpus(args.size, args.seed), 200)]
    out: dict[str, dict] = {}
    for arg in args.indexes:
        name, index = arg.split("=", 1)
        got = measure(Path(index), asked)
        drawn = sorted(b for b, _ in got[2:])
        out[name] = {ONE_WORD: got[0], THREE_WORDS: got[1], "median_bytes": statistics.median(drawn),
                     "p95_bytes": drawn[max(0, round(0.95 * len(drawn)) - 1)],
                     "median_files": statistics.median(f for _, f in got[2:])}
    print(json.dumps({"articles": args.size, **out}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
