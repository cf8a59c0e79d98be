"""The search index stage (issue 15): the Whoosh index of a benchmark KB written cold, then updated after one
article is edited, one is added and it is deleted again, by this code and by a baseline git revision, side by
side in one run (the order alternates between repeats, the machine being shared).

What must not move is checked on every run, for each code:
- the index each update leaves answers a fixed query set (bench_search's queries, their phrases and prefixes:
  paths and scores of the top 20) exactly as an index written cold from the same records;
- this code's cold index answers exactly as the baseline's, and its files are the baseline's byte for byte
  (written in one process, with the segment names Whoosh draws at random made the same in both; a compound
  segment file is compared by its members, as its directory holds each member's modification time).
Figures: wall and CPU seconds (this process and its workers) of each step, the median over --repeats.

The records and their texts are read once, with this code, from the benchmark project (generated and
analysed if it is not there), kept in the work folder for the next run, and given to every measured process.

    python benchmarks/bench_index.py [--size 2000] [--seed 1] [--baseline main] [--jobs 2] [--repeats 3]
                                     [--workdir DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import PYTHON, REPO, log, project_for, snapshot_code

EDIT = ("\n\nA paragraph added by bench_index to measure an update: the market, the government "
        "and the company said more about it this week.\n")
STEPS = ("cold", "edit", "add", "delete")
TOP = 20


def fixed_queries(size: int, seed: int, count: int) -> list[str]:
    from benchmarks.bench_search import queries
    from benchmarks.corpus import Corpus

    plain = queries(Corpus(size, seed), count)
    phrases = [f'"{q}"' for q in plain if " " in q][: count // 4]
    prefixes = [f"{q.split()[0][:4]}*" for q in plain if len(q.split()[0]) > 5][: count // 4]
    return [*plain, *phrases, *prefixes]


def prepare(root: Path, out: Path, queries: list[str]) -> None:
    """The search records, their texts and the taxonomy of the project, as a build has them, in one pickle."""
    from kbsite.config import load_settings
    from kbsite.link import link
    from kbsite.pipeline import BuildOptions, BuildReport, _read_and_analyse, record_texts, search_records

    settings = load_settings(root)
    report = BuildReport()
    taxonomy, gathered = _read_and_analyse(settings, BuildOptions(site=False), report, use_cache=True)
    site = link(gathered.articles, taxonomy, settings.site_name, gathered.bodies)
    records = search_records(site, settings)
    texts = record_texts(site, settings)
    out.write_bytes(pickle.dumps({"records": records, "texts": {r.source: texts(r) for r in records},
                                  "taxonomy": taxonomy, "queries": queries}))


def _clock() -> tuple[float, float]:
    t = os.times()
    return time.perf_counter(), t.user + t.system + t.children_user + t.children_system


def _timed(fn, *args, **kwargs) -> dict[str, float]:
    wall, cpu = _clock()
    fn(*args, **kwargs)
    wall2, cpu2 = _clock()
    return {"seconds": round(wall2 - wall, 3), "cpu_seconds": round(cpu2 - cpu, 3)}


def child(data_file: Path, work: Path, jobs: int, check: bool) -> dict:
    """Runs with the measured code first on sys.path: every kbsite import below is that code's."""
    from whoosh.codec.whoosh3 import W3Segment

    from kbsite.index.opened import close_all
    from kbsite.index.query import search
    from kbsite.index.whoosh_index import build_index, update_index
    from kbsite.publish import link_or_copy

    data = pickle.loads(data_file.read_bytes())
    records, taxonomy = data["records"], data["taxonomy"]
    texts = dict(data["texts"])

    def text(record):
        return texts[record.source]

    def answers(index: Path) -> list:
        got = [[(h.path, h.score) for h in search(index, q, taxonomy=taxonomy, limit=TOP).hits]
               for q in data["queries"]]
        close_all()
        return got

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    middle = sorted(records, key=lambda r: r.source)[len(records) // 2]
    added = dataclasses.replace(middle, source=f"{middle.source}-bench-added.md", url="articles/bench-added.html")
    original = texts[middle.source]
    stages = {  # step -> (records after it, the sources it changed, the text of the middle article)
        "cold": (records, [], original),
        "edit": (records, [middle.source], original + EDIT),
        "add": ([*records, added], [added.source], original + EDIT),
        "delete": (records, [added.source], original + EDIT),
    }
    texts[added.source] = original
    figures: dict = {}
    previous = None
    for step in STEPS:
        now, changed, middle_text = stages[step]
        texts[middle.source] = middle_text
        target = work / step
        if previous is None:
            figures[step] = _timed(build_index, target, now, taxonomy, workers=jobs, texts=text)
        else:
            copy = _timed(shutil.copytree, previous, target, copy_function=link_or_copy)
            figures[step] = _timed(update_index, target, now, changed, taxonomy, workers=jobs, texts=text)
            figures[step]["copy_seconds"] = copy["seconds"]
            if check:
                clean = work / f"{step}-clean"
                build_index(clean, now, taxonomy, workers=jobs, texts=text)
                figures[step]["equals_clean"] = answers(target) == answers(clean)
                shutil.rmtree(clean)
        previous = target
    texts[middle.source] = original
    result: dict = {"steps": figures}
    if check:
        result["answers"] = hashlib.sha256(json.dumps(answers(work / "cold")).encode()).hexdigest()
        names = (f"segment{n:04d}" for n in range(10**4))
        W3Segment._random_id = classmethod(lambda cls, size=16: next(names))
        build_index(work / "identity", records, taxonomy, workers=1, texts=text)
        result["files"] = _files_digest(work / "identity")
    shutil.rmtree(work)
    return result


def _files_digest(folder: Path) -> str:
    """The index's files, a compound segment file by its members: its directory holds each member's mtime."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.suffix == ".seg":
            members = CompoundStorage(FileStorage(str(folder)).open_file(path.name))
            for name in sorted(members.list()):
                digest.update(name.encode() + b"\0" + members.open_file(name).read())
        else:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _code_at(revision: str, workdir: Path) -> Path:
    from benchmarks.known_item import code_at

    return code_at(revision, workdir)


def measure(code: Path, data: Path, work: Path, jobs: int, check: bool) -> dict:
    done = subprocess.run([str(PYTHON), str(Path(__file__).resolve()), "--child", str(data), "--code", str(code),
                           "--work", str(work), "--jobs", str(jobs)] + (["--check"] if check else []),
                          capture_output=True, text=True, cwd=str(work.parent))
    if done.returncode != 0:
        raise SystemExit(f"the index run with {code.name} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def summary(runs: list[dict]) -> dict:
    out: dict = {}
    for step in STEPS:
        out[step] = {key: round(statistics.median(r["steps"][step][key] for r in runs), 2)
                     for key in ("seconds", "cpu_seconds")}
        if step != "cold":
            out[step]["equals_clean"] = all(r["steps"][step]["equals_clean"] for r in runs
                                            if "equals_clean" in r["steps"][step])
    return out


def table(baseline: str, figures: dict) -> str:
    base, new = figures["baseline"], figures["current"]
    lines = [f"{'':44}{baseline:>14}{'this code':>14}{'ratio':>8}"]
    for step in STEPS:
        for key, label in (("seconds", "wall s"), ("cpu_seconds", "CPU s")):
            b, n = base[step][key], new[step][key]
            lines.append(f"{step + ' index, ' + label:44}{b:14.2f}{n:14.2f}{n / b if b else 0:8.2f}")
    for step in STEPS[1:]:
        lines.append(f"{step + ': update answers as a clean build':44}{base[step]['equals_clean']!s:>14}"
                     f"{new[step]['equals_clean']!s:>14}")
    lines.append(f"{'cold index answers as the baseline':44}{'':14}{figures['same_answers']!s:>14}")
    lines.append(f"{'cold index files are the baseline bytes':44}{'':14}{figures['same_files']!s:>14}")
    lines.append(f"{'queries':44}{figures['queries']:14}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline", default="main")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--workdir", type=Path, default=REPO / "benchmarks" / "out")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        sys.path.insert(0, str(args.code))  # the measured kbsite, before the checkout's
        print(json.dumps(child(args.child, args.work, args.jobs, args.check)))
        return 0
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    codes = {"baseline": _code_at(args.baseline, workdir), "current": snapshot_code(workdir)}
    root, _ = project_for(workdir, args.size, args.seed)
    data = workdir / f"index-input-{args.size}-seed{args.seed}-q{args.queries}.pickle"
    if not data.is_file():  # what the index is given does not depend on the index's code
        log(f"[{args.size}] reading the records of {root.name}")
        prepare(root, data, fixed_queries(args.size, args.seed, args.queries))
    runs: dict[str, list[dict]] = {"baseline": [], "current": []}
    for repeat in range(args.repeats):
        for name in (("baseline", "current") if repeat % 2 == 0 else ("current", "baseline")):
            log(f"[{args.size}] run {repeat + 1}/{args.repeats}: {name}")
            runs[name].append(measure(codes[name], data, workdir / f"index-{name}", args.jobs, check=repeat == 0))
    figures = {name: summary(r) for name, r in runs.items()}
    first = {name: r[0] for name, r in runs.items()}
    figures |= {"size": args.size, "jobs": args.jobs, "repeats": args.repeats, "baseline_revision": args.baseline,
                "queries": len(pickle.loads(data.read_bytes())["queries"]),
                "same_answers": first["baseline"]["answers"] == first["current"]["answers"],
                "same_files": first["baseline"]["files"] == first["current"]["files"],
                "runs": runs}
    print(table(args.baseline, figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0 if figures["same_answers"] and all(figures[n][s]["equals_clean"] for n in runs for s in STEPS[1:]) else 1


if __name__ == "__main__":
    sys.exit(main())
