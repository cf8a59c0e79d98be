"""A cold build of the same KB by a baseline commit and by this code, side by side with a plain `mkdocs build`
of the same pages, in rounds (issue 15: the whole build within 1.3x plain MkDocs).

Each round builds from scratch with both codes (the order alternates between rounds), then runs a plain
`mkdocs build` of the docs/ just made. Every build reports each stage's wall seconds and CPU seconds (its own
and its reaped children's), so a stage's use of the cores is CPU / wall / cores. The sites, pages, index and
offline zip of both codes are compared byte for byte.

    python benchmarks/bench_cold.py --baseline REV [--size 2000] [--rounds 2] [--workdir DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path

if __package__ in (None, ""):
    sys.path.append(str(Path(__file__).resolve().parent.parent))  # after PYTHONPATH: the code measured

from benchmarks.bench_build import MKDOCS, _start_cold, machine
from benchmarks.known_item import code_at
from benchmarks.measure import PYTHON, _code, log, project_for, run, snapshot_code, use_code


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(root: Path) -> dict:
    """One cold build in this process: wall and CPU seconds of each stage and of the whole."""
    from kbsite.config import load_settings
    from kbsite.pipeline import BuildOptions, BuildReport, build, no_progress

    stages: list[dict] = []
    timed = BuildReport.stage

    @contextmanager
    def stage(self: BuildReport, name: str):
        wall, cpu = time.monotonic(), _cpu()
        with timed(self, name):
            yield
        stages.append({"name": name, "seconds": round(time.monotonic() - wall, 2), "cpu": round(_cpu() - cpu, 2)})

    BuildReport.stage = stage  # type: ignore[method-assign]
    wall, cpu = time.monotonic(), _cpu()
    report = build(load_settings(root), BuildOptions(progress=no_progress))
    return {"seconds": round(time.monotonic() - wall, 2), "cpu": round(_cpu() - cpu, 2), "stages": stages,
            "articles": report.articles, "pages": report.pages}


def _digest(root: Path) -> dict[str, str]:
    """One SHA-256 per output: its files' paths and bytes; for the Whoosh index, whose segments get random names
    in every build, its documents' stored fields and its vocabulary."""
    from whoosh import index

    out = {}
    for name in ("site", "docs", "offline.zip"):
        digest = hashlib.sha256()
        path = root / name
        for file in sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes())
        out[name] = digest.hexdigest()[:16]
    folder = root / ".kbsite" / "index"
    with index.open_dir(str(folder), indexname="kbsite").searcher() as searcher:
        documents = sorted(json.dumps(d, sort_keys=True, default=str) for d in searcher.all_stored_fields())
    digest = hashlib.sha256("\n".join(documents).encode())
    for vocabulary in sorted(folder.glob("vocabulary-*.bin")):
        digest.update(vocabulary.read_bytes())
    out["index"] = digest.hexdigest()[:16]
    return out


def _build(code: Path, root: Path) -> tuple[dict, dict[str, str]]:
    _code["dir"] = code
    use_code(root)
    _start_cold(root)
    result = run([str(PYTHON), __file__, "--measure", str(root)])
    if result.returncode != 0:
        raise SystemExit(f"the build with {code} failed:\n{result.stderr[-4000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures |= {"tree_cpu": round(result.cpu_seconds, 2), "peak_pss": result.peak_pss,
                "load_at_end": round(result.load, 2)}
    return figures, _digest(root)


def _plain(root: Path, workdir: Path) -> dict:
    site = workdir / "plain-site"
    shutil.rmtree(site, ignore_errors=True)
    result = run([str(MKDOCS), "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)])
    if result.returncode != 0:
        raise SystemExit(f"plain mkdocs build failed:\n{result.stderr[-4000:]}")
    shutil.rmtree(site)
    return {"seconds": round(result.seconds, 2), "cpu": round(result.cpu_seconds, 2),
            "load_at_end": round(result.load, 2)}


def _line(label: str, build: dict, plain: dict) -> str:
    stages = "  ".join(f"{s['name']} {s['seconds']:.1f}/{s['cpu']:.1f}" for s in build["stages"]
                       if s["seconds"] >= 0.5)
    return (f"  {label:9} {build['seconds']:6.1f} s  CPU {build['cpu']:6.1f} s  "
            f"/plain: wall {build['seconds'] / plain['seconds']:.2f}x CPU {build['cpu'] / plain['cpu']:.2f}x  "
            f"load {build['load_at_end']:.1f}\n            stages (wall/CPU s): {stages}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--baseline", help="the commit to compare with")
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kbsite-bench-cold"))
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    if not args.baseline:
        parser.error("--baseline REV is required")
    args.workdir.mkdir(parents=True, exist_ok=True)
    codes = {"baseline": code_at(args.baseline, args.workdir), "this": snapshot_code(args.workdir)}
    root, _ = project_for(args.workdir, args.size, args.seed)
    rounds = []
    for number in range(args.rounds):
        order = list(codes) if number % 2 == 0 else list(reversed(codes))
        done: dict = {}
        digests = {}
        for label in order:
            log(f"round {number + 1}: {label} ({codes[label].name}), cold build of {args.size:,} articles")
            done[label], digests[label] = _build(codes[label], root)
        log(f"round {number + 1}: plain mkdocs build of the same docs/")
        done["plain"] = _plain(root, args.workdir)
        done["same_output"] = digests["baseline"] == digests["this"]
        done["digests"] = digests
        rounds.append(done)
        print(f"round {number + 1} (order: {', '.join(order)}); plain mkdocs {done['plain']['seconds']:.1f} s, "
              f"CPU {done['plain']['cpu']:.1f} s, load {done['plain']['load_at_end']:.1f}", flush=True)
        for label in codes:
            print(_line(label, done[label], done["plain"]), flush=True)
        print(f"  same site, pages, index (documents) and zip: {done['same_output']}", flush=True)
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "baseline": args.baseline,
                                         "this": codes["this"].name, "size": args.size, "seed": args.seed,
                                         "rounds": rounds}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
