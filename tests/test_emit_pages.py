"""All the pages at once: the set of pages, links that land, hostile strings kept inert, the same bytes each
time, page sizes that do not grow with the KB, the worker processes, and a strict MkDocs build.

What each kind of page shows is tested beside its module: tests/test_emit_article.py, test_emit_topic.py,
test_emit_entity.py, test_emit_listings.py and test_emit_home.py.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kbsite.emit import render_pages
from kbsite.model import Entity, Topic
from tests.emit_site import HOSTILE, big_site, html_of, links, make_site, meta_and_body


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(make_site(), page_size=2)


def test_every_page_says_it_is_generated_and_has_a_title(pages):
    for path, page in pages.items():
        meta, _ = meta_and_body(page)
        assert meta["kbsite"] == "generated", path
        assert meta["title"], path


def test_the_pages_are_the_expected_set(pages):
    assert set(pages) == {
        "index.md",
        "articles/bb-en.md", "articles/bb-es.md", "articles/bb-ru.md", "articles/undated.md",
        "topics/index.md", "topics/bes.md", "topics/policy.md", "topics/policy/page-2.md",
        "entities/index.md", "browse/entities-2.md",
        "entities/blackberry.md", "entities/blackberry/page-2.md", "entities/evil.md", "entities/pakistan.md",
        "browse/index.md", "browse/date-2.md", "browse/lang-en.md", "browse/lang-es.md", "browse/lang-ru.md",
    }  # fmt: skip


def test_every_relative_link_points_at_a_generated_page(pages):
    for path, page in pages.items():
        for _, href in links(page):
            if href.startswith(("http://", "https://", "#")):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href.replace("%20", " ")))
            target = target.removesuffix(".html") + ".md" if target.endswith(".html") else target
            assert target in pages, f"{path} links to {href}"


def test_optional_graph_timeline_and_feed_links():
    pages = render_pages(make_site(), graph=True, graphs=True, timeline=True, feeds=True,
                         offline_zip="downloads/kb.zip")
    assert html_of(pages["index.md"]).find("a", href="downloads/kb.zip", download=True)
    assert html_of(pages["index.md"]).find("object")["data"] == "assets/kbsite/graph.svg"
    home = links(pages["index.md"])
    assert ("Timeline of events", "timeline.md") in home and ("RSS", "feed.xml") in home
    topic = html_of(pages["topics/policy.md"])
    assert topic.find("object")["data"] == "../assets/kbsite/graph/topics/policy.svg"
    assert ("JSON feed", "policy/feed.json") in links(pages["topics/policy.md"])
    graph = html_of(pages["entities/evil.md"]).find("object")
    assert graph["data"] == "../assets/kbsite/graph/entities/evil.svg" and not graph.find("script")
    assert ("Timeline", "../timeline.md") in links(pages["articles/bb-es.md"])


def test_hostile_strings_stay_inert_on_every_page(pages):
    for path, page in pages.items():
        meta, _ = meta_and_body(page)
        assert "<" not in meta["title"], path
        soup = html_of(page)
        assert not soup.find(["script", "img", "iframe"]), path
        for tag in soup.find_all(True):
            assert not any(attr.startswith("on") for attr in tag.attrs), (path, tag)
        for a in soup.find_all("a"):
            assert not a["href"].lower().startswith("javascript"), path
    article = html_of(pages["articles/bb-en.md"])
    assert article.find("h1").get_text() == HOSTILE
    facts = article.find("p", class_="kb-facts").get_text(" ", strip=True)
    assert HOSTILE in facts and "javascript:alert(1)" in facts and not article.find("a", href="javascript:alert(1)")


def test_pages_are_deterministic():
    assert render_pages(make_site(), page_size=2) == render_pages(make_site(), page_size=2)


def test_unsafe_ids_get_no_page_and_no_link():
    site = make_site()
    site.topics["../x"] = Topic("../x", {"en": "Escape"})
    site.entities["index"] = Entity("index", "Index", "thing")
    pages = render_pages(site)
    assert not any(".." in path for path in pages)
    assert "Escape" not in pages["topics/index.md"]
    assert pages["entities/index.md"].count("# Entities") == 1


MKDOCS_YML = """\
site_name: Test KB
use_directory_urls: false
theme:
  name: material
  font: false
plugins: []
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
validation:
  nav:
    omitted_files: ignore
  links:
    not_found: warn
    anchors: warn
    unrecognized_links: warn
nav:
  - Home: index.md
"""


@pytest.mark.slow
def test_mkdocs_strict_build_passes_and_output_is_inert(tmp_path):
    site = make_site()
    site.entities["пакистан ii"] = Entity("пакистан ii", "Пакистан II", "place")
    pages = render_pages(site, page_size=2, graph=True, graphs=True, timeline=True, feeds=True)
    extra = {
        "timeline.md": "# Timeline\n",
        "feed.xml": "<rss/>",
        "feed.json": "{}",
        "assets/kbsite/graph.svg": "<svg/>",
    }
    for kind, keys in (("topics", site.topics), ("entities", site.entities)):
        for key in keys:
            extra[f"assets/kbsite/graph/{kind}/{key}.svg"] = "<svg/>"
    for key in site.topics:
        extra[f"topics/{key}/feed.xml"] = "<rss/>"
        extra[f"topics/{key}/feed.json"] = "{}"
    for path, content in {**pages, **extra}.items():
        target = tmp_path / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr

    built = tmp_path / "site"
    for html_file in built.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("id") == "__config" or "alert" not in script.get_text(), html_file
        for tag in soup.find_all(True):
            assert not any(attr.startswith("on") for attr in tag.attrs), (html_file, tag)
        assert not soup.find("iframe") and not soup.find("img", onerror=True)
    article = BeautifulSoup((built / "articles/bb-en.html").read_text(encoding="utf-8"), "html.parser")
    assert article.title.get_text().startswith(HOSTILE)
    assert article.find("a", class_="kb-entity", href="../entities/evil.html")
    assert (built / "entities/evil.html").exists() and (built / "topics/policy/page-2.html").exists()
    assert (built / "entities/пакистан ii.html").exists()
    assert 'href="../entities/%D0%BF%D0%B0' in (built / "browse/entities-2.html").read_text(encoding="utf-8")


def test_page_size_does_not_grow_with_the_kb():
    small, large = render_pages(big_site(100, 25), page_size=10), render_pages(big_site(500, 50), page_size=10)
    assert len(large) > len(small)
    assert "browse/date-50.md" in large and "topics/t0000/page-50.md" in large and "browse/entities-5.md" in large

    def longest(pages: dict[str, str]) -> int:
        # Article pages list every entity they mention, which is the article's own size, not the KB's.
        return max(len(page) for path, page in pages.items() if not path.startswith("articles/"))

    assert longest(large) < 1.2 * longest(small)
    deepest = html_of(large["browse/topics-3.md"])  # starts deep in the chain: the path down to it is repeated
    assert [a.get_text() for a in deepest.find_all("a", string=lambda s: s.startswith("Topic"))][:6] == [
        "Topic 0", "Topic 1", "Topic 2", "Topic 3", "Topic 4", "Topic 20",
    ]  # fmt: skip


def test_forked_workers_render_the_same_pages_in_the_same_order():
    from kbsite.emit import iter_pages

    site = big_site(300, 12)
    assert list(iter_pages(site, page_size=10, workers=2)) == list(iter_pages(site, page_size=10))


def test_a_page_worker_killed_for_memory_fails_the_stage_instead_of_hanging(monkeypatch):
    import signal

    from kbsite import emit
    from kbsite.errors import KbError

    site = big_site(300, 12)
    render = emit.article_page
    victim = sorted(site.articles)[150]

    def killed(ctx, slug):
        if slug == victim:
            os.kill(os.getpid(), signal.SIGKILL)
        return render(ctx, slug)

    def hung(*_):
        raise TimeoutError("the build hangs")

    monkeypatch.setattr(emit, "article_page", killed)
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        with pytest.raises(KbError, match="writing the pages: a worker process was killed by SIGKILL"):
            list(emit.iter_pages(site, page_size=10, workers=2))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
