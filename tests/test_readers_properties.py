"""Whatever bytes a KB holds, reading ends in a Document or a ReadError, and big files stay quick to read."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbsite.errors import ReadError
from kbsite.model import Document
from kbsite.readers import SUPPORTED_EXTENSIONS, parse_sidecar, read_document
from kbsite.readers.base import NOTICE, PAGE_HTML_CAP

EXTENSIONS = sorted(SUPPORTED_EXTENSIONS)
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30) | st.dates()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                           max_size=4), max_leaves=12)
keys = st.sampled_from(["title", "date", "lang", "publisher", "source", "author", "url", "topics", "entities", "tags",
                        "summary", "other"]) | st.text(max_size=10)


def read_or_refuse(name: str, data: bytes, sidecar: dict[str, object] | None = None) -> Document | None:
    try:
        document = read_document(name, data, sidecar)
    except ReadError:
        return None
    assert isinstance(document.title, str) and document.title
    assert isinstance(document.text, str) and isinstance(document.html, str)
    assert "<script" not in document.html.lower()
    return document


@FAST
@given(st.binary(max_size=2000), st.sampled_from(EXTENSIONS))
def test_random_bytes(data: bytes, extension: str) -> None:
    read_or_refuse("random" + extension, data)


@FAST
@given(st.text(max_size=1000), st.sampled_from(EXTENSIONS))
def test_random_text(text: str, extension: str) -> None:
    read_or_refuse("random" + extension, text.encode("utf-8", "surrogatepass"))


@FAST
@given(st.text(alphabet=st.sampled_from(list(":-[]{}!&*|>'\"#%@`,?\n\t abc12")), max_size=200))
def test_random_yamlish_front_matter(block: str) -> None:
    read_or_refuse("fm.md", f"---\n{block}\n---\nBody text.\n".encode())
    parse_sidecar("fm.md.meta.yml", block.encode())


@FAST
@given(st.dictionaries(keys, values, max_size=8))
def test_random_front_matter_mappings(mapping: dict[str, object]) -> None:
    block = yaml.safe_dump(mapping, allow_unicode=True)
    document = read_or_refuse("fm.md", f"---\n{block}---\nBody text.\n".encode())
    assert document is not None
    assert set(document.meta) <= {"date", "lang", "publisher", "author", "url", "topics", "entities", "tags", "summary"}
    sidecar, _ = parse_sidecar("fm.md.meta.yml", block.encode())
    assert read_or_refuse("fm.txt", b"Title\n\nBody.\n", sidecar) is not None


def _huge_paragraphs(size: int) -> str:
    paragraph = "BlackBerry will *leave* Pakistan, the company said on Monday in a blog post. " * 6
    return "\n\n".join([paragraph] * (size // (len(paragraph) + 2)))


def test_huge_markdown_page_is_capped_but_search_text_is_whole() -> None:
    body = _huge_paragraphs(20_000_000) + "\n\nthe very last words"
    document = read_document("big.md", f"---\ntitle: Big\n---\n{body}".encode())
    assert len(document.html) <= PAGE_HTML_CAP + len(NOTICE) + 1
    assert document.html.endswith(NOTICE)
    assert document.text.endswith("the very last words")
    assert len(document.text) > 15_000_000
    assert [d.message for d in document.diagnostics] == [
        "the article is too long to show in full (20.0 MB): its page shows the first 2 MB; search covers all of it"
    ]


def test_huge_text_page_is_capped_but_search_text_is_whole() -> None:
    body = _huge_paragraphs(20_000_000) + "\n\nthe very last words"
    document = read_document("big.txt", f"Big\n\n{body}".encode())
    assert len(document.html) <= PAGE_HTML_CAP + len(NOTICE) + 1
    assert document.html.endswith("</p>\n" + NOTICE)
    assert document.text.endswith("the very last words")
    assert [d.message for d in document.diagnostics] == [
        "the article is too long to show in full (20.2 MB): its page shows the first 2 MB; search covers all of it"
    ]


def test_big_html_page_is_capped_but_search_text_is_whole() -> None:
    paragraphs = "".join(f"<p>Paragraph {i} about <b>BlackBerry</b> in Pakistan.</p>\n" for i in range(40_000))
    document = read_document("big.html", f"<html><title>Big</title><body>{paragraphs}</body></html>".encode())
    assert len(document.html) <= PAGE_HTML_CAP + len(NOTICE) + 1
    assert document.text.endswith("Paragraph 39999 about BlackBerry in Pakistan.")
    assert [d.severity for d in document.diagnostics] == ["warning"]
