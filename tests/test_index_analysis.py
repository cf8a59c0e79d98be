from __future__ import annotations

import pytest
from fixtures.search.loader import load_taxonomy

from kbsite.index.analysis import AliasTarget, alias_key, alias_table, field, index_term, index_terms


@pytest.mark.parametrize(
    ("word", "lang", "same_as"),
    [
        ("servers", "en", "server"),
        ("doors", "en", "Door"),
        ("Pakistán", "es", "pakistán"),
        ("servidores", "es", "servidor"),
        ("klanten", "nl", "klant"),
        ("серверам", "ru", "сервер"),
        ("бэкдоры", "ru", "бэкдор"),
    ],
)
def test_inflections_share_a_term_in_their_language(word, lang, same_as):
    assert index_term(word, lang) == index_term(same_as, lang)


def test_terms_are_case_and_accent_folded():
    assert index_terms("PAKISTÁN Éxito", "es") == index_terms("pakistán exito", "es")


def test_language_fields_keep_languages_apart():
    assert field("text", "en") != field("text", "nl")
    assert field("title", "") == "title_und"


def test_alias_keys_cover_every_index_language_and_inflection():
    table = alias_table(load_taxonomy(), ["en", "es", "ru"])
    pakistan = AliasTarget("entity", "pakistan")
    assert pakistan in table["ru"][alias_key("Пакистана", "ru")]
    assert pakistan in table["es"][alias_key("Pakistán", "es")]
    assert pakistan in table["en"][alias_key("Pakistan", "en")]
    assert AliasTarget("topic", "privacy") in table["en"][alias_key("back door", "en")]
