"""Citations of an article in the formats reference managers read: CSL-JSON, BibTeX, RIS, and one line of text.

Only what the article states is cited: a missing author, date or publisher is left out, never
guessed, and an author is kept as written (CSL's `literal`) rather than split into given and
family names that might be wrong.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from kbsite.model import Article

_BIBTEX_SPECIAL = {c: "\\" + c for c in "{}%&$#_"} | {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}",
                                                      "^": r"\textasciicircum{}"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Source:
    """What a citation may say about one article; None where the article does not say it."""

    id: str
    title: str
    lang: str
    date: str | None  # ISO, possibly partial (YYYY or YYYY-MM)
    author: str | None
    publisher: str | None
    url: str | None  # where the article was first published
    page_url: str | None  # its page in this KB, where the KB has an address

    @property
    def web_url(self) -> str | None:
        """The original's address if it is a web address (a citation is opened by a click), else the page's."""
        return web(self.url) or self.page_url


def source_of(article: Article, slug: str, page_url: str | None = None) -> Source:
    """What an article says about itself, to cite it (the page and the export cite alike)."""
    return Source(id=slug, title=article.title, lang=article.lang, date=article.date, author=article.author,
                  publisher=article.publisher, url=article.url, page_url=page_url)


def web(url: str | None) -> str | None:
    """`url` if it is an http(s) address, on one line; None for anything else (javascript:, a file path)."""
    if not url:
        return None
    url = "".join(url.split())
    return url if re.match(r"https?://[^/]", url, re.IGNORECASE) else None


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _date_parts(date: str) -> list[int]:
    return [int(p) for p in date.split("-") if p.isdigit()]


def csl(source: Source) -> dict[str, object]:
    item: dict[str, object] = {
        "id": source.id,
        "type": "article-newspaper" if source.publisher else "article",
        "title": _one_line(source.title),
        "language": source.lang,
    }
    if source.author:
        item["author"] = [{"literal": _one_line(source.author)}]
    if source.publisher:
        item["container-title"] = _one_line(source.publisher)
    if source.date:
        item["issued"] = {"date-parts": [_date_parts(source.date)]}
    if source.web_url:
        item["URL"] = source.web_url
    return item


def csl_json(sources: list[Source]) -> str:
    return json.dumps([csl(s) for s in sources], ensure_ascii=False, indent=1) + "\n"


def _bibtex_value(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in _one_line(text))


def _bibtex_key(source_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_:-]", "_", source_id) or "article"


def _bibtex_field(name: str, value: str) -> str:
    if name == "url":
        return _one_line(value)
    if name == "author":  # braced: one name as written, not split at "and" nor reordered
        return "{" + _bibtex_value(value) + "}"
    return _bibtex_value(value)


def bibtex(source: Source) -> str:
    fields = [("title", source.title)]
    if source.author:
        fields.append(("author", source.author))
    if source.publisher:
        fields.append(("journal", source.publisher))
    if source.date:
        parts = _date_parts(source.date)
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        fields.append(("date", source.date))
    if source.web_url:
        fields.append(("url", source.web_url))
    fields.append(("language", source.lang))
    kind = "article" if source.publisher else "misc"
    body = ",\n".join(f"  {name} = {{{_bibtex_field(name, value)}}}" for name, value in fields)
    return f"@{kind}{{{_bibtex_key(source.id)},\n{body}\n}}\n"


def ris(source: Source) -> str:
    lines = [("TY", "NEWS" if source.publisher else "GEN"), ("ID", source.id), ("TI", source.title)]
    if source.author:
        lines.append(("AU", source.author))
    if source.date:
        parts = _date_parts(source.date)
        lines.append(("PY", str(parts[0])))
        lines.append(("DA", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) + "/"))
    if source.publisher:
        lines.append(("T2", source.publisher))
    if source.web_url:
        lines.append(("UR", source.web_url))
    lines.append(("LA", source.lang))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}\n" for tag, value in lines)


def text(source: Source) -> str:
    """Author. "Title". Publisher, date. URL: the facts in a neutral order, dates in ISO."""
    parts = []
    if source.author:
        parts.append(f"{_one_line(source.author)}.")
    parts.append(f"\u201c{_one_line(source.title)}\u201d.")
    where = ", ".join(p for p in (source.publisher and _one_line(source.publisher), source.date) if p)
    if where:
        parts.append(f"{where}.")
    if source.web_url:
        parts.append(source.web_url)
    return " ".join(parts)
