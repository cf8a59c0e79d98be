"""The pages a reader sees: what each shows, where its links go, pagination, and a strict MkDocs build."""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from kbsite.emit import render_pages
from kbsite.model import Article, Entity, Event, Mention, Site, Topic, TopicHit
from kbsite.textproc import term

FIXTURES = Path(__file__).parent / "fixtures" / "emit"
HOSTILE = '<img src=x onerror=alert(1)> *b* [x](javascript:alert(1)) | # _u_ `c` {: onclick="x" }'
EVIL = '<script>alert("e")</script>'
EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "admonition"]


def make_site() -> Site:
    """4 articles in 3 languages, 2 topics (one the parent of the other), 3 entities, one of them hostile."""
    topics = {
        "bes": Topic("bes", {"en": "BES", "es": "BES (servidor)"}, "BlackBerry Enterprise Service *mail*", "policy"),
        "policy": Topic("policy", {"en": "Encryption policy", "es": "Política de cifrado", "ru": "Шифрование"}),
    }
    entities = {
        "blackberry": Entity("blackberry", "BlackBerry", "organisation", {"*": ("BlackBerry",), "ru": ("Блэкберри",)}),
        "evil": Entity("evil", EVIL, "person", {"en": (HOSTILE,)}),
        "pakistan": Entity("pakistan", "Pakistan", "place", {"es": ("Pakistán",), "ru": ("Пакистан",)}),
    }
    bb = Mention("blackberry", 3, ("BlackBerry",), "The company BlackBerry said it will leave.")
    articles = {
        "bb-en": Article(
            "news/bb-en.html",
            HOSTILE,
            "en",
            "text",
            (FIXTURES / "hostile_body.html").read_text(encoding="utf-8"),
            date="2015-12-01",
            publisher=HOSTILE,
            url="javascript:alert(1)",
            topics=(TopicHit("policy", 2.0, (HOSTILE,)),),
            mentions=(bb, Mention("evil", 1, (EVIL,), HOSTILE)),
            events=(Event("2015-12-30", "BlackBerry leaves <b>Pakistan</b>."),),
        ),
        "bb-es": Article(
            "bb-es.txt",
            "BlackBerry dejará Pakistán",
            "es",
            "text",
            "<p>BlackBerry dejará Pakistán. BlackBerry y Pakistán no acordaron.</p>",
            date="2015-11-30",
            publisher="El País",
            url="https://example.com/a?b=1&c=(2)",
            topics=(TopicHit("bes", 1.0, ("Usa BES.",)), TopicHit("policy", 3.0, ("Cifrado total.",))),
            mentions=(
                Mention("blackberry", 2, ("BlackBerry",), "BlackBerry dejará Pakistán."),
                Mention("pakistan", 2, ("Pakistán",), "BlackBerry dejará Pakistán."),
            ),
        ),
        "bb-ru": Article(
            "bb-ru.txt",
            "BlackBerry уходит из Пакистана",
            "ru",
            "text",
            "<p>Компания BlackBerry уходит из Пакистана.</p>",
            date="2015-11-30",
            topics=(TopicHit("policy", 1.5, ("Шифрование данных.",)),),
            mentions=(
                Mention("blackberry", 1, ("BlackBerry",), "Компания BlackBerry уходит из Пакистана."),
                Mention("pakistan", 1, ("Пакистана",), "Компания BlackBerry уходит из Пакистана."),
            ),
        ),
        "undated": Article("undated.md", "An undated note", "en", "text", "<p>Nothing.</p>"),
    }
    return Site(
        title="Test KB",
        articles=articles,
        topics=topics,
        entities=entities,
        topic_articles={"policy": ["bb-es", "bb-ru", "bb-en", "undated"], "bes": ["bb-es"]},
        entity_articles={"blackberry": ["bb-en", "bb-es", "bb-ru"], "pakistan": ["bb-es", "bb-ru"], "evil": ["bb-en"]},
        related={"bb-es": ["bb-ru", "bb-en"], "bb-en": ["bb-es"]},
        translations={"bb-es": ["bb-en", "bb-ru"], "bb-ru": ["bb-es"], "bb-en": ["bb-es"]},
        story={"bb-es": ["bb-en", "bb-ru"], "bb-ru": ["bb-es"], "bb-en": ["bb-es"]},
        related_topics={"policy": [("bes", 1)], "bes": [("policy", 1)]},
        cooccurring={"blackberry": [("pakistan", 2), ("evil", 1)], "pakistan": [("blackberry", 2)]},
        backlinks={
            "articles/bb-es.md": ["articles/bb-en.md", "articles/bb-ru.md", "timeline.md"],
            "topics/policy.md": ["articles/bb-es.md", "topics/bes.md"],
            "entities/evil.md": ["articles/bb-en.md"],
        },
    )


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(make_site(), page_size=2)


def meta_and_body(page: str) -> tuple[dict, str]:
    _, head, body = page.split("---\n", 2)
    return yaml.safe_load(head), body


def html_of(page: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(meta_and_body(page)[1], extensions=EXTENSIONS), "html.parser")


def links(page: str) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in html_of(page).find_all("a")]


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


def test_article_page_shows_facts_topics_entities_and_body(pages):
    meta, _ = meta_and_body(pages["articles/bb-es.md"])
    assert meta["lang"] == "es"
    soup = html_of(pages["articles/bb-es.md"])
    text = soup.get_text()
    facts = soup.find("p", class_="kb-facts")
    assert facts.get_text(" ", strip=True) == "2015-11-30 · El País · Spanish · Original"
    assert facts.find("a", string="Original")["href"] == "https://example.com/a?b=1&c=%282%29"
    assert "bb-es.txt" not in text  # the file's name is no reader's business, unless the KB links its files
    crumbs = soup.find(class_="kb-crumbs")
    assert [a.get_text() for a in crumbs("a")] == ["Inicio", "Política de cifrado"]
    found = links(pages["articles/bb-es.md"])
    # topic labels in the article's language, entity links, translations, related, backlinks
    assert ("Política de cifrado", "../topics/policy.md") in found
    assert ("BES (servidor)", "../topics/bes.md") in found
    assert ("Pakistan", "../entities/pakistan.md") in found
    assert ("BlackBerry уходит из Пакистана", "bb-ru.md") in found
    # the page's own words in its language
    assert soup.find("h2", string="También publicado como") and soup.find("h2", string="Artículos relacionados")
    linked_from = soup.find("h2", string="Enlazado desde").find_next("ul").get_text()
    # the other tellings are linked above ("También publicado como"), so only the timeline is listed again
    assert linked_from.split() == ["Timeline"]
    body = soup.find("div", class_="kb-article")
    assert body["lang"] == "es"


def test_article_page_lists_its_topics_strongest_first_with_their_evidence(pages):
    page = pages["articles/bb-es.md"]
    soup = html_of(page)
    topics = next(p for p in soup.find_all("p") if p.get_text().startswith("Temas:"))
    assert [a.get_text() for a in topics.find_all("a")] == ["Política de cifrado", "BES (servidor)"]  # 3.0, 1.0
    why = soup.find("h2", string="Por qué estos temas").find_next("ul")
    items = [li.get_text(" ", strip=True) for li in why.find_all("li")]
    assert items == ["Política de cifrado Cifrado total.", "BES (servidor) Usa BES."]


def test_a_learned_topic_shows_the_sentences_that_hold_its_cues():
    site = make_site()
    cues = tuple(term(w, "en") for w in ("encryption", "keys", "ciphers"))
    site.articles["undated"] = replace(
        site.articles["undated"], text="Nothing here. Encryption keys and ciphers matter. Keys alone do not.",
        topics=(TopicHit("policy", 0.9, (), cues=cues),),
    )
    why = html_of(render_pages(site, page_size=2)["articles/undated.md"]).find("h2", string="Why these topics")
    assert why.find_next("ul").get_text(" ", strip=True) == "Encryption policy Encryption keys and ciphers matter."


def test_the_same_story_is_shown_as_one_with_its_copies_first_and_each_language_named():
    site = make_site()
    site.story["bb-es"] = ["bb-en", "bb-ru", "undated"]
    site.duplicates["bb-es"] = ["undated"]
    soup = html_of(render_pages(site)["articles/bb-es.md"])
    heading = soup.find("h2", string="También publicado como")
    items = [li.get_text(" ", strip=True) for li in heading.find_next("ul")("li")]
    assert [item.split(" · ")[0] for item in items] == [
        "An undated note", site.articles["bb-en"].title, "BlackBerry уходит из Пакистана"]
    assert items[0].endswith("mismo texto") and "English" in items[1] and "Russian" in items[2]


def test_first_mention_of_each_entity_is_linked_once(pages):
    body = html_of(pages["articles/bb-es.md"]).find("div", class_="kb-article")
    anchors = [(a.get_text(), a["href"]) for a in body.find_all("a")]
    assert anchors == [("BlackBerry", "../entities/blackberry.html"), ("Pakistán", "../entities/pakistan.html")]


def test_backlinks_leave_out_the_pages_linked_above_and_count_the_rest():
    site = make_site()
    site.backlinks["articles/bb-es.md"] = ["articles/bb-en.md", "articles/other-1.md", "articles/other-2.md",
                                           "articles/other-3.md"]
    page = render_pages(site, page_size=2)["articles/bb-es.md"]
    linked_from = html_of(page).find("h2", string="Enlazado desde").find_next("ul").get_text(" ", strip=True)
    assert "BlackBerry" not in linked_from  # bb-en: in "También publicado como" and "Artículos relacionados"
    assert "other-1" in linked_from and "other-2" in linked_from and "… y 1 más" in linked_from


def test_backlinks_to_pages_that_do_not_exist_are_plain_text():
    page = render_pages(make_site())["articles/bb-es.md"]
    linked_from = html_of(page).find("h2", string="Enlazado desde").find_next("ul")
    assert "Timeline" in linked_from.get_text() and not linked_from.find("a", string="Timeline")


def test_mentions_inside_links_and_code_stay_unlinked(pages):
    body = html_of(pages["articles/bb-en.md"]).find("div", class_="kb-article")
    entity_links = body.find_all("a", class_="kb-entity")
    assert [(a.get_text(), a["href"]) for a in entity_links] == [
        ("BlackBerry", "../entities/blackberry.html"),
        (EVIL, "../entities/evil.html"),
    ]
    assert entity_links[0].find_parent("p").get_text().startswith("The company BlackBerry")


def test_topic_page_paginates_its_articles_with_passages(pages):
    first, second = pages["topics/policy.md"], pages["topics/policy/page-2.md"]
    found = links(first)
    assert ("BlackBerry dejará Pakistán", "../articles/bb-es.md") in found
    assert ("BlackBerry уходит из Пакистана", "../articles/bb-ru.md") in found
    assert not any("undated" in href for _, href in found)
    assert ("Next →", "policy/page-2.md") in found
    assert ("BES", "bes.md") in found  # subtopic
    soup = html_of(first)
    assert soup.find("p", lang="es", string="Cifrado total.")
    assert "Articles (4)" in soup.get_text()
    assert "Blackberry: 3 articles" not in soup.get_text() and "BlackBerry: 3 articles" in soup.get_text()
    later = links(second)
    assert ("← Previous", "../policy.md") in later
    assert ("An undated note", "../../articles/undated.md") in later
    assert ("Encryption policy", "../policy.md") in later
    assert ("Encryption policy", "policy.md") in links(pages["topics/bes.md"])  # parent


def test_entity_page_shows_names_passages_counts_and_cooccurrence(pages):
    soup = html_of(pages["entities/pakistan.md"])
    text = soup.get_text()
    assert "Type: place" in text and "Spanish: Pakistán" in text and "Russian: Пакистан" in text
    assert "2 mentions" in text and "1 mention" in text
    assert soup.find("p", lang="ru", string="Компания BlackBerry уходит из Пакистана.")
    assert ("BlackBerry", "blackberry.md") in links(pages["entities/pakistan.md"])
    assert ("Next →", "blackberry/page-2.md") in links(pages["entities/blackberry.md"])


def test_listings_by_date_and_language(pages):
    first = [href for _, href in links(pages["browse/index.md"]) if href.startswith("../articles/")]
    second = [href for _, href in links(pages["browse/date-2.md"]) if href.startswith("../articles/")]
    assert first + second == [
        "../articles/bb-en.md", "../articles/bb-es.md", "../articles/bb-ru.md", "../articles/undated.md",
    ]  # fmt: skip
    assert ("Russian", "lang-ru.md") in links(pages["browse/index.md"])
    assert [href for _, href in links(pages["browse/lang-en.md"]) if "articles" in href] == [
        "../articles/bb-en.md",
        "../articles/undated.md",
    ]


def test_topic_tree_and_entities_by_type(pages):
    soup = html_of(pages["topics/index.md"])
    policy = soup.find("a", string="Encryption policy").find_parent("li")
    assert policy.find("ul").find("a", string="BES")  # child nested under its parent
    entities = html_of(pages["entities/index.md"]).get_text()
    assert entities.index("Organisation (1)") < entities.index("Person (1)")
    assert "Place (1)" in html_of(pages["browse/entities-2.md"]).get_text()


def test_home_page_counts_and_links(pages):
    soup = html_of(pages["index.md"])
    text = soup.get_text()
    assert "4 articles in 3 languages, about 2 topics and 3 entities." in text
    assert "English: 2 articles" in text and "Spanish: 1 article" in text
    found = links(pages["index.md"])
    latest = soup.find("h2", string="Latest articles").find_next("ul")
    assert [a["href"] for a in latest.find_all("a")][-1] == "articles/undated.md"
    assert ("Encryption policy", "topics/policy.md") in found
    assert ("BlackBerry", "entities/blackberry.md") in found
    assert not soup.find("img") and "timeline.md" not in pages["index.md"] and "feed.xml" not in pages["index.md"]


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


def big_site(n: int, k: int) -> Site:
    """n articles, k topics in a chain of parents, k entities: everything linked to everything."""
    slugs = [f"a{i:05d}" for i in range(n)]
    topics = {f"t{i:04d}": Topic(f"t{i:04d}", {"en": f"Topic {i}"}, parent=f"t{i - 1:04d}" if i else None)
              for i in range(k)}  # fmt: skip
    entities = {f"e{i:04d}": Entity(f"e{i:04d}", f"Entity {i}", "place") for i in range(k)}
    mentions = tuple(Mention(e, 1, (entities[e].name,), "A passage.") for e in entities)
    hits = tuple(TopicHit(t, 1.0, ("Evidence.",)) for t in topics)
    articles = {
        s: Article(f"{s}.txt", f"Title {s}", ("en", "es")[i % 2], "", "<p>x</p>", date=f"2015-{i % 12 + 1:02d}",
                   topics=hits, mentions=mentions)
        for i, s in enumerate(slugs)
    }  # fmt: skip
    return Site(
        title="Big",
        articles=articles,
        topics=topics,
        entities=entities,
        topic_articles={t: slugs for t in topics},
        entity_articles={e: slugs for e in entities},
        related={s: slugs for s in slugs},
        translations={s: slugs for s in slugs},
        story={s: slugs for s in slugs},
        related_topics={t: [(u, n) for u in topics] for t in topics},
        cooccurring={e: [(f, n) for f in entities] for e in entities},
        backlinks={f"articles/{s}.md": [f"articles/{t}.md" for t in slugs] for s in slugs},
    )


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


def test_dates_without_a_year_are_written_in_words():
    from kbsite.emit.article import event_date

    assert event_date("2015-12-30") == "2015-12-30"
    assert event_date("--12-30") == "30 December (year not stated)"
    assert event_date("--07") == "July (year not stated)"


def test_dates_without_a_year_are_in_the_language_of_the_article_page():
    from kbsite.emit.article import event_date

    assert event_date("--12-30", "es") == "30 de diciembre (año no indicado)"
    assert event_date("--12-30", "ru") == "30 декабря (год не указан)"  # the month after a day: genitive
    assert event_date("--07", "ru") == "Июль (год не указан)"
    assert event_date("--05-02", "nl") == "2 mei (jaar niet vermeld)"
    assert event_date("--05-02", "fr") == "2 May (year not stated)"  # no words for it yet: English
    site = make_site()
    es = site.articles["bb-es"]
    site.articles["bb-es"] = replace(es, events=(Event("--12-30", "Pakistán cierra BES."),))
    page = render_pages(site)["articles/bb-es.md"]
    assert "## Fechas" in page and "- **30 de diciembre \\(año no indicado\\)**: Pakistán cierra BES\\." in page


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
        with pytest.raises(KbError, match="writing the article pages: a worker process was killed by SIGKILL"):
            list(emit.iter_pages(site, page_size=10, workers=2))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_ui_words_follow_the_pages_language():
    pages = render_pages(make_site(), page_size=2)
    ru = html_of(pages["articles/bb-ru.md"])
    assert ru.find(class_="kb-crumbs").a.get_text() == "Главная"
    assert next(p for p in ru("p") if p.get_text().startswith("Темы:"))
    en = html_of(pages["articles/bb-en.md"])
    assert next(p for p in en("p") if p.get_text().startswith("Topics:"))
