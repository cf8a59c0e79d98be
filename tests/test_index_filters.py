"""Search filters: one that names nothing is an error that says what is valid, never "no results"."""

from __future__ import annotations

import pytest

from kbsite.analyze.taxonomy import load_taxonomy
from kbsite.index.filters import FilterError, valid_filters

TAXONOMY = load_taxonomy(
    "- id: privacy\n  labels: {en: Privacy, es: Privacidad}\n- id: backdoors\n  labels: {en: Backdoors}\n",
    "- id: pakistan\n  name: Pakistan\n  aliases: {es: [Pakistán], ru: [Пакистан]}\n"
    "- id: blackberry\n  name: BlackBerry\n  aliases: [RIM]\n- id: rim-park\n  name: RIM Park\n  aliases: [RIM]\n",
)
LANGS = ("en", "es", "ru")


def _filters(**given: str | None) -> tuple[str | None, ...]:
    options = {"lang": None, "topic": None, "entity": None, "since": None, "until": None, **given}
    return valid_filters(LANGS, TAXONOMY, **options)


def test_valid_filters_pass_as_the_index_stores_them():
    assert _filters(lang="EN-us", topic="privacy", entity="pakistan", since="2015", until="2015-12-31") == (
        "en", "privacy", "pakistan", "2015", "2015-12-31")
    assert _filters(since="2015-12-01", until="2015-12") == (None, None, None, "2015-12-01", "2015-12")


def test_a_name_label_or_alias_in_any_language_and_case_gives_the_id():
    assert _filters(entity="Pakistán")[2] == "pakistan"
    assert _filters(entity="пакистан")[2] == "pakistan"
    assert _filters(topic="privacidad")[1] == "privacy"


@pytest.mark.parametrize(("given", "message"), [
    ({"lang": "xx"}, '--lang "xx": no article in the index is in that language; the languages in the index are: '
                     "en, es, ru"),
    ({"topic": "nope"}, '--topic "nope" is no topic id or label in topics.yml; the topic ids are: '
                        "backdoors, privacy"),
    ({"topic": "privcy"}, '--topic "privcy" is no topic id or label in topics.yml; did you mean privacy?'),
    ({"entity": "Pakistn"}, '--entity "Pakistn" is no entity id, name or alias in entities.yml; did you mean '
                            "pakistan?"),
    ({"entity": "rim"}, '--entity "rim" names several entities: blackberry, rim-park; give one of these ids'),
    ({"since": "2015-13-45"}, '--since "2015-13-45" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. '
                              "2015-12-01"),
    ({"until": "yesterday"}, '--until "yesterday" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. '
                             "2015-12-01"),
    ({"since": "2016", "until": "2015-12"}, "--since 2016 is after --until 2015-12: no article can match both"),
])
def test_a_filter_that_names_nothing_is_an_error_saying_what_is_valid(given, message):
    with pytest.raises(FilterError) as caught:
        _filters(**given)
    assert str(caught.value) == message
