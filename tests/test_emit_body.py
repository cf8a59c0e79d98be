"""The article body: cleaned once more, and the first mention of each entity linked to its page."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from kbsite.emit.body import clean, link_mentions
from kbsite.model import Mention

FIXTURES = Path(__file__).parent / "fixtures" / "emit"
PAGES = {
    "bes": "entities/bes.md",
    "blackberry": "entities/blackberry.md",
    "pakistan": "entities/pakistan.md",
    "rim": "entities/rim.md",
}


def mention(entity: str, *forms: str) -> Mention:
    return Mention(entity, len(forms), tuple(sorted(forms)), "")


def anchors(html: str) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in BeautifulSoup(html, "html.parser").find_all("a")]


def test_first_occurrence_of_any_form_is_linked_once():
    html = "<p>В Пакистане работает BlackBerry.</p><p>Пакистан и BlackBerry.</p>"
    mentions = [mention("pakistan", "Пакистан", "Пакистане"), mention("blackberry", "BlackBerry")]
    out = link_mentions(html, mentions, PAGES, "articles/x.md")
    assert anchors(out) == [("Пакистане", "../entities/pakistan.html"), ("BlackBerry", "../entities/blackberry.html")]
    assert BeautifulSoup(out, "html.parser").get_text() == "В Пакистане работает BlackBerry.Пакистан и BlackBerry."


def test_forms_match_whole_words_only():
    out = link_mentions("<p>Bessie and BESides, then BES.</p>", [mention("bes", "BES")], PAGES, "articles/x.md")
    assert anchors(out) == [("BES", "../entities/bes.html")]
    assert out.endswith('then <a class="kb-entity" href="../entities/bes.html">BES</a>.</p>')


def test_longest_form_wins_where_two_entities_start_together():
    html = "<p>BlackBerry Enterprise Service runs on BlackBerry phones.</p>"
    mentions = [mention("bes", "BlackBerry Enterprise Service"), mention("blackberry", "BlackBerry")]
    assert anchors(link_mentions(html, mentions, PAGES, "articles/x.md")) == [
        ("BlackBerry Enterprise Service", "../entities/bes.html"),
        ("BlackBerry", "../entities/blackberry.html"),
    ]


def test_a_form_shared_by_two_entities_links_each_once():
    html = "<p>RIM, later RIM again.</p>"
    out = link_mentions(html, [mention("rim", "RIM"), mention("blackberry", "RIM")], PAGES, "articles/x.md")
    assert anchors(out) == [("RIM", "../entities/blackberry.html"), ("RIM", "../entities/rim.html")]


def test_existing_links_code_and_entities_without_a_page_are_left_alone():
    html = '<p><a href="https://e.example">BlackBerry</a> <code>BES</code> Pakistan BES BlackBerry</p>'
    mentions = [mention("blackberry", "BlackBerry"), mention("bes", "BES"), mention("nowhere", "Pakistan")]
    assert anchors(link_mentions(html, mentions, PAGES, "articles/x.md")) == [
        ("BlackBerry", "https://e.example"),
        ("BES", "../entities/bes.html"),
        ("BlackBerry", "../entities/blackberry.html"),
    ]


def test_forms_with_regex_characters_are_literal():
    html = "<p>C++ (beta) and C+++ and Cx</p>"
    out = link_mentions(html, [mention("rim", "C++ (beta)")], PAGES, "articles/x.md")
    assert anchors(out) == [("C++ (beta)", "../entities/rim.html")]


def test_clean_removes_script_handlers_images_and_relative_links():
    cleaned = link_mentions(clean((FIXTURES / "hostile_body.html").read_text(encoding="utf-8")), [], PAGES, "a/x.md")
    soup = BeautifulSoup(cleaned, "html.parser")
    assert not soup.find(["script", "img", "iframe"])
    assert all(not name.startswith("on") for tag in soup.find_all(True) for name in tag.attrs)
    assert [a["href"] for a in soup.find_all("a")] == ["https://example.com/bb"]
    assert "regulator" in soup.get_text() and "again" in soup.get_text()
    assert not soup.find(attrs={"markdown": True})


def test_a_body_nested_hundreds_of_levels_deep_is_linked_not_a_recursion_error():
    """BeautifulSoup compares and writes trees by recursion: a page 450 quotes deep once crashed the build."""
    deep = "<blockquote>" * 450 + "<p>BlackBerry leaves</p>" + "</blockquote>" * 450
    mentions = [Mention("blackberry", 1, ("BlackBerry",), "")]
    html = link_mentions(clean(deep), mentions, PAGES, "articles/a.md")
    assert html.count('class="kb-entity"') == 1
    assert 0 < html.count("<blockquote>") <= 48
