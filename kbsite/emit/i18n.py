"""The words of kbsite's own page furniture, in the language of the page they are on.

An article in Russian gets "Темы", not "Topics": a reader of that page reads Russian. English, Spanish,
Dutch and Russian are translated; any other language falls back to English. Article text, titles and
the taxonomy's own labels are never translated here.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "topics": {"en": "Topics", "es": "Temas", "nl": "Onderwerpen", "ru": "Темы"},
    "tags": {"en": "Tags", "es": "Etiquetas", "nl": "Labels", "ru": "Метки"},
    "entities": {"en": "Entities", "es": "Entidades", "nl": "Entiteiten", "ru": "Сущности"},
    "by": {"en": "by", "es": "por", "nl": "door", "ru": "автор:"},
    "original": {"en": "Original", "es": "Original", "nl": "Origineel", "ru": "Оригинал"},
    "source file": {"en": "Source file", "es": "Archivo fuente", "nl": "Bronbestand", "ru": "Исходный файл"},
    "why topics": {"en": "Why these topics", "es": "Por qué estos temas", "nl": "Waarom deze onderwerpen",
                   "ru": "Почему эти темы"},
    "dates": {"en": "Dates", "es": "Fechas", "nl": "Data", "ru": "Даты"},
    "also published": {"en": "Also published as", "es": "También publicado como", "nl": "Ook gepubliceerd als",
                       "ru": "Также опубликовано как"},
    "same text": {"en": "same text", "es": "mismo texto", "nl": "zelfde tekst", "ru": "тот же текст"},
    "related": {"en": "Related articles", "es": "Artículos relacionados", "nl": "Verwante artikelen",
                "ru": "Похожие статьи"},
    "linked from": {"en": "Linked from", "es": "Enlazado desde", "nl": "Gelinkt vanaf", "ru": "Ссылки сюда"},
    "cite": {"en": "Cite this article", "es": "Citar este artículo", "nl": "Dit artikel citeren",
             "ru": "Цитировать статью"},
    "home": {"en": "Home", "es": "Inicio", "nl": "Start", "ru": "Главная"},
    "articles": {"en": "Articles", "es": "Artículos", "nl": "Artikelen", "ru": "Статьи"},
}
LANGUAGES = ("en", "es", "nl", "ru")


def word(key: str, lang: str | None) -> str:
    """`key`'s word in `lang` (its base language for "pt-BR"), else in English."""
    forms = WORDS[key]
    base = (lang or "en").split("-", 1)[0].lower()
    return forms.get(base, forms["en"])
