from __future__ import annotations

import pickle

import pytest

from kbsite.analyze.matcher import Matcher
from kbsite.analyze.taxonomy import load_taxonomy

ENTITIES = """
- id: pakistan
  name: Pakistan
  type: place
  aliases:
    es: [Pakistán, pakistaní]
    nl: [Pakistaanse]
    ru: [Пакистан, пакистанский]
- id: bes
  name: BlackBerry Enterprise Service
  type: product
  aliases: [BES]
- id: blackberry
  name: BlackBerry
  type: organisation
- id: middle-east
  name: Middle East
  type: place
  aliases: {ru: [Ближний Восток], nl: [Midden-Oosten]}
- id: beard
  name: Marty Beard
  type: person
  aliases: [Beard]
  case_sensitive: [Beard]
- id: nsa
  name: NSA
  type: agency
"""
TOPICS = """
- id: encryption
  labels: {en: Encryption}
  terms:
    en: [encrypted, back door]
    es: [codificado]
    nl: [versleuteld]
    ru: [бэкдор]
- id: surveillance
  labels: {en: Surveillance}
  terms: {en: [monitor]}
  entities: [nsa]
- id: keys
  labels: {en: Keys}
  patterns: ['\\bRSA-\\d+']
  min_score: 2
"""


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    taxonomy = load_taxonomy(TOPICS, ENTITIES)
    assert taxonomy.diagnostics == ()
    return Matcher(taxonomy)


def _ids(matcher: Matcher, text: str, lang: str) -> dict[str, int]:
    return {m.entity: m.count for m in matcher.mentions(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "forms"),
    [
        ("BlackBerry se irá de Pakistán. El gobierno pakistaní insiste.", "es", ("Pakistán", "pakistaní")),
        ("De Pakistaanse overheid eist toegang. Pakistan zegt nee.", "nl", ("Pakistaanse", "Pakistan")),
        ("BlackBerry прекратит работать в Пакистане. Пакистана нет.", "ru", ("Пакистана", "Пакистане")),
        ("Хотя директива пакистанского правительства, пакистанское решение.", "ru",
         ("пакистанского", "пакистанское")),
        # Aliases of every language apply: the Spanish "pakistaní" finds the English "Pakistani".
        ("The Pakistani government? No: Pakistan's government.", "en", ("Pakistan", "Pakistani")),
    ],
)
def test_place_is_found_in_every_language_and_inflection(matcher, text, lang, forms):
    mention = next(m for m in matcher.mentions(text, lang) if m.entity == "pakistan")
    assert mention.forms == tuple(sorted(forms))
    assert mention.count == len(forms)


def test_multi_word_alias_matches_inflected_consecutive_words(matcher):
    assert _ids(matcher, "в том числе в Южной Азии и на Ближнем Востоке.", "ru") == {"middle-east": 1}
    assert _ids(matcher, "Middle and East", "en") == {}
    assert _ids(matcher, "the Middle\nEast", "en") == {}
    assert _ids(matcher, "in het Midden Oosten en het Midden-Oosten", "nl") == {"middle-east": 2}


def test_longest_alias_wins(matcher):
    text = "BlackBerry Enterprise Service-data and BES-servers of BlackBerry."
    assert _ids(matcher, text, "nl") == {"bes": 2, "blackberry": 1}


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Een rode bes aan de struik.", "nl", {}),
        ("Bes en bramen.", "nl", {}),
        ("Alle BES-servers.", "nl", {"bes": 1}),
        ("He grew a beard.", "en", {}),
        ("Beard said so, Marty Beard said.", "en", {"beard": 2}),
        ("the nsa", "en", {}),
        ("the NSA's programme", "en", {"nsa": 1}),
    ],
)
def test_acronyms_and_case_sensitive_aliases_keep_their_capitals(matcher, text, lang, found):
    assert _ids(matcher, text, lang) == found


def test_mentions_are_sorted_with_count_forms_and_first_passage(matcher):
    text = "Marty Beard spoke. Then BES came up. Beard said: BlackBerry Enterprise Service stays."
    mentions = matcher.mentions(text, "en")
    assert [m.entity for m in mentions] == ["beard", "bes"]
    beard, bes = mentions
    assert (beard.count, beard.forms, beard.passage) == (2, ("Beard", "Marty Beard"), "Marty Beard spoke.")
    assert (bes.count, bes.forms, bes.passage) == (2, ("BES", "BlackBerry Enterprise Service"), "Then BES came up.")


def test_spans_give_offsets_of_every_mention(matcher):
    text = "NSA and the NSA"
    assert matcher.spans(text, "en") == [(0, 3, "nsa"), (12, 15, "nsa")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The messages were encrypted.", "en"),
        ("Los datos codificados de sus clientes.", "es"),
        ("De diensten zijn versleuteld.", "nl"),
        ("Мы не поддерживаем «бэкдоры».", "ru"),
        ("We do not support back doors.", "en"),
    ],
)
def test_topic_terms_match_in_their_language(matcher, text, lang):
    assert [h.topic for h in matcher.topics(text, lang)] == ["encryption"]


def test_topic_terms_of_another_language_do_not_match(matcher):
    assert matcher.topics("De diensten zijn versleuteld.", "en") == ()


def test_topic_score_evidence_and_min_score(matcher):
    text = ("First, nothing. They encrypted it. RSA-2048 is used. Nothing here. Encrypted again. "
            "Still encrypted. Encrypted once more.")
    mentions = matcher.mentions(text, "en")
    hits = {h.topic: h for h in matcher.topics(text, "en", mentions)}
    assert set(hits) == {"encryption"}  # one RSA match is below min_score 2
    assert hits["encryption"].score == 4
    assert hits["encryption"].evidence == ("They encrypted it.", "Encrypted again.", "Still encrypted.")
    two = matcher.topics("RSA-1 and RSA-2.", "en")
    assert [(h.topic, h.score) for h in two] == [("keys", 2.0)]


def test_entity_mentions_count_for_topics(matcher):
    text = "Snowden talked. The NSA reads mail; the NSA can monitor traffic."
    hits = matcher.topics(text, "en", matcher.mentions(text, "en"))
    assert [(h.topic, h.score, h.evidence) for h in hits] == [
        ("surveillance", 3.0, ("The NSA reads mail; the NSA can monitor traffic.",))
    ]


WORDS = """
- id: games
  labels: {en: Games}
  terms: {en: [game], es: [Pakistán], ru: [серверы]}
- id: markets
  labels: {en: Markets}
  terms: {en: [share, ordered], nl: [achterdeur]}
- id: tv
  labels: {en: TV}
  terms: {en: [show, building, policy, hundred]}
"""


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Two games, one game's end.", "en", {"games": 2}),
        ("Online gaming grew; they gamed the system.", "en", {}),
        ("Shares fell and a share rose.", "en", {"markets": 2}),
        ("File sharing is shared by all.", "en", {}),
        ("The show and other shows.", "en", {"tv": 2}),
        ("Figures showed that it is showing.", "en", {"tv": 0}),
        ("They ordered it, ordering more.", "en", {"markets": 2}),
        ("An order was placed.", "en", {}),
        ("Buildings near the building. Policies and a policy. Hundreds, not a hundred.", "en", {"tv": 6}),
        ("Se fue de Pakistan, el gobierno de Pakistán.", "es", {"games": 2}),
        ("Серверы и серверов, к серверам.", "ru", {"games": 3}),
        ("Een achterdeur, twee achterdeuren.", "nl", {"markets": 2}),
    ],
)
def test_a_term_matches_the_inflections_of_its_own_word_only(text, lang, found):
    hits = Matcher(load_taxonomy(WORDS, "")).topics(text, lang)
    assert {h.topic: h.score for h in hits} == {t: n for t, n in found.items() if n}


def test_matcher_survives_pickling(matcher):
    text = "Pakistán y BES"
    before = matcher.mentions(text, "es")
    assert pickle.loads(pickle.dumps(matcher)).mentions(text, "es") == before


def test_an_entity_is_found_in_exactly_the_texts_that_name_it():
    """Many entities with similar names: each text finds only its own."""
    entities = "\n".join(f"- {{id: e{i}, name: Company{i} Holdings, aliases: [C{i}X]}}" for i in range(300))
    matcher = Matcher(load_taxonomy(None, entities))
    for i in range(0, 300, 7):
        text = f"Yesterday Company{i} Holdings and C{i}X met Company{i + 1} and C{i}Y."
        assert _ids(matcher, text, "en") == {f"e{i}": 2}
