"""Duplicates: the same text, or nearly (another headline, spacing, a sentence changed), is one story."""

from __future__ import annotations

from random import Random

from kbsite.analyze.features import minhash, term_counts
from kbsite.duplicates import duplicate_groups, duplicate_notes, source_groups, text_of
from kbsite.link import link
from kbsite.model import Article, Taxonomy

WORDS = [
    "market", "shares", "profit", "economy", "firm", "bank", "sales", "company", "growth", "prices", "rates",
    "investors", "quarter", "minister", "election", "vote", "party", "campaign", "parliament", "policy", "tax",
    "budget", "reform", "health", "school"
]


def _text(seed: str, sentences: int = 30) -> str:
    rng = Random(seed)
    return "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."
                       for _ in range(sentences))


def _article(source: str, text: str, lang: str = "en") -> Article:
    return Article(source=source, title=source, lang=lang, text=text, html="",
                   terms=term_counts(text, lang), minhash=minhash(text))


def _near_copy(text: str) -> str:
    """Another headline, other spacing, one sentence rewritten."""
    paragraphs = text.split("\n\n")
    paragraphs[3] = "The board said nothing more about it on Tuesday, and the shares fell."
    return "A new headline for the same report\n\n" + "\n\n".join(p.replace(" ", "  ", 2) for p in paragraphs)


def _texts(pairs: list[tuple[str, str]]) -> list[tuple[str, object]]:
    return [(key, text_of(term_counts(text, "en"), minhash(text))) for key, text in pairs]


def test_a_near_duplicate_pair_is_found_and_shown_as_one_story():
    original = _text("a")
    site = link([_article("a.txt", original), _article("b.md", _near_copy(original)),
                 *(_article(f"other{i}.txt", _text(f"o{i}")) for i in range(6))], Taxonomy(), "KB")
    assert site.duplicates["a"] == ["b"] and site.duplicates["b"] == ["a"]
    assert site.story["a"] == ["b"] and site.story["b"] == ["a"]
    assert "b" not in site.related["a"]  # shown as the same story, not as a related article
    assert "articles/a.md" in site.backlinks["articles/b.md"] and "articles/b.md" in site.backlinks["articles/a.md"]
    assert all(not site.duplicates[f"other{i}"] for i in range(6))


def test_exact_duplicates_are_one_group_whatever_their_number():
    text = _text("same")
    groups = duplicate_groups(_texts([("c", text), ("a", text), ("b", text), ("d", _text("different"))]))
    assert groups == [["a", "b", "c"]]


def test_distinct_articles_sharing_common_words_are_not_duplicates():
    assert duplicate_groups(_texts([(f"{i}", _text(f"distinct {i}")) for i in range(40)])) == []


def test_articles_without_words_are_never_duplicates():
    assert minhash("") == "" and minhash(" . , ") == ""
    assert duplicate_groups(_texts([("a", ""), ("b", " . , ")])) == []


def test_a_short_description_repeated_with_a_sentence_of_its_own_is_a_copy():
    """A package's -data package repeats its 70-word description and adds a sentence: a third of the shingles
    differ, yet it is the same text; two long texts of one template differing by as much are not copies."""
    main = _text("package", sentences=6)
    data = main + "\n\nThis package holds the data files, the levels and the music of the game, which it needs to run."
    assert duplicate_groups(_texts([("main", main), ("data", data)])) == [["data", "main"]]
    long_a, long_b = _text("template", sentences=60), _text("template", sentences=60).split("\n\n")
    for i in range(0, 60, 4):
        long_b[i] = _text(f"other {i}", sentences=1)
    assert duplicate_groups(_texts([("a", long_a), ("b", "\n\n".join(long_b))])) == []


def test_one_description_said_again_of_another_thing_is_not_a_copy():
    """A description written over for another program (Axiom's said of FriCAS, name for name) shares nearly all
    its words, but each text repeats a name the other never uses: two things, not one text twice. The same
    description with a sentence of its own added stays a copy."""
    template = ("{0} is useful for research and development of mathematical algorithms. It defines a strongly "
                "typed, mathematically correct type hierarchy. {0} has a programming language and a built-in "
                "compiler. {0} has been in development since 1973 and was sold as a commercial product. Efforts "
                "are underway to extend {0} with a better user interface and more mathematics.")
    axiom, fricas = template.format("Axiom"), template.format("Fricas")
    data = axiom + " This package holds the databases that Axiom generates from its text database files."
    assert duplicate_groups(_texts([("axiom", axiom), ("fricas", fricas)])) == []
    assert duplicate_groups(_texts([("axiom", axiom), ("axiom-data", data)])) == [["axiom", "axiom-data"]]


def test_two_long_pages_of_one_template_are_not_copies_though_most_of_their_text_is_shared():
    """Manual pages of one template (a character table for each of two encodings) share nine tenths of
    their shingles yet differ by far more than a sentence or two; the same page with one sentence rewritten
    and another headline is a copy."""
    page = _text("table", sentences=80)
    other = page.split("\n\n")
    for i in range(0, 80, 14):
        other[i] = _text(f"row {i}", sentences=1)
    assert duplicate_groups(_texts([("latin1", page), ("latin9", "\n\n".join(other))])) == []
    assert duplicate_groups(_texts([("latin1", page), ("copy", _near_copy(page))])) == [["copy", "latin1"]]


def test_each_group_is_one_note_naming_the_files():
    groups = source_groups({"a": ["b", "c"], "b": ["a", "c"], "c": ["a", "b"], "d": []},
                           {"a": "x/a.txt", "b": "b.md", "c": "c.html", "d": "d.txt"})
    assert groups == [["b.md", "c.html", "x/a.txt"]]
    (note,) = duplicate_notes(groups)
    assert note.path == "b.md" and note.severity == "note"
    assert "c.html" in note.message and "x/a.txt" in note.message


def test_check_reports_a_copied_file(tmp_path):
    from kbsite.config import load_settings
    from kbsite.pipeline import BuildOptions, check
    from tests.conftest import REPO, make_project

    kb = tmp_path / "kb"
    kb.mkdir()
    for name in ("000_b473ca0bc8050c3d.txt", "003_16ba6b13fc6d2287.txt"):
        (kb / name).write_bytes((REPO / "kb" / name).read_bytes())
    (kb / "copy.txt").write_bytes((REPO / "kb" / "003_16ba6b13fc6d2287.txt").read_bytes())
    report = check(load_settings(make_project(tmp_path / "project", kb)), BuildOptions(workers=1))
    notes = [d for d in report.diagnostics if "shown as one story" in d.message]
    assert [(d.path, d.severity) for d in notes] == [("003_16ba6b13fc6d2287.txt", "note")]
    assert "copy.txt" in notes[0].message
