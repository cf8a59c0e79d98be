from __future__ import annotations

import pytest

from kbsite.analyze import analyse, patterns
from kbsite.analyze.matcher import Matcher
from kbsite.analyze.patterns import PatternError, check_pattern, compile_pattern, match_starts
from kbsite.model import Document, Taxonomy, Topic


def test_a_sane_pattern_is_accepted_and_finds_non_empty_matches():
    pattern = check_pattern(r"\bRSA-\d+\b")
    assert match_starts(pattern, "RSA-512 and RSA-2048, not RSA-x") == [0, 12]
    assert match_starts(compile_pattern("x*"), "axb") == [1]


@pytest.mark.parametrize("pattern", ["(unclosed", "a{2,1}", "*a"])
def test_an_invalid_pattern_is_refused_with_the_reason(pattern):
    with pytest.raises(PatternError, match="is not a valid regular expression"):
        check_pattern(pattern)


@pytest.mark.parametrize("pattern", ["(a|a)+$", "(a|aa)+$", "(a|a)+b", r"(\s|\s)*\w"])
def test_a_pattern_that_backtracks_catastrophically_is_refused(pattern):
    with pytest.raises(PatternError, match="can take forever on some texts"):
        check_pattern(pattern)


def test_a_pattern_that_runs_out_of_time_on_an_article_counts_nothing_and_is_reported(monkeypatch):
    """The probe is a safety net, not a proof: at match time the time limit still holds."""
    monkeypatch.setattr(patterns, "MATCH_SECONDS", 0.05)
    monkeypatch.setattr(patterns, "MATCH_SECONDS_PER_MB", 0.0)
    slow = Topic("slow", {"en": "Slow"}, patterns=("(a|a)+$",))
    fine = Topic("fine", {"en": "Fine"}, patterns=("a+",))
    matcher = Matcher(Taxonomy(topics=(fine, slow), entities=()))
    text = "a" * 40 + "!"
    found: list[str] = []
    assert [hit.topic for hit in matcher.topics(text, "en", (), found)] == ["fine"]
    assert found == ["(a|a)+$"]
    article = analyse(Document("news/a.txt", "Title", text, "<p>x</p>"), matcher.taxonomy, matcher)
    assert [hit.topic for hit in article.topics] == ["fine"]
    (problem,) = [d for d in article.diagnostics if "pattern" in d.message]
    assert (problem.path, problem.severity) == ("news/a.txt", "warning")
    assert 'topic pattern "(a|a)+$" in topics.yml took too long on this article' in problem.message
