"""The default KB: its taxonomy loads cleanly and finds what the five seed articles really say."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kbsite.analyze import analyse
from kbsite.analyze.matcher import Matcher
from kbsite.analyze.taxonomy import load_taxonomy
from kbsite.model import Article, Document

KB = Path(__file__).parent.parent / "kb"
ES, NL, RU, EN3, EN4 = (
    "000_b473ca0bc8050c3d.txt", "001_e62717fdefa6b7e3.txt", "002_405991b1fbf72d59.txt",
    "003_16ba6b13fc6d2287.txt", "004_5fd167f9a7544893.txt",
)
ALL = {ES, NL, RU, EN3, EN4}

# Read off the texts by hand: which seed names which entity, under any name, form or language.
ENTITY_ARTICLES = {
    "blackberry": ALL,
    "pakistan": ALL,
    "bes": ALL,
    "bbm": {ES, NL, RU, EN4},  # ES says "BlackBerry Messenger"
    "india": {ES, EN3, EN4},
    "pakistan-telecommunication-authority": {NL, RU, EN3, EN4},  # NL: "Pakistanse telecommunicatieautoriteiten"
    "marty-beard": {ES, NL, EN3, EN4},  # RU quotes him without his name
    "canada": {NL},  # "De Canadese producent"
    "numrush": {NL},
    "cnnmoney": {ES},
    "inside-blackberry": {RU, EN4},
    "middle-east": {RU},  # "на Ближнем Востоке"
    "south-asia": {RU, EN4},  # "в Южной Азии", "the South Asian country"
    "bbc": {EN3},
    "bloomberg": {EN3},
    "mashable": {EN3},
    "s-ismail-shah": {EN3},
    "edward-snowden": {EN4},
    "nsa": {EN4},
    "reuters": {EN4},
    "saudi-arabia": {EN4},
    "united-arab-emirates": {EN4},
    "waterloo": {EN4},
    "blackberry-priv": {EN4},
}


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    taxonomy = load_taxonomy((KB / "topics.yml").read_text(encoding="utf-8"),
                             (KB / "entities.yml").read_text(encoding="utf-8"))
    assert taxonomy.diagnostics == ()
    matcher = Matcher(taxonomy)
    out = {}
    for name in sorted(ALL):
        meta = yaml.safe_load((KB / f"{name}.meta.yml").read_text(encoding="utf-8"))
        meta["date"] = str(meta["date"]) if "date" in meta else None
        text = (KB / name).read_text(encoding="utf-8")
        out[name] = analyse(Document(name, meta.pop("title"), text, "", meta), taxonomy, matcher)
    return out


def test_every_entity_has_a_known_expected_set():
    taxonomy = load_taxonomy(None, (KB / "entities.yml").read_text(encoding="utf-8"))
    assert {e.id for e in taxonomy.entities} == set(ENTITY_ARTICLES)


@pytest.mark.parametrize("entity", sorted(ENTITY_ARTICLES))
def test_each_entity_is_found_in_exactly_the_seeds_that_mention_it(articles, entity):
    found = {name for name, article in articles.items() if any(m.entity == entity for m in article.mentions)}
    assert found == ENTITY_ARTICLES[entity]


@pytest.mark.parametrize("topic", ["encryption-policy", "bes", "government-demands"])
def test_required_topics_match_all_five_seeds(articles, topic):
    found = {name for name, article in articles.items() if any(h.topic == topic for h in article.topics)}
    assert found == ALL


def test_backdoors_are_found_in_the_four_seeds_that_speak_of_them(articles):
    # ES "brecha legal solapada", RU "бэкдоры", EN3 "backdoors", EN4 "back doors"; NL says nothing of it.
    found = {name for name, article in articles.items() if any(h.topic == "backdoors" for h in article.topics)}
    assert found == {ES, RU, EN3, EN4}


def test_inflected_forms_are_mentions(articles):
    forms = {f for a in articles.values() for m in a.mentions if m.entity == "pakistan" for f in m.forms}
    assert {"Pakistán", "pakistaní", "pakistaníes", "Пакистане", "Пакистана", "пакистанское", "Pakistani"} <= forms


def test_languages_and_metadata(articles):
    assert [articles[n].lang for n in sorted(ALL)] == ["es", "nl", "ru", "en", "en"]
    assert articles[EN3].date == "2015-12-02"
    assert articles[NL].title.startswith("BlackBerry trekt zich terug")
    assert articles[NL].publisher == "Numrush"


def test_dated_seed_gets_its_events(articles):
    assert [e.date for e in articles[EN3].events] == ["2015-07", "2015-11-30", "2015-12-30"]
    assert not any(e.text.startswith("Dec 02, 2015") for e in articles[EN3].events)  # a dateline, not an event
    # Undated seeds keep the years the text states (2011, 2013) and, with no year, the
    # days and months it names: "30 de diciembre", "En julio".
    assert [e.date for e in articles[ES].events] == ["--07", "--12-30", "2011", "2013"]
    assert [e.date for e in articles[NL].events] == ["--07", "--07", "--12", "--12-30"]
