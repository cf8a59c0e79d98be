"""Known-item search quality on real documentation: every page asked for by its own one-line description.

A documentation page carries a one-line description: a manual page its NAME line ("printf - formatted output
conversion": the query is "formatted output conversion"), a Debian package the first paragraph of its page
(benchmarks/package_corpora.py). Each page of a built project is one query, in its language (its kb/ folder),
with that page as the one right answer; the answer's rank in the first 10 gives 1/rank (0 past 10), averaged per
language: MRR@10. Ranked in one run, over the same built site, by kbsite's terminal search, kbsite's browser
search (its scripts under node over the index files the site ships), Pagefind over a copy of the site, and
optionally both kbsite searches of a baseline git revision (benchmarks/known_item.py does the ranking).

The ceiling: pages that carry the same description in one language cannot be told apart by it; a perfect
search ranks them first in some order, and its expected MRR@10 is the mean of 1/r over their ranks.

The pages are split into two halves by a hash of their path ("tune" and "held-out"); ranking constants are
chosen on one corpus's tuning half and reported on the held-out halves and the other corpora.

    python benchmarks/known_item_docs.py --project DIR [--project DIR ...] [--baseline REV] [--json OUT]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.known_item import (
    KnownItem,
    _catalog,
    baseline_project,
    browser_ranks,
    code_at,
    mrr,
    pagefind_ranks,
    terminal_ranks,
)
from benchmarks.measure import PYTHON, REPO, _code, code_dir, log, run, snapshot_code, use_code
from benchmarks.search_browser import pagefind_copy

_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_DASH = re.compile(r"\s[-\u2010-\u2015]\s")  # the NAME line's separator, a hyphen or a dash between spaces


def description(source: str, text: str) -> str | None:
    """The page's one-line description, or None when it has none."""
    if source.endswith(".txt"):
        first = text.split("\n", 1)[0]
        parts = _DASH.split(first, maxsplit=1)
        return parts[1].strip() if len(parts) == 2 and parts[1].strip() else None
    if source.endswith(".md"):
        body = _FRONT.sub("", text).strip()
        first = body.split("\n\n", 1)[0].strip()
        return first if first and not first.startswith("#") else None
    return None


def page(url: str) -> str:
    """A page's URL as every engine names it: kbsite's index says articles/x.html, Pagefind articles/x/."""
    url = url.split("#", 1)[0].lstrip("/").removesuffix("index.html").removesuffix("/")
    return url.removesuffix(".html")


def half(source: str) -> str:
    return "tune" if hashlib.sha256(source.encode()).digest()[0] % 2 == 0 else "held-out"


def doc_items(kb: Path, per_lang: int = 0) -> list[KnownItem]:
    """One known item for every page of kb/<lang>/ with a description; with `per_lang`, that many a language
    at most, in an order fixed by a hash of their paths."""
    items = []
    for path in sorted(p for p in kb.rglob("*") if p.is_file()):
        source = path.relative_to(kb).as_posix()
        query = description(source, path.read_text(encoding="utf-8", errors="replace"))
        if query and "/" in source:
            items.append(KnownItem(source.split("/", 1)[0], half(source), query, f"kb/{source}"))
    if per_lang:
        order = sorted(items, key=lambda i: hashlib.sha256(i.source.encode()).hexdigest())
        kept = {id(i) for lang in {i.lang for i in items} for i in [x for x in order if x.lang == lang][:per_lang]}
        items = [i for i in items if id(i) in kept]
    return items


def _same(query: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", query).casefold().split())


def ceiling(items: list[KnownItem]) -> dict[str, float]:
    """The expected MRR@10 of a search that ranks the pages of one description first, in any order."""
    return _mean_by(items, [ceiling_of(i, items) for i in items])


def ceiling_of(item: KnownItem, pages: list[KnownItem]) -> float:
    """What a perfect search scores on `item` when `pages` (of every language) may carry its description."""
    k = sum(p.lang == item.lang and _same(p.query) == _same(item.query) for p in pages)
    return sum(1 / r for r in range(1, min(k, 10) + 1)) / k


def _mean_by(items: list[KnownItem], scores: list[float]) -> dict[str, float]:
    per: dict[str, list[float]] = {}
    for item, score in zip(items, scores, strict=True):
        for key in (item.lang, f"{item.lang}/{item.kind}", "all"):
            per.setdefault(key, []).append(score)
    return {key: round(sum(v) / len(v), 3) for key, v in sorted(per.items())}


def build(root: Path, code: Path) -> None:
    """The project's pages, index and site, built (incrementally) by the measured code."""
    (root / "docs").mkdir(exist_ok=True)
    log(f"building {root.name} with {code.name}")
    done = run([str(PYTHON), str(code / "build_index.py"), "--root", str(root), "build", "--quiet"])
    if done.returncode != 0:
        raise SystemExit(f"the build of {root} failed:\n{done.stderr[-3000:]}")


def figures_for(root: Path, workdir: Path, baseline: str | None, pagefind: bool, per_lang: int,
                fresh: bool = True) -> dict:
    code = code_dir()
    if fresh:
        build(root, code)
    catalog = _catalog(root, code)
    every = [i for i in doc_items(root / "kb") if i.source in catalog]
    items = [i for i in doc_items(root / "kb", per_lang) if i.source in catalog]
    answers = [page(catalog[i.source][0]) for i in items]
    queries = [i.query for i in items]
    figures: dict = {"project": root.name, "queries": len(items), "ceiling": _mean_by(
                         items, [ceiling_of(i, every) for i in items]),
                     "misdetected": sum(catalog[i.source][1] != i.lang for i in items),
                     "examples": [i.query for i in items[:: max(1, len(items) // 8)]]}
    codes = {"kbsite": (root, code)}
    if baseline:
        old = code_at(baseline, workdir)
        _code["dir"] = old
        try:
            codes["baseline"] = (baseline_project(root, old), old)
        finally:
            _code["dir"] = code
            use_code(root)
        figures["baseline_code"] = old.name
    ranked: dict[str, list[list[str]]] = {}
    for name, (project, engine_code) in codes.items():
        log(f"{root.name}: {name} terminal and browser, {len(items)} queries")
        ranked[f"{name} terminal"] = [t["urls"] for t in terminal_ranks(project, engine_code, queries)]
        index = project / "docs" / "assets" / "kbsite" / "search"
        ranked[f"{name} browser"] = browser_ranks(engine_code / "kbsite" / "theme" / "assets" / "kbsite", index,
                                                  queries)
        figures[f"{name} identical rankings"] = sum(a == b for a, b in zip(ranked[f"{name} terminal"],
                                                                           ranked[f"{name} browser"], strict=True))
    if pagefind:
        site = workdir / f"pagefind-{root.name}"
        figures["pagefind_index"] = pagefind_copy(root / "site", site)
        log(f"{root.name}: Pagefind, {len(items)} queries")
        ranked["pagefind"] = pagefind_ranks(site, items)
    ranked = {engine: [[page(url) for url in urls] for urls in lists] for engine, lists in ranked.items()}
    for engine, urls in ranked.items():
        figures[engine] = mrr(items, answers, urls)
    figures["misses"] = {engine: [[i.lang, i.query, answers[n], urls[:3]] for n, (i, urls) in
                                  enumerate(zip(items, ranked[engine], strict=True)) if answers[n] not in urls[:1]]
                         for engine in ranked if engine in ("kbsite terminal", "pagefind")}
    return figures


def table(figures: dict) -> str:
    engines = [k for k in figures if k.endswith(("terminal", "browser")) or k in ("pagefind", "ceiling")]
    langs = sorted(k for k in figures["ceiling"] if "/" not in k and k != "all")
    keys = [*langs, "all", *sorted(k for k in figures["ceiling"] if "/" in k)]
    width = max(len(e) for e in engines)
    lines = [f"{figures['project']}: {figures['queries']} queries (pages whose language kbsite detected "
             f"otherwise: {figures['misdetected']})",
             "MRR@10".ljust(width) + " " + " ".join(k.rjust(max(6, len(k))) for k in keys)]
    for engine in engines:
        lines.append(engine.ljust(width) + " " + " ".join(f"{figures[engine].get(k, 0):.3f}".rjust(max(6, len(k)))
                                                          for k in keys))
    for name in ("kbsite", "baseline"):
        if f"{name} identical rankings" in figures:
            lines.append(f"{name}: terminal and browser give the same first 10 for "
                         f"{figures[f'{name} identical rankings']} of {figures['queries']} queries")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, action="append", required=True,
                        help="a project of real pages (benchmarks/manpage_corpora.py, package_corpora.py); repeat")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kbsite-bench"))
    parser.add_argument("--baseline", default=None, metavar="REV", help="also rank with the code of this revision")
    parser.add_argument("--per-lang", type=int, default=100, help="queries a language at most (0: every page; "
                        "default: %(default)s)")
    parser.add_argument("--no-pagefind", action="store_true", help="leave Pagefind out")
    parser.add_argument("--no-build", action="store_true",
                        help="the projects are built already by this very code: do not build them again")
    parser.add_argument("--json", type=Path, default=None, help="save every figure to this file")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    code = REPO if args.no_build else snapshot_code(args.workdir)
    log(f"measuring the kbsite code in {code}")
    results: dict[str, dict] = {}
    for root in args.project:
        results[root.name] = figures_for(root.resolve(), args.workdir, args.baseline, not args.no_pagefind,
                                         args.per_lang, not args.no_build)
        print(table(results[root.name]), flush=True)
    if args.json:
        args.json.write_text(json.dumps({"code": code.name, "projects": results}, indent=1, ensure_ascii=False)
                             + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
