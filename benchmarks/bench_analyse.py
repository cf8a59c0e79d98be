"""The analyse stage of a cold build, with kbsite's code of an older commit and with the code of this tree, in turn.

A cold build reads every article and analyses it (language, dates, entities, topics, terms, MinHash,
translation fingerprint) on all cores, and fills the cache. Both versions run on the same project, one after
the other, in rounds (old, new, old, new, ...), so a busy machine slows both alike; each run is a fresh process
with an empty cache, timed by the build's own stage clock, with the CPU seconds of the stage (its workers' too).
Each run also prints a digest of every analysed article (all fields but the cache key, which covers the code):
the two versions must agree on it, or the speed-up changed the output.

    python benchmarks/bench_analyse.py [--articles 2000] [--project DIR ...] [--base COMMIT] [--rounds 3]
                                       [--jobs N] [--workdir DIR] [--json OUT]

A --project folder is copied into the work folder first: the runs write their cache beside its kb/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

if __package__ in (None, ""):  # after PYTHONPATH, which names the kbsite a run measures
    sys.path.append(str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_build import machine
from benchmarks.measure import PYTHON, REPO, log, project_for, snapshot_code


def _cpu() -> float:
    """CPU seconds of this process and of the workers it has waited for."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _child(root: Path, jobs: int | None) -> None:
    """One cold read + analyse of the project, with whatever kbsite is on sys.path; prints one JSON line with
    each stage's seconds and CPU seconds (its workers' too)."""
    import kbsite
    from kbsite.config import load_settings
    from kbsite.pipeline import BuildOptions, BuildReport, _read_and_analyse

    cpu: dict[str, float] = {}
    timed = BuildReport.stage

    @contextmanager
    def stage(self: BuildReport, name: str) -> Iterator[None]:
        start = _cpu()
        with timed(self, name):
            yield
        cpu[name] = _cpu() - start

    BuildReport.stage = stage  # type: ignore[method-assign]
    settings = load_settings(root)
    shutil.rmtree(settings.cache_dir, ignore_errors=True)
    options = BuildOptions(incremental=False, site=False)
    if jobs:
        options.workers = jobs
    report = BuildReport()
    _, gathered = _read_and_analyse(settings, options, report, use_cache=True, reuse=False)
    digest = hashlib.sha256()
    for article in gathered.articles:
        fields = asdict(article)
        fields.pop("digest")
        body = gathered.bodies(article)  # the text and HTML are emptied once they are in the cache
        fields["text"], fields["html"] = body.text, body.html
        digest.update(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    digest.update(json.dumps([asdict(d) for d in report.diagnostics], sort_keys=True).encode("utf-8"))
    print(json.dumps({"code": str(Path(kbsite.__file__).parent.parent), "stages": dict(report.timings),
                      "cpu": cpu, "articles": len(gathered.articles), "workers": options.workers,
                      "output": digest.hexdigest()}))


def _code_of(commit: str, workdir: Path) -> Path:
    """kbsite's package as it was at `commit`, unpacked once into the work folder."""
    full = subprocess.run(["git", "-C", str(REPO), "rev-parse", commit], check=True, capture_output=True,
                          text=True).stdout.strip()
    target = workdir / f"code-at-{full[:12]}"
    if not (target / "kbsite").is_dir():
        partial = workdir / f"{target.name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", full, "kbsite"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(partial)], input=archive, check=True)
        os.replace(partial, target)
    return target


def _run(code: Path, root: Path, jobs: int | None) -> dict:
    command = [str(PYTHON), str(Path(__file__).resolve()), "--child", str(root)]
    command += ["--jobs", str(jobs)] if jobs else []
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.monotonic()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=root)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        raise SystemExit(f"the run with {code} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(result["code"]).resolve() != code.resolve():
        raise SystemExit(f"the run meant for the code in {code} ran the code in {result['code']}")
    result["process_seconds"] = round(seconds, 2)
    result["load_at_end"] = round(os.getloadavg()[0], 2)
    return result


def bench(root: Path, codes: dict[str, Path], rounds: int, jobs: int | None) -> dict:
    runs: dict[str, list[dict]] = {label: [] for label in codes}
    for turn in range(rounds):
        for label, code in codes.items():
            result = _run(code, root, jobs)
            log(f"{root.name} round {turn + 1} {label}: analyse {result['stages']['analyse']:.2f} s, "
                f"CPU {result['cpu']['analyse']:.1f} s, load {result['load_at_end']}")
            runs[label].append(result)
    summary = {}
    for label, results in runs.items():
        summary[label] = {
            "analyse_seconds": [round(r["stages"]["analyse"], 2) for r in results],
            "analyse_median": round(statistics.median(r["stages"]["analyse"] for r in results), 2),
            "cpu_median": round(statistics.median(r["cpu"]["analyse"] for r in results), 2),
            "outputs": sorted({r["output"] for r in results}),
            "articles": results[0]["articles"],
            "workers": results[0]["workers"],
        }
    before, after = summary["before"], summary["after"]
    summary["speedup_wall"] = round(before["analyse_median"] / after["analyse_median"], 2)
    summary["speedup_cpu"] = round(before["cpu_median"] / after["cpu_median"], 2)
    summary["same_output"] = before["outputs"] == after["outputs"] and len(before["outputs"]) == 1
    return {"runs": runs, "summary": summary}


def _project(path: Path, workdir: Path) -> Path:
    target = workdir / f"project-{path.name}"
    if not target.is_dir():
        shutil.copytree(path, target, symlinks=True, ignore=shutil.ignore_patterns(".kbsite", "site"))
    return target


def _table(results: dict[str, dict]) -> str:
    lines = [f"{'corpus':<28}{'articles':>9}{'before (s)':>12}{'after (s)':>11}{'speed-up':>10}"
             f"{'CPU before':>12}{'CPU after':>11}{'same output':>13}"]
    for name, result in results.items():
        s = result["summary"]
        lines.append(f"{name:<28}{s['after']['articles']:>9,}{s['before']['analyse_median']:>12.2f}"
                     f"{s['after']['analyse_median']:>11.2f}{s['speedup_wall']:>9.2f}x"
                     f"{s['before']['cpu_median']:>12.1f}{s['after']['cpu_median']:>11.1f}"
                     f"{'yes' if s['same_output'] else 'NO':>13}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--articles", type=int, default=2000, help="size of the generated corpus (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--project", type=Path, action="append", default=[],
                        help="another project folder to measure (copied first); may be repeated")
    parser.add_argument("--base", default="d724619", help="the commit whose code is 'before' (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kbsite-bench-analyse"))
    parser.add_argument("--json", type=Path, default=None, help="save every figure to this file")
    args = parser.parse_args(argv)
    if args.child is not None:
        _child(args.child, args.jobs)
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    codes = {"before": _code_of(args.base, args.workdir), "after": snapshot_code(args.workdir)}
    projects = [project_for(args.workdir, args.articles, args.seed)[0]] if args.articles else []
    projects += [_project(p, args.workdir) for p in args.project]
    results = {root.name: bench(root, codes, args.rounds, args.jobs) for root in projects}
    print(_table(results))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "base": args.base, "rounds": args.rounds,
                                         "jobs": args.jobs, "corpora": results}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
