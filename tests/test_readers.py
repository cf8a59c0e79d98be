"""Reading one file of each kind: titles, text, page HTML and the warnings a user sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbsite.errors import ReadError
from kbsite.model import Diagnostic, Document
from kbsite.readers import SUPPORTED_EXTENSIONS, parse_sidecar, read_document, reader_for

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
SEEDS = sorted((Path(__file__).parent.parent / "kb").glob("0*.txt"))


def read(name: str, sidecar: dict[str, object] | None = None) -> Document:
    return read_document(name, (FIXTURES / name).read_bytes(), sidecar)


def warning(path: str, message: str, line: int | None = None) -> Diagnostic:
    return Diagnostic(path, message, line, "warning")


def no_title(path: str, name: str) -> Diagnostic:
    return warning(path, f"no title found: the file name '{name}' is used; add a title to the file")


# Registry


def test_supported_extensions() -> None:
    assert frozenset({".txt", ".md", ".markdown", ".html", ".htm"}) == SUPPORTED_EXTENSIONS


@pytest.mark.parametrize("name", ["a.txt", "b.MD", "dir/c.markdown", "d.html", "e.HTM"])
def test_reader_for_picks_by_extension_in_any_case(name: str) -> None:
    reader = reader_for(name)
    assert reader is not None
    assert Path(name).suffix.lower() in reader.extensions


@pytest.mark.parametrize("name", ["a.pdf", "README", "x.txt.meta.yml"])
def test_reader_for_unknown_extension_is_none(name: str) -> None:
    assert reader_for(name) is None


def test_unsupported_file_raises_read_error_naming_the_types() -> None:
    with pytest.raises(ReadError) as info:
        read_document("notes.pdf", b"%PDF-1.4")
    assert info.value.diagnostic == Diagnostic(
        "notes.pdf", "files of type .pdf cannot be read: use one of .htm, .html, .markdown, .md, .txt"
    )


# Files with nothing to read


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "the file is empty: add some text or remove it"),
        ("empty_with_bom.md", "the file is empty: add some text or remove it"),
        ("whitespace_only.txt", "the file is empty: add some text or remove it"),
        ("binary.txt", "the file holds binary data, not text: remove it or save it as plain text"),
        ("control_bytes.txt", "the file holds binary data, not text: remove it or save it as plain text"),
    ],
)
def test_unreadable_files_raise_read_error(name: str, message: str) -> None:
    with pytest.raises(ReadError) as info:
        read(name)
    assert info.value.diagnostic == Diagnostic(name, message)


# Plain text


def test_text_first_line_is_title_and_paragraphs_are_kept() -> None:
    doc = read("article_with_paragraphs.txt")
    assert doc.title == "The headline"
    assert doc.text == "First paragraph line one\nline two of the same paragraph\n\nSecond paragraph & <b>not bold</b>."
    assert doc.html == ("<p>First paragraph line one<br>\nline two of the same paragraph</p>\n"
                        "<p>Second paragraph &amp; &lt;b&gt;not bold&lt;/b&gt;.</p>")
    assert doc.diagnostics == []


def test_text_long_first_line_is_a_paragraph_titled_by_its_first_sentence() -> None:
    doc = read("article_with_long_first_line.txt")
    assert doc.title == "After 30 December, BlackBerry will stop working in Pakistan."
    assert doc.text.startswith("After 30 December, BlackBerry will stop working in Pakistan. The company")
    assert doc.text.endswith("\nSecond line.")


def test_mixed_line_endings_become_newlines() -> None:
    doc = read("article_with_mixed_line_endings.txt")
    assert (doc.title, doc.text) == ("Title", "Line one\nLine two\n\nLast")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_every_seed_reads_without_warnings(seed: Path) -> None:
    doc = read_document(seed.name, seed.read_bytes())
    assert doc.title and doc.text and doc.html.startswith("<p>")
    assert doc.diagnostics == []


# Markdown


def test_markdown_front_matter_is_normalised_into_meta() -> None:
    doc = read("article_with_front_matter.md")
    assert doc.title == "BlackBerry leaves Pakistan"
    assert doc.meta == {
        "date": "2015-11-30",
        "lang": "en",
        "publisher": "Example News",
        "author": "Ana Pérez, John Smith",
        "url": "https://example.org/blackberry",
        "topics": ["privacy", "telecoms"],
        "entities": ["BlackBerry", "Pakistan"],
        "tags": ["phones"],
        "summary": "The company refused to hand over data.",
    }
    assert doc.diagnostics == []


def test_markdown_body_renders_tables_and_fenced_code_and_text_has_blank_lines() -> None:
    doc = read("article_with_front_matter.md")
    assert "<strong>Monday</strong>" in doc.html
    assert "<th>Year</th>" in doc.html
    assert "<pre><code>code &amp; more\n</code></pre>" in doc.html
    assert doc.text == "The company said on Monday that it would leave.\n\nYear Event\n\n2015 Exit\n\ncode & more"


def test_markdown_bom_and_crlf_do_not_hide_front_matter() -> None:
    doc = read("article_with_bom_and_front_matter.md")
    assert (doc.title, doc.text, doc.diagnostics) == ("BOM title", "Body.", [])


def test_markdown_title_from_leading_h1_which_leaves_the_body() -> None:
    doc = read("article_with_h1_title.md")
    assert doc.title == "The real title"
    assert doc.html == "<p>First paragraph.</p>\n<h2>Another top heading</h2>"


def test_markdown_h1_repeating_the_front_matter_title_is_removed() -> None:
    doc = read("article_with_h1_same_as_title.md")
    assert (doc.title, doc.html) == ("Same title", "<p>Body.</p>")


def test_markdown_without_title_uses_file_name_with_warning() -> None:
    doc = read("article_without_title.md")
    assert doc.title == "article without title"
    assert doc.diagnostics == [no_title("article_without_title.md", "article without title")]


def test_markdown_invalid_yaml_names_the_file_line_and_keeps_the_body() -> None:
    doc = read("article_with_invalid_yaml.md")
    assert doc.diagnostics[0] == warning(
        "article_with_invalid_yaml.md",
        "front matter is not valid YAML (expected ',' or ']', but got ':'): all of it was ignored; fix the YAML", 5
    )
    assert doc.text == "The body is still read."
    assert doc.meta == {}


def test_markdown_unclosed_front_matter_is_read_as_text() -> None:
    doc = read("article_with_unclosed_front_matter.md")
    assert doc.diagnostics[0] == warning(
        "article_with_unclosed_front_matter.md",
        "front matter has no closing '---' line: add one after the metadata; the file was read as text", 1,
    )
    assert "Some body text." in doc.text


def test_markdown_front_matter_that_is_not_a_mapping() -> None:
    doc = read("article_with_list_front_matter.md")
    assert doc.diagnostics[0] == warning(
        "article_with_list_front_matter.md", "front matter is not a list of 'key: value' lines: it was ignored", 2
    )


def test_markdown_empty_front_matter_is_fine() -> None:
    doc = read("article_with_empty_front_matter.md")
    assert doc.text == "Body only."
    assert doc.diagnostics == [no_title("article_with_empty_front_matter.md", "article with empty front matter")]


def test_markdown_raw_html_is_sanitised() -> None:
    html = read("article_with_raw_html.md").html.lower()
    for danger in ("<script", "onerror", "javascript:", "data:", "<iframe", "<object", "<svg", "style=", "onclick",
                   "<img"):
        assert danger not in html
    assert '<a href="https://example.org/pic.png" rel="nofollow noopener noreferrer">remote picture</a>' in html


# HTML


def test_html_article_text_without_site_chrome_and_meta() -> None:
    doc = read("page_with_article.html")
    assert doc.title == "BlackBerry deja Pakistán"
    assert doc.text == "La empresa canadiense se niega a entregar datos.\n\nSegundo párrafo con un enlace."
    assert doc.meta == {
        "date": "2015-11-30",
        "lang": "es",
        "publisher": "Diario",
        "author": "Ana Pérez",
        "url": "https://diario.example/blackberry",
        "tags": ["privacidad", "Pakistán"],
        "summary": "La empresa se niega.",
    }
    assert "<h2>" not in doc.html  # the h1 became the title
    assert doc.diagnostics == []


def test_html_main_without_nav_and_footer() -> None:
    doc = read("page_with_main.html")
    assert (doc.title, doc.text) == ("Main page", "The main text.")


def test_html_without_body_still_gives_the_text() -> None:
    doc = read("page_without_body.html")
    assert (doc.title, doc.text) == ("Only a fragment", "Text without html, head or body tags.\n\nSecond paragraph.")


def test_html_with_broken_nesting_still_gives_the_text() -> None:
    doc = read("page_with_broken_nesting.html")
    assert doc.text == "First bold both italic?\n\ncell one cell two\n\nUnclosed paragraph\n\nLast words"


def test_html_hostile_markup_is_removed() -> None:
    doc = read("page_with_hostile_markup.html")
    assert doc.text == "Safe text\n\njs data pixel\n\nSecond heading"
    for danger in ("<script", "onmouseover", "javascript:", "data:", "<iframe", "<object", "<embed", "<svg",
                   "<math", "<img", "<noscript", "<template"):
        assert danger not in doc.html.lower()


def test_html_page_that_is_all_header_keeps_its_text() -> None:
    assert read("page_with_only_chrome.html").text == "Text in a header only."


def test_html_date_from_time_element() -> None:
    assert read("page_with_time_element.html").meta == {"date": "2015-12-02"}


def test_html_without_title_uses_file_name() -> None:
    doc = read("page_without_title.html")
    assert doc.title == "page without title"
    assert doc.diagnostics == [no_title("page_without_title.html", "page without title")]


def test_html_declared_charset_decides_the_encoding() -> None:
    doc = read("page_with_declared_charset.html")
    assert (doc.title, doc.text, doc.diagnostics) == ("Страница", "Привет, мир. Это текст.", [])


# Sidecars


def test_sidecar_is_normalised_like_front_matter() -> None:
    meta, diagnostics = parse_sidecar("article.txt.meta.yml", (FIXTURES / "article.txt.meta.yml").read_bytes())
    assert meta == {"title": "Title from the sidecar", "date": "2015-12-02", "lang": "nl", "topics": ["sidecar topic"]}
    assert diagnostics == []


def test_sidecar_with_invalid_yaml_names_its_own_file_and_line() -> None:
    meta, diagnostics = parse_sidecar("bad.txt.meta.yml", (FIXTURES / "bad.txt.meta.yml").read_bytes())
    assert meta == {}
    assert diagnostics == [
        warning("bad.txt.meta.yml", "metadata file is not valid YAML (mapping values are not allowed here): "
                "all of it was ignored; fix the YAML", 2)
    ]


def test_empty_sidecar_says_nothing() -> None:
    assert parse_sidecar("a.txt.meta.yml", b"") == ({}, [])


def test_binary_sidecar_is_a_diagnostic_not_an_exception() -> None:
    meta, diagnostics = parse_sidecar("a.txt.meta.yml", b"\x00\x01\x02")
    assert meta == {}
    assert [d.message for d in diagnostics] == [
        "the file holds binary data, not text: remove it or save it as plain text"
    ]


def test_sidecar_overrides_front_matter_and_detected_title() -> None:
    sidecar = {"title": "Sidecar title", "date": "2001-01-01", "topics": ["x"]}
    doc = read("article_with_front_matter.md", sidecar)
    assert doc.title == "Sidecar title"
    assert doc.meta["date"] == "2001-01-01"
    assert doc.meta["topics"] == ["x"]
    assert doc.meta["publisher"] == "Example News"


def test_sidecar_title_silences_the_missing_title_warning() -> None:
    doc = read("page_without_title.html", {"title": "Given"})
    assert (doc.title, doc.diagnostics) == ("Given", [])


@pytest.mark.parametrize("block", [
    "title: Plain\ndate: 2015-07-24\n",
    "title: 'Quoted: with colon'\ntags: [a, b, 'c d']\ndraft: yes\ncount: 012\n",
    "title: |\n  Two\n  lines\nauthors:\n  - name: Ана\n    role: автор\n",
    "date: 2015-07-24T10:00:00Z\nempty:\nnull_value: ~\nfloat: 1.5e3\n",
    "anchors: &a {x: 1}\nagain: *a\n",
])
def test_front_matter_reads_the_same_with_libyaml_as_with_pure_python(block: str) -> None:
    from kbsite.readers import frontmatter

    fast = frontmatter._load(frontmatter._FastLoader, block)[1]
    assert fast == frontmatter._load(frontmatter._Loader, block)[1]
    assert all(not hasattr(value, "year") for value in fast.values())  # dates stay the text the user wrote


@pytest.mark.parametrize(("name", "body"), [
    ("quotes.md", "> " * 450 + "deep words\n"),
    ("lists.md", "- " * 1000 + "deep words\n"),
    ("divs.html", "<html><body><article>" + "<div>" * 3000 + "deep words" + "</div>" * 3000 + "</article></body>"),
])
def test_an_article_nested_hundreds_of_levels_deep_is_read_flat_with_a_warning(name, body):
    document = read_document(name, ("# Title line\n\n" if name.endswith(".md") else "").encode() + body.encode())
    assert "deep words" in document.text
    assert document.html.count("<") < 600
    assert any("nested" in d.message and d.severity == "warning" and d.path == name for d in document.diagnostics)
    assert document.title == "Title line" if name.endswith(".md") else document.title == "divs"


@pytest.mark.parametrize(("name", "data"), [
    ("a.txt", "Invoice \u202eexe.pdf\u202c and more\n\nBody text here.\n"),
    ("a.md", "---\ntitle: \"Invoice \u202eexe.pdf\u202c and more\"\nauthor: \"\u2067Eve\u2069\"\n---\nBody text.\n"),
    ("a.html", "<html><head><title>Invoice \u202eexe.pdf\u202c and more</title></head><body><p>Body</p></body>"),
])
def test_direction_overrides_are_removed_from_titles_and_metadata(name, data):
    """U+202E shows "Invoice fdp.exe" reversed on the page and in a terminal."""
    document = read_document(name, data.encode())
    assert document.title == "Invoice exe.pdf and more"
    if name.endswith(".md"):
        assert document.meta["author"] == "Eve"
    sidecar, _ = parse_sidecar("b.txt.meta.yml", "title: \"\u202eevil\"\npublisher: \"\u202dDaily\"\n".encode())
    assert read_document("b.txt", b"Plain\n\nText.\n", sidecar).title == "evil"
    assert sidecar["publisher"] == "Daily"


def test_an_unknown_language_code_is_a_warning_at_its_line_and_the_language_is_detected():
    from kbsite.analyze import analyse
    from kbsite.analyze.matcher import Matcher
    from kbsite.model import Taxonomy

    document = read_document("a.md", b"---\ntitle: Weer\nlang: zz\n---\nHet bedrijf trekt zich terug uit het land, "
                                     b"meldt de krant vandaag.\n")
    assert "lang" not in document.meta
    assert [(d.path, d.line, d.severity) for d in document.diagnostics] == [("a.md", 3, "warning")]
    assert "lang 'zz' is not a known language code" in document.diagnostics[0].message
    taxonomy = Taxonomy((), ())
    assert analyse(document, taxonomy, Matcher(taxonomy)).lang == "nl"
