from __future__ import annotations

import json

import pytest
from fixtures.search.loader import load_records, load_taxonomy
from whoosh.filedb.filestore import RamStorage

from kbsite.errors import KbError
from kbsite.index import evaluate
from kbsite.index.cli_format import BOLD, format_lines, to_json
from kbsite.index.query import Unit, parse_query, search
from kbsite.index.whoosh_index import build_index
from kbsite.model import SearchRecord

STORIES = {"kb/en-exit.txt", "kb/es-salida.txt", "kb/nl-vertrek.txt", "kb/ru-uhod.txt"}


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def storage(taxonomy):
    st = RamStorage()
    build_index(st, load_records(), taxonomy)
    return st


def paths(storage, taxonomy, query, **kw):
    return [h.path for h in search(storage, query, taxonomy=taxonomy, **kw).hits]


def test_parse_query_units():
    assert parse_query('"back doors" pakist* BlackBerry\'s x') == [
        Unit("phrase", ("back", "doors")),
        Unit("prefix", ("pakist",)),
        Unit("phrase", ("BlackBerry", "s")),
        Unit("word", ("x",)),
    ]


@pytest.mark.parametrize("query", ["Pakistan", "Пакистан", "Pakistán", "Пакистане", "pakistan"])
def test_a_country_in_any_language_finds_every_story(storage, taxonomy, query):
    assert set(paths(storage, taxonomy, query)) == STORIES


def test_words_rank_above_alias_matches(storage, taxonomy):
    hits = search(storage, "Pakistán", taxonomy=taxonomy).hits
    assert hits[0].path == "kb/en-exit.txt"
    assert hits[-1].path == "kb/ru-uhod.txt"  # only through the alias: no Spanish/English word matches
    assert hits[-1].score < hits[0].score


def test_backdoor_finds_back_doors_and_the_russian_word(storage, taxonomy):
    found = paths(storage, taxonomy, "backdoor")
    assert {"kb/en-exit.txt", "kb/ru-uhod.txt"} <= set(found)


def test_inflected_russian_word(storage, taxonomy):
    assert paths(storage, taxonomy, "сервер") == ["kb/ru-uhod.txt"]


def test_all_words_first_then_partial_matches_marked(storage, taxonomy):
    results = search(storage, "servers privacy", taxonomy=taxonomy)
    assert [h.path for h in results.hits if not h.partial] == ["kb/en-exit.txt"]
    assert results.hits[0].path == "kb/en-exit.txt" and results.total == 1
    partial = [h for h in results.hits if h.partial]
    assert partial and results.partial_total == len(partial)
    assert all(h.partial for h in results.hits[1:])


def test_phrase_needs_adjacent_words(storage, taxonomy):
    assert "kb/en-exit.txt" in paths(storage, taxonomy, '"back doors"')
    assert "kb/en-exit.txt" not in paths(storage, taxonomy, '"doors back"')


def test_prefix(storage, taxonomy):
    assert set(paths(storage, taxonomy, "encrypt*")) == {"kb/en-phones.txt"}
    assert set(paths(storage, taxonomy, "pakist*")) == {"kb/en-exit.txt", "kb/es-salida.txt", "kb/nl-vertrek.txt"}


def test_a_date_filter_that_is_not_a_date_is_an_error(storage, taxonomy):
    with pytest.raises(KbError, match='--since "last week" is not a date'):
        paths(storage, taxonomy, "blackberry", since="last week")


def test_filters(storage, taxonomy):
    assert paths(storage, taxonomy, "blackberry", lang="ru") == ["kb/ru-uhod.txt"]
    assert set(paths(storage, taxonomy, "blackberry", since="2015-12")) == {"kb/es-salida.txt", "kb/ru-uhod.txt"}
    assert set(paths(storage, taxonomy, "blackberry", until="2015-11")) == {"kb/en-exit.txt", "kb/nl-vertrek.txt"}
    assert paths(storage, taxonomy, "blackberry", until="2015-12-01", since="2015-12-01") == ["kb/es-salida.txt"]
    assert paths(storage, taxonomy, "blackberry", until="1 de diciembre de 2015", since="1 December 2015") == [
        "kb/es-salida.txt"]
    assert paths(storage, taxonomy, "door", topic="privacy") == ["kb/en-exit.txt", "kb/en-phones.txt"]
    assert paths(storage, taxonomy, "door", entity="pakistan") == ["kb/en-exit.txt"]


def test_limit_and_total(storage, taxonomy):
    results = search(storage, "blackberry", taxonomy=taxonomy, limit=2)
    assert len(results.hits) == 2
    assert results.total == 4


def test_did_you_mean(storage, taxonomy):
    results = search(storage, "pakstan", taxonomy=taxonomy)
    assert results.total == 0
    assert results.suggestion == "pakistan"
    assert search(storage, "blackberry servrs", taxonomy=taxonomy).suggestion == "blackberry servers"
    assert search(storage, "servers", taxonomy=taxonomy).suggestion is None
    assert search(storage, "Пакистане", taxonomy=taxonomy).suggestion is None


def test_a_misspelling_near_a_name_still_gets_a_suggestion(storage, taxonomy):
    # "Pakistn" starts with the alias "pakist...": the fallback finds the tagged stories, and the word is still wrong.
    results = search(storage, "Pakistn", taxonomy=taxonomy)
    assert set(h.path for h in results.hits) == STORIES
    assert results.suggestion == "Pakistan"
    assert search(storage, "пакистн", taxonomy=taxonomy).suggestion == "пакистана"
    assert search(storage, "PAKSTAN", taxonomy=taxonomy).suggestion == "PAKISTAN"
    assert search(storage, "backdoor", taxonomy=taxonomy).suggestion is None  # a topic term: names something


def test_suggestions_prefer_the_nearest_word_then_the_commonest(taxonomy):
    def record(source: str, text: str) -> SearchRecord:
        return SearchRecord(f"articles/{source}.html", source, source, "en", None, None, (), (), text)

    st = RamStorage()
    build_index(st, [record("a", "trains trains trains trains traps traps"), record("b", "trail")], taxonomy)
    assert search(st, "train", taxonomy=taxonomy).suggestion is None  # the term of "trains"
    assert search(st, "trai", taxonomy=taxonomy).suggestion == "trail"  # 1 edit beats the commoner words (2)
    assert search(st, "trais", taxonomy=taxonomy).suggestion == "trains"  # all 1 edit away: the commonest


def test_ties_rank_by_language_then_source(storage, taxonomy):
    hits = search(storage, "Пакистан", taxonomy=taxonomy).hits
    tied = [(h.lang, h.path) for h in hits if h.score == hits[-1].score]
    assert len(tied) > 1
    assert tied == sorted(tied)


def test_snippet_marks_matched_inflections(storage, taxonomy):
    hit = search(storage, "server", taxonomy=taxonomy, lang="en").hits[0]
    assert "[servers]" in hit.marked()
    assert hit.snippet.count("servers") == len(hit.highlights)


def test_empty_query(storage, taxonomy):
    assert search(storage, "  \"\" ", taxonomy=taxonomy).total == 0


def test_terminal_lines_bold_and_control_characters(storage, taxonomy):
    results = search(storage, "servers", taxonomy=taxonomy)
    plain = format_lines(results)
    assert plain[0] == "2 results:"
    assert any("[servers]" in line for line in plain)
    colored = "\n".join(format_lines(results, color=True))
    assert f"{BOLD}servers" in colored
    hostile = results.hits[0].__class__(**{**results.hits[0].__dict__, "title": "Evil\x1b[2Jtitle"})
    lines = format_lines(results.__class__(results.query, (hostile,), 1))
    assert "\x1b" not in "\n".join(lines)


def test_json_output(storage, taxonomy):
    rows = json.loads(to_json(search(storage, "servers", taxonomy=taxonomy)))
    assert [r["path"] for r in rows] == ["kb/en-exit.txt", "kb/nl-vertrek.txt"]
    assert {"title", "path", "lang", "score", "url", "date", "snippet"} <= set(rows[0])
    assert rows[0]["url"] == "articles/en-exit.html"


def test_parse_query_exclusions():
    assert parse_query('rain -"back doors" -pakist* -x e-mail') == [
        Unit("word", ("rain",)),
        Unit("phrase", ("back", "doors"), True),
        Unit("prefix", ("pakist",), True),
        Unit("word", ("x",), True),
        Unit("phrase", ("e", "mail")),
    ]


def test_excluded_words_phrases_and_prefixes_drop_their_articles(storage, taxonomy):
    assert set(paths(storage, taxonomy, "blackberry -servers")) == {"kb/es-salida.txt", "kb/ru-uhod.txt"}
    assert "kb/en-exit.txt" not in paths(storage, taxonomy, 'government -"back doors"')
    assert paths(storage, taxonomy, "government -encrypt*") == ["kb/en-exit.txt"]
    assert search(storage, "-blackberry", taxonomy=taxonomy).hits == ()  # nothing wanted: nothing found


def test_an_accented_spelling_ranks_with_its_folded_form(storage, taxonomy):
    """Spanish reduces "Pakistan" to "pakist" but "Pakistán" to "pakistan": the word itself must find it."""
    hits = search(storage, "Pakistan", taxonomy=taxonomy).hits
    spanish = next(h for h in hits if h.path == "kb/es-salida.txt")
    assert spanish.score > hits[-1].score  # a word match, above the Russian article found only through the alias
    assert "[Pakistán]" in spanish.marked()


def proximity_storage(taxonomy) -> RamStorage:
    filler = "Many other things happened that year in sport and in politics and in music."

    def record(source: str, text: str) -> SearchRecord:
        return SearchRecord(f"articles/{source}.html", f"kb/{source}.txt", "Sport", "en", None, None, (), (), text)

    st = RamStorage()
    build_index(st, [
        record("a-apart", f"The world watched. {filler} Then a cup of tea."),
        record("b-reversed", f"A tea cup world record. {filler} Then tea was had."),
        record("c-together", f"The World Cup final. {filler} Then tea was had."),
    ], taxonomy)
    return st


def test_words_standing_together_rank_above_words_far_apart(taxonomy):
    st = proximity_storage(taxonomy)
    hits = search(st, "world cup", taxonomy=taxonomy).hits
    assert [h.path for h in hits] == ["kb/c-together.txt", "kb/b-reversed.txt", "kb/a-apart.txt"]
    assert hits[0].score > hits[1].score > hits[2].score


def test_terminal_and_json_mark_partial_matches(storage, taxonomy):
    results = search(storage, "servers privacy", taxonomy=taxonomy)
    lines = format_lines(results)
    assert lines[0] == "1 result:"
    divider = next(i for i, line in enumerate(lines) if line.startswith("--- partial matches"))
    assert "kb/en-exit.txt" in "\n".join(lines[:divider]) and "kb/en-exit.txt" not in "\n".join(lines[divider:])
    rows = json.loads(to_json(results))
    assert [r["partial"] for r in rows] == [False] + [True] * (len(rows) - 1)


def test_no_full_match_says_so_and_suggests(storage, taxonomy):
    results = search(storage, "blackberry servrs", taxonomy=taxonomy)
    assert results.total == 0 and results.hits and all(h.partial for h in results.hits)
    lines = format_lines(results)
    assert lines[0].startswith("No article matches all of 'blackberry servrs'; ")
    assert lines[1] == "Did you mean: blackberry servers"


def ranked_storage(taxonomy, pages: list[tuple[str, str, str]]) -> RamStorage:
    st = RamStorage()
    build_index(st, [SearchRecord(f"articles/{source}.html", f"kb/{source}.txt", title, "en", None, None, (), (), text)
                     for source, title, text in pages], taxonomy)
    return st


FILLER = "Many other things happened that year in sport and in politics and in music."


def test_a_hyphenated_word_counts_for_proximity_with_its_neighbours(taxonomy):
    st = ranked_storage(taxonomy, [
        ("a-other", "Charsets", f"The ISO 8859-6 character set. {FILLER} See 8859-16."),
        ("b-asked", "Charsets", f"The ISO 8859-16 character set. {FILLER} See 8859-6."),
    ])
    hits = search(st, "ISO 8859-16 character set", taxonomy=taxonomy).hits
    assert [h.path for h in hits] == ["kb/b-asked.txt", "kb/a-other.txt"]
    assert hits[0].score > hits[1].score


def test_a_title_that_holds_every_unit_earns_their_title_scores_again():
    hits = {"formatted": {1: (30, 50), 2: (0, 40)}, "output": {1: (20, 30), 2: (25, 45)},
            "8859": {1: (10, 12), 2: (10, 12)}, "16": {1: (7, 9), 2: (0, 5)}}
    word = {1: "formatted", 2: "formatted"}
    output = {1: "output", 2: "output"}
    phrase = ({1: "8859", 2: "8859"}, {1: "16", 2: "16"})
    num, den = evaluate.TITLE_COVER
    assert evaluate.title_cover([1, 2], [(word, word), (output, output)], hits) == {1: 50 * num // den}
    assert evaluate.title_cover([1, 2], [(output, output), phrase], hits) == {1: 37 * num // den}
    assert evaluate.title_cover([1, 2], [(output, output), ({}, {})], hits) == {}
