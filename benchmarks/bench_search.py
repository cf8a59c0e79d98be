"""Search at several KB sizes, side by side with Pagefind and Material's own index (issue "Search").

For each size (the projects of bench_build are reused, else generated and built):
- in headless Chromium, the bytes the browser loads for a one-word and a three-word query typed into
  kbsite's search page, and the time from typing to the first result, beside Pagefind's default UI
  over a copy of the same built site, measured the same way;
- the size of the search index Material's own search plugin would have written for the same docs/;
- Whoosh query latency, p50/p95 over ~200 queries of 1-3 words from the corpus vocabulary, in process,
  and the terminal command's (`build_index.py search`) wall time.
Sites are served on 127.0.0.1 only; every request elsewhere is aborted. The browser side (server, Chromium,
Pagefind's copy) is benchmarks/search_browser.py, shared with bench_search_page.py and known_item.py;
this module measures the terminal search and Material's index and writes the report.

- with --known-items N: MRR@10 of N known-item queries a language (benchmarks/known_item.py), kbsite's
  terminal and browser searches beside Pagefind on the same site, and beside a --baseline git revision.

    python benchmarks/bench_search.py [--sizes 1000,10000] [--workdir DIR] [--runs 3] [--json OUT]
    python benchmarks/bench_search.py --sizes 2000 --known-items 100 --known-only --baseline main
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import sys
import time
from pathlib import Path
from random import Random

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import Corpus
from benchmarks.known_item import code_at, known_item_figures
from benchmarks.known_item import table as known_table
from benchmarks.measure import (
    PYTHON,
    REPO,
    Table,
    code_dir,
    log,
    mib,
    project_for,
    run,
    snapshot_code,
    tree_bytes,
)
from benchmarks.search_browser import ENGINES, ONE_WORD, browser_figures, pagefind_copy

MKDOCS = REPO / ".venv" / "bin" / "mkdocs"



def material_index(root: Path, out: Path) -> dict:
    """The search_index.json that Material's search plugin would write for the same docs/."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config, replaced = re.subn(r"(?m)^plugins:.*$", "plugins:\n  - search", config)
    if not replaced:
        config += "\nplugins:\n  - search\n"
    variant = root / "mkdocs-material-search.yml"
    variant.write_text(config, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    built = run([str(MKDOCS), "build", "-q", "-f", str(variant), "-d", str(out)])
    variant.unlink()
    if built.returncode != 0:
        raise SystemExit(f"mkdocs build with the search plugin failed:\n{built.stderr[-3000:]}")
    index = out / "search" / "search_index.json"
    data = index.read_bytes()
    shutil.rmtree(out)
    return {"search_index_bytes": len(data), "search_index_bytes_gzip": len(gzip.compress(data, 6)),
            "build_seconds": round(built.seconds, 1)}


def queries(corpus: Corpus, count: int) -> list[str]:
    """1-3 words a user might type: content words of the four vocabularies (not the commonest 60), entity names."""
    rng = Random(f"{corpus.seed}:queries")
    names = [e.name.split(" ")[0] for e in corpus.entities[:300]]
    common = {lang: set(v.words[:60]) for lang, v in corpus.vocabularies.items()}
    out: list[str] = []
    while len(out) < count:
        lang = rng.choice(sorted(corpus.vocabularies))
        words = [w for w in corpus.vocabularies[lang].draw(rng, 40) if w not in common[lang]][: rng.randint(1, 3)]
        if rng.random() < 0.25:
            words[-1:] = [rng.choice(names)]
        query = " ".join(words)
        if words and query not in out:
            out.append(query)
    return out


def whoosh_latency(root: Path, corpus: Corpus, count: int, code: Path | None = None) -> dict:
    """Query latency in this process, as the terminal's search runs it, after one warm-up query; wall time,
    and CPU time (what the query costs, less sensitive to other work on a shared machine). `code`: another
    copy of kbsite to measure (a baseline), else the measured one."""
    for name in [m for m in sys.modules if m == "kbsite" or m.startswith("kbsite.")]:
        del sys.modules[name]  # the measured copy of the code, not the one the corpus generator imported
    sys.path.insert(0, str(code or code_dir()))
    from kbsite.config import load_settings
    from kbsite.index.query import search
    from kbsite.pipeline import read_taxonomy

    try:
        from kbsite.index.opened import close_all
    except ImportError:  # a baseline from before kbsite.index.opened
        from kbsite.index.query import close_all  # type: ignore[attr-defined,no-redef]

    settings = load_settings(root)
    taxonomy, _ = read_taxonomy(settings)
    start = time.perf_counter()
    search(settings.index_dir, ONE_WORD, taxonomy=taxonomy, limit=10)
    first = time.perf_counter() - start
    times, cpu, hits = [], [], 0
    for query in queries(corpus, count):
        start, start_cpu = time.perf_counter(), time.process_time()
        results = search(settings.index_dir, query, taxonomy=taxonomy, limit=10)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        hits += bool(results.hits)
    close_all()
    sys.path.remove(str(code or code_dir()))
    times.sort()
    cpu.sort()
    return {"queries": len(times), "with_hits": hits, "first_ms": round(first * 1000, 1),
            "p50_ms": round(1000 * statistics.median(times), 2), "p95_ms": round(1000 * _p95(times), 2),
            "max_ms": round(1000 * times[-1], 2),
            "cpu_p50_ms": round(1000 * statistics.median(cpu), 2), "cpu_p95_ms": round(1000 * _p95(cpu), 2)}


def _p95(values: list[float]) -> float:
    return values[max(0, round(0.95 * len(values)) - 1)]


def terminal_command(root: Path, runs: int, codes: dict[str, Path], query: str = ONE_WORD) -> dict[str, dict]:
    """The whole `build_index.py search --json` command (interpreter start, imports, index opening, query),
    for each copy of the code in turn, `runs` times: wall time and the CPU time of the process.

    As a user runs it: Python writes its bytecode (the first call of each copy, not timed, compiles the
    modules; PYTHONDONTWRITEBYTECODE would make every call compile them again), and each copy of the code has
    the project's state folder to itself (they would replace each other's cached taxonomy), over the same
    index and kb/ (hard links).
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    roots = {name: root if n == 0 else _linked_project(root, name) for n, (name, code) in enumerate(codes.items())}
    seconds: dict[str, list[float]] = {name: [] for name in codes}
    cpu: dict[str, list[float]] = {name: [] for name in codes}
    for n in range(runs + 1):
        for name, code in codes.items():
            result = run([str(PYTHON), str(code / "build_index.py"), "--root", str(roots[name]), "search", query,
                          "--json"])
            if result.returncode != 0:
                raise SystemExit(f"terminal search failed:\n{result.stderr[-3000:]}")
            if n:
                seconds[name].append(result.seconds)
                cpu[name].append(result.cpu_seconds)
    return {name: {"runs": runs, "median_ms": round(1000 * statistics.median(seconds[name]), 1),
                   "cpu_median_ms": round(1000 * statistics.median(cpu[name]), 1),
                   "wall_ms": [round(1000 * t, 1) for t in seconds[name]],
                   "cpu_ms": [round(1000 * t, 1) for t in cpu[name]]} for name in codes}


def _linked_project(root: Path, name: str) -> Path:
    """mkdocs.yml, kb/ and the search index of `root` as hard links, with a state folder of its own."""
    copy = root.with_name(f"{root.name}-search-{name}")
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir()
    shutil.copy2(root / "mkdocs.yml", copy / "mkdocs.yml")
    shutil.copytree(root / "kb", copy / "kb", copy_function=os.link)
    shutil.copytree(root / ".kbsite" / "index", copy / ".kbsite" / "index", copy_function=os.link)
    return copy


def built_project(size: int, seed: int, workdir: Path, *, site: bool = True) -> Path:
    root, _ = project_for(workdir, size, seed)
    has_site = (root / "site" / "search" / "index.html").is_file()
    if (site and not has_site) or not (root / ".kbsite" / "index").is_dir():
        log(f"[{size}] building the project first")
        result = run([str(PYTHON), str(code_dir() / "build_index.py"), "--root", str(root), "build", "--quiet",
                      *([] if site else ["--no-site"])])
        if result.returncode != 0:
            raise SystemExit(f"the build of {root} failed:\n{result.stderr[-3000:]}")
    return root


def bench_size(size: int, seed: int, workdir: Path, runs: int, count: int, keep: bool, whoosh_only: bool,
               material: bool = True, known: tuple[int, str | None] = (0, None),
               baseline: Path | None = None) -> dict:
    root = built_project(size, seed, workdir, site=not whoosh_only)
    corpus = Corpus(size, seed)
    figures: dict = {"articles": size}
    if known[0]:
        pagefind_site = workdir / f"pagefind-site-{size}"
        if not whoosh_only:
            figures["pagefind_index"] = pagefind_copy(root / "site", pagefind_site)
        figures["known_items"] = known_item_figures(root, corpus, known[0], workdir, known[1],
                                                    None if whoosh_only else pagefind_site)
        log(known_table(figures["known_items"]))
    log(f"[{size}] Whoosh latency over {count} queries")
    figures["whoosh"] = whoosh_latency(root, corpus, count)
    codes = {"kbsite": code_dir()}
    if baseline is not None:
        figures["whoosh_baseline"] = whoosh_latency(root, corpus, count, baseline)
        codes["baseline"] = baseline
    terminal = terminal_command(root, max(runs, 5), codes)
    figures["terminal_command"] = terminal["kbsite"]
    if baseline is not None:
        figures["terminal_command_baseline"] = terminal["baseline"]
    if whoosh_only:
        return figures
    if material:
        log(f"[{size}] Material's search index for the same docs/")
        figures["material"] = material_index(root, workdir / f"material-search-{size}")
    pagefind_site = workdir / f"pagefind-site-{size}"
    if "pagefind_index" not in figures:
        log(f"[{size}] Pagefind over a copy of the site")
        figures["pagefind_index"] = pagefind_copy(root / "site", pagefind_site)
    figures["kbsite_index"] = {"browser_search_bytes": tree_bytes(root / "site" / "assets" / "kbsite" / "search")[0]}
    log(f"[{size}] browser queries, {runs} runs each")
    figures["browser"] = browser_figures(root / "site", pagefind_site, runs)
    if not keep:
        shutil.rmtree(pagefind_site)
    return figures


def known_only(size: int, seed: int, workdir: Path, known: tuple[int, str | None]) -> dict:
    root = built_project(size, seed, workdir)
    pagefind_site = workdir / f"pagefind-site-{size}"
    figures = {"articles": size, "pagefind_index": pagefind_copy(root / "site", pagefind_site)}
    figures["known_items"] = known_item_figures(root, Corpus(size, seed), known[0], workdir, known[1], pagefind_site)
    return figures


def _table(results: dict[int, dict]) -> str:
    table = Table(results)
    row = table.row

    def kib(n: int) -> str:
        return f"{n / 1024:,.1f} KiB"

    row("articles", lambda r: f"{r['articles']:,}")
    for label in ("one_word", "three_words"):
        row(f"{label.replace('_', ' ')} query", lambda r, q=label: repr(r["browser"][q]["query"]))
        for engine in ENGINES:
            row(f"  {engine}: first results",
                lambda r, q=label, e=engine: f"{r['browser'][q][e]['first_results_ms']:.0f} ms")
            row(f"  {engine}: bytes (gzip)", lambda r, q=label, e=engine: (
                f"{kib(r['browser'][q][e]['query_bytes'])} ({kib(r['browser'][q][e]['query_bytes_gzip'])})"))
            row(f"  {engine}: requests", lambda r, q=label, e=engine: str(r["browser"][q][e]["query_requests"]))
            row(f"  {engine}: results shown", lambda r, q=label, e=engine: str(r["browser"][q][e]["results_shown"]))
        for engine in ("kbsite file://", "kbsite-header file://"):
            row(f"  {engine}: first results", lambda r, q=label, e=engine: (
                f"{r['browser'][q][e]['first_results_ms']:.0f} ms" if e in r["browser"][q] else "-"))
        for engine in ENGINES:
            row(f"  page load before typing, {engine}",
                lambda r, q=label, e=engine: kib(r["browser"][q][e]["page_load_bytes"]))
    row("kbsite browser index, all files", lambda r: mib(r["kbsite_index"]["browser_search_bytes"]))
    row("pagefind bundle, all files", lambda r: mib(r["pagefind_index"]["bundle_bytes"]))
    row("pagefind indexing (s)", lambda r: f"{r['pagefind_index']['index_seconds']:.1f}")
    row("Material search_index.json", lambda r: mib(r["material"]["search_index_bytes"]))
    row("  gzip", lambda r: mib(r["material"]["search_index_bytes_gzip"]))
    for key in ("whoosh", "whoosh_baseline"):
        row(f"{key.replace('_', ' ')} p50 / p95", lambda r, k=key: f"{r[k]['p50_ms']:.1f} / {r[k]['p95_ms']:.1f} ms")
        row("  CPU p50 / p95", lambda r, k=key: f"{r[k]['cpu_p50_ms']:.1f} / {r[k]['cpu_p95_ms']:.1f} ms")
    row("  max, first (cold) query", lambda r: f"{r['whoosh']['max_ms']:.0f} / {r['whoosh']['first_ms']:.0f} ms")
    row("  queries with hits", lambda r: f"{r['whoosh']['with_hits']} / {r['whoosh']['queries']}")
    for key in ("terminal_command", "terminal_command_baseline"):
        row(f"{key.replace('_', ' ')}, median wall / CPU", lambda r, k=key: (
            f"{r[k]['median_ms']:.0f} / {r[k]['cpu_median_ms']:.0f} ms"))
    return table.render()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="article counts, comma-separated (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kbsite-bench"),
                        help="where the projects are (shared with bench_build.py; default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="browser runs per query and engine (default: 3)")
    parser.add_argument("--queries", type=int, default=200, help="Whoosh queries (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the Pagefind copy of each site")
    parser.add_argument("--whoosh-only", action="store_true",
                        help="only the terminal search (the project is built without a site if it has no index)")
    parser.add_argument("--json", type=Path, default=None, help="save every figure to this file")
    parser.add_argument("--known-items", type=int, default=0, metavar="N",
                        help="also MRR@10 of N known-item queries a language (benchmarks/known_item.py)")
    parser.add_argument("--known-only", action="store_true", help="only the known-item figures, no latencies")
    parser.add_argument("--baseline", default=None, metavar="REV",
                        help="also rank the known items with the code of this git revision, in the same run")
    parser.add_argument("--material-up-to", type=int, default=10_000,
                        help="measure Material's own index up to this many articles (a plain MkDocs build with its "
                             "search plugin: ~10 minutes at 50k; default: %(default)s)")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)
    code = snapshot_code(args.workdir)
    log(f"measuring the kbsite code copied to {code}")
    known = (args.known_items, args.baseline)
    if args.known_only:
        results = {n: known_only(n, args.seed, args.workdir, known) for n in sizes}
        for n, r in results.items():
            print(f"{n:,} articles, {r['known_items']['queries']} known-item queries\n{known_table(r['known_items'])}")
    else:
        baseline = code_at(args.baseline, args.workdir) if args.baseline else None
        results = {n: bench_size(n, args.seed, args.workdir, args.runs, args.queries, args.keep, args.whoosh_only,
                                 n <= args.material_up_to, known, baseline)
                   for n in sizes}
        print(_table(results))
    if args.json:
        figures = {"code": code.name, "seed": args.seed, "sizes": {str(n): r for n, r in results.items()}}
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
