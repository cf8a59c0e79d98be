"""One small site that every kind of page is drawn from, and the helpers that read a page back as a reader sees
it (front matter, then the Markdown rendered to HTML as MkDocs would).

The tests of each page kind (tests/test_emit_*.py) share it, so the same hostile strings, languages and
links are checked on every page; it is not a test module, pytest collects nothing here.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup

from kbsite.model import Article, Entity, Event, Mention, Site, Topic, TopicHit

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


def meta_and_body(page: str) -> tuple[dict, str]:
    _, head, body = page.split("---\n", 2)
    return yaml.safe_load(head), body


def html_of(page: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(meta_and_body(page)[1], extensions=EXTENSIONS), "html.parser")


def links(page: str) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in html_of(page).find_all("a")]


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
