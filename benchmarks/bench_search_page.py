"""First results of kbsite's search page over several browser indexes, over http and from file://.

The page is the search form and the search's scripts alone, without the MkDocs theme: a browser index built
without its site (or regrouped by search_bytes.py) is enough. Runs alternate between the indexes, so a busy machine
weighs on all of them alike; each run is a fresh browser context (empty cache). Times include the page's
150 ms debounce, as bench_search's do.

    python benchmarks/bench_search_page.py OUT.json NAME=INDEX_DIR [NAME=INDEX_DIR ...] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import REPO
from benchmarks.search_browser import CHROMIUM, CHROMIUM_ARGS, ONE_WORD, THREE_WORDS, browser_query, serve
from kbsite.emit.search import search_page
from kbsite.plugin import SEARCH_JS


def bare_site(folder: Path, index: Path) -> Path:
    """search/index.html with the search page's form, and the search's scripts beside a link to the index."""
    html = search_page().split("---", 2)[2]
    form = html[html.index("<form"):html.index("<noscript>")]
    scripts = "".join(f'<script src="../{js}"></script>' for js in SEARCH_JS)
    (folder / "search").mkdir(parents=True)
    (folder / "search" / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Search</title></head>'
        f'<body>{form}{scripts}</body></html>', encoding="utf-8")
    (folder / "assets" / "kbsite").mkdir(parents=True)
    for js in SEARCH_JS:
        shutil.copy(REPO / "kbsite" / "theme" / js, folder / "assets" / "kbsite")
    (folder / "assets" / "kbsite" / "search").symlink_to(index.resolve())
    return folder


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("indexes", nargs="+", help="NAME=INDEX_DIR")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        sites = {name: bare_site(Path(tmp) / name, Path(index))
                 for name, index in (arg.split("=", 1) for arg in args.indexes)}
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for query in (ONE_WORD, THREE_WORDS):
                for _ in range(args.runs):
                    for name, site in sites.items():
                        with serve(site) as (base, served):
                            got = browser_query(browser, base, served, "kbsite", query)
                        row = out.setdefault(name, {}).setdefault(query, {
                            "http": [], "file": [], "bytes": got["query_bytes"], "requests": got["query_requests"]})
                        row["http"].append(got["first_results_ms"])
                        row["file"].append(browser_query(browser, site.as_uri() + "/", [], "kbsite", query)
                                           ["first_results_ms"])
        finally:
            browser.close()
    for name, by_query in out.items():
        for query, row in by_query.items():
            row["http_median"], row["file_median"] = statistics.median(row["http"]), statistics.median(row["file"])
            print(f"{name:12} {query!r:30} http {row['http_median']:6.0f} ms  file:// {row['file_median']:6.0f} ms"
                  f"  {row['bytes'] / 1024:6.1f} KiB, {row['requests']} requests")
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
