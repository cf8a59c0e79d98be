"""bench_knowledge's scores on a hand-made Site: each figure counts what a reader of the pages would see."""

from __future__ import annotations

import gzip
from pathlib import Path
from random import Random

import pytest

from benchmarks import seed_corpus
from benchmarks.corpus import ArticleFile
from benchmarks.knowledge_baseline import keyword_topics, tfidf_related
from benchmarks.knowledge_labels import ArticleLabel, CorpusLabels, read_labels, write_labels
from benchmarks.knowledge_scores import (
    date_scores,
    duplicate_scores,
    exact_copies,
    kbsite_topics,
    related_scores,
    story_links,
    topic_scores,
    translation_scores,
)
from benchmarks.manpage_corpora import _target
from benchmarks.real_corpora import Description, _parse, duplicate_groups
from benchmarks.synthetic_corpora import copy_of
from kbsite.model import Article, Event, Site, Taxonomy, Topic, TopicHit


def _article(source: str, topics: tuple[TopicHit, ...] = (), events: tuple[Event, ...] = (),
             lang: str = "en") -> Article:
    return Article(source=source, title=source, lang=lang, text="", html="", topics=topics, events=events)


def _site(articles: dict[str, Article], related: dict[str, list[str]] | None = None,
          translations: dict[str, list[str]] | None = None) -> Site:
    topics = {t: Topic(t, {"en": t}) for t in ("games", "sound")}
    return Site(title="t", articles=articles, topics=topics, entities={}, topic_articles={}, entity_articles={},
                related=related or {s: [] for s in articles}, translations=translations or {s: [] for s in articles},
                related_topics={}, cooccurring={}, backlinks={})


def _labels(*entries: ArticleLabel, years: tuple[int, int] = (2000, 2020)) -> CorpusLabels:
    return CorpusLabels("tiny", years, {e.source: e for e in entries})


def test_the_first_topic_is_the_one_the_page_lists_first_and_the_best_is_the_highest_score() -> None:
    site = _site({
        "a": _article("a.md", (TopicHit("games", 1.0, ()), TopicHit("sound", 5.0, ()))),  # listed alphabetically
        "b": _article("b.md", (TopicHit("sound", 2.0, ()),)),
        "c": _article("c.md", (TopicHit("nowhere", 9.0, ()),)),  # not a topic of the site: not on the page
    })
    labels = _labels(ArticleLabel("a.md", "sound"), ArticleLabel("b.md", "sound"), ArticleLabel("c.md", "games"))
    scores = topic_scores(kbsite_topics(site), labels, {"a.md": "en", "b.md": "en", "c.md": "es"})
    assert scores["first_topic_among_subjects"] == pytest.approx(1 / 3)
    assert scores["listed_topics_right"] == pytest.approx(2 / 3)
    assert scores["first_topic_right"] == pytest.approx(1 / 3)
    assert scores["best_topic_right"] == pytest.approx(2 / 3)
    assert scores["with_topic"] == pytest.approx(2 / 3)
    assert scores["topics_per_article"] == pytest.approx(1.0)
    assert scores["best_topic_right_by_lang"] == {"en": 1.0, "es": 0.0}
    assert scores["best_topic_right_by_subject"] == {"games": 0.0, "sound": 1.0}
    several = _labels(ArticleLabel("a.md", "sound", ("sound", "games")), *list(labels.articles.values())[1:])
    scores = topic_scores(kbsite_topics(site), several, {})
    assert scores["first_topic_right"] == pytest.approx(1 / 3)
    assert scores["first_topic_among_subjects"] == pytest.approx(2 / 3)
    assert scores["listed_topics_right"] == 1.0
    assert scores["best_topic_right_by_lang"] == {"missing": pytest.approx(2 / 3)}


def test_related_precision_in_degree_and_identical_lists() -> None:
    site = _site({s: _article(f"{s}.md") for s in "abcd"})
    related = {"a": ["b", "c"], "b": ["c", "a"], "c": ["b", "a"], "d": ["b", "a"]}
    labels = _labels(ArticleLabel("a.md", "games"), ArticleLabel("b.md", "games", ("games", "sound")),
                     ArticleLabel("c.md", "sound"), ArticleLabel("d.md", "sound"))
    scores = related_scores(related, site, labels)
    assert scores["same_subject"] == pytest.approx(2 / 8)  # a->b and b->a
    assert scores["any_subject_shared"] == pytest.approx(5 / 8)  # and b->c, c->b, d->b: b is also about sound
    assert scores["with_related"] == 1.0
    assert scores["max_indegree"] == 3  # a and b are each listed by three pages
    assert scores["identical_lists"] == 1 and scores["articles_with_a_shared_list"] == 2  # c and d: [b, a]


def test_copies_count_as_one_story_through_translations_or_a_duplicates_attribute() -> None:
    site = _site({s: _article(f"{s}.md") for s in "abcde"}, translations={"a": ["b"], "b": [], "c": [], "d": [],
                                                                          "e": []})
    labels = _labels(*(ArticleLabel(f"{s}.md", "games", duplicate="x" if s in "abc" else "y") for s in "abcde"))
    assert duplicate_scores(story_links(site), site, labels) == {
        "groups": 2, "groups_as_one_story": 0.0, "pairs_linked": pytest.approx(1 / 4)}
    site.duplicates = {"c": ["b"], "d": ["e"]}  # type: ignore[attr-defined]  # a chain a-b-c joins the group
    assert duplicate_scores(story_links(site), site, labels)["groups_as_one_story"] == 1.0
    site.duplicates = [("a", "b", "c"), ("d", "e")]  # type: ignore[attr-defined]  # or as groups
    assert duplicate_scores(story_links(site), site, labels)["pairs_linked"] == 1.0


def test_a_story_is_complete_only_when_every_page_lists_every_other_language() -> None:
    site = _site({s: _article(f"{s}.md") for s in "abcd"},
                 translations={"a": ["b", "c"], "b": ["a", "c"], "c": ["a"], "d": []})
    labels = _labels(*(ArticleLabel(f"{s}.md", "games", story="s" if s != "d" else None) for s in "abcd"))
    scores = translation_scores(story_links(site), site, labels)
    assert scores == {"groups": 1, "groups_complete": 0.0, "links_found": pytest.approx(5 / 6), "links_shown": 5,
                      "links_right": 1.0, "links_right_beyond_copies": 1.0}


def test_a_same_story_link_is_right_only_within_a_story_its_copies_or_the_same_text() -> None:
    site = _site({s: _article(f"{s}.md") for s in "abcde"},
                 translations={"a": ["b", "d"], "b": ["a"], "c": ["e"], "d": ["a"], "e": ["c"]})
    labels = _labels(ArticleLabel("a.md", "games", story="s"), ArticleLabel("b.md", "games", story="s"),
                     ArticleLabel("c.md", "games", story="t", duplicate="x"), ArticleLabel("d.md", "games"),
                     ArticleLabel("e.md", "games"))
    scores = translation_scores(story_links(site), site, labels)
    assert (scores["links_shown"], scores["links_right"]) == (6, pytest.approx(2 / 6))  # a-d, c-e: no label
    scores = translation_scores(story_links(site), site, labels, same_text={"e": {"c"}, "c": {"e"}})
    assert scores["links_right"] == pytest.approx(4 / 6)  # c and e carry one text: copies
    site.duplicates = {"a": ["d"], "d": ["a"]}  # type: ignore[attr-defined]  # shown as copies: left aside
    assert translation_scores(story_links(site), site, labels)["links_right_beyond_copies"] == pytest.approx(2 / 4)


def test_dates_outside_the_years_of_the_corpus() -> None:
    events = (Event("1400", "1400 GMT"), Event("2015-12-02", "ok"), Event("--12-30", "no year"), Event("2031", "x"))
    scores = date_scores([_article("a.md", events=events)], (2000, 2030))
    assert (scores["events"], scores["outside_years"]) == (4, 2)
    assert [e["date"] for e in scores["examples"]] == ["1400", "2031"]


def test_keyword_baseline_counts_inflected_keywords_most_first() -> None:
    taxonomy = Taxonomy(topics=(
        Topic("sound", {"en": "Sound"}, terms={"en": ("audio", "music")}),
        Topic("games", {"en": "Games"}, terms={"en": ("game",), "es": ("juego",)}),
    ))
    assert keyword_topics("Games, games and a game with music.", "en", taxonomy) == ["games", "sound"]
    assert keyword_topics("Un juego de música", "es", taxonomy) == ["games"]  # only Spanish and "*" terms
    assert keyword_topics("Audio and a game.", "en", taxonomy) == ["sound", "games"]  # a tie: topics.yml order
    assert keyword_topics("Nothing here.", "en", taxonomy) == []


def test_tfidf_baseline_finds_the_most_similar_text_and_exact_copies_fold_spaces() -> None:
    texts = {"a": "chess board game with pieces and rules", "b": "a chess game: rules and pieces of chess",
             "c": "audio mixer for music playback", "d": "music playback and audio mixer  tools"}
    related = tfidf_related(texts, k=1)
    assert related["a"] == ["b"] and related["c"] == ["d"]
    assert tfidf_related(texts, k=1, excluded={"a": {"b"}})["a"] != ["b"]  # shown apart, as kbsite does
    assert exact_copies({"a": "one  text\n", "b": "one text", "c": "other"}) == {"a": {"b"}, "b": {"a"}}


def test_labels_round_trip(tmp_path: Path) -> None:
    labels = _labels(ArticleLabel("a.md", "games", ("games", "sound"), "s1", "d1"), ArticleLabel("b.md", "sound"))
    write_labels(tmp_path / "labels.json", labels)
    assert read_labels(tmp_path / "labels.json") == labels
    assert labels.groups("story") == {}  # a group of one is no group


def test_debian_descriptions_parse_and_near_copies_of_one_source_are_grouped() -> None:
    parsed = _parse("foo", "en", "game of foo\n Foo is a game.\n .\n  * fast\n  * free\n .\n The end.")
    assert parsed == Description("foo", "en", "game of foo", ("Foo is a game.", "- fast", "- free", "The end."))
    text = "Foo is a puzzle game where you move blocks around a board until they line up in rows of four"
    described = {
        "foo": {"en": _parse("foo", "en", f"puzzle game\n {text}.")},
        "foo-data": {"en": _parse("foo-data", "en", f"data for foo\n {text}.\n .\n This package has the data.")},
        "bar": {"en": _parse("bar", "en", f"another game\n {text}.")},  # the same text, another source
        "baz": {"en": _parse("baz", "en", "unrelated\n Baz reads mail.")},
    }
    meta = {"foo": ("games", "foo"), "foo-data": ("games", "foo"), "bar": ("games", "bar"), "baz": ("mail", "baz")}
    groups = duplicate_groups(sorted(described), meta, described)
    assert groups[("foo", "en")] == groups[("foo-data", "en")] == groups[("bar", "en")]
    assert ("baz", "en") not in groups


@pytest.mark.parametrize("seed", range(6))
def test_a_planted_copy_keeps_the_text_of_its_original(seed: int) -> None:
    original = ArticleFile("2015/x.md", "---\ntitle: A headline\nlang: en\n---\n\nOne. Two. Three.\n\nFour. Five.\n",
                           topics=("games",))
    copy = copy_of(original, Random(seed))
    assert copy.path == "2015/x-copy.md" and copy.topics == ("games",)
    assert "One." in copy.content and "Four." in copy.content
    assert copy.content == original.content or "(update)" in copy.content or "Five." not in copy.content


def test_the_seeds_are_one_story_of_five_articles(tmp_path: Path) -> None:
    labels = seed_corpus.write_project(tmp_path / "seeds")
    assert len(labels.articles) == 5
    assert [len(m) for m in labels.groups("story").values()] == [5]
    assert read_labels(tmp_path / "seeds" / "labels.json") == labels
    assert not (tmp_path / "seeds" / "kb" / "labels.json").exists()  # beside kb/, never read as an article


def test_articles_of_no_known_subject_are_left_out_of_topic_and_related_scores() -> None:
    site = _site({"a": _article("a.md", (TopicHit("games", 1.0, ()),)), "b": _article("b.md")},
                 related={"a": ["b"], "b": ["a"]})
    labels = _labels(ArticleLabel("a.md", "games"), ArticleLabel("b.md", None))
    assert topic_scores(kbsite_topics(site), labels, {})["first_topic_right"] == 1.0
    scores = related_scores(site.related, site, labels)
    assert scores["same_subject"] is None and scores["with_related"] == 1.0 and scores["max_indegree"] == 1


def test_a_manual_page_is_known_by_the_page_its_link_or_so_line_names(tmp_path: Path) -> None:
    (tmp_path / "printf.3.gz").write_bytes(gzip.compress(b'.\\" Copyright\n.TH PRINTF 3\n'))
    (tmp_path / "fprintf.3.gz").symlink_to("printf.3.gz")
    (tmp_path / "vprintf.3.gz").write_bytes(gzip.compress(b'.\\" a comment\n.so man3/printf.3\n'))
    assert {name: _target(tmp_path / f"{name}.gz") for name in ("printf.3", "fprintf.3", "vprintf.3")} == {
        "printf.3": "printf.3", "fprintf.3": "printf.3", "vprintf.3": "printf.3"}
