from __future__ import annotations

import posixpath
import re

import markdown
import pytest
import yaml

from kbsite.emit.timeline import RECENT, timeline_page, timeline_pages
from kbsite.model import Article, Event, Site

HOSTILE = '<img src=x onerror=alert(1)> **bold** [x](javascript:alert(1)) `code` # not a heading\n\n- item | cell'


def article(slug: str, title: str, *events: tuple[str, str]) -> Article:
    return Article(f"{slug}.txt", title, "en", "", "", events=tuple(Event(d, t) for d, t in events))


def make_site(*articles: Article) -> Site:
    by_slug = {a.source.removesuffix(".txt"): a for a in articles}
    return Site("KB", dict(sorted(by_slug.items())), {}, {}, {}, {}, {}, {}, {}, {}, {})


@pytest.fixture
def site() -> Site:
    return make_site(
        article("exit", "BlackBerry leaves", ("2015-11-30", "BlackBerry will leave on 30 November."),
                ("2015-07", "The regulator ordered access in July."), ("2015", "A year of pressure.")),
        article("ban", "Phones banned", ("2013-04-02", "Phones were banned."), ("2015-12-01", "Exit delayed.")),
        article("nodate", "No events"),
        article("bad", "Bad date", ("30/11/2015", "Not ISO."), ("2015-13", "No such month.")),
    )


def front_matter(page: str) -> dict:
    head, _, _ = page.removeprefix("---\n").partition("---\n")
    return yaml.safe_load(head)


def test_pages_are_one_index_and_one_per_year(site: Site) -> None:
    pages = timeline_pages(site)
    assert sorted(pages) == ["timeline.md", "timeline/2013.md", "timeline/2015.md"]
    assert front_matter(pages["timeline.md"]) == {"title": "Timeline", "kbsite": "generated"}
    assert front_matter(pages["timeline/2015.md"]) == {"title": "Timeline: 2015", "kbsite": "generated"}
    assert timeline_page(site) == pages["timeline.md"]


def test_index_lists_years_newest_first_and_recent_events(site: Site) -> None:
    index = timeline_pages(site)["timeline.md"]
    assert index.index("[2015](timeline/2015.md): 4 events") < index.index("[2013](timeline/2013.md): 1 event\n")
    recent = [line for line in index.splitlines() if line.startswith("- **")]
    assert [line.split("**")[1] for line in recent] == ["2015-12-01", "2015-11-30", "2015-07", "2015", "2013-04-02"]


def test_year_page_groups_by_month_in_order(site: Site) -> None:
    page = timeline_pages(site)["timeline/2015.md"]
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == ["## July 2015", "## November 2015", "## December 2015", "## 2015, month not stated"]
    assert page.index("access in July") < page.index("leave on 30 November") < page.index("Exit delayed")


def test_undated_and_malformed_dates_are_left_out(site: Site) -> None:
    text = "".join(timeline_pages(site).values())
    assert "No events" not in text and "Bad date" not in text and "No such month" not in text


def test_every_link_reaches_an_article_page(site: Site) -> None:
    existing = {f"articles/{slug}.md" for slug in site.articles} | set(timeline_pages(site))
    for path, page in timeline_pages(site).items():
        for line in page.splitlines():
            if match := re.search(r"\]\(([^)]+)\)", line):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), match.group(1)))
                assert target in existing, (path, line)


def test_hostile_event_text_and_title_render_as_plain_text() -> None:
    site = make_site(article("evil", HOSTILE, ("2015-01-01", HOSTILE)))
    for page in timeline_pages(site).values():
        body = page.split("---\n", 2)[2]
        html = markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html"])
        assert "<img" not in html and "<code>" not in html and "<table" not in html
        assert html.count("<strong>") == 1  # the date, not the text
        hrefs = re.findall(r'href="([^"]*)"', html)
        assert len(hrefs) == 2 and all(h.endswith(".md") for h in hrefs), hrefs
        assert "&lt;img src=x onerror=alert(1)&gt; **bold** [x](javascript:alert(1))" in html


def test_recent_events_are_bounded() -> None:
    site = make_site(*(article(f"a{i:03d}", f"A {i}", (f"20{i % 20:02d}-01-01", f"Event {i}.")) for i in range(300)))
    pages = timeline_pages(site)
    assert len(pages) == 21
    assert pages["timeline.md"].count("\n- **") == RECENT


def test_no_events_gives_an_index_that_says_so() -> None:
    assert timeline_pages(make_site(article("a", "A"))) == {"timeline.md": timeline_page(make_site())}
    assert "No article states a date" in timeline_page(make_site())


def test_the_same_event_in_two_articles_is_one_line_linking_both() -> None:
    site = make_site(
        article("first", "First copy", ("2005-02-26", "Ministers met in London.")),
        article("second", "Second copy", ("2005-02-26", "Ministers  met in\nLondon.")),
    )
    page = timeline_pages(site)["timeline/2005.md"]
    lines = [line for line in page.splitlines() if "Ministers" in line]
    assert len(lines) == 1
    assert "First copy" in lines[0] and "Second copy" in lines[0]
