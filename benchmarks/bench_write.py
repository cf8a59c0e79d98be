"""The write stage alone (pages, pictures, feeds, browser index, staged into docs/), cold and after one edit,
for kbsite's code and a baseline commit's side by side in one run (issue 15).

bench_build.py times whole builds; on a busy machine a 2k whole-build run takes too long to repeat, and the
write stage is lost in the other stages' noise. This runs only what the write stage runs, in one process per
code: the KB is read, analysed (from the analysis cache, shared by both codes: the stage measured here does
not analyse) and linked, then
- cold: every generated file made and staged, with no record of a last build;
- one edit: a paragraph appended to one article, which is analysed and linked again, then the files are made
  and staged again over the cold run's docs/ (as a build after the cold one would).
Wall and CPU seconds (this process and its workers) of each, and how many pages were rendered.

    python benchmarks/bench_write.py [--sizes 2000] [--baseline REV] [--workdir DIR] [--jobs N] [--json OUT]
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import PYTHON, REPO, log, project_for

EDIT = ("\n\nA paragraph added by bench_write to measure an incremental write: the market, the government "
        "and the company said more about it this week.\n")
ANALYSIS_DIGEST = "fixed-for-dev"  # any fixed string: both codes read the same analysis cache


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(root: Path, jobs: int, code: Path) -> dict:
    """In this process, with the kbsite of `code`."""
    sys.path.insert(0, str(code))
    import kbsite.cache
    import kbsite.generate as generate
    from kbsite.config import load_settings
    from kbsite.link import link
    from kbsite.pipeline import BuildOptions, BuildReport, _read_and_analyse, record_texts, search_records
    from kbsite.publish import Backups, Manifest, stage_docs, write_manifest

    kbsite.cache.code_digest = lambda: ANALYSIS_DIGEST  # the analysis only; the write stage keeps its own
    settings = load_settings(root)
    options = BuildOptions(workers=jobs, site=False)
    reuses = "pages" in inspect.signature(generate.generate_files).parameters

    def write(docs_from_last_build: bool) -> dict:
        taxonomy, gathered = _read_and_analyse(settings, options, BuildReport(), use_cache=True)
        site = link(gathered.articles, taxonomy, settings.site_name, gathered.bodies)
        records, texts = search_records(site, settings), record_texts(site, settings)
        manifest = Manifest(settings.state_dir / "manifest.json")
        extra = {}
        if reuses:
            extra["pages"] = generate.rendered_pages(settings, manifest.files, reuse=docs_from_last_build)
        stage = Path(tempfile.mkdtemp(dir=settings.state_dir))
        start, cpu = time.perf_counter(), _cpu()
        files = generate.generate_files(site, taxonomy, settings, records, texts, workers=jobs, **extra)
        hashes, _ = stage_docs(settings.docs_dir, stage / "docs", files, manifest, Backups(stage / "edited"))
        if reuses:
            generate.save_rendered(settings, extra["pages"])
        figures = {"seconds": round(time.perf_counter() - start, 2), "cpu_seconds": round(_cpu() - cpu, 2),
                   "files": len(hashes), "pages": sum(1 for p in hashes if p.endswith(".md")),
                   "rendered": extra["pages"].rendered if reuses else None}
        shutil.rmtree(settings.docs_dir)  # as a build publishes: the staged docs/ is the next build's last one
        os.replace(stage / "docs", settings.docs_dir)
        write_manifest(settings.state_dir / "manifest.json", hashes)
        shutil.rmtree(stage)
        return figures

    articles = sorted(p for p in (root / "kb").rglob("*.md") if p.name != "README.md")
    edited = articles[len(articles) // 2]
    original = edited.read_bytes()
    cold = write(docs_from_last_build=False)
    edited.write_bytes(original + EDIT.encode("utf-8"))
    try:
        edit = write(docs_from_last_build=True)
    finally:
        edited.write_bytes(original)
    return {"cold": cold, "edit": edit, "edited": edited.relative_to(root).as_posix()}


def _start_cold(root: Path) -> None:
    """No generated pages, no record of them (the analysis cache stays)."""
    (root / ".kbsite" / "manifest.json").unlink(missing_ok=True)
    (root / ".kbsite" / "cache" / "rendered.json").unlink(missing_ok=True)
    for entry in (root / "docs").iterdir():
        if entry.name != "about.md":
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _code_of(rev: str, workdir: Path) -> Path:
    target = workdir / f"code-{rev}"
    if not target.is_dir():
        partial = workdir / f"code-{rev}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "kbsite"], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(partial)], input=archive.stdout, check=True)
        os.replace(partial, target)
    return target


def _run(code: Path, root: Path, jobs: int) -> dict:
    _start_cold(root)
    out = subprocess.run([str(PYTHON), __file__, "--measure", str(root), "--code", str(code), "--jobs", str(jobs)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"measuring {code} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline", help="the commit to compare with (required)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kbsite-bench-write"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--measure", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, default=REPO, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure.resolve(), args.jobs, args.code)))
        return 0
    if not args.baseline:
        parser.error("--baseline REV is required")
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        root, _ = project_for(args.workdir, size, args.seed)
        log(f"[{size}] baseline {args.baseline}")
        before = _run(_code_of(args.baseline, args.workdir), root, args.jobs)
        log(f"[{size}] this code")
        after = _run(REPO, root, args.jobs)
        results[size] = {"baseline": before, "this": after}
        rows = [("cold write, wall s", lambda r: f"{r['cold']['seconds']:.2f}"),
                ("cold write, CPU s", lambda r: f"{r['cold']['cpu_seconds']:.2f}"),
                ("one edit, wall s", lambda r: f"{r['edit']['seconds']:.2f}"),
                ("one edit, CPU s", lambda r: f"{r['edit']['cpu_seconds']:.2f}"),
                ("one edit / cold, wall", lambda r: f"{100 * r['edit']['seconds'] / r['cold']['seconds']:.1f}%"),
                ("one edit / cold, CPU",
                 lambda r: f"{100 * r['edit']['cpu_seconds'] / r['cold']['cpu_seconds']:.1f}%"),
                ("pages rendered after the edit", lambda r: f"{r['edit']['rendered']} / {r['edit']['pages']}")]
        print(f"{size:,} articles, --jobs {args.jobs}{'':8}{'baseline':>14}{'this code':>14}")
        for label, cell in rows:
            print(f"{label:36}{cell(before):>14}{cell(after):>14}")
        print(f"{'cold write: baseline / this, wall':36}{before['cold']['seconds'] / after['cold']['seconds']:>27.2f}x")
        print(f"{'one edit: baseline / this, wall':36}{before['edit']['seconds'] / after['edit']['seconds']:>27.2f}x")
    if args.json:
        args.json.write_text(json.dumps({"baseline": args.baseline, "jobs": args.jobs,
                                         "sizes": {str(n): r for n, r in results.items()}}, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
