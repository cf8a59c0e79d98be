"""The real-documentation known-item benchmark: which query each page gets, and what a perfect search scores."""

from __future__ import annotations

from benchmarks.known_item import KnownItem
from benchmarks.known_item_docs import ceiling, description, doc_items, page
from benchmarks.package_corpora import descriptions


def test_a_manual_page_is_asked_for_by_its_name_line_description():
    assert description("en/printf.3.txt", "printf, fprintf - formatted output conversion\n\nNAME\n") == \
        "formatted output conversion"
    assert description("ru/acct.5.txt", "acct \u2014 файл учёта процессов\n") == "файл учёта процессов"
    assert description("en/x.1.txt", "X-Window-System\n\nNAME\n") is None


def test_a_package_page_is_asked_for_by_its_first_paragraph():
    page = '---\ntitle: "2ping"\nlang: nl\n---\n\nPinghulpmiddel om pakketverlies te bepalen\n\n2ping is een...\n'
    assert description("nl/2ping.md", page) == "Pinghulpmiddel om pakketverlies te bepalen"


def test_items_take_their_language_from_the_folder(tmp_path):
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "test.1.txt").write_text("test - verifica tipos de ficheros\n\nNOMBRE\n", encoding="utf-8")
    (tmp_path / "stray.txt").write_text("stray - no language folder\n", encoding="utf-8")
    [item] = doc_items(tmp_path)
    assert (item.lang, item.query, item.source) == ("es", "verifica tipos de ficheros", "kb/es/test.1.txt")


def test_the_ceiling_counts_pages_that_share_a_description():
    items = [KnownItem("en", "tune", "formatted output", "kb/en/a"), KnownItem("en", "tune", "Formatted  output",
                                                                                 "kb/en/b"),
             KnownItem("en", "tune", "other", "kb/en/c"), KnownItem("es", "tune", "formatted output", "kb/es/a")]
    best = ceiling(items)
    assert best["en"] == round((1.5 / 2 * 2 + 1) / 3, 3)
    assert best["es"] == 1.0


def test_translation_lists_give_each_package_its_line_and_paragraphs():
    text = ("Package: 2ping\nDescription-md5: 25\nDescription-nl: Pinghulpmiddel\n 2ping is een\n programma.\n .\n"
            " Tweede alinea.\n\nPackage: Bad_Name\nDescription-nl: x\n y\n")
    assert descriptions(text, "nl") == {"2ping": ("Pinghulpmiddel", ["2ping is een programma.", "Tweede alinea."])}


def test_kbsite_and_pagefind_name_a_page_alike():
    assert {page("articles/printf.html"), page("/articles/printf/"), page("/articles/printf/index.html#x")} == \
        {"articles/printf"}
