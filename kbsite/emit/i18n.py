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
    # The search page's form and help, and the words search.js shows (search_words).
    "search": {"en": "Search", "es": "Buscar", "nl": "Zoeken", "ru": "Поиск"},
    "words to find": {"en": "Words to find", "es": "Palabras que buscar", "nl": "Te zoeken woorden",
                      "ru": "Что искать"},
    "language": {"en": "Language", "es": "Idioma", "nl": "Taal", "ru": "Язык"},
    "all languages": {"en": "All languages", "es": "Todos los idiomas", "nl": "Alle talen", "ru": "Все языки"},
    "topic": {"en": "Topic", "es": "Tema", "nl": "Onderwerp", "ru": "Тема"},
    "entity": {"en": "Entity", "es": "Entidad", "nl": "Entiteit", "ru": "Сущность"},
    "from": {"en": "From", "es": "Desde", "nl": "Vanaf", "ru": "С"},
    "to": {"en": "To", "es": "Hasta", "nl": "Tot en met", "ru": "По"},
    "date format": {"en": "A year, a month or a day: 2015, 2015-12, 2015-12-02",
                    "es": "Un año, un mes o un día: 2015, 2015-12, 2015-12-02",
                    "nl": "Een jaar, een maand of een dag: 2015, 2015-12, 2015-12-02",
                    "ru": "Год, месяц или день: 2015, 2015-12, 2015-12-02"},
    "needs javascript": {"en": "The search runs in your browser and needs JavaScript.\nIn a terminal:",
                         "es": "La búsqueda funciona en su navegador y necesita JavaScript.\nEn un terminal:",
                         "nl": "Het zoeken gebeurt in uw browser en heeft JavaScript nodig.\nIn een terminal:",
                         "ru": "Поиск работает в браузере и требует JavaScript.\nВ терминале:"},
    "search help": {
        "en": "Words in \"double quotes\" form a phrase; a trailing * matches the start of words (pakist*);\n"
              "a leading - leaves out the articles that have a word or \"phrase\" (-rain).\n"
              "Results with every word come first, then, below a divider, those with only some of them.\n"
              "A name or topic in any language also finds the articles tagged with it.\n"
              "Dates are a year, a month or a day; \"To 2015-12\" includes the whole of December 2015.\n"
              "Filters alone, with no words (or only -excluded ones), list every article they keep, newest first.",
        "es": "Las palabras entre \"comillas\" forman una frase; un * al final busca el comienzo de las palabras "
              "(pakist*);\nun - delante deja fuera los artículos que tienen una palabra o \"frase\" (-lluvia).\n"
              "Primero vienen los resultados con todas las palabras y, tras una línea, los que solo tienen algunas.\n"
              "Un nombre o un tema en cualquier idioma encuentra también los artículos marcados con él.\n"
              "Las fechas son un año, un mes o un día; \"Hasta 2015-12\" incluye todo diciembre de 2015.\n"
              "Los filtros solos, sin palabras (o solo con palabras -excluidas), muestran todos los artículos que "
              "cumplen, los más recientes primero.",
        "nl": "Woorden tussen \"aanhalingstekens\" vormen een zinsdeel; een * aan het eind zoekt het begin van "
              "woorden (pakist*);\neen - ervoor laat de artikelen weg met een woord of \"zinsdeel\" (-regen).\n"
              "Eerst komen de resultaten met alle woorden, dan, onder een lijn, die met maar enkele.\n"
              "Een naam of onderwerp in welke taal ook vindt ook de artikelen die ermee gemarkeerd zijn.\n"
              "Data zijn een jaar, een maand of een dag; \"Tot en met 2015-12\" omvat heel december 2015.\n"
              "Filters alleen, zonder woorden (of alleen met -uitgesloten woorden), tonen elk artikel dat "
              "overblijft, nieuwste eerst.",
        "ru": "Слова в \"кавычках\" образуют фразу; * в конце ищет начало слова (pakist*);\n"
              "а знак - в начале исключает статьи, где есть слово или \"фраза\" (-дождь).\n"
              "Сначала идут результаты со всеми словами, затем, под чертой, с некоторыми из них.\n"
              "Имя или тема на любом языке находит и статьи, отмеченные ими.\n"
              "Даты: год, месяц или день; \"По 2015-12\" включает весь декабрь 2015 года.\n"
              "Одни фильтры, без слов (или только с -исключёнными), показывают все подходящие статьи, "
              "сначала новые.",
    },
    "partial divider": {"en": "Partial matches: not every word of the search",
                        "es": "Coincidencias parciales: no tienen todas las palabras de la búsqueda",
                        "nl": "Gedeeltelijke treffers: niet alle woorden van de zoekopdracht",
                        "ru": "Частичные совпадения: не все слова запроса"},
    "did you mean": {"en": "Did you mean:", "es": "Quizás quiso decir:", "nl": "Bedoelde u:",
                     "ru": "Возможно, вы имели в виду:"},
    "more results": {"en": "Show more results", "es": "Mostrar más resultados", "nl": "Meer resultaten tonen",
                     "ru": "Показать ещё"},
    "all results": {"en": "All results", "es": "Todos los resultados", "nl": "Alle resultaten",
                    "ru": "Все результаты"},
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
    "no full match": {"en": "No result has every word; {count}", "es": "Ningún resultado tiene todas las palabras; "
                      "{count}", "nl": "Geen resultaat heeft alle woorden; {count}",
                      "ru": "Нет результатов со всеми словами; {count}"},
    "results and partial": {"en": "{results} and {partial}", "es": "{results} y {partial}",
                            "nl": "{results} en {partial}", "ru": "{results} и {partial}"},
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
    "result": {"en": ("result", "results"), "es": ("resultado", "resultados"), "nl": ("resultaat", "resultaten"),
               "ru": ("результат", "результата", "результатов")},
    "partial match": {"en": ("partial match", "partial matches"),
                      "es": ("coincidencia parcial", "coincidencias parciales"),
                      "nl": ("gedeeltelijke treffer", "gedeeltelijke treffers"),
                      "ru": ("частичное совпадение", "частичных совпадения", "частичных совпадений")},
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


def search_words(lang: str | None) -> dict[str, object]:
    """What search.js writes on a page, in `lang`: its words and phrases ({n}, {count}, {results}, {partial} to
    fill), and the forms of its counted nouns (one and the plural; Russian one, few and many, as `count` chooses)."""
    base = _base(lang)
    return {
        "partial": word("partial divider", lang), "didYouMean": word("did you mean", lang),
        "more": word("more results", lang), "all": word("all results", lang), "newestFirst": word("newest first", lang),
        "noFullMatch": phrase("no full match", lang, count="{count}"),
        "resultsAndPartial": phrase("results and partial", lang, results="{results}", partial="{partial}"),
        "nouns": {noun: list(NOUNS[noun].get(base) or NOUNS[noun]["en"])
                  for noun in ("article", "result", "partial match")},
    }
