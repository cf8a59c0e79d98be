"""The benchmark corpus generator: the same arguments give the same bytes, and the KB is one kbsite can read."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.corpus import Corpus
from benchmarks.corpus_world import cyrillic
from kbsite.analyze.matcher import Matcher
from kbsite.analyze.taxonomy import load_taxonomy
from kbsite.textproc import tokenize

REPO = Path(__file__).resolve().parent.parent


def _generate(out: Path, *args: str) -> None:
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), "--out", str(out), *args],
                   check=True, capture_output=True)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): (str(p.readlink()).encode() if p.is_symlink() else p.read_bytes())
            for p in sorted(root.rglob("*")) if p.is_symlink() or p.is_file()}


@pytest.fixture(scope="module")
def small() -> Corpus:
    return Corpus(60, seed=1)


@pytest.fixture(scope="module")
def small_articles(small: Corpus) -> list:
    return list(small.articles())


def test_same_arguments_give_byte_identical_projects(tmp_path: Path) -> None:
    _generate(tmp_path / "a", "--articles", "12", "--seed", "3")
    _generate(tmp_path / "b", "--articles", "12", "--seed", "3")
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first == second
    assert {"mkdocs.yml", "kbsite", "kb/topics.yml", "kb/entities.yml", "docs/about.md"} <= set(first)
    assert sum(1 for name in first if name.startswith("kb/2")) >= 12


def test_another_seed_gives_another_corpus(tmp_path: Path) -> None:
    _generate(tmp_path / "a", "--articles", "5", "--seed", "1")
    _generate(tmp_path / "b", "--articles", "5", "--seed", "2")
    assert _tree(tmp_path / "a")["kb/entities.yml"] != _tree(tmp_path / "b")["kb/entities.yml"]


def test_refuses_to_write_into_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), "--articles", "2", "--out",
                             str(tmp_path)], capture_output=True, text=True)
    assert result.returncode != 0
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_smaller_corpus_is_the_start_of_a_bigger_one(small_articles: list) -> None:
    assert list(Corpus(25, seed=1).articles()) == small_articles[:25]


def test_taxonomy_loads_without_problems(small: Corpus) -> None:
    topics_yaml, entities_yaml = small.taxonomy_yaml()
    taxonomy = load_taxonomy(topics_yaml, entities_yaml)
    assert taxonomy.diagnostics == ()
    assert len(taxonomy.topics) == 30
    assert len(taxonomy.entities) == 1000
    assert any(t.parent for t in taxonomy.topics)
    with_all_languages = [t for t in taxonomy.topics if set(t.terms) == {"en", "es", "nl", "ru"}]
    assert len(with_all_languages) == 30


def test_articles_are_400_to_700_words_in_four_languages_and_three_formats(small_articles: list) -> None:
    kinds = Counter(a.path.rsplit(".", 1)[1] for a in small_articles)
    assert set(kinds) == {"md", "txt", "html"}
    assert kinds["md"] > kinds["txt"] + kinds["html"]
    langs = Counter()
    for article in small_articles:
        if article.path.endswith(".md"):
            body = article.content.split("---\n", 2)[2]
            langs[article.content.split("lang: ", 1)[1][:2]] += 1
            assert 400 <= sum(1 for _ in tokenize(body)) <= 800, article.path
    assert set(langs) == {"en", "es", "nl", "ru"}


def test_some_stories_are_told_in_all_four_languages_on_one_day() -> None:
    by_day: dict[str, set[str]] = {}
    for article in Corpus(150, seed=1).articles():
        if article.path.endswith(".md"):
            meta = dict(line.split(": ", 1) for line in article.content.split("---\n")[1].splitlines())
            by_day.setdefault(meta["date"], set()).add(meta["lang"])
    assert any(langs >= {"en", "es", "nl", "ru"} for langs in by_day.values())


def test_entities_and_topic_terms_are_found_in_the_text_with_zipf_frequencies(small: Corpus,
                                                                                small_articles: list) -> None:
    taxonomy = load_taxonomy(*small.taxonomy_yaml())
    matcher = Matcher(taxonomy)
    counts: Counter[str] = Counter()
    for article in small_articles:
        if not article.path.endswith(".md"):
            continue
        lang = article.content.split("lang: ", 1)[1][:2]
        text = article.content.split("---\n", 2)[2]
        mentions = matcher.mentions(text, lang)
        assert len(mentions) >= 3, article.path
        assert matcher.topics(text, lang, mentions), article.path
        counts.update(m.entity for m in mentions)
    most_common = small.entities[0].id
    assert counts[most_common] == max(counts.values())


def test_cyrillic_names_for_russian_articles() -> None:
    assert cyrillic("Korvan Dalsh") == "Корван Далш"
