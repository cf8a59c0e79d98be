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
    "languages": {"en": "Languages", "es": "Idiomas", "nl": "Talen", "ru": "Языки"},
    "timeline": {"en": "Timeline", "es": "Cronología", "nl": "Tijdlijn", "ru": "Хронология"},
    "also called": {"en": "Also called", "es": "También llamado", "nl": "Ook genoemd", "ru": "Другие названия"},
    "part of": {"en": "Part of", "es": "Parte de", "nl": "Onderdeel van", "ru": "Входит в"},
    "subtopics": {"en": "Subtopics", "es": "Subtemas", "nl": "Subonderwerpen", "ru": "Подтемы"},
    "type": {"en": "Type", "es": "Tipo", "nl": "Soort", "ru": "Тип"},
    "names": {"en": "Names", "es": "Nombres", "nl": "Namen", "ru": "Названия"},
    "entities involved": {"en": "Entities most involved", "es": "Entidades más presentes",
                          "nl": "Meest betrokken entiteiten", "ru": "Главные участники"},
    "related topics": {"en": "Related topics", "es": "Temas relacionados", "nl": "Verwante onderwerpen",
                       "ru": "Связанные темы"},
    "mentioned with": {"en": "Often mentioned with", "es": "Mencionado a menudo con", "nl": "Vaak genoemd met",
                       "ru": "Часто упоминается вместе с"},
    "top entities": {"en": "Top entities", "es": "Entidades principales", "nl": "Belangrijkste entiteiten",
                     "ru": "Главные сущности"},
    "latest": {"en": "Latest articles", "es": "Últimos artículos", "nl": "Nieuwste artikelen",
               "ru": "Новые статьи"},
    "browse": {"en": "Browse", "es": "Explorar", "nl": "Bladeren", "ru": "Обзор"},
    "all topics": {"en": "All topics", "es": "Todos los temas", "nl": "Alle onderwerpen", "ru": "Все темы"},
    "all entities": {"en": "All entities", "es": "Todas las entidades", "nl": "Alle entiteiten",
                     "ru": "Все сущности"},
    "all articles": {"en": "All articles", "es": "Todos los artículos", "nl": "Alle artikelen", "ru": "Все статьи"},
    "all tags": {"en": "All tags", "es": "Todas las etiquetas", "nl": "Alle labels", "ru": "Все метки"},
    "newest first": {"en": "newest first", "es": "los más recientes primero", "nl": "nieuwste eerst",
                     "ru": "сначала новые"},
    "by language": {"en": "By language", "es": "Por idioma", "nl": "Per taal", "ru": "По языкам"},
    "newest first heading": {"en": "Newest first", "es": "Los más recientes primero", "nl": "Nieuwste eerst",
                             "ru": "Сначала новые"},
    "topics note": {"en": "with the number of articles about each", "es": "con el número de artículos de cada uno",
                    "nl": "met het aantal artikelen over elk", "ru": "с числом статей по каждой"},
    "entities note": {"en": "people, organisations, places and other entities, by type",
                      "es": "personas, organizaciones, lugares y otras entidades, por tipo",
                      "nl": "personen, organisaties, plaatsen en andere entiteiten, per soort",
                      "ru": "люди, организации, места и другое, по типам"},
    "other": {"en": "Other", "es": "Otros", "nl": "Overig", "ru": "Другое"},
    "no events": {"en": "No article states a date for an event yet.",
                  "es": "Ningún artículo indica todavía la fecha de un acontecimiento.",
                  "nl": "Nog geen artikel noemt een datum van een gebeurtenis.",
                  "ru": "Пока ни одна статья не называет дату события."},
    "events intro": {"en": "Events stated in the articles, by the date they give. One page per year:",
                     "es": "Acontecimientos citados en los artículos, por la fecha que dan. Una página por año:",
                     "nl": "Gebeurtenissen uit de artikelen, op de datum die ze noemen. Eén pagina per jaar:",
                     "ru": "События из статей по названным в них датам. По странице на год:"},
    "recent events": {"en": "Most recent events", "es": "Acontecimientos más recientes",
                      "nl": "Meest recente gebeurtenissen", "ru": "Последние события"},
    "all years": {"en": "All years", "es": "Todos los años", "nl": "Alle jaren", "ru": "Все годы"},
    "knowledge graph": {"en": "Knowledge graph", "es": "Grafo de conocimiento", "nl": "Kennisgraaf",
                        "ru": "Граф знаний"},
    "graph help": {"en": "The best-connected topics, entities and articles with their strongest links. Click a dot "
                         "to see its neighbours, a name to open its page; zoom with the buttons or Ctrl and the wheel.",
                   "es": "Los temas, entidades y artículos mejor conectados, con sus vínculos más fuertes. Pulse un "
                         "punto para ver sus vecinos, un nombre para abrir su página; amplíe con los botones o con "
                         "Ctrl y la rueda.",
                   "nl": "De best verbonden onderwerpen, entiteiten en artikelen met hun sterkste verbanden. Klik "
                         "op een punt voor zijn buren, op een naam voor zijn pagina; zoom met de knoppen of met Ctrl "
                         "en het wieltje.",
                   "ru": "Самые связанные темы, сущности и статьи с их сильнейшими связями. Нажмите на точку, "
                         "чтобы увидеть соседей, на название, чтобы открыть страницу; масштаб: кнопки или Ctrl и "
                         "колесо мыши."},
    "graph label": {"en": "Knowledge graph of topics, entities and articles",
                    "es": "Grafo de temas, entidades y artículos", "nl": "Kennisgraaf van onderwerpen, entiteiten "
                    "en artikelen", "ru": "Граф тем, сущностей и статей"},
    "all articles newest": {"en": "All articles, newest first", "es": "Todos los artículos, los más recientes "
                            "primero", "nl": "Alle artikelen, nieuwste eerst", "ru": "Все статьи, сначала новые"},
    "timeline of events": {"en": "Timeline of events", "es": "Cronología de los acontecimientos",
                           "nl": "Tijdlijn van gebeurtenissen", "ru": "Хронология событий"},
    "feeds": {"en": "Feeds", "es": "Canales", "nl": "Feeds", "ru": "Ленты"},
    "offline zip": {"en": "The whole site in one zip file, to read offline",
                    "es": "Todo el sitio en un archivo zip, para leer sin conexión",
                    "nl": "De hele site in één zipbestand, om offline te lezen",
                    "ru": "Весь сайт одним zip-файлом, для чтения без сети"},
    "previous": {"en": "← Previous", "es": "← Anterior", "nl": "← Vorige", "ru": "← Назад"},
    "next": {"en": "Next →", "es": "Siguiente →", "nl": "Volgende →", "ru": "Далее →"},
    "first": {"en": "First", "es": "Primera", "nl": "Eerste", "ru": "Первая"},
    "last": {"en": "Last", "es": "Última", "nl": "Laatste", "ru": "Последняя"},
}
# Phrases with places to fill: {x} a name or a link, {n} a number, {count} a counted noun ("3 articles").
PHRASES: dict[str, dict[str, str]] = {
    "page n": {"en": "{x} (page {n})", "es": "{x} (página {n})", "nl": "{x} (pagina {n})", "ru": "{x} (стр. {n})"},
    "page n of m": {"en": "Page {n} of {m}", "es": "Página {n} de {m}", "nl": "Pagina {n} van {m}",
                    "ru": "Страница {n} из {m}"},
    "articles about": {"en": "Articles about {x}.", "es": "Artículos sobre {x}.", "nl": "Artikelen over {x}.",
                       "ru": "Статьи по теме {x}."},
    "articles mentioning": {"en": "Articles that mention {x}.", "es": "Artículos que mencionan {x}.",
                            "nl": "Artikelen die {x} noemen.", "ru": "Статьи, где упоминается {x}."},
    "neighbourhood": {"en": "Neighbourhood of {x}", "es": "Entorno de {x}", "nl": "Omgeving van {x}",
                      "ru": "Окружение: {x}"},
    "in common": {"en": "{count} in common", "es": "{count} en común", "nl": "{count} gemeenschappelijk",
                  "ru": "общих: {count}"},
    "mentioned in": {"en": "Mentioned in {count}", "es": "Mencionado en {count}", "nl": "Genoemd in {count}",
                     "ru": "Упоминается в: {count}"},
    "articles in": {"en": "Articles in {x}", "es": "Artículos en {x}", "nl": "Artikelen in het {x}",
                    "ru": "Статьи: {x}"},
    "timeline year": {"en": "Timeline: {x}", "es": "Cronología: {x}", "nl": "Tijdlijn: {x}", "ru": "Хронология: {x}"},
    "month unknown": {"en": "{x}, month not stated", "es": "{x}, sin mes", "nl": "{x}, maand onbekend",
                      "ru": "{x}, месяц не указан"},
    "kb holds": {"en": "{articles} in {languages}, about {topics} and {entities}.",
                 "es": "{articles} en {languages}, sobre {topics} y {entities}.",
                 "nl": "{articles} in {languages}, over {topics} en {entities}.",
                 "ru": "{articles} на {languages}; {topics}, {entities}."},
    "tag": {"en": "Tag: {x}", "es": "Etiqueta: {x}", "nl": "Label: {x}", "ru": "Метка: {x}"},
    "tagged": {"en": "{count} tagged {x}, newest first.",
               "es": "{count} con la etiqueta {x}, los más recientes primero.",
               "nl": "{count} met label {x}, nieuwste eerst.", "ru": "С меткой {x}: {count}, сначала новые."},
    "year not stated": {"en": "{x} (year not stated)", "es": "{x} (año no indicado)", "nl": "{x} (jaar niet vermeld)",
                        "ru": "{x} (год не указан)"},
    "day month": {"en": "{d} {m}", "es": "{d} de {m}", "nl": "{d} {m}", "ru": "{d} {m}"},
    "and more": {"en": "… and {n} more", "es": "… y {n} más", "nl": "… en nog {n}", "ru": "… и ещё {n}"},
}
# Counted nouns: one form and the plural in en, es, nl; Russian has one, few (2-4) and many.
NOUNS: dict[str, dict[str, tuple[str, ...]]] = {
    "article": {"en": ("article", "articles"), "es": ("artículo", "artículos"), "nl": ("artikel", "artikelen"),
                "ru": ("статья", "статьи", "статей")},
    "topic": {"en": ("topic", "topics"), "es": ("tema", "temas"), "nl": ("onderwerp", "onderwerpen"),
              "ru": ("тема", "темы", "тем")},
    "entity": {"en": ("entity", "entities"), "es": ("entidad", "entidades"), "nl": ("entiteit", "entiteiten"),
               "ru": ("сущность", "сущности", "сущностей")},
    "language": {"en": ("language", "languages"), "es": ("idioma", "idiomas"), "nl": ("taal", "talen"),
                 "ru": ("язык", "языка", "языков")},
    "event": {"en": ("event", "events"), "es": ("acontecimiento", "acontecimientos"),
              "nl": ("gebeurtenis", "gebeurtenissen"), "ru": ("событие", "события", "событий")},
    "mention": {"en": ("mention", "mentions"), "es": ("mención", "menciones"), "nl": ("vermelding", "vermeldingen"),
                "ru": ("упоминание", "упоминания", "упоминаний")},
}
LANGUAGES = ("en", "es", "nl", "ru")
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"),
}

# A month after a day number: Russian puts it in the genitive ("30 декабря").
MONTHS_OF_DAY = {"ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                        "октября", "ноября", "декабря")}


def _base(lang: str | None) -> str:
    return (lang or "en").split("-", 1)[0].lower()


def word(key: str, lang: str | None) -> str:
    """`key`'s word in `lang` (its base language for "pt-BR"), else in English."""
    forms = WORDS[key]
    return forms.get(_base(lang), forms["en"])


def month(number: int, lang: str | None) -> str:
    """The name of month `number` (1-12), standing alone, as a heading names it."""
    return MONTHS.get(_base(lang), MONTHS["en"])[number - 1]


def day_month(day: int | None, number: int, lang: str | None) -> str:
    """'30 December', '30 de diciembre', '30 декабря'; without a day, the month alone ('July', 'Julio')."""
    if day is None:
        name = month(number, lang)
        return name[:1].upper() + name[1:]
    name = MONTHS_OF_DAY.get(_base(lang), MONTHS.get(_base(lang), MONTHS["en"]))[number - 1]
    return phrase("day month", lang, d=day, m=name)


def phrase(key: str, lang: str | None, **places: object) -> str:
    forms = PHRASES[key]
    return forms.get(_base(lang), forms["en"]).format(**places)


def count(n: int, noun: str, lang: str | None) -> str:
    """'3 articles', '1 статья', '3 статьи', '5 статей'."""
    base = _base(lang)
    forms = NOUNS[noun].get(base) or NOUNS[noun]["en"]
    if len(forms) == 3:  # Russian
        one, few, many = forms
        form = one if n % 10 == 1 and n % 100 != 11 else few if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else many
    else:
        form = forms[0] if n == 1 else forms[1]
    return f"{n} {form}"
