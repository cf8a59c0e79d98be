"""No broken link in the published default site: LinkChecker crawls it served under a GitHub Pages sub-path.

Only the site's own URLs are checked (the links out to article sources need the internet).
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from browser.site_pages import published_site

pytestmark = pytest.mark.slow
LINKCHECKER = Path(sys.executable).parent / "linkchecker"
CONFIG = "[checking]\nthreads=8\nmaxrequestspersecond=1000\n[output]\nstatus=0\n"


def check_links(url: str, config: Path, *options: str) -> list[dict[str, str]]:
    """Every URL LinkChecker met, one row each (see `linkchecker -o csv`)."""
    config.write_text(CONFIG, encoding="utf-8")
    result = subprocess.run([str(LINKCHECKER), "-f", str(config), "-o", "csv", "--verbose", *options, url],
                            capture_output=True, text=True, check=False)
    rows = list(csv.DictReader((line for line in result.stdout.splitlines() if not line.startswith("#")),
                               delimiter=";"))
    assert rows, f"LinkChecker did not run: {result.stderr}"
    return rows


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    with published_site(tmp_path_factory.mktemp("links") / "project") as (site, url):
        yield site, url, check_links(url, site.parent / "linkcheckerrc")


def test_no_broken_links(crawl):
    _, _, rows = crawl
    broken = {f"{r['url']} ({r['result']}), linked from {r['parentname']}" for r in rows if r["valid"] != "True"}
    assert broken == set()


def test_the_crawl_reached_every_page(crawl):
    """Every page but the 404 page is reachable by links from the home page, and was checked."""
    site, url, rows = crawl
    checked = {r["url"].removeprefix(url).split("#")[0] for r in rows if r["result"].startswith("200")}
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html"}
    assert pages - checked == set()


def test_a_broken_link_is_found(crawl, tmp_path):
    """The check itself works: a page linking to a missing page fails it."""
    site, url, _ = crawl
    about = site / "about.html"
    kept = about.read_bytes()
    try:
        about.write_bytes(kept.replace(b"</article>", b'<a href="no-such-page.html">gone</a></article>', 1))
        rows = check_links(url + "about.html", tmp_path / "linkcheckerrc", "--recursion-level", "1")
    finally:
        about.write_bytes(kept)
    assert [r["url"] for r in rows if r["valid"] != "True"] == [url + "no-such-page.html"]
