"""Pagination: every list that grows with the KB is cut into pages of page_size items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from kbsite.emit.markup import relative

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


@dataclass(frozen=True)
class Page:
    """Page `number` of `total` of one list, with relative links to its first, previous, next and last pages
    (None where a link would point at this page or its neighbour already linked)."""

    number: int
    total: int
    first: str | None = None
    previous: str | None = None
    next: str | None = None
    last: str | None = None


def page(paths: Sequence[str], number: int) -> Page:
    """Where page `number` of the list `paths` sits, for the templates' pager."""
    here, total = paths[number - 1], len(paths)

    def to(n: int, wanted: bool) -> str | None:
        return relative(here, paths[n - 1]) if wanted else None

    return Page(number, total, first=to(1, number > 2), previous=to(number - 1, number > 1),
                next=to(number + 1, number < total), last=to(total, number < total - 1))
