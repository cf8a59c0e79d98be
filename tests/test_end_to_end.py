"""The default KB, built into a temporary folder: the pages and links a reader sees."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO, SEEDS

pytestmark = pytest.mark.slow

REQUIRED_TOPICS = ("encryption-policy", "bes", "government-demands")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _article_slug(seed: str) -> str:
    return seed.rsplit(".", 1)[0].replace("_", "-")


def _linked_articles(page: Path) -> set[str]:
    content = _soup(page).select_one("article") or _soup(page)
    found = set()
    for a in content.find_all("a", href=True):
        m = re.search(r"articles/([^/#?]+)\.html", a["href"])
        if m:
            found.add(m.group(1))
    return found


@pytest.mark.parametrize("topic", REQUIRED_TOPICS)
def test_required_topic_pages_list_all_five_seeds(default_site, topic):
    page = default_site / "site" / "topics" / f"{topic}.html"
    assert page.is_file()
    assert _linked_articles(page) >= {_article_slug(s) for s in SEEDS}


def test_every_seed_has_an_article_page_with_its_language(default_site):
    langs = set()
    for seed in SEEDS:
        page = default_site / "site" / "articles" / f"{_article_slug(seed)}.html"
        html = page.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([^"]+)"', html).group(1)
        langs.add(lang)
    assert langs == {"es", "nl", "ru", "en"}


def test_entity_pages_link_back_to_articles_and_articles_link_entities(default_site):
    site = default_site / "site"
    for seed in SEEDS:
        article = site / "articles" / f"{_article_slug(seed)}.html"
        content = _soup(article).select_one("article")
        entity_links = {a["href"] for a in content.find_all("a", href=True)
                        if re.search(r"entities/(?!index)[^/]+\.html", a["href"])}
        assert entity_links, seed
        for href in entity_links:
            target = (article.parent / urlsplit(href).path).resolve()
            assert _article_slug(seed) in _linked_articles(target), (seed, href)


def test_every_internal_link_and_resource_resolves(default_site):
    site = (default_site / "site").resolve()
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # links from the site root (site_url), tested under a sub-path in the browser
            continue
        soup = _soup(page)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("object", "data")):
            for el in soup.find_all(tag, attrs={attr: True}):
                url = el[attr]
                parts = urlsplit(url)
                if parts.scheme or url.startswith(("#", "//")) or not parts.path:
                    continue
                target = (page.parent / unquote(parts.path)).resolve()
                if not target.exists():
                    broken.append(f"{page.relative_to(site)} -> {url}")
    assert broken == []


def test_the_site_requests_nothing_from_outside(default_site):
    for page in (default_site / "site").rglob("*.html"):
        soup = _soup(page)
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")):
            for el in soup.find_all(tag, attrs={attr: True}):
                assert not urlsplit(el[attr]).scheme, (page.name, el[attr])
        assert "fonts.googleapis" not in str(soup), page.name


def test_a_person_written_page_is_left_as_it_was(default_site):
    assert (default_site / "docs" / "about.md").read_bytes() == (REPO / "docs" / "about.md").read_bytes()
    assert (default_site / "site" / "about.html").is_file()


def test_offline_zip_is_beside_the_site_and_not_linked(default_site):
    """Inside the site it would double what is published; a page links only what is published."""
    with zipfile.ZipFile(default_site / "offline.zip") as zf:
        assert "site/index.html" in zf.namelist()
    assert not (default_site / "site" / "offline.zip").exists()
    assert (default_site / "site" / ".nojekyll").exists()
    home = (default_site / "site" / "index.html").read_text(encoding="utf-8")
    assert "offline.zip" not in home


@pytest.mark.parametrize("query", ["Pakistan", "Пакистан", "Pakistán"])
def test_terminal_search_finds_all_five_seeds_in_any_language(default_site, query):
    out = subprocess.run(
        [sys.executable, str(REPO / "build_index.py"), "--root", str(default_site), "search", query, "--json"],
        capture_output=True, text=True, check=True,
    )
    hits = json.loads(out.stdout)
    assert {h["path"] for h in hits} == {f"kb/{s}" for s in SEEDS}
    assert all({"title", "path", "lang", "score"} <= set(h) for h in hits)


def test_search_before_any_build_says_what_to_do(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    out = subprocess.run([sys.executable, str(REPO / "build_index.py"), "--root", str(tmp_path), "search", "x"],
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert out.stderr.startswith("Error: no search index") and "build" in out.stderr


# Read off the five texts by hand (000 es, 001 nl, 002 ru, 003 en, 004 en).
MENTIONED_IN = {
    "pakistan": {"000", "001", "002", "003", "004"},
    "india": {"000", "003", "004"},
    "marty-beard": {"000", "001", "003", "004"},
    "edward-snowden": {"004"},
    "s-ismail-shah": {"003"},
    "reuters": {"004"},
    "bloomberg": {"003"},
    "saudi-arabia": {"004"},
    "united-arab-emirates": {"004"},
}


@pytest.mark.parametrize("entity", sorted(MENTIONED_IN))
def test_entity_page_lists_exactly_the_articles_that_mention_it(default_site, entity):
    linked = _linked_articles(default_site / "site" / "entities" / f"{entity}.html")
    assert {slug[:3] for slug in linked} == MENTIONED_IN[entity]
