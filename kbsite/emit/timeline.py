"""The timeline: every dated event the analysis found, grouped by year and month.

One page per year keeps each page bounded however large the KB grows; timeline.md is
the index of years plus the most recent events. Event sentences come from untrusted
articles, so they are escaped for both Markdown and HTML before they reach a page.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from jinja2 import Environment

from kbsite.dates import is_iso
from kbsite.emit import templates
from kbsite.emit.context import Link
from kbsite.emit.i18n import month as month_name
from kbsite.emit.i18n import phrase, word
from kbsite.emit.markup import relative
from kbsite.model import Site
from kbsite.paths import TIMELINE_PAGE, article_page, timeline_year

log = logging.getLogger(__name__)

INDEX = TIMELINE_PAGE
RECENT = 20


@dataclass(frozen=True, order=True)
class _Entry:
    """One event, once: the same sentence with the same date in several articles (a story told
    twice, a duplicate) is one line that links each of them."""

    date: str
    text: str
    slugs: tuple[str, ...]


def timeline_pages(site: Site, lang: str = "en", env: Environment | None = None) -> dict[str, str]:
    """Path under docs/ -> Markdown: timeline.md and timeline/<year>.md for each year with events;
    their words in `lang`, the site's language; `env` the templates (the shipped ones by default)."""
    env = env or templates.environment()
    by_year: dict[str, list[_Entry]] = defaultdict(list)
    for entry in _entries(site):
        by_year[entry.date[:4]].append(entry)
    pages = {INDEX: _index(site, by_year, lang, env)}
    for year, entries in by_year.items():
        pages[timeline_year(year)] = _year_page(site, year, entries, lang, env)
    return pages


def timeline_page(site: Site) -> str:
    """The index page alone (timeline.md)."""
    return timeline_pages(site)[INDEX]


def _entries(site: Site) -> list[_Entry]:
    where: dict[tuple[str, str], set[str]] = defaultdict(set)
    for slug, article in site.articles.items():
        for event in article.events:
            if is_iso(event.date):
                where[(event.date, " ".join(event.text.split()))].add(slug)
            else:
                log.debug("%s: event date %r is not ISO, left off the timeline", article.source, event.date)
    return sorted(_Entry(when, sentence, tuple(sorted(slugs))) for (when, sentence), slugs in where.items())


def _event(site: Site, entry: _Entry, here: str) -> dict:
    links = [Link(site.articles[slug].title or slug, relative(here, article_page(slug)), site.articles[slug].lang)
             for slug in entry.slugs]
    return {"date": entry.date, "text": entry.text, "links": links}


def _index(site: Site, by_year: dict[str, list[_Entry]], lang: str, env: Environment) -> str:
    years = [{"link": Link(year, relative(INDEX, timeline_year(year))), "count": len(by_year[year])}
             for year in sorted(by_year, reverse=True)]
    everything = sorted(e for entries in by_year.values() for e in entries)
    recent = sorted(everything, key=lambda e: e.date, reverse=True)[:RECENT]  # stable: ties stay in text order
    return templates.render(env, "timeline", lang=lang, years=years,
                            recent=[_event(site, entry, INDEX) for entry in recent])


def _year_page(site: Site, year: str, entries: list[_Entry], lang: str, env: Environment) -> str:
    here = timeline_year(year)
    by_month: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        by_month[entry.date[5:7]].append(entry)
    months = [{"heading": f"{month_name(int(month), lang)} {year}" if month else phrase("month unknown", lang, x=year),
               "events": [_event(site, entry, here) for entry in by_month[month]]}
              for month in sorted(by_month, key=lambda m: m or "99")]
    return templates.render(env, "timeline-year", lang=lang, year=year, months=months,
                            all_years=Link(word("all years", lang), relative(here, INDEX)))
