"""First results of kbsite's search page over several browser indexes, over http and from file://.

The page is the search form and the search's scripts alone, without the MkDocs theme: a browser index built
without its site (or regrouped by search_bytes.py) is enough. Runs alternate between the variants, so a busy
machine weighs on all of them alike; each run is a fresh browser context (empty cache). A variant is an index,
and optionally another copy of kbsite whose search scripts to use (a baseline, e.g. a `git archive` of it).

Two ways of entering the query: "pasted" puts the whole query in the box with one input event, as
bench_search does (the time runs from that event); "typed" types it a key at a time, TYPED_DELAY ms apart, as a
quick typist does (the time runs from the last key's input event, so both include whatever the page waits for
after it), over http and from file://; over http, the bytes and requests of the whole typing too (a page that
searches as the reader types must not load more than the query pasted).

    python benchmarks/bench_search_page.py OUT.json NAME=INDEX_DIR[,KBSITE_COPY] [NAME=...] [--runs 5]
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
from benchmarks.search_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ONE_WORD,
    THREE_WORDS,
    Served,
    browser_query,
    serve,
    wait_quiet,
)
from kbsite.emit.search import search_page
from kbsite.plugin import SEARCH_JS

TYPED_DELAY = 60  # ms between keys
TYPE_KEYS = """([input, list]) => {
  window.__kbChanges = [];
  window.__kbTyped = null;
  const observer = new MutationObserver(() => { window.__kbChanges.push(performance.now()); });
  observer.observe(document.querySelector(list), {childList: true, subtree: true});
  document.querySelector(input).addEventListener("input", () => { window.__kbTyped = performance.now(); }, true);
}"""
FIRST_AFTER_LAST_KEY = """() => {
  const after = window.__kbChanges.filter(t => t > window.__kbTyped);
  return after.length ? after[0] - window.__kbTyped : null;
}"""


def typed_query(browser, base: str, served: list[Served], query: str) -> dict:
    """Milliseconds from the input event of the query's last key to the first change of the result list after it
    (the results of a word typed before a pause may have been shown already), in a fresh context; and the bytes
    and requests of the whole typing, from the first key until nothing more is loaded (over http: `served`)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page.goto(base + "search/index.html", wait_until="networkidle", timeout=120_000)
        page.wait_for_selector("#kb-search-q", timeout=60_000)
        page.wait_for_timeout(300)
        page.evaluate(TYPE_KEYS, ["#kb-search-q", "#kb-search-results"])
        page.click("#kb-search-q")
        before = len(served)
        page.keyboard.type(query, delay=TYPED_DELAY)
        page.wait_for_function(FIRST_AFTER_LAST_KEY, timeout=120_000, polling=10)
        ms = round(page.evaluate(FIRST_AFTER_LAST_KEY), 1)
        wait_quiet(served)
        loaded = served[before:]
        return {"ms": ms, "bytes": sum(s.size for s in loaded), "requests": len(loaded)}
    finally:
        context.close()
        served.clear()


def bare_site(folder: Path, index: Path, code: Path = REPO) -> Path:
    """search/index.html with the search page's form, and the search's scripts of `code` (a copy of kbsite)
    beside a link to the index."""
    html = search_page().split("---", 2)[2]
    form = html[html.index("<form"):html.index("<noscript>")]
    scripts = "".join(f'<script src="../{js}"></script>' for js in SEARCH_JS)
    (folder / "search").mkdir(parents=True)
    (folder / "search" / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Search</title></head>'
        f'<body>{form}{scripts}</body></html>', encoding="utf-8")
    (folder / "assets" / "kbsite").mkdir(parents=True)
    for js in SEARCH_JS:
        shutil.copy(code / "kbsite" / "theme" / js, folder / "assets" / "kbsite")
    (folder / "assets" / "kbsite" / "search").symlink_to(index.resolve())
    return folder


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("indexes", nargs="+", help="NAME=INDEX_DIR[,KBSITE_COPY]")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        sites = {}
        for name, spec in (arg.split("=", 1) for arg in args.indexes):
            index, _, code = spec.partition(",")
            sites[name] = bare_site(Path(tmp) / name, Path(index), Path(code) if code else REPO)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for query in (ONE_WORD, THREE_WORDS):
                for _ in range(args.runs):
                    for name, site in sites.items():
                        with serve(site) as (base, served):
                            got = browser_query(browser, base, served, "kbsite", query)
                            typed = typed_query(browser, base, served, query)
                        row = out.setdefault(name, {}).setdefault(query, {
                            "http": [], "file": [], "typed_http": [], "typed_file": [], "bytes": got["query_bytes"],
                            "requests": got["query_requests"], "typed_bytes": [], "typed_requests": []})
                        row["http"].append(got["first_results_ms"])
                        row["typed_http"].append(typed["ms"])
                        row["typed_bytes"].append(typed["bytes"])
                        row["typed_requests"].append(typed["requests"])
                        row["file"].append(browser_query(browser, site.as_uri() + "/", [], "kbsite", query)
                                           ["first_results_ms"])
                        row["typed_file"].append(typed_query(browser, site.as_uri() + "/", [], query)["ms"])
        finally:
            browser.close()
    for name, by_query in out.items():
        for query, row in by_query.items():
            for key in ("http", "file", "typed_http", "typed_file", "typed_bytes", "typed_requests"):
                row[f"{key}_median"] = statistics.median(row[key])
            print(f"{name:12} {query!r:30} pasted: http {row['http_median']:5.0f} ms  "
                  f"file:// {row['file_median']:5.0f} ms  {row['bytes'] / 1024:6.1f} KiB, {row['requests']} requests;"
                  f"  typed: http {row['typed_http_median']:5.0f} ms  file:// {row['typed_file_median']:5.0f} ms  "
                  f"{row['typed_bytes_median'] / 1024:6.1f} KiB, {row['typed_requests_median']:.0f} requests")
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
