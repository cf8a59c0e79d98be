"""The published default site works without the internet: under a GitHub Pages sub-path, from file://, from the zip.

Every request outside the site is aborted and counted; a page that needs the internet (a font, a CDN script)
or a broken asset path fails here.
"""

from __future__ import annotations

import re
import urllib.parse
import zipfile
from pathlib import Path

import pytest
from browser.helpers import SUB_PATH, needs_chromium
from browser.site_pages import page_kinds, published_site, search_word

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

# Material's stylesheet makes the header sticky; without it the header is a static block.
CSS_LOADED = "getComputedStyle(document.querySelector('.md-header')).position === 'sticky'"
# Material's bundle and kbsite's search script each leave a global behind once they ran.
JS_LOADED = "typeof window.document$ === 'object' && typeof window.kbsearchData === 'function'"


class Tab:
    """One browser tab that aborts and counts every request outside `site_url`, and notes what failed to load."""

    def __init__(self, chromium, site_url: str) -> None:
        self.page = chromium.new_page()
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.answered_404: str | None = None
        # Only requests outside the site are routed, so pages load at full speed.
        self.page.route(re.compile(f"^(?!{re.escape(site_url)})"), self._abort)
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)
        self.page.on("pageerror", lambda e: self.errors.append(f"script error: {e}"))

    def _abort(self, route) -> None:
        self.blocked.append(route.request.url)
        route.abort()

    def _failed(self, request) -> None:
        # ERR_ABORTED: a request the browser dropped itself (the last page's favicon when the next one opens) or
        # one aborted above, which `blocked` counts. A missing file is ERR_FILE_NOT_FOUND, or a 404 over http.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.failure} {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400 and response.url != self.answered_404:
            self.failed.append(f"{response.status} {response.url}")

    def answer_404(self, url: str, body: bytes) -> None:
        """Answer `url` as GitHub Pages answers a missing page: status 404 with the site's 404.html."""
        self.answered_404 = url
        self.page.route(url, lambda r: r.fulfill(status=404, body=body, content_type="text/html"))

    def open(self, url: str):
        self.blocked.clear()
        self.failed.clear()
        self.errors.clear()
        self.page.goto(url, wait_until="load")
        return self.page

    def problems(self) -> list[str]:
        out = [f"blocked {u}" for u in self.blocked] + [f"failed {u}" for u in self.failed] + self.errors
        if not self.page.evaluate(CSS_LOADED):
            out.append("Material's CSS did not apply")
        if not self.page.evaluate(JS_LOADED):
            out.append("Material's or kbsite's JavaScript did not run")
        return out


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    with published_site(tmp_path_factory.mktemp("offline") / "project") as (site, url):
        yield site, url


def wait_for_search_results(page) -> list[str]:
    page.wait_for_selector("#kb-search-results li a", timeout=10_000)
    return page.eval_on_selector_all("#kb-search-results li a", "els => els.map(a => a.href)")


def header_search(page, word: str) -> list[str]:
    """Type into the header box and return the result links it shows."""
    page.fill("#kb-header-q", word)
    page.wait_for_selector("#kb-header-results:not([hidden]) li a", timeout=10_000)
    return page.eval_on_selector_all("#kb-header-results li a", "els => els.map(a => a.href)")


def test_every_kind_of_page_works_under_the_sub_path(chromium, published):
    site, url = published
    tab = Tab(chromium, url)
    problems = {}
    for kind, rel in page_kinds(site).items():
        page = tab.open(url + rel)
        if kind == "search":
            assert all(link.startswith(f"{url}articles/") for link in wait_for_search_results(page))
        problems[kind] = tab.problems()
    assert problems == {kind: [] for kind in problems}


def test_not_found_page_works_at_any_depth_under_the_sub_path(chromium, published):
    """GitHub Pages answers a missing URL with 404.html, wherever the URL is: its links must not be relative."""
    site, url = published
    missing = f"{url}articles/no/such/page.html"
    tab = Tab(chromium, url)
    tab.answer_404(missing, (site / "404.html").read_bytes())
    page = tab.open(missing)
    assert tab.problems() == []
    hrefs = page.eval_on_selector_all("a[href], link[href]", "els => els.map(a => a.getAttribute('href'))")
    internal = [h for h in hrefs if not urllib.parse.urlsplit(h).scheme and not h.startswith("#")]
    assert internal and all(h.startswith(SUB_PATH) for h in internal), internal
    for href in sorted(set(internal)):
        assert page.request.get(urllib.parse.urljoin(url, href)).status == 200, href
    assert all(link.startswith(f"{url}articles/") for link in header_search(page, search_word(site)))


def test_every_kind_of_page_works_from_file_and_links_to_files(chromium, published):
    """Opened from disk, pages load everything from the site folder and every link opens a file, not a folder.

    The 404 page is left out: from file:// the browser shows its own page for a missing file.
    """
    site, _ = published
    base = site.as_uri() + "/"
    tab = Tab(chromium, base)
    problems = {}
    for kind, rel in page_kinds(site).items():
        if kind == "404":
            continue
        page = tab.open(base + rel)
        if kind == "search":
            wait_for_search_results(page)
        links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        local = [urllib.parse.urlsplit(link).path for link in links if link.startswith(base)]
        assert local, f"no links on the {kind} page"
        not_files = sorted({link for link in local if not Path(urllib.parse.unquote(link)).is_file()})
        problems[kind] = tab.problems() + [f"link to {link} (not a file)" for link in not_files]
    assert problems == {kind: [] for kind in problems}


def test_offline_zip_unzips_into_a_site_that_searches_from_file(chromium, published, tmp_path):
    site, _ = published
    with zipfile.ZipFile(site.parent / "offline.zip") as zf:  # beside the site, by default
        zf.extractall(tmp_path)
    home = tmp_path / "site" / "index.html"
    base = home.parent.as_uri() + "/"
    tab = Tab(chromium, base)
    page = tab.open(home.as_uri())
    first = header_search(page, search_word(site))[0]
    assert first.startswith(f"{base}articles/") and first.endswith(".html")
    page.press("#kb-header-q", "Enter")
    page.wait_for_load_state()
    assert page.url.startswith(f"{base}search/index.html?q=")
    assert wait_for_search_results(page)[0] == first
    page.click("#kb-search-results li a >> nth=0")
    page.wait_for_load_state()
    assert page.url == first
    assert tab.problems() == []
