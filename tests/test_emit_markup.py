"""Untrusted strings come out of Markdown as the same text, with no tag or link of their own."""

from __future__ import annotations

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from kbsite.emit import templates
from kbsite.emit.article import url_ref
from kbsite.emit.context import Link
from kbsite.emit.markup import front_matter, lang_attr, relative, safe_url, text
from kbsite.emit.paging import page, page_count, page_paths

EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "admonition"]
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<https://evil.example>",
    "<a@evil.example>",
    "*_[]()#` `|",
    "# heading",
    "1. item",
    "- item",
    "> quote",
    "    indented code",
    "a | b\n--- | ---\nc | d",
    "{: onclick=alert(1) }",
    "text {: #id .class onclick=alert(1) }",
    "&lt;script&gt; &#106;avascript &amp;",
    "line\n\n<div>block</div>\n===",
    "\\*not em\\*",
    "\x02wzxhzdk:0\x03 placeholder",
    "`code` and ``more``",
    "[ref]: javascript:alert(1)\n[ref]",
]


def render(source: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(source, extensions=EXTENSIONS), "html.parser")


def only_text(value: str) -> str:
    """The rendered text of `value`, asserting that rendering made no element of its own."""
    soup = render(text(value))
    assert [tag.name for tag in soup.find_all(True)] == ["p"] or not value.strip()
    assert not soup.find("p") or not soup.find("p").attrs
    return soup.get_text()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_renders_as_the_literal_string(payload):
    expected = " ".join(payload.replace("\x02", " ").replace("\x03", " ").split())
    assert only_text(payload) == expected


@pytest.mark.parametrize("payload", PAYLOADS)
def test_heading_and_list_contexts_stay_inert(payload):
    soup = render(f"# {text(payload)}\n\n- {text(payload)} · {text(payload)}\n")
    assert [tag.name for tag in soup.find_all(True)] == ["h1", "ul", "li"]
    assert soup.find("h1").attrs == {"id": soup.find("h1")["id"]}


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_any_string_makes_no_markup(value):
    soup = render(f"- {text(value)}")
    assert {tag.name for tag in soup.find_all(True)} <= {"ul", "li"}
    assert all(not tag.attrs for tag in soup.find_all(True))


def link(to: Link) -> str:
    """A link as the page templates write it."""
    return str(templates.environment().get_template("_macros.md.j2").module.link(to))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_link_label_is_text_and_target_is_ours(payload):
    soup = render(link(Link(payload, relative("articles/a.md", "entities/b c.md"), "es")))
    anchors = soup.find_all("a")
    assert len(anchors) == 1
    assert anchors[0].attrs == {"href": "../entities/b%20c.md", "lang": "es"}
    assert [tag.name for tag in soup.find_all(True)] == ["p", "a"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1&c=(2)", "https://example.com/a?b=1&c=%282%29"),
        ("http://example.com/x y\"z'", "http://example.com/x%20y%22z%27"),
        ("HTTPS://example.com/", "HTTPS://example.com/"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.example/x", None),
        ("https:///nohost", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_urls_become_links(url, expected):
    assert safe_url(url) == expected
    soup = render(link(url_ref("Original", url)))
    anchors = soup.find_all("a")
    if expected is None:
        assert anchors == []
    else:
        assert [a["href"] for a in anchors] == [expected]


def test_url_with_markdown_breakers_stays_one_link():
    soup = render(link(url_ref("x", "https://e.example/a)[b](javascript:alert(1))")))
    assert [a["href"] for a in soup.find_all("a")] == ["https://e.example/a%29%5Bb%5D%28javascript:alert%281%29%29"]


def test_front_matter_is_yaml_with_an_html_safe_title():
    head = front_matter('<img src=x onerror="a">\n---\ntitle: x', lang="ru")
    assert head.startswith("---\n") and head.endswith("---\n") and head.count("\n---\n") == 1
    meta = yaml.safe_load(head.strip("-\n"))
    assert meta == {
        "title": "&lt;img src=x onerror=&quot;a&quot;&gt; --- title: x",
        "lang": "ru",
        "kbsite": "generated",
    }


def test_lang_attribute_only_for_well_formed_tags():
    assert lang_attr("pt-BR") == '{: lang="pt-BR" }'
    assert lang_attr('es" onclick="x') == ""
    assert lang_attr("und") == "" and lang_attr(None) == ""


@pytest.mark.parametrize(
    ("from_page", "to_page", "expected"),
    [
        ("index.md", "topics/bes.md", "topics/bes.md"),
        ("topics/bes.md", "articles/x.md", "../articles/x.md"),
        ("topics/bes/page-2.md", "topics/bes.md", "../bes.md"),
        ("browse/index.md", "entities/пакистан.md", "../entities/%D0%BF%D0%B0%D0%BA%D0%B8%D1%81%D1%82%D0%B0%D0%BD.md"),
        ("articles/a.md", "articles/a#b?.md", "a%23b%3F.md"),
    ],
)
def test_relative_links(from_page, to_page, expected):
    assert relative(from_page, to_page) == expected


def test_pagination_paths_and_pager():
    assert page_count(0, 10) == 1 and page_count(10, 10) == 1 and page_count(11, 10) == 2
    paths = page_paths("browse/index.md", "browse/date-{n}.md", 4)
    assert paths == ["browse/index.md", "browse/date-2.md", "browse/date-3.md", "browse/date-4.md"]
    macros = templates.environment().get_template("_macros.md.j2").module

    def pager(paths: list[str], number: int) -> str:
        return str(macros.pager(page(paths, number), "en"))

    assert page(paths[:1], 1).total == 1
    assert pager(paths, 1) == "Page 1 of 4 · [Next →](date-2.md) · [Last](date-4.md)"
    assert pager(paths, 3) == "[First](index.md) · [← Previous](date-2.md) · Page 3 of 4 · [Next →](date-4.md)"
    assert pager(paths, 4) == "[First](index.md) · [← Previous](date-3.md) · Page 4 of 4"
