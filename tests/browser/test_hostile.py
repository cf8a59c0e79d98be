"""A KB full of script payloads, built and opened page by page in headless Chromium: nothing runs.

Every payload in tests/fixtures/hostile_kb/ tries to set `window.__pwned` or open a dialog, from the
article bodies (Markdown, HTML, text), titles, front matter and sidecar values, file names, the
taxonomy's labels, aliases and descriptions, and the words that end up in search snippets.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from browser.helpers import confine, needs_chromium
from bs4 import BeautifulSoup

from kbsite.emit.graph import STYLE
from tests.conftest import REPO, build_project, make_project

pytestmark = [
    pytest.mark.browser, pytest.mark.slow, needs_chromium,
    pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning"),  # the SVG and feed files, on purpose
]

GRAPH_STYLE = BeautifulSoup(STYLE, "html.parser").style.get_text()
FIXTURE = Path(__file__).parents[1] / "fixtures" / "hostile_kb"
# Names some file systems refuse, so they are given at test time.
HOSTILE_NAMES = {
    "named-img.md": "<img src=x onerror=window.__pwned=100>.md",
    "named-svg.txt": '"><svg onload=window.__pwned=101>.txt',
}
QUERIES = ("pwnedword", "evilcorp", "onerror", "script", "window", "img src", "javascript", "pwned*")
URL_ATTRIBUTES = ("href", "src", "data", "action", "formaction", "xlink:href", "srcdoc", "poster", "background")
BAD_SCHEME = re.compile(r"^[\s\x00-\x20]*(?:javascript|vbscript|data):", re.IGNORECASE)
# The theme's and our own scripts, by the folder they are served from.
OUR_SCRIPTS = re.compile(r"^(?:\.\./)*assets/(?:javascripts|kbsite)/[\w./-]+\.js$")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    kb = tmp_path_factory.mktemp("kb") / "kb"
    shutil.copytree(FIXTURE, kb)
    for name, hostile in HOSTILE_NAMES.items():
        (kb / name).rename(kb / hostile)
    root = make_project(tmp_path_factory.mktemp("hostile") / "p", kb, docs=REPO / "docs")
    build_project(root, strict=False)
    return root / "site"


def _pages(site: Path, *suffixes: str) -> list[str]:
    # 404.html is MkDocs' own, with absolute links for the server root; it holds no content.
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.suffix in suffixes and p.name != "404.html")


class Watch:
    """Everything a page may do that a payload would: dialogs, errors, outside requests, the canary."""

    def __init__(self, chromium, site_url: str) -> None:
        self.page = chromium.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.blocked = confine(self.page, site_url)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_nothing_ran(self, where: str) -> None:
        self.page.mouse.move(5, 5)
        self.page.mouse.move(600, 400, steps=8)  # sweep over the content: onmouseover payloads would fire
        pwned = [f.evaluate("window.__pwned") for f in self.page.frames if not f.is_detached()]
        assert self.dialogs == [], where
        assert [p for p in pwned if p is not None] == [], where
        assert self.errors == [], where
        assert self.blocked == [], where
        self.page.close()


def test_the_build_keeps_every_article(site):
    names = {p.stem for p in (site / "articles").glob("*.html")}
    assert len(names) == len([p for p in FIXTURE.iterdir() if p.suffix in (".md", ".txt", ".html")])


@pytest.mark.parametrize("suffix", [".html", ".svg", ".xml"])
def test_every_generated_page_opens_without_running_anything(chromium, site, site_url, suffix):
    pages = _pages(site, suffix)
    assert pages
    for rel in pages:
        watch = Watch(chromium, site_url)
        watch.page.goto(site_url + quote(rel), wait_until="networkidle")
        watch.assert_nothing_ran(rel)


@pytest.mark.parametrize("query", QUERIES)
def test_search_page_shows_hostile_snippets_as_text(chromium, site_url, query):
    watch = Watch(chromium, site_url)
    watch.page.goto(f"{site_url}search/index.html?q={quote(query)}", wait_until="networkidle")
    watch.page.wait_for_selector("#kb-search-results li a", timeout=10_000)
    assert watch.page.evaluate("document.querySelectorAll('#kb-search-results img, #kb-search-results script, "
                               "#kb-search-results svg, #kb-search-results iframe').length") == 0
    watch.assert_nothing_ran(query)


def test_the_payload_words_are_found_and_shown_as_written(chromium, site_url):
    watch = Watch(chromium, site_url)
    watch.page.goto(f"{site_url}search/index.html?q=onerror", wait_until="networkidle")
    watch.page.wait_for_selector("#kb-search-results li a", timeout=10_000)
    assert "onerror" in watch.page.text_content("#kb-search-results")
    titles = watch.page.eval_on_selector_all("#kb-search-results li a", "els => els.map(a => a.textContent)")
    assert any("<script>window.__pwned=48</script>" in t for t in titles)
    watch.assert_nothing_ran("onerror")


@pytest.mark.parametrize("query", QUERIES)
def test_header_search_box_shows_hostile_results_as_text(chromium, site_url, query):
    watch = Watch(chromium, site_url)
    watch.page.goto(f"{site_url}index.html", wait_until="networkidle")
    watch.page.type("#kb-header-q", query, delay=20)
    watch.page.wait_for_selector("#kb-header-results:not([hidden]) li a", timeout=10_000)
    assert watch.page.evaluate("document.querySelectorAll('#kb-header-results img, #kb-header-results script, "
                               "#kb-header-results svg').length") == 0
    watch.page.hover("#kb-header-results li a >> nth=0")
    watch.assert_nothing_ran(query)


def _soups(site: Path):
    for rel in _pages(site, ".html", ".svg", ".xml"):
        yield rel, BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def test_no_script_but_the_theme_and_ours(site):
    for rel, soup in _soups(site):
        for script in soup.find_all("script"):
            src = script.get("src")
            if src:
                assert OUR_SCRIPTS.match(src), (rel, src)
            elif script.get("type") == "application/ld+json":  # data, never run; the text must stay inside
                assert "</" not in script.get_text() and "<!--" not in script.get_text(), rel
                json.loads(script.get_text())
            else:  # the theme's inline configuration and scope, and our graph's script
                assert "pwned" not in script.get_text() and "alert" not in script.get_text(), rel


def test_no_event_handler_attribute_and_no_script_url(site):
    for rel, soup in _soups(site):
        for tag in soup.find_all(True):
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            assert handlers == [], (rel, str(tag)[:200])
            for name in URL_ATTRIBUTES:
                value = tag.get(name)
                assert not (isinstance(value, str) and BAD_SCHEME.match(value)), (rel, str(tag)[:200])
            if tag.name == "object":  # only our graph pictures
                assert re.match(r"^(?:\.\./)*assets/kbsite/graph(?:/[\w/-]+)?\.svg$", tag["data"]), rel
            if tag.name == "meta" and tag.get("http-equiv"):
                assert "javascript" not in tag.get("content", "").lower(), rel
        # Only the content area: the theme's header has a search form, and a feed has <link>s of its own.
        content = soup.select_one(".md-content") if rel.endswith(".html") else soup
        assert content is not None, rel
        banned = ["iframe", "embed", "frame", "base", "form", "math", "style"]
        if rel.startswith("assets/kbsite/graph"):  # our own pictures style their own nodes
            assert [s.get_text() for s in soup.find_all("style")] == [GRAPH_STYLE], rel
            banned.remove("style")
        found = content.find_all([*banned, "link"] if rel.endswith(".html") else banned)
        assert [t for t in found if t.get("id") != "kb-search-form"] == [], rel  # but our search page's form


def test_harmless_formatting_is_kept(site):
    soup = BeautifulSoup((site / "articles" / "markdown-payloads.html").read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one(".kb-article")
    assert body.find("strong").get_text() == "bold"
    assert body.find("em").get_text() == "italic"
    assert body.find("a", href="https://example.org/ok").get_text() == "a good link"
    assert [li.get_text() for li in body.select("ul li")] == ["one", "two"]
    assert "<script>window.__pwned=46</script>" in body.find("code").get_text()
