from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kbsite.index.spelling import (
    Vocabulary,
    best,
    bucket,
    distance,
    pack,
    same_case,
    spelling_files,
    spelling_index,
)


@pytest.mark.parametrize(
    ("a", "b", "d"),
    [("pakistan", "pakistan", 0), ("pakistn", "pakistan", 1), ("kitten", "sitting", 3), ("", "abc", 3),
     ("сервер", "серверам", 2), ("ab", "ba", 2)],
)
def test_distance(a, b, d):
    assert distance(a, b) == d == distance(b, a)


@given(st.text(max_size=8), st.text(max_size=8), st.text(max_size=8))
def test_distance_is_a_metric(a, b, c):
    assert distance(a, c) <= distance(a, b) + distance(b, c)
    assert (distance(a, b) == 0) == (a == b)


def test_best_is_nearest_then_commonest_then_first():
    assert best("trai", [("trains", 9), ("trail", 1)]) == "trail"
    assert best("trais", [("traps", 5), ("trains", 5), ("trail", 9)]) == "trail"
    assert best("trais", [("traps", 5), ("trains", 5)]) == "trains"
    assert best("pakistn", [("bakistan", 99), ("pakistan", 1)]) == "pakistan"  # same first letter only
    assert best("abc", [("abcdef", 9), ("abc", 9)]) is None  # too far, or the word itself


def test_same_case():
    assert same_case("pakistan", "Pakistn") == "Pakistan"
    assert same_case("nsa", "NSX") == "NSA"
    assert same_case("пакистан", "Пакистн") == "Пакистан"
    assert same_case("pakistan", "pakistn") == "pakistan"


def test_buckets_by_first_letter_and_length_commonest_first():
    files = spelling_files(Counter({"trains": 4, "traps": 2, "trail": 2, "серверам": 1}))
    assert files == {
        bucket("trail"): ["trail", 2, "traps", 2],
        bucket("trains"): ["trains", 4],
        bucket("серверам"): ["серверам", 1],
    }
    assert spelling_index(files) == {"74": [5, 6], "441": [8]}


@given(st.dictionaries(st.text(alphabet="aábcсд", min_size=1, max_size=7), st.integers(1, 9)),
       st.text(alphabet="aábcсд", min_size=1, max_size=7))
def test_a_packed_vocabulary_suggests_what_the_whole_word_list_suggests(counts, word):
    words = Vocabulary(pack(Counter(counts)))
    assert best(word, words.near(word)) == best(word, counts.items())
    near = dict(words.near(word))
    assert all(counts[w] == n for w, n in near.items())
    assert {w for w in counts if w[0] == word[0] and abs(len(w) - len(word)) <= 2} == set(near)


def test_an_empty_vocabulary_suggests_nothing():
    assert list(Vocabulary(b"").near("pakistan")) == []
    assert list(Vocabulary(pack(Counter())).near("pakistan")) == []
