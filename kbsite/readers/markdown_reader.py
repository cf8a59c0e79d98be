"""Markdown articles: YAML front matter, then a body rendered with Python-Markdown and sanitised."""

from __future__ import annotations

import re
from html import escape

import markdown

from kbsite.model import Diagnostic, Document
from kbsite.readers import frontmatter
from kbsite.readers.base import PAGE_HTML_CAP, cap_html
from kbsite.sanitize import clean_html, html_to_text, text_to_html

EXTENSIONS = ("tables", "fenced_code", "sane_lists")
_LEADING_H1 = re.compile(r"\s*<h1>(.*?)</h1>\s*", re.DOTALL)
_ATX_H1 = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
# Converters ready for reuse: setting one up costs a quarter of rendering a short article. One that raised is
# not put back, as its parser may be left half-way through a block.
_CONVERTERS: list[markdown.Markdown] = []


def render(text: str) -> str:
    """markdown.markdown(text) with kbsite's extensions, on a reused converter."""
    converter = _CONVERTERS.pop() if _CONVERTERS else markdown.Markdown(extensions=list(EXTENSIONS),
                                                                          output_format="html")
    rendered = converter.reset().convert(text)
    _CONVERTERS.append(converter)
    return rendered


class MarkdownReader:
    extensions = frozenset({".md", ".markdown"})

    def read(self, source: str, text: str) -> Document:
        block, body, diagnostics = frontmatter.split(source, text)
        meta: dict[str, object] = {}
        if block is not None:
            meta, found = frontmatter.parse(source, block, first_line=2)
            diagnostics += found
        # Rendering is the slow part; past the cap only the head is rendered, the rest is searched as written.
        head, tail = _split_at_paragraph(body, PAGE_HTML_CAP)
        try:
            rendered = render(head)
        except RecursionError:  # Python-Markdown parses nested lists and quotes by recursion
            rendered = _as_text(head)
            diagnostics.append(Diagnostic(source, "the Markdown is nested too deeply to render (lists or quotes "
                                                  "hundreds of levels deep): it is shown as plain text",
                                          severity="warning"))
        title = ""
        if match := _LEADING_H1.match(rendered):
            title = html_to_text(clean_html(match.group(1)))
            if not meta.get("title") or " ".join(str(meta["title"]).split()) == title:
                rendered = rendered[match.end():]
        html = clean_html(rendered)
        plain = html_to_text(html)
        if tail:
            plain = f"{plain}\n\n{tail.strip()}"
        html, capped = cap_html(source, html, len(body) if tail else None)
        diagnostics += capped
        title = str(meta.pop("title", "") or title)
        return Document(source=source, title=title, text=plain, html=html, meta=meta, diagnostics=diagnostics)


def _as_text(text: str) -> str:
    """The body as plain text, its leading "# Title" line still a heading (the title)."""
    first, _, rest = text.lstrip().partition("\n")
    if match := _ATX_H1.fullmatch(first):
        return f"<h1>{escape(match.group(1), quote=False)}</h1>\n{text_to_html(rest)}"
    return text_to_html(text)


def _split_at_paragraph(text: str, limit: int) -> tuple[str, str]:
    if len(text) <= limit:
        return text, ""
    cut = text.rfind("\n\n", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return text[:cut], text[cut:]
