import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kbsite.textproc import fold, sentences, term, terms, token_offsets, tokenize, words


@pytest.mark.parametrize(
    ("word", "lang", "expected"),
    [
        ("Pakistán", "es", "pakistan"),
        ("Пакистане", "ru", "пакистан"),
        ("серверам", "ru", "сервер"),
        ("backdoors", "en", "backdoor"),
        ("versleutelde", "nl", "versleutel"),
        ("Ёлка", "xx", "елка"),  # no stemmer: folded only
    ],
)
def test_term_table(word, lang, expected):
    assert term(word, lang) == expected


def test_fold_drops_accents_and_case():
    assert fold("ÉCOLE Ñandú") == "ecole nandu"


def test_terms_split_on_punctuation():
    assert terms("BlackBerry-klanten, e-mail!", "nl") == ["blackberry", "klant", "e", "mail"]


def test_sentences_keep_abbreviations_and_initials_inside():
    text = "Mr. Beard said so. BlackBerry Ltd. will shut down. S. Ismail Shah spoke.\nA line without a stop\nEnd."
    assert [s for _, s in sentences(text)] == [
        "Mr. Beard said so.",
        "BlackBerry Ltd. will shut down.",
        "S. Ismail Shah spoke.",
        "A line without a stop",
        "End.",
    ]


def test_sentence_offsets_point_into_the_text():
    text = "  One. Two?  Three!"
    for start, sentence in sentences(text):
        assert text[start:start + len(sentence)] == sentence


@pytest.mark.parametrize("text", [
    "", "BlackBerry's BES_12 service, __init__ _ x", "Пакистан — İstanbul, ΣΊΣΥΦΟΣ 2015-07-24",
])
def test_words_are_the_texts_of_the_tokens(text):
    assert words(text) == [t.text for t in tokenize(text)]


@pytest.mark.parametrize("text", [
    "", "BlackBerry's BES_12 service, __init__ _ x", "Пакистан — İstanbul, ΣΊΣΥΦΟΣ 2015-07-24", "___ a_ _b",
])
def test_token_offsets_are_the_tokens(text):
    found, offsets = token_offsets(text)
    assert list(zip(found, offsets, strict=True)) == [(t.text, (t.start, t.end)) for t in tokenize(text)]


def test_a_repeated_question_gets_an_answer_of_its_own():
    text = "One. Two."
    first, (offsets, _) = sentences(text), token_offsets(text)
    first.clear()
    offsets.clear()
    assert sentences(text) == [(0, "One."), (5, "Two.")]
    assert token_offsets(text) == (["One", "Two"], [(0, 3), (5, 8)])


@given(st.text(alphabet=st.sampled_from("aAzZ_ 1éÉŞşİıſßﬁЁёй\u0301\u0308\u00a0Ωω-")))
def test_fold_is_casefold_and_nfkd_without_marks(word):
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    assert fold(word) == "".join(c for c in decomposed if not unicodedata.combining(c))


def test_a_word_memo_looks_each_word_up_once_and_forgets_past_its_bound(monkeypatch):
    import kbsite.textproc as textproc

    class Lengths(textproc.WordMemo[int]):
        def __init__(self) -> None:
            super().__init__()
            self.asked: list[str] = []

        def look_up(self, word: str) -> int:
            self.asked.append(word)
            return len(word)

    monkeypatch.setattr(textproc, "WORD_MEMO", 2)
    memo = Lengths()
    assert [memo[w] for w in ("a", "bb", "a", "bb")] == [1, 2, 1, 2]
    assert memo.asked == ["a", "bb"]
    assert memo["ccc"] == 3 and dict(memo) == {"ccc": 3}  # full: started again
