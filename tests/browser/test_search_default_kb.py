"""The browser search on the real default KB, as a reader meets it: over http under a sub-path and from file://.

Every request outside the site is aborted. What a query must find comes from reading kb/: all five seeds are
about Pakistan (es "Pakistán", nl/en "Pakistan", ru "Пакистане"); 002 (ru) says "бэкдоры", 003 "backdoors",
004 "back doors"; only 002 says "серверам"; only 003 has a date (2015-12-02).
"""

from __future__ import annotations

import contextlib
from urllib.parse import quote

import pytest
from browser.helpers import confine, needs_chromium, serve

from kbsite.config import load_settings
from kbsite.index.query import search
from kbsite.pipeline import read_taxonomy

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

SEEDS = ["000", "001", "002", "003", "004"]
BACKDOORS = {"002", "003", "004"}


@pytest.fixture(scope="module", params=["http", "file"])
def base(request, default_site):
    """The site's root URL: served under a sub-path, or the folder opened from disk."""
    site = default_site / "site"
    if request.param == "file":
        yield site.as_uri() + "/"
        return
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def terminal(default_site):
    settings = load_settings(default_site)
    taxonomy, _ = read_taxonomy(settings)

    def run(query: str, **filters):
        return search(settings.index_dir, query, taxonomy=taxonomy, limit=100, **filters)

    return run


@contextlib.contextmanager
def opened(chromium, url: str, base: str):
    """A page at `url`; on leaving, no script error, no request outside the site, no file of the site missing."""
    page = chromium.new_page()
    blocked = confine(page, base)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: r.url.startswith(base) and errors.append(f"failed: {r.url}"))
    page.goto(url)
    try:
        yield page
    finally:
        page.close()
    assert not errors
    assert not blocked


def search_page(base: str, query: str, **filters: str) -> str:
    params = "&".join(f"{k}={quote(v)}" for k, v in {"q": query, **filters}.items())
    return f"{base}search/index.html?{params}"


def settle(page, selector: str = "#kb-search-count") -> None:
    """Wait until the search page has shown its count: the results are in by then."""
    page.wait_for_function(f"document.querySelector({selector!r}).textContent.trim() !== ''", timeout=10_000)


def shown(page, selector: str = "#kb-search-results") -> list[str]:
    """The article pages linked from the results, in order, as their seed number ("003")."""
    hrefs = page.eval_on_selector_all(f"{selector} li a", "els => els.map(a => a.href)")
    site = page.url.split("search/index.html")[0].split("index.html")[0]
    assert all(h.startswith(f"{site}articles/") and h.endswith(".html") for h in hrefs), hrefs
    return [h.split("/")[-1][:3] for h in hrefs]


def seeds(results) -> list[str]:
    return [h.url.split("/")[-1][:3] for h in results.hits]


@pytest.mark.parametrize("query", ["Pakistan", "Пакистан", "Pakistán"])
def test_the_country_in_any_language_finds_all_five_seeds(chromium, base, query):
    with opened(chromium, search_page(base, query), base) as page:
        settle(page)
        assert sorted(shown(page)) == SEEDS
        assert page.text_content("#kb-search-count") == "5 results"


def test_backdoor_finds_the_articles_about_back_doors_in_every_spelling(chromium, base):
    with opened(chromium, search_page(base, "backdoor"), base) as page:
        settle(page)
        found = shown(page)
        assert set(found) >= BACKDOORS
        assert found[0] == "003"  # the only one that writes the word itself ("backdoors")


def test_an_inflected_russian_word_is_found_and_marked(chromium, base):
    with opened(chromium, search_page(base, "сервер"), base) as page:
        settle(page)
        assert shown(page) == ["002"]
        assert page.text_content("#kb-search-results mark") == "серверам"


@pytest.mark.parametrize("query", ["Pakistán", "backdoor", "blackberry pakistan", '"back doors"', "пакист*"])
def test_the_search_page_ranks_like_the_terminal(chromium, base, terminal, query):
    with opened(chromium, search_page(base, query), base) as page:
        settle(page)
        expected = terminal(query)
        assert shown(page) == seeds(expected)
        assert page.text_content("#kb-search-count") == count_text(expected.total, expected.partial_total)


def test_a_result_link_opens_the_article_page(chromium, base, terminal):
    with opened(chromium, search_page(base, "сервер"), base) as page:
        settle(page)
        page.click("#kb-search-results li a >> nth=0")
        page.wait_for_load_state()
        assert page.url == f"{base}articles/{terminal('сервер').hits[0].url.split('/')[-1]}"
        assert "Пакистане" in page.text_content("article")


def test_the_header_box_gives_results_while_typing_cyrillic(chromium, base):
    with opened(chromium, f"{base}index.html", base) as page:
        page.fill("#kb-header-q", "Пакистан")  # `input` events only, as an input method sends them
        page.wait_for_selector("#kb-header-results:not([hidden]) li a", timeout=10_000)
        assert sorted(shown(page, "#kb-header-results")) == SEEDS
        assert page.text_content("#kb-header-results .kb-hsearch__count") == "5 results"
        page.fill("#kb-header-q", "серверам")
        page.wait_for_function("document.querySelectorAll('#kb-header-results li').length === 1", timeout=10_000)
        assert page.text_content("#kb-header-results mark") == "серверам"
        page.click("#kb-header-results li a")
        page.wait_for_load_state()
        assert page.url.startswith(f"{base}articles/002")


def count_text(total: int, partial: int = 0) -> str:
    more = f" and {partial} partial match{'es' if partial != 1 else ''}" if partial else ""
    return f"{total} result{'s' if total != 1 else ''}{more}"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [({"lang": "ru"}, ["002"]), ({"lang": "en"}, ["003", "004"]), ({"since": "2015-12"}, ["003"]),
     ({"until": "2015-11"}, []), ({"since": "2015", "until": "2015-12"}, ["003"]),
     ({"topic": "surveillance"}, None), ({"entity": "india"}, None)],
)
def test_filters_and_count(chromium, base, terminal, filters, expected):
    with opened(chromium, search_page(base, "blackberry", **filters), base) as page:
        settle(page)
        want = terminal("blackberry", **filters)
        assert shown(page) == seeds(want)
        if expected is not None:
            assert sorted(shown(page)) == expected
        else:  # a topic or entity of the default KB that some seeds have and some do not
            assert 0 < want.total < 5
        assert page.text_content("#kb-search-count") == count_text(want.total)
        for key, value in filters.items():
            assert page.input_value(f"#kb-search-{key}") == value


def test_filters_change_the_results_in_place(chromium, base):
    with opened(chromium, search_page(base, "pakistan"), base) as page:
        settle(page)
        page.select_option("#kb-search-lang", "en")
        page.wait_for_function("document.querySelector('#kb-search-count').textContent === '2 results'")
        assert sorted(shown(page)) == ["003", "004"]
        page.fill("#kb-search-since", "2015-12-02")
        page.dispatch_event("#kb-search-since", "change")
        page.wait_for_function("document.querySelector('#kb-search-count').textContent === '1 result'")
        assert shown(page) == ["003"]


def test_a_phrase_needs_its_words_in_a_row(chromium, base):
    with opened(chromium, search_page(base, '"doors back"'), base) as page:
        settle(page)
        assert shown(page) == []
    with opened(chromium, search_page(base, '"back doors"'), base) as page:
        settle(page)
        assert shown(page)[0] == "004"  # the only one with "back doors" in a row


def test_did_you_mean_for_a_misspelt_word(chromium, base, terminal):
    assert terminal("Pakistn").suggestion == "Pakistan"
    with opened(chromium, search_page(base, "Pakistn"), base) as page:
        settle(page)
        assert page.text_content("#kb-search-suggest") == "Did you mean: Pakistan"
        page.click("#kb-search-suggest a")
        page.wait_for_load_state()
        settle(page)
        assert page.input_value("#kb-search-q") == "Pakistan"
        assert sorted(shown(page)) == SEEDS
        assert page.is_hidden("#kb-search-suggest")


def test_the_header_box_suggests_a_spelling_when_nothing_is_found(chromium, base):
    with opened(chromium, f"{base}index.html", base) as page:
        page.fill("#kb-header-q", "blackbery")
        page.wait_for_selector("#kb-header-results:not([hidden]) .kb-hsearch__suggest:not([hidden])", timeout=10_000)
        assert page.text_content("#kb-header-results .kb-hsearch__suggest") == "Did you mean: blackberry"
        page.click("#kb-header-results .kb-hsearch__suggest a")
        page.wait_for_load_state()
        settle(page)
        assert sorted(shown(page)) == SEEDS
