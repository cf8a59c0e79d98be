"""Slugs: the one place that turns untrusted names into safe file names (kbsite.paths places them).

A slug is the identity of a page. It is made of Unicode letters, digits and single
hyphens only, so it can never climb out of its folder, hide a control character,
or name a device on Windows.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

MAX_SLUG = 80
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_RESERVED = {
    "con", "prn", "aux", "nul", "index", "page",
    *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)),
}


def short_hash(text: str, length: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def slugify(text: str, fallback: str = "") -> str:
    """'Pakistán / BES?' -> 'pakistan-bes'; empty or reserved names get a stable hash suffix."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _NOT_WORD.sub("-", folded).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rstrip("-")
    if not slug:
        return f"{fallback or 'page'}-{short_hash(text)}"
    if slug in _RESERVED:
        return f"{slug}-{short_hash(text)}"
    return slug


def article_slugs(sources: Iterable[str]) -> dict[str, str]:
    """Source path -> slug, from the path without its extension ('news/a b.md' -> 'news-a-b').

    Two sources with the same slug (a.md and a.txt) are told apart by a hash of their
    path, given to all but the first in path order, so a slug never changes when an
    unrelated file is added.
    """
    result: dict[str, str] = {}
    taken: set[str] = set()
    for source in sorted(sources):
        stem = source.rsplit(".", 1)[0] if "." in source.rsplit("/", 1)[-1] else source
        slug = slugify(stem, fallback="article")
        if slug in taken:
            slug = f"{slug[: MAX_SLUG - 9]}-{short_hash(source)}"
        taken.add(slug)
        result[source] = slug
    return result
