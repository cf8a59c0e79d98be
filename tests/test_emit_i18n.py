"""The words of kbsite's own pages in the site's language (theme.language): topic, entity, listing, tag,
home and timeline pages; article pages speak their article's language (tests/test_emit_article.py)."""

from __future__ import annotations

import pytest

from kbsite.config import load_settings
from kbsite.emit import render_pages
from kbsite.emit.i18n import count, word
from kbsite.emit.timeline import timeline_pages
from kbsite.model import Event
from tests.emit_site import make_site


@pytest.mark.parametrize(("n", "said"), [(1, "1 статья"), (3, "3 статьи"), (5, "5 статей"), (11, "11 статей"),
                                         (21, "21 статья"), (24, "24 статьи")])
def test_russian_counts_take_their_three_forms(n, said):
    assert count(n, "article", "ru") == said


def test_other_languages_fall_back_to_english():
    assert word("topics", "fr") == "Topics" and count(2, "topic", "pt-BR") == "2 topics"
    assert word("topics", "es-MX") == "Temas"


def test_a_spanish_site_says_its_words_in_spanish():
    pages = render_pages(make_site(), page_size=1, lang="es", timeline=True)
    assert "## Idiomas" in pages["index.md"] and "## Explorar" in pages["index.md"]
    assert "## Artículos (" in pages["topics/bes.md"] and "**Parte de:**" in pages["topics/bes.md"]
    assert "**Tipo:**" in pages["entities/blackberry.md"]
    assert "Página 1 de" in pages["topics/bes.md"] or "Página 1 de" in pages["browse/index.md"]
    assert pages["browse/index.md"].count("# Artículos") == 1
    english = render_pages(make_site(), page_size=1, timeline=True)
    assert "## Languages" in english["index.md"] and "**Part of:**" in english["topics/bes.md"]


def test_the_timeline_speaks_the_sites_language():
    site = make_site()
    site.articles["bb-en"].events = (Event("2015-12-02", "BlackBerry said it would leave."),)
    pages = timeline_pages(site, "nl")
    assert "# Tijdlijn" in pages["timeline.md"] and "1 gebeurtenis" in pages["timeline.md"]
    assert "## december 2015" in pages["timeline/2015.md"]


def test_the_site_language_comes_from_the_theme(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\ntheme:\n  name: material\n  language: ru\n")
    assert load_settings(tmp_path).site_lang == "ru"
    (tmp_path / "mkdocs.yml").write_text("site_name: X\n")
    assert load_settings(tmp_path).site_lang == "en"
