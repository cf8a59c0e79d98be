"""Pagination: every list that grows with the KB is cut into pages of page_size items."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from kbsite.emit.i18n import phrase, word
from kbsite.emit.markup import front_matter, relative, text

T = TypeVar("T")


def page_count(total: int, page_size: int) -> int:
    """Pages needed for `total` items; an empty list still has its one page."""
    return max(1, -(-total // page_size))


def chunk(items: Sequence[T], page_size: int, number: int) -> Sequence[T]:
    """Items on page `number` (1-based)."""
    return items[(number - 1) * page_size : number * page_size]


def page_paths(first: str, rest: str, count: int) -> list[str]:
    """Paths of `count` pages: `first`, then `rest` with {n} = 2, 3, ..."""
    return [first, *(rest.format(n=n) for n in range(2, count + 1))]


def pager(paths: Sequence[str], number: int, lang: str = "en") -> str:
    """Previous / next links between the pages of one list; empty when it has one page."""
    if len(paths) < 2:
        return ""
    here = paths[number - 1]
    parts = []
    if number > 1:
        parts.append(f"[{word('previous', lang)}]({relative(here, paths[number - 2])})")
        if number > 2:
            parts.insert(0, f"[{word('first', lang)}]({relative(here, paths[0])})")
    parts.append(phrase("page n of m", lang, n=number, m=len(paths)))
    if number < len(paths):
        parts.append(f"[{word('next', lang)}]({relative(here, paths[number])})")
        if number < len(paths) - 1:
            parts.append(f"[{word('last', lang)}]({relative(here, paths[-1])})")
    return " · ".join(parts)


def head(title: str, number: int, lang: str = "en") -> list[str]:
    """The front matter and title of page `number` of a list: "Topics (page 2)"."""
    if number > 1:
        title = phrase("page n", lang, x=title, n=number)
    return [front_matter(title), f"# {text(title)}", ""]


def framed(lines: list[str], paths: list[str], number: int, body: list[str], lang: str = "en") -> str:
    """A page of a list: its head, then the body between two pagers (none when the list has one page)."""
    nav = pager(paths, number, lang)
    return "\n".join([*lines, *([nav, "", *body, nav, ""] if nav else body)])
