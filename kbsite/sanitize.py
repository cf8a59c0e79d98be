"""Make article HTML safe to publish: nothing runs, nothing loads from outside the site.

Every HTML body a reader produces goes through clean_html, so hostile or broken markup
in the KB never reaches a page. The site must work offline and request nothing from
other hosts, so a remote image becomes a link to it instead of an <img>.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code",
    "em", "strong", "b", "i", "u", "s", "sub", "sup", "a", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "figure", "figcaption", "dl", "dt", "dd", "abbr", "q", "cite", "small", "mark", "span", "div",
})
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir", "title"},
    "a": {"href"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"
# Removed together with everything inside them: their content is code or UI, never article text.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript",
    "textarea", "select", "title", "head",
})

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): in a title, label or name one of these
# reverses or hides the text around it, on the page and in a terminal ("Trojan Source"). The marks
# U+200E, U+200F and U+061C only hint at a direction, are needed in right-to-left text, and stay.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\s*")
_H1 = re.compile(r"<(/?)h1(?=[\s>])")
# nh3's output always double-quotes attribute values, so a tag is "<", a name, quoted values, ">".
_TAG = re.compile(r"""<(/?)([a-z][a-z0-9]*)((?:[^>"]|"[^"]*")*)>""")
_IMG = re.compile(r"""<img((?:[^>"]|"[^"]*")*)>""")
_ATTR = re.compile(r"""([a-z-]+)="([^"]*)\"""")
_BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "table",
    "thead", "tbody", "tr", "caption", "figure", "figcaption", "dl", "dt", "dd", "hr",
})
_CELLS = frozenset({"td", "th"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})
# Deeper than this, elements are dropped and their content kept: no article needs it, and parsers that
# walk a tree by recursion (BeautifulSoup's serialiser, Python-Markdown) fail a few hundred levels down.
MAX_NESTING = 48
_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")


def clean_html(markup: str, *, drop: frozenset[str] = frozenset()) -> str:
    """Sanitised HTML; `drop` names more elements to remove with their content (a page's nav, footer...)."""
    tags = ALLOWED_TAGS | {"h1", "img"}
    cleaned = nh3.clean(
        markup,
        tags=set(tags),
        clean_content_tags=set((DROPPED_WITH_CONTENT | drop) - tags),
        attributes={**ALLOWED_ATTRIBUTES, "img": {"src", "alt"}},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    if "<img" in cleaned:
        cleaned = nh3.clean(
            _IMG.sub(lambda m: _image_to_link(m, cleaned), cleaned),
            tags=set(ALLOWED_TAGS | {"h1"}),
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=set(URL_SCHEMES),
            link_rel=LINK_REL,
        )
    return _EMPTY_PARAGRAPH.sub("", _H1.sub(r"<\1h2", cleaned)).strip()


def _image_to_link(match: re.Match[str], markup: str) -> str:
    """A remote image becomes a link to it; any other image, or one already inside a link, keeps its alt text."""
    attrs = {name: html.unescape(value) for name, value in _ATTR.findall(match.group(1))}
    src = attrs.get("src", "").strip()
    alt = " ".join(attrs.get("alt", "").split())
    if src.startswith("//"):
        src = "https:" + src
    in_link = markup.rfind("<a ", 0, match.start()) > markup.rfind("</a>", 0, match.start())
    if not in_link and src.lower().startswith(("http://", "https://")):
        return f'<a href="{html.escape(src)}">{html.escape(alt or "image")}</a>'
    return html.escape(alt)


HARD_WRAP = (40, 100)  # line lengths of text wrapped by an editor or a mailer


def text_to_html(text: str) -> str:
    """Plain text as HTML paragraphs. A blank line starts a paragraph; within a block, a line longer than any
    editor wraps at means one paragraph a line, hard-wrapped lines are joined into one paragraph, and other
    short lines (an address, a verse) keep their line breaks."""
    out = []
    for block in _BLANK_LINES.split(text):
        lines = [html.escape(line.strip(), quote=False) for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        out.extend(f"<p>{part}</p>" for part in _paragraphs(lines))
    return "\n".join(out)


def _paragraphs(lines: list[str]) -> list[str]:
    low, high = HARD_WRAP
    if len(lines) == 1 or any(len(line) > high for line in lines):
        return lines  # no editor wraps a line that long: each line is a paragraph
    if all(low <= len(line) for line in lines[:-1]):
        return [" ".join(lines)]
    return ["<br>\n".join(lines)]


def html_to_text(clean: str) -> str:
    """The text of clean_html's output, one blank line between blocks, as search and analysis read it.

    Works on sanitised HTML only, where every "<" in text is escaped; that makes a regular
    expression exact and much faster than a parser on a 20 MB article.
    """
    flat = " ".join(clean.split())
    text = _TAG.sub(_tag_to_break, flat)
    text = html.unescape(text).replace("\xa0", " ")
    paragraphs = []
    for block in _BLANK_LINES.split(text):
        lines = [_SPACE.sub(" ", line).strip() for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _tag_to_break(match: re.Match[str]) -> str:
    name = match.group(2)
    if name in _BLOCKS:
        return "\n\n"
    if name == "br":
        return "\n"
    if name in _CELLS:
        return " "
    return ""


def limit_nesting(clean: str, max_depth: int = MAX_NESTING) -> tuple[str, bool]:
    """Sanitised HTML with the elements nested deeper than `max_depth` removed, their content kept;
    and whether any was. Works on nh3's output, where every tag closes in order."""
    if clean.count("<") <= max_depth:
        return clean, False
    pieces: list[str] = []
    kept: list[bool] = []  # for each open element, whether its tags are kept
    depth = done = 0  # depth: open elements kept
    dropped = False
    for match in _TAG.finditer(clean):
        closing, name = match.group(1), match.group(2)
        if name in _VOID:
            continue
        if closing:
            keep = kept.pop() if kept else True
            depth -= keep
        else:
            keep = depth < max_depth
            depth += keep
            kept.append(keep)
        if not keep:
            pieces.append(clean[done:match.start()])
            done = match.end()
            dropped = True
    pieces.append(clean[done:])
    return "".join(pieces), dropped


def strip_bidi(text: str) -> str:
    """A title, label or name without the controls that change the direction of the text around it."""
    return _BIDI_CONTROLS.sub("", text)
