"""An article's bag of terms, as the KB-wide stages read it."""

from __future__ import annotations

from kbsite.analyze.features import MAX_TERMS, minhash, parse_counts, parse_minhash, term_counts


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


def test_names_written_with_inner_capitals_are_kept_unstemmed_in_every_language():
    en = parse_counts(term_counts("BlackBerry leaves; the BES servers and iPhones stay", "en"))
    es = parse_counts(term_counts("BlackBerry se va; los servidores BES se quedan", "es"))
    assert {"blackberry", "bes"} <= en.keys() & es.keys()
    assert "server" in en  # ordinary words are still stemmed


def test_minhash_estimates_how_much_text_two_articles_share():
    base = " ".join(f"word{i} common text" for i in range(200))
    edited = base.replace("word50 common text", "something else entirely here")
    other = " ".join(f"other{i} common text" for i in range(200))
    assert minhash(base) == minhash(base) and len(minhash(base)) < 400
    assert parse_minhash(minhash(base)).jaccard(parse_minhash(minhash(edited))) > 0.8
    assert parse_minhash(minhash(base)).jaccard(parse_minhash(minhash(other))) < 0.2
    assert minhash("") == "" and parse_minhash("") is None
