"""Article pages (kbsite/emit/article.py): facts, topics with their evidence, the other tellings of the story,
entity links in the body, backlinks, dates, and the page's words in the article's own language.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kbsite.emit import render_pages
from kbsite.model import Event, TopicHit
from kbsite.textproc import term
from tests.emit_site import EVIL, html_of, links, make_site, meta_and_body


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(make_site(), page_size=2)


def test_article_page_shows_facts_topics_entities_and_body(pages):
    meta, _ = meta_and_body(pages["articles/bb-es.md"])
    assert meta["lang"] == "es"
    soup = html_of(pages["articles/bb-es.md"])
    text = soup.get_text()
    facts = soup.find("p", class_="kb-facts")
    assert facts.get_text(" ", strip=True) == "2015-11-30 · El País · Spanish · Original"
    assert facts.find("a", string="Original")["href"] == "https://example.com/a?b=1&c=%282%29"
    assert "bb-es.txt" not in text  # the file's name is no reader's business, unless the KB links its files
    crumbs = soup.find(class_="kb-crumbs")
    assert [a.get_text() for a in crumbs("a")] == ["Inicio", "Política de cifrado"]
    found = links(pages["articles/bb-es.md"])
    # topic labels in the article's language, entity links, translations, related, backlinks
    assert ("Política de cifrado", "../topics/policy.md") in found
    assert ("BES (servidor)", "../topics/bes.md") in found
    assert ("Pakistan", "../entities/pakistan.md") in found
    assert ("BlackBerry уходит из Пакистана", "bb-ru.md") in found
    # the page's own words in its language
    assert soup.find("h2", string="También publicado como") and soup.find("h2", string="Artículos relacionados")
    linked_from = soup.find("h2", string="Enlazado desde").find_next("ul").get_text()
    # the other tellings are linked above ("También publicado como"), so only the timeline is listed again
    assert linked_from.split() == ["Timeline"]
    body = soup.find("div", class_="kb-article")
    assert body["lang"] == "es"


def test_article_page_lists_its_topics_strongest_first_with_their_evidence(pages):
    page = pages["articles/bb-es.md"]
    soup = html_of(page)
    topics = next(p for p in soup.find_all("p") if p.get_text().startswith("Temas:"))
    assert [a.get_text() for a in topics.find_all("a")] == ["Política de cifrado", "BES (servidor)"]  # 3.0, 1.0
    why = soup.find("h2", string="Por qué estos temas").find_next("ul")
    items = [li.get_text(" ", strip=True) for li in why.find_all("li")]
    assert items == ["Política de cifrado Cifrado total.", "BES (servidor) Usa BES."]


def test_a_learned_topic_shows_the_sentences_that_hold_its_cues():
    site = make_site()
    cues = tuple(term(w, "en") for w in ("encryption", "keys", "ciphers"))
    site.articles["undated"] = replace(
        site.articles["undated"], text="Nothing here. Encryption keys and ciphers matter. Keys alone do not.",
        topics=(TopicHit("policy", 0.9, (), cues=cues),),
    )
    why = html_of(render_pages(site, page_size=2)["articles/undated.md"]).find("h2", string="Why these topics")
    assert why.find_next("ul").get_text(" ", strip=True) == "Encryption policy Encryption keys and ciphers matter."


def test_the_same_story_is_shown_as_one_with_its_copies_first_and_each_language_named():
    site = make_site()
    site.story["bb-es"] = ["bb-en", "bb-ru", "undated"]
    site.duplicates["bb-es"] = ["undated"]
    soup = html_of(render_pages(site)["articles/bb-es.md"])
    heading = soup.find("h2", string="También publicado como")
    items = [li.get_text(" ", strip=True) for li in heading.find_next("ul")("li")]
    assert [item.split(" · ")[0] for item in items] == [
        "An undated note", site.articles["bb-en"].title, "BlackBerry уходит из Пакистана"]
    assert items[0].endswith("mismo texto") and "English" in items[1] and "Russian" in items[2]


def test_first_mention_of_each_entity_is_linked_once(pages):
    body = html_of(pages["articles/bb-es.md"]).find("div", class_="kb-article")
    anchors = [(a.get_text(), a["href"]) for a in body.find_all("a")]
    assert anchors == [("BlackBerry", "../entities/blackberry.html"), ("Pakistán", "../entities/pakistan.html")]


def test_backlinks_leave_out_the_pages_linked_above_and_count_the_rest():
    site = make_site()
    site.backlinks["articles/bb-es.md"] = ["articles/bb-en.md", "articles/other-1.md", "articles/other-2.md",
                                           "articles/other-3.md"]
    page = render_pages(site, page_size=2)["articles/bb-es.md"]
    linked_from = html_of(page).find("h2", string="Enlazado desde").find_next("ul").get_text(" ", strip=True)
    assert "BlackBerry" not in linked_from  # bb-en: in "También publicado como" and "Artículos relacionados"
    assert "other-1" in linked_from and "other-2" in linked_from and "… y 1 más" in linked_from


def test_backlinks_to_pages_that_do_not_exist_are_plain_text():
    page = render_pages(make_site())["articles/bb-es.md"]
    linked_from = html_of(page).find("h2", string="Enlazado desde").find_next("ul")
    assert "Timeline" in linked_from.get_text() and not linked_from.find("a", string="Timeline")


def test_mentions_inside_links_and_code_stay_unlinked(pages):
    body = html_of(pages["articles/bb-en.md"]).find("div", class_="kb-article")
    entity_links = body.find_all("a", class_="kb-entity")
    assert [(a.get_text(), a["href"]) for a in entity_links] == [
        ("BlackBerry", "../entities/blackberry.html"),
        (EVIL, "../entities/evil.html"),
    ]
    assert entity_links[0].find_parent("p").get_text().startswith("The company BlackBerry")


def test_dates_without_a_year_are_written_in_words():
    from kbsite.emit.article import event_date

    assert event_date("2015-12-30") == "2015-12-30"
    assert event_date("--12-30") == "30 December (year not stated)"
    assert event_date("--07") == "July (year not stated)"


def test_dates_without_a_year_are_in_the_language_of_the_article_page():
    from kbsite.emit.article import event_date

    assert event_date("--12-30", "es") == "30 de diciembre (año no indicado)"
    assert event_date("--12-30", "ru") == "30 декабря (год не указан)"  # the month after a day: genitive
    assert event_date("--07", "ru") == "Июль (год не указан)"
    assert event_date("--05-02", "nl") == "2 mei (jaar niet vermeld)"
    assert event_date("--05-02", "fr") == "2 May (year not stated)"  # no words for it yet: English
    site = make_site()
    es = site.articles["bb-es"]
    site.articles["bb-es"] = replace(es, events=(Event("--12-30", "Pakistán cierra BES."),))
    page = render_pages(site)["articles/bb-es.md"]
    assert "## Fechas" in page and "- **30 de diciembre \\(año no indicado\\)**: Pakistán cierra BES\\." in page


def test_ui_words_follow_the_pages_language():
    pages = render_pages(make_site(), page_size=2)
    ru = html_of(pages["articles/bb-ru.md"])
    assert ru.find(class_="kb-crumbs").a.get_text() == "Главная"
    assert next(p for p in ru("p") if p.get_text().startswith("Темы:"))
    en = html_of(pages["articles/bb-en.md"])
    assert next(p for p in en("p") if p.get_text().startswith("Topics:"))
