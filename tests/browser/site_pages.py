"""The default site as published (built for and served under a sub-path), and one page of each kind in it.

Pages are found in the built site itself, so no article name or language of the default KB is written here.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

from browser.helpers import SUB_PATH, _SubPathHandler

from tests.conftest import REPO, build_project, make_project

_HTML_LANG = re.compile(rb'<html lang="([^"]+)"')
_TITLE = re.compile(r"<h1[^>]*>([^<]+)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{4,}")


def _first(site: Path, folder: str) -> str:
    pages = sorted(p.name for p in (site / folder).glob("*.html") if p.name != "index.html")
    assert pages, f"the built site has no pages in {folder}/"
    return f"{folder}/{pages[0]}"


def articles_by_language(site: Path) -> dict[str, str]:
    """The first article page of each language, by the language its <html lang> states."""
    out: dict[str, str] = {}
    for path in sorted((site / "articles").glob("*.html")):
        lang = _HTML_LANG.search(path.read_bytes())
        assert lang, f"{path.name} states no language"
        out.setdefault(lang.group(1).decode(), f"articles/{path.name}")
    return out


def search_word(site: Path) -> str:
    """A word of an article's title, so the search page has results to show."""
    article = next(iter(articles_by_language(site).values()))
    title = _TITLE.search((site / article).read_text(encoding="utf-8"))
    assert title, f"{article} has no <h1>"
    return _WORD.findall(title.group(1))[0]


def page_kinds(site: Path) -> dict[str, str]:
    """Kind of page -> its URL relative to the site root (with a query for the search page)."""
    kinds = {
        "home": "index.html",
        "topics index": "topics/index.html",
        "topic": _first(site, "topics"),
        "entities index": "entities/index.html",
        "entity": _first(site, "entities"),
        "browse": "browse/index.html",
        "browse listing": _first(site, "browse"),
        "timeline": "timeline.html",
        "timeline year": _first(site, "timeline"),
        "search": f"search/index.html?q={search_word(site)}",
        "about": "about.html",
        "404": "404.html",
    }
    kinds.update({f"article ({lang})": url for lang, url in articles_by_language(site).items()})
    for url in kinds.values():
        assert (site / url.split("?")[0]).is_file(), f"the built site has no {url}"
    return kinds


@contextlib.contextmanager
def environ(**values: str) -> Iterator[None]:
    """Set environment variables for the length of a block (session and module fixtures have no monkeypatch)."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class _PagesHandler(_SubPathHandler):
    """The helpers' sub-path server, telling LinkChecker it may check at full speed (else 10 requests a second)."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


@contextlib.contextmanager
def published_site(root: Path) -> Iterator[tuple[Path, str]]:
    """The default KB built for, and served at, http://127.0.0.1:<port>/kbsite-test/, as GitHub Pages serves it.

    The server starts first, so the build's site_url (KBSITE_SITE_URL, as in the Pages workflow) has the real port.
    """
    make_project(root, docs=REPO / "docs")
    handler = functools.partial(_PagesHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    try:
        with environ(KBSITE_SITE_URL=url):
            build_project(root, strict=True)
        yield root / "site", url
    finally:
        server.shutdown()
        server.server_close()
