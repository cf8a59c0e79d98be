"""Machine-readable pages: JSON-LD and citation meta tags, escaped against hostile article text."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from kbsite.citations import Source
from kbsite.linked_data import article_ld, citation_meta, entity_ld, head_html
from kbsite.model import Article, Entity, Mention, Site, Topic, TopicHit
from tests.conftest import SEEDS

EVIL = '</script><script>alert(1)</script><!-- "quoted" & more'


def site(title: str = "Title") -> Site:
    a = Article("a.md", title, "en", "", "", date="2015-12-02", publisher="Dawn", author=EVIL,
                url="https://example.org/a", topics=(TopicHit("t", 2.0, ()),), mentions=(Mention("p", 2, (), ""),))
    return Site(title="KB", articles={"a": a}, topics={"t": Topic("t", {"en": "Topic"})},
                entities={"p": Entity("p", "Pat", "person")}, topic_articles={"t": ["a"]},
                entity_articles={"p": ["a"]}, related={"a": []}, translations={"a": []}, related_topics={},
                cooccurring={}, backlinks={})


def test_article_json_ld_names_its_topics_entities_and_original():
    data = article_ld(site(), "a", {"topic:t": "../topics/t.html", "entity:p": "../entities/p.html"})
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == "en" and data["datePublished"] == "2015-12-02"
    assert data["about"] == [{"@type": "Thing", "name": "Topic", "url": "../topics/t.html"}]
    assert data["mentions"] == [{"@type": "Person", "name": "Pat", "url": "../entities/p.html"}]
    assert data["sameAs"] == "https://example.org/a"


def test_unknown_fields_are_left_out():
    bare = Site(title="KB", articles={"b": Article("b.txt", "B", "es", "", "")}, topics={}, entities={},
                topic_articles={}, entity_articles={}, related={}, translations={}, related_topics={},
                cooccurring={}, backlinks={})
    data = article_ld(bare, "b", {})
    assert data["@type"] == "Article" and not {"author", "publisher", "datePublished", "about", "sameAs"} & set(data)
    tags = dict(citation_meta(Source("b", "B", "es", None, None, None, None, None)))
    assert set(tags) == {"citation_title", "DC.title", "citation_language", "DC.language"}


@pytest.mark.parametrize("kind", ["organisation", "agency", "place", "product", "person", "weird"])
def test_entity_types_map_to_schema_org(kind):
    expected = {"organisation": "Organization", "agency": "Organization", "place": "Place", "product": "Product",
                "person": "Person", "weird": "Thing"}[kind]
    assert entity_ld(Entity("x", "X", kind, {"es": ("Equis",)}))["@type"] == expected


def test_hostile_text_cannot_leave_the_script_or_the_attribute():
    head = head_html(article_ld(site(EVIL), "a", {}), citation_meta(Source("a", EVIL, "en", None, EVIL, None, None,
                                                                           None)))
    soup = BeautifulSoup(f"<head>{head}</head>", "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and scripts[0]["type"] == "application/ld+json"
    assert json.loads(scripts[0].string)["headline"] == EVIL  # the text, whole, inside JSON
    assert "</" not in scripts[0].string and "<!--" not in scripts[0].string
    assert {m["content"] for m in soup.find_all("meta")} == {EVIL, "en"}


@pytest.mark.slow
def test_built_pages_carry_json_ld_and_citation_tags(default_site):
    for seed in SEEDS:
        page = default_site / "site" / "articles" / f"{seed.rsplit('.', 1)[0].replace('_', '-')}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        head = soup.head
        assert head.find("meta", attrs={"name": "citation_title"})["content"] == soup.h1.find(string=True).strip()
        data = json.loads(head.find("script", type="application/ld+json").string)
        assert {"encryption-policy", "bes", "government-demands"} <= {
            re.search(r"topics/([\w-]+)\.html", t["url"]).group(1) for t in data["about"]}
        assert {"blackberry", "pakistan"} <= {re.search(r"entities/([\w-]+)\.html", e["url"]).group(1)
                                              for e in data["mentions"]}
        cite = soup.select_one("details.kb-cite")
        assert cite and cite["data-name"] == page.stem and cite.select_one("pre[data-ext='bib']")
    entity = BeautifulSoup((default_site / "site" / "entities" / "blackberry.html").read_text(encoding="utf-8"),
                           "html.parser")
    assert json.loads(entity.head.find("script", type="application/ld+json").string)["@type"] == "Organization"
