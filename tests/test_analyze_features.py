"""An article's bag of terms, as the KB-wide stages read it."""

from __future__ import annotations

from kbsite.analyze.features import MAX_TERMS, parse_counts, term_counts


def test_terms_are_stemmed_folded_and_counted_commonest_first():
    counts = parse_counts(term_counts("Pakistan wants the servers. Pakistan's server, servers!", "en"))
    assert list(counts.items())[:2] == [("server", 3), ("pakistan", 2)]
    assert parse_counts(term_counts("Ésta está", "es")) == {"esta": 2}


def test_words_with_digits_are_kept_as_written_in_every_language():
    en = parse_counts(term_counts("BlackBerry will leave on 30 December 2015, says PTA-2015 v10.3", "en"))
    ru = parse_counts(term_counts("BlackBerry уйдёт 30 декабря 2015 года, v10.3", "ru"))
    assert {"30", "2015", "v10"} <= en.keys() & ru.keys()


def test_at_most_max_terms_and_no_debris():
    text = " ".join(f"word{i}x" for i in range(MAX_TERMS + 50)) + " " + "a" * 60
    counts = parse_counts(term_counts(text, "en"))
    assert len(counts) == MAX_TERMS
    assert "a" * 60 not in counts


def test_same_text_same_string():
    text = "Zeta alpha beta alpha zeta gamma"
    assert term_counts(text, "en") == term_counts(text, "en") == "alpha:2 zeta:2 beta:1 gamma:1"
