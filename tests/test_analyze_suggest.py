from __future__ import annotations

from kbsite.analyze.suggest import suggest_entities
from kbsite.analyze.taxonomy import load_taxonomy

TEXTS = [
    ("a.txt", "Yesterday John Chen met Marty Beard in Waterloo. Reuters reported it. The news spread.", "en"),
    ("b.txt", "Marty Beard and John Chen spoke. According to Reuters, the Bank of America agreed.", "en"),
    ("c.txt", "La reunión de John Chen con Bank of America fue en Waterloo en julio.", "es"),
    ("d.txt", "Reuters wrote about news in November. In November, Bank of America left.", "en"),
]


def test_recurring_names_are_suggested_by_article_count():
    assert suggest_entities(TEXTS, load_taxonomy(None, None)) == [
        ("Bank of America", 3),
        ("John Chen", 3),
        ("Reuters", 3),
        ("Marty Beard", 2),
        ("Waterloo", 2),
    ]


def test_names_already_covered_by_an_entity_are_not_suggested():
    entities = (
        "- {id: chen, name: John Chen}\n- {id: reuters, name: Reuters}\n"
        "- {id: boa, name: BofA, aliases: [Bank of America]}"
    )
    assert suggest_entities(TEXTS, load_taxonomy(None, entities), min_articles=2) == [
        ("Marty Beard", 2),
        ("Waterloo", 2),
    ]


def test_min_articles_and_sentence_start_words():
    found = dict(suggest_entities(TEXTS, load_taxonomy(None, None), min_articles=1))
    assert "Yesterday" not in found  # starts its sentence
    assert "According" not in found
    assert "November" not in found  # a month, not a name
    assert "The" not in found
    assert found["Bank of America"] == 3
