"""Build speed, memory and output sizes of kbsite at several KB sizes, beside a plain `mkdocs build` (issue "Scale").

For each size: generate a synthetic project (benchmarks/corpus.py; reused if the work folder has it),
build it from scratch in a subprocess (time and peak memory of every stage), run a plain
`mkdocs build` of the very same docs/ in the same run, measure the site, then rebuild incrementally:
with nothing changed, after one article is edited, after one is added and after it is deleted again
(issue 15). Figures and ratios are printed side by side.

    python benchmarks/bench_build.py [--sizes 1000,10000] [--workdir DIR] [--jobs N] [--json OUT] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import PYTHON, REPO, Run, Table, log, mib, project_for, run, snapshot_code, tree_bytes
from benchmarks.site_size import KINDS, breakdown

BUILDRUN = REPO / "benchmarks" / "buildrun.py"
MKDOCS = REPO / ".venv" / "bin" / "mkdocs"
STAGES = ("read", "analyse", "link", "write", "index", "publish")
EDIT = ("\n\nA paragraph added by bench_build to measure an incremental build: the market, the government "
        "and the company said more about it this week.\n")


def _start_cold(root: Path) -> None:
    """Back to the project as generated: no index, cache, site or generated pages (the person's about.md stays).

    A cold build, not `--full`: `--full` does not fill the cache, so the next build would redo everything.
    """
    for folder in (root / ".kbsite", root / "site"):
        shutil.rmtree(folder, ignore_errors=True)
    for entry in (root / "docs").iterdir():
        if entry.name != "about.md":
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _build(root: Path, *, full: bool, jobs: int | None, profile: Path | None = None) -> tuple[Run, dict]:
    command = [str(PYTHON), str(BUILDRUN), str(root)]
    command += ["--full"] if full else []
    command += ["--jobs", str(jobs)] if jobs else []
    command += ["--profile", str(profile)] if profile else []
    result = run(command)
    if result.returncode != 0:
        raise SystemExit(f"the build of {root} failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return result, json.loads(result.stdout.strip().splitlines()[-1])


def _stage_figures(result: Run, report: dict) -> dict:
    stages = {s["name"]: s for s in report["stages"]}
    return {
        "seconds": round(result.seconds, 2),
        "cpu_seconds": round(result.cpu_seconds, 1),
        "load_at_end": round(result.load, 2),
        "peak_pss": result.peak_pss,
        "peak_rss_sum": result.peak_rss,
        "max_process_rss": result.max_process_rss,
        "analysed": report["analysed"],
        "reused": report["reused"],
        "stages": {name: {"seconds": round(s["seconds"], 2), "peak_pss": result.peak_between(s["start"], s["end"])}
                   for name, s in stages.items()},
    }


def _edit_one_article(kb: Path) -> tuple[Path, bytes]:
    """The Markdown article in the middle of the KB, with a paragraph appended; returns its old bytes."""
    articles = sorted(p for p in kb.rglob("*.md") if p.name != "README.md")
    path = articles[len(articles) // 2]
    original = path.read_bytes()
    path.write_bytes(original + EDIT.encode("utf-8"))
    return path, original


def bench_size(size: int, seed: int, workdir: Path, jobs: int | None, profile: bool) -> dict:
    root, generated = project_for(workdir, size, seed)
    how = "reused" if generated is None else f"generated in {generated:.1f}s"
    log(f"[{size}] project {root} ({how}); cold build")
    _start_cold(root)
    full_run, full_report = _build(root, full=False, jobs=jobs)
    figures: dict = {"articles": full_report["articles"], "pages": full_report["pages"],
                     "diagnostics": full_report["diagnostics"], "mkdocs_warnings": full_report["mkdocs_warnings"],
                     "generate_seconds": None if generated is None else round(generated, 1),
                     "full": _stage_figures(full_run, full_report)}

    log(f"[{size}] plain mkdocs build of the same docs/")
    plain_dir = workdir / f"plain-mkdocs-{size}"
    shutil.rmtree(plain_dir, ignore_errors=True)
    plain = run([str(MKDOCS), "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(plain_dir)])
    if plain.returncode != 0:
        raise SystemExit(f"plain mkdocs build failed:\n{plain.stderr[-4000:]}")
    plain_bytes, plain_files = tree_bytes(plain_dir)
    shutil.rmtree(plain_dir)
    figures["plain_mkdocs"] = {"seconds": round(plain.seconds, 2), "cpu_seconds": round(plain.cpu_seconds, 1),
                               "load_at_end": round(plain.load, 2),
                               "peak_pss": plain.peak_pss,
                               "site_bytes": plain_bytes, "site_files": plain_files}
    figures["build_over_mkdocs"] = round(full_run.seconds / plain.seconds, 2)
    figures["build_over_mkdocs_cpu"] = round(full_run.cpu_seconds / max(plain.cpu_seconds, 1e-9), 2)

    site = root / "site"
    site_bytes, site_files = tree_bytes(site)
    html_bytes, html_pages = tree_bytes(site / "articles", "*.html")
    search_bytes, search_files = tree_bytes(site / "assets" / "kbsite" / "search")
    zip_path = root / "offline.zip"  # beside the site: not part of site_bytes
    figures["output"] = {
        "site_bytes": site_bytes, "site_files": site_files,
        "article_pages": html_pages, "html_bytes_per_article_page": round(html_bytes / max(html_pages, 1)),
        "browser_search_bytes": search_bytes, "browser_search_files": search_files,
        "offline_zip_bytes": zip_path.stat().st_size if zip_path.is_file() else 0,
        "docs_bytes": tree_bytes(root / "docs")[0],
        "whoosh_index_bytes": tree_bytes(root / ".kbsite" / "index")[0],
        "by_kind": breakdown(site),
    }

    def rebuild(label: str) -> dict:
        log(f"[{size}] {label}; incremental build")
        result, report = _build(root, full=False, jobs=jobs)
        part = _stage_figures(result, report)
        part["ratio_to_full"] = round(result.seconds / full_run.seconds, 4)
        return part

    figures["no_change"] = rebuild("nothing changed")
    path, original = _edit_one_article(root / "kb")
    try:
        incremental = rebuild("one article changed")
    finally:
        path.write_bytes(original)
    incremental["changed"] = path.relative_to(root).as_posix()
    figures["incremental"] = incremental
    rebuild("the edit undone")
    added = path.with_name(f"added-by-bench-{path.name}")
    added.write_bytes(original + EDIT.encode("utf-8"))
    try:
        figures["add"] = rebuild("one article added")
    finally:
        added.unlink()
    figures["delete"] = rebuild("the added article deleted")

    def analysis_and_index(part: dict) -> float:
        return sum(part["stages"].get(name, {}).get("seconds", 0.0) for name in ("analyse", "index"))

    figures["incremental_ratio_analysis_index"] = round(
        analysis_and_index(incremental) / max(analysis_and_index(figures["full"]), 1e-9), 4)
    figures["incremental_ratio_whole"] = incremental["ratio_to_full"]
    if profile:
        log(f"[{size}] profiled full build, one process")
        prof = workdir / f"profile-{size}.prof"
        _build(root, full=True, jobs=1, profile=prof)
        text = workdir / f"profile-{size}.txt"
        with text.open("w", encoding="utf-8") as out:
            pstats.Stats(str(prof), stream=out).sort_stats("cumulative").print_stats(60)
        figures["profile"] = str(text)
    return figures


def _table(results: dict[int, dict]) -> str:
    table = Table(results)
    row = table.row

    row("articles", lambda r: f"{r['articles']:,}")
    row("full build, whole (s)", lambda r: f"{r['full']['seconds']:.1f}")
    row("  machine load at end (1 min)", lambda r: f"{r['full']['load_at_end']:.1f}")
    for stage in STAGES:
        row(f"  {stage} (s)", lambda r, s=stage: f"{r['full']['stages'][s]['seconds']:.1f}")
    row("plain mkdocs build (s)", lambda r: f"{r['plain_mkdocs']['seconds']:.1f}")
    row("  machine load at end (1 min)", lambda r: f"{r['plain_mkdocs']['load_at_end']:.1f}")
    row("build / plain mkdocs, wall", lambda r: f"{r['build_over_mkdocs']:.2f}x")
    row("build / plain mkdocs, CPU", lambda r: f"{r['build_over_mkdocs_cpu']:.2f}x")
    row("  CPU seconds, build / mkdocs",
        lambda r: f"{r['full']['cpu_seconds']:.0f} / {r['plain_mkdocs']['cpu_seconds']:.0f}")
    row("peak memory, tree PSS", lambda r: mib(r["full"]["peak_pss"]))
    for stage in STAGES:
        row(f"  during {stage}", lambda r, s=stage: mib(r["full"]["stages"][s]["peak_pss"]))
    row("largest process RSS", lambda r: mib(r["full"]["max_process_rss"]))
    row("plain mkdocs peak PSS", lambda r: mib(r["plain_mkdocs"]["peak_pss"]))
    row("site size", lambda r: f"{mib(r['output']['site_bytes'])} / {r['output']['site_files']:,} files")
    row("plain mkdocs site size", lambda r: mib(r["plain_mkdocs"]["site_bytes"]))
    row("HTML bytes / article page", lambda r: f"{r['output']['html_bytes_per_article_page']:,}")
    row("browser search files", lambda r: mib(r["output"]["browser_search_bytes"]))
    row("offline.zip", lambda r: mib(r["output"]["offline_zip_bytes"]))
    row("Whoosh index", lambda r: mib(r["output"]["whoosh_index_bytes"]))
    row("site bytes / article (the zip is beside it)", lambda r: f"{r['output']['site_bytes'] / r['articles']:,.0f}")
    for kind, _ in KINDS:
        row(f"  {kind}", lambda r, k=kind: f"{r['output']['by_kind'][k]['bytes'] / r['articles']:,.0f}")
    row("1 article changed, whole (s)", lambda r: f"{r['incremental']['seconds']:.1f}")
    row("  analysed / reused", lambda r: f"{r['incremental']['analysed']} / {r['incremental']['reused']:,}")
    for stage in STAGES:
        row(f"  {stage} (s)", lambda r, s=stage: f"{r['incremental']['stages'][s]['seconds']:.2f}")
    row("  analyse+index / full", lambda r: f"{100 * r['incremental_ratio_analysis_index']:.1f}%")
    row("  whole / full", lambda r: f"{100 * r['incremental_ratio_whole']:.1f}%")
    for part, label in (("no_change", "nothing changed"), ("incremental", "1 article edited"),
                        ("add", "1 article added"), ("delete", "1 article deleted")):
        row(f"rebuild, {label}: s / full",
            lambda r, p=part: f"{r[p]['seconds']:.2f} s / {100 * r[p]['ratio_to_full']:.1f}%")
    return table.render()


def machine() -> dict:
    return {"cpus": len(os.sched_getaffinity(0)), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}",
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="article counts, comma-separated (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kbsite-bench"),
                        help="where the projects are generated and kept for the next run (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for the build (default: all cores)")
    parser.add_argument("--profile", action="store_true",
                        help="also run a one-process full build under cProfile; writes profile-N.txt in workdir")
    parser.add_argument("--json", type=Path, default=None, help="save every figure to this file")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)
    code = snapshot_code(args.workdir)
    log(f"measuring the kbsite code copied to {code}")
    results = {n: bench_size(n, args.seed, args.workdir, args.jobs, args.profile) for n in sizes}
    print(_table(results))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "code": code.name, "seed": args.seed, "jobs": args.jobs,
                                         "sizes": {str(n): r for n, r in results.items()}}, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
