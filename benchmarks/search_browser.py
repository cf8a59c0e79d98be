"""Search in a real browser: a built site served on 127.0.0.1, a query typed into a search page in headless
Chromium, and the time to the first result and the bytes loaded, for kbsite's pages and Pagefind's.

bench_search.py measures the terminal search and writes the report; the browser side is its own module
because bench_search_page.py and known_item.py drive the same pages with the same server and browser
settings, and they should measure exactly what bench_search measures. Every request that is not to the
local server is aborted, so a page that tried to fetch from elsewhere would fail rather than be timed.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import re
import shutil
import statistics
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from benchmarks.measure import PYTHON, run, tree_bytes

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
ONE_WORD = "government"
THREE_WORDS = "government minister report"
PAGEFIND_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Search</title>
<link href="pagefind/pagefind-ui.css" rel="stylesheet">
<script src="pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div>
<script>window.addEventListener("DOMContentLoaded", function () { new PagefindUI({ element: "#search" }); });</script>
</body>
</html>
"""
# name: (page, input, first result)
ENGINES = {
    "kbsite": ("search/index.html", "#kb-search-q", "#kb-search-results li"),
    "kbsite-header": ("index.html", "#kb-header-q", "#kb-header-results li"),
    "pagefind": ("pagefind-search.html", ".pagefind-ui__search-input", ".pagefind-ui__result"),
}
TYPE_QUERY = """([input, result, query]) => {
  window.__kbFirst = null;
  const seen = () => { if (window.__kbFirst === null && document.querySelector(result)) {
    window.__kbFirst = performance.now(); observer.disconnect(); } };
  const observer = new MutationObserver(seen);
  observer.observe(document.body, {childList: true, subtree: true});
  const box = document.querySelector(input);
  box.focus();
  window.__kbTyped = performance.now();
  box.value = query;
  box.dispatchEvent(new Event("input", {bubbles: true}));
}"""


@dataclass
class Served:
    t: float  # time.monotonic() when the response was sent
    path: str
    size: int
    gzip_size: int


class _Handler(SimpleHTTPRequestHandler):
    served: list[Served]

    def log_message(self, format: str, *args: object) -> None:  # every response is recorded in do_GET instead
        return

    def do_GET(self) -> None:
        super().do_GET()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            size, packed = _sizes(str(path))
            self.served.append(Served(time.monotonic(), unquote(urlsplit(self.path).path), size, packed))


@functools.lru_cache(maxsize=100_000)
def _sizes(path: str) -> tuple[int, int]:
    data = Path(path).read_bytes()
    return len(data), min(len(data), len(gzip.compress(data, 6)))


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[tuple[str, list[Served]]]:
    """The folder over HTTP on 127.0.0.1, on a free port, for as long as the block runs."""
    served: list[Served] = []
    handler = type("Handler", (_Handler,), {"served": served})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", served
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def browser_query(browser, base: str, served: list[Served], engine: str, query: str) -> dict:
    """One query typed into one engine's search page in a fresh context (empty cache)."""
    page_path, input_sel, result_sel = ENGINES[engine]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page.goto(base + page_path, wait_until="networkidle", timeout=120_000)
        page.wait_for_selector(input_sel, timeout=60_000)
        page.wait_for_timeout(300)
        before = len(served)
        page.evaluate(TYPE_QUERY, [input_sel, result_sel, query])
        page.wait_for_function("window.__kbFirst !== null", timeout=120_000, polling=10)
        first_ms = page.evaluate("window.__kbFirst - window.__kbTyped")
        wait_quiet(served)
        results = page.locator(result_sel).count()
        loaded = served[before:]
        page_load = served[:before]
        return {
            "first_results_ms": round(first_ms, 1), "results_shown": results,
            "query_bytes": sum(s.size for s in loaded), "query_bytes_gzip": sum(s.gzip_size for s in loaded),
            "query_requests": len(loaded), "page_load_bytes": sum(s.size for s in page_load),
            "page_load_bytes_gzip": sum(s.gzip_size for s in page_load),
        }
    finally:
        context.close()
        served.clear()


def wait_quiet(served: list[Served], quiet_for: float = 0.7, limit: float = 60.0) -> None:
    """Wait until the server has sent nothing for a while: the query's last shard has arrived."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        last = served[-1].t if served else start
        if time.monotonic() - last >= quiet_for:
            return
        time.sleep(0.1)


def pagefind_copy(site: Path, out: Path) -> dict:
    """Pagefind over a copy of the built site, with its default UI on a page of its own."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(site, out)
    (out / "pagefind-search.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    indexed = run([str(PYTHON), "-m", "pagefind", "--site", str(out)])
    if indexed.returncode != 0:
        raise SystemExit(f"pagefind failed:\n{indexed.stderr[-3000:]}{indexed.stdout[-3000:]}")
    pages = re.search(r"Indexed (\d+) pages", indexed.stdout)
    return {"index_seconds": round(indexed.seconds, 1), "bundle_bytes": tree_bytes(out / "pagefind")[0],
            "pages": int(pages.group(1)) if pages else None}


def browser_figures(site: Path, pagefind_site: Path, runs: int) -> dict:
    """The two fixed queries typed into each engine `runs` times over http (median first-results time, the
    last run's bytes), and into kbsite's pages opened from disk."""
    from playwright.sync_api import sync_playwright

    figures: dict = {}
    with sync_playwright() as p, serve(site) as (kb_base, kb_served), \
            serve(pagefind_site) as (pf_base, pf_served):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for label, query in (("one_word", ONE_WORD), ("three_words", THREE_WORDS)):
                for engine, base, served in (("kbsite", kb_base, kb_served), ("kbsite-header", kb_base, kb_served),
                                             ("pagefind", pf_base, pf_served)):
                    samples = [browser_query(browser, base, served, engine, query) for _ in range(runs)]
                    summary = dict(samples[-1])
                    summary["first_results_ms"] = statistics.median(s["first_results_ms"] for s in samples)
                    summary["first_results_ms_runs"] = [s["first_results_ms"] for s in samples]
                    figures.setdefault(label, {"query": query})[engine] = summary
                for engine in ("kbsite", "kbsite-header"):  # the same pages opened from disk
                    times = [browser_query(browser, site.as_uri() + "/", [], engine, query)
                             ["first_results_ms"] for _ in range(runs)]
                    figures[label][f"{engine} file://"] = {"first_results_ms": statistics.median(times),
                                                           "first_results_ms_runs": times}
        finally:
            browser.close()
    return figures
