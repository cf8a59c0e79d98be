"""The search page (docs/search/index.md): the form and result list that search.js fills in, in the site's language."""

from __future__ import annotations

from jinja2 import Environment

from kbsite.emit import templates


def search_page(lang: str = "en", env: Environment | None = None) -> str:
    return templates.render(env or templates.environment(), "search", lang=lang)
