from __future__ import annotations

import yaml

from kbsite.analyze.suggest import Suggestion, entities_yaml, suggest_entities
from kbsite.analyze.taxonomy import load_taxonomy

TEXTS = [
    ("a.txt", "Yesterday John Chen met Marty Beard in Waterloo. Reuters reported it. The news spread.", "en"),
    ("b.txt", "Marty Beard and John Chen spoke. According to Reuters, the Bank of America agreed.", "en"),
    ("c.txt", "La reunión de John Chen con Bank of America fue en Waterloo en julio.", "es"),
    ("d.txt", "Reuters wrote about news in November. In November, Bank of America left.", "en"),
]

# Names a user expects from British news, written the ways news writes them.
NEWS = [
    ("1.txt", "The US and the UK agreed. Prime Minister Tony Blair said the deal was good. Mr Blair smiled.", "en"),
    ("2.txt", "The US said no. Mr Blair met Labour members; the labour market was calm. Apple sold phones.", "en"),
    ("3.txt", "Officials in the UK and the US disagreed. Blair left for Brussels with Labour leaders.", "en"),
    ("4.txt", "Shares in Apple rose. Arsenal beat Chelsea; an arsenal of weapons was found. Tony Blair watched.", "en"),
    ("5.txt", "Arsenal won again, and Apple, whose apple logo is famous, gained. The BBC said so.", "en"),
    ("6.txt", "The British Broadcasting Corporation reported that Arsenal and Chelsea drew. The BBC agreed.", "en"),
    ("7.txt", "Fans of Chelsea cheered. Dr Gordon Brown spoke about the British Broadcasting Corporation.", "en"),
    ("8.txt", "Gordon Brown and Labour, and the UK economy, were in the news. In the UK, Labour won.", "en"),
]


def _by_name(texts, min_articles=2) -> dict[str, Suggestion]:
    return {s.name: s for s in suggest_entities(texts, load_taxonomy(None, None), min_articles=min_articles)}


def test_recurring_names_are_suggested_by_article_count():
    assert [(s.name, s.articles) for s in suggest_entities(TEXTS, load_taxonomy(None, None))] == [
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
    assert [(s.name, s.articles) for s in suggest_entities(TEXTS, load_taxonomy(None, entities))] == [
        ("Marty Beard", 2),
        ("Waterloo", 2),
    ]


def test_min_articles_and_sentence_start_words():
    found = _by_name(TEXTS, min_articles=1)
    assert "Yesterday" not in found  # starts its sentence
    assert "According" not in found
    assert "November" not in found  # a month, not a name
    assert "The" not in found
    assert found["Bank of America"].articles == 3


def test_acronyms_and_names_that_are_also_lower_case_words_are_kept():
    found = _by_name(NEWS)
    assert found["UK"].articles == 3
    assert found["US"].articles == 3
    assert found["Labour"].articles == 3  # "the labour market" does not make it an ordinary word
    assert found["Apple"].articles == 3
    assert found["Arsenal"].articles == 3
    assert found["Chelsea"].articles == 3
    assert not {"The", "The US", "Mr Blair", "Mr", "Officials", "Shares", "Fans"} & set(found)


def test_titles_and_articles_in_front_are_not_part_of_the_name():
    found = _by_name([
        ("a.txt", "El Gobierno habló. Sr. Pérez votó.", "es"),
        ("b.txt", "Ayer El Gobierno dijo que no. La Sra. Gómez y Sr. Pérez llegaron.", "es"),
        ("c.txt", "De Telegraaf schreef het. Het Parool ook.", "nl"),
        ("d.txt", "Volgens De Telegraaf en Het Parool was het zo.", "nl"),
        ("e.txt", "De Beers sold diamonds.", "en"),
        ("f.txt", "Shares in De Beers fell.", "en"),
    ])
    assert {"Gobierno", "Pérez", "Telegraaf", "Parool", "De Beers"} <= set(found)
    assert found["Pérez"].type == "person"
    assert not {"El Gobierno", "Sr", "Sr. Pérez", "De Telegraaf", "Beers"} & set(found)


def test_variants_are_one_suggestion_with_aliases():
    found = _by_name(NEWS)
    blair = found["Tony Blair"]
    assert blair.articles == 4  # "Tony Blair", "Prime Minister Tony Blair", "Mr Blair", "Blair"
    assert blair.aliases == ("Blair",)
    assert blair.type == "person"
    assert "Blair" not in found and "Prime Minister Tony Blair" not in found
    bbc = found["British Broadcasting Corporation"]
    assert (bbc.articles, bbc.aliases) == (3, ("BBC",))
    assert found["Gordon Brown"].type == "person"


def test_a_surname_shared_by_two_names_stays_apart():
    found = _by_name([
        ("a.txt", "Then Tony Blair spoke and Cherie Blair listened.", "en"),
        ("b.txt", "Tony Blair left; Cherie Blair stayed.", "en"),
        ("c.txt", "Later, Mr Blair said no.", "en"),
        ("d.txt", "Then Blair said yes.", "en"),
    ])
    assert found["Tony Blair"].aliases == () and found["Cherie Blair"].aliases == ()
    assert found["Blair"].articles == 2


def test_entities_yaml_is_a_valid_entities_file():
    suggestions = suggest_entities(NEWS, load_taxonomy(None, None))
    text = entities_yaml(suggestions, taken=["uk"])
    taxonomy = load_taxonomy(None, text)
    assert taxonomy.diagnostics == ()
    by_name = {e.name: e for e in taxonomy.entities}
    assert set(by_name) == {s.name for s in suggestions}
    assert by_name["UK"].id == "uk-2"
    assert by_name["Tony Blair"].id == "tony-blair" and by_name["Tony Blair"].type == "person"
    assert "Blair" in str(by_name["Tony Blair"].aliases)
    assert yaml.safe_load(text)[0]["name"] == suggestions[0].name


def test_russian_case_forms_are_one_name():
    found = _by_name([
        ("a.txt", "Вчера г-н Путин приехал в Москву. Владимир Путин сказал.", "ru"),
        ("b.txt", "Потом Владимир Путин уехал из Москвы.", "ru"),
        ("c.txt", "Президент России Владимир Путин заявил, что г-н Путин прав.", "ru"),
    ])
    putin = found["Владимир Путин"]
    assert (putin.articles, putin.aliases, putin.type) == (3, ("Путин",), "person")
    assert found["Москву"].articles == 2
