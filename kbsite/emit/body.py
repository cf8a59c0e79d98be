"""The article body on its page: sanitised HTML with the first mention of each entity linked.

The body is embedded as raw HTML (by the article template), so Markdown leaves it alone but MkDocs also does
not rewrite its links: links added here point at the built `.html` pages (the site
uses `use_directory_urls: false`). The HTML is cleaned once more here, so a Site
built by hand, or by a future reader, still cannot put script into a page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import nh3
from bs4 import BeautifulSoup, NavigableString

from kbsite.emit.markup import relative
from kbsite.model import Mention
from kbsite.paths import html_path
from kbsite.sanitize import limit_nesting

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAGS = set(nh3.ALLOWED_TAGS) - {"img", "map", "area"}  # nothing may load from outside the site
_SKIP = {"a", "code", "pre", "script", "style", "textarea"}


def clean(html: str) -> str:
    """Only http(s) and mailto links survive: relative links in an article point nowhere in the site.

    No deeper than MAX_NESTING either: BeautifulSoup, which link_mentions uses, recurses on deep trees.
    """
    cleaned = nh3.clean(
        _CONTROL.sub("", html),
        tags=_TAGS,
        url_schemes={"http", "https", "mailto"},
        url_relative="deny",
        link_rel="nofollow noopener noreferrer",
    )
    return limit_nesting(cleaned)[0]


def _pattern(forms: Mapping[str, object]) -> re.Pattern[str] | None:
    if not forms:
        return None
    alternatives = sorted(forms, key=lambda f: (-len(f), f))
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")


def link_mentions(html: str, mentions: Sequence[Mention], targets: Mapping[str, str], from_page: str) -> str:
    """Link the first occurrence of each entity (any of its surface forms) to its page.

    `targets` maps entity id -> page path (docs/-relative .md); entities without a page
    are not linked. Text already inside a link or code is never touched.
    """
    pending = {m.entity: [f for f in m.forms if f.strip()] for m in mentions if m.entity in targets}
    soup = BeautifulSoup(html, "html.parser")
    for dead in soup.find_all("a", href=False):  # its unsafe or relative href was cleaned away
        dead.unwrap()

    owners: dict[str, list[str]] = {}
    for entity in sorted(pending):
        for form in dict.fromkeys(pending[entity]):
            owners.setdefault(form, []).append(entity)
    pattern = _pattern(owners)  # compiled once; a match of entities already linked is passed over
    for node in list(soup.find_all(string=True)):
        if pattern is None or not pending:
            break
        if type(node) is not NavigableString or any(p.name in _SKIP for p in node.parents):
            continue
        value, pos, done, pieces = str(node), 0, 0, []
        while pending and (match := pattern.search(value, pos)):
            pos = match.end()
            entity = next((e for e in owners[match.group()] if e in pending), None)
            if entity is None:
                continue
            anchor = soup.new_tag("a", attrs={"class": "kb-entity", "href": _html_link(from_page, targets[entity])})
            anchor.string = match.group()
            pieces += [value[done : match.start()], anchor]
            done = pos
            del pending[entity]
        if pieces:
            pieces.append(value[done:])
            node.replace_with(*[p for p in pieces if not isinstance(p, str) or p])
    return str(soup)


def _html_link(from_page: str, to_page: str) -> str:
    return html_path(relative(from_page, to_page))

