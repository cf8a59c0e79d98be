"""Real words for the synthetic corpora: common words per language, topic labels, pseudo-word parts.

Common words come first in frequency (function words, then frequent nouns and verbs in several
inflected forms, so a stemmer has something to do); pseudo-words built from each language's
syllables fill the long tail of the vocabulary.
"""

from __future__ import annotations

LANGUAGES = ("en", "es", "nl", "ru")

COMMON: dict[str, str] = {
    "en": """
the of and to in a is that for it was on with as he be by at from his an were are which this
have has had not but or they their its one all been we there more also after would other new first who
will can when than some into only over two years most time year about many these those where between
while during before under against because through people said says saying government governments company
companies country countries city cities market markets report reports reported reporting official officials
minister ministers president week weeks month months day days plan plans planned planning service services
state states national public group groups member members law laws court courts police decision decisions
agreement agreements statement statements spokesman meeting meetings price prices bank banks money cost costs
percent million billion number numbers system systems project projects problem problems question questions
change changes changed changing issue issues support supported supporting increase increased increasing
announce announced announcing announcement expect expected expecting include included including continue
continued continuing provide provided providing require required requiring build built building buildings
work worked working worker workers leader leaders party parties vote votes voted voting region regions
regional local international foreign economic political social financial major large small high low
long short early late recent recently last next several few second third according however although
still already again even just much such well back down off out up what how why could should may might must
""",
    "es": """
el la los las de del y a en que es por con para un una unos unas se su sus al lo como más pero sobre
este esta estos estas ese esa entre también cuando desde hasta sin porque donde muy ya hay fue fueron
ha han había habían ser será sido son está están estaba dijo dice dicen afirmó señaló según
gobierno gobiernos empresa empresas país países ciudad ciudades mercado mercados informe informes
ministro ministros ministra presidente presidenta semana semanas mes meses día días plan planes
servicio servicios estado estados nacional nacionales público pública públicos grupo grupos
miembro miembros ley leyes tribunal tribunales policía decisión decisiones acuerdo acuerdos
declaración declaraciones portavoz reunión reuniones precio precios banco bancos dinero costo costos
millones millón mil número números sistema sistemas proyecto proyectos problema problemas pregunta
cambio cambios cambiar cambió apoyo apoyar apoyó aumento aumentar aumentó anunciar anunció anunciado
esperar esperaba esperado incluir incluye incluido continuar continúa continuó proporcionar requiere
construir construcción trabajo trabajos trabajar trabajadores líder líderes partido partidos voto votos
votación región regiones regional local internacional internacionales extranjero económico económica
político política social financiero grande grandes pequeño pequeña alto alta bajo baja largo corto
reciente recientemente último última próximo próxima varios varias primero primera segundo tercero
sin embargo todavía otra otro otros otras mismo misma cada todo toda todos todas nuevo nueva nuevos nuevas
""",
    "nl": """
de het een en van in is dat op te voor met zijn die niet aan er om ook als bij door maar uit over
naar dan nog wel werd worden wordt was waren heeft hebben had hadden kan kunnen zal zullen moet moeten
deze dit die wat wie waar wanneer omdat tussen tijdens voordat onder tegen zegt zei zeggen volgens
regering regeringen bedrijf bedrijven land landen stad steden markt markten rapport rapporten
minister ministers president week weken maand maanden dag dagen plan plannen dienst diensten
staat staten nationaal nationale openbaar openbare groep groepen lid leden wet wetten rechtbank
rechtbanken politie besluit besluiten akkoord akkoorden verklaring verklaringen woordvoerder
vergadering vergaderingen prijs prijzen bank banken geld kosten procent miljoen miljard aantal
systeem systemen project projecten probleem problemen vraag vragen verandering veranderingen veranderd
steun steunen steunde verhoging verhoogd stijging stijgen steeg aankondigen aangekondigd kondigde
verwacht verwachten verwachtte bevatten bevat doorgaan ging gaat leveren geleverd vereist vereisen
bouwen gebouwd gebouw gebouwen werk werken werkte werknemer werknemers leider leiders partij partijen
stem stemmen stemde stemming regio regionaal regionale lokaal lokale internationaal internationale
buitenlands buitenlandse economisch economische politiek politieke sociaal sociale financieel
financiële groot grote klein kleine hoog hoge laag lage lang lange kort korte recent onlangs laatste
volgende verschillende enkele eerste tweede derde echter toch al alweer zelfs slechts veel zulke
""",
    "ru": """
и в не на что с по как к из за от о это он она они его её их был была были было будет быть
также который которая которые которых этот эта эти того только уже ещё после при между во время
до под против потому через где когда если или но а же бы ли даже более очень может могут должен
заявил заявила заявили сказал сказала сообщил сообщила сообщили по словам
правительство правительства правительству правительством компания компании компанию компаний
страна страны стране стран город города городе городов рынок рынка рынке рынков доклад доклада
министр министра министром президент президента президентом неделя недели неделе месяц месяца
месяцев день дня дней план плана планы служба службы службе услуги услуг государство государства
национальный национальной общественный группа группы группе член члены членов закон закона
законы суд суда суде полиция полиции решение решения решений соглашение соглашения заявление
заявления представитель встреча встречи цена цены цен банк банка банки банков деньги денег
стоимость процент процентов миллион миллиона миллионов миллиард миллиардов число система системы
проект проекта проекты проблема проблемы проблем вопрос вопроса вопросы изменение изменения
поддержка поддержки поддержал рост роста увеличение объявил объявила объявлено ожидается ожидают
включая включает продолжил продолжает продолжить предоставить требует требуется строительство
работа работы работе работать работают работник работники лидер лидера лидеры партия партии
голосование голосования регион региона регионе региональный местный международный международной
иностранный экономический экономической политический политической социальный финансовый большой
большая большие малый высокий низкий длинный короткий недавно последний последняя следующий
несколько первый первая второй третий однако всё ещё снова другой другие каждый весь все новый новая
""",
}

# id -> (en, es, nl, ru): the topics of every synthetic KB, with their labels.
TOPIC_LABELS: dict[str, tuple[str, str, str, str]] = {
    "agriculture": ("Agriculture", "Agricultura", "Landbouw", "Сельское хозяйство"),
    "banking": ("Banking", "Banca", "Bankwezen", "Банковское дело"),
    "climate": ("Climate", "Clima", "Klimaat", "Климат"),
    "corruption": ("Corruption", "Corrupción", "Corruptie", "Коррупция"),
    "culture": ("Culture", "Cultura", "Cultuur", "Культура"),
    "defence": ("Defence", "Defensa", "Defensie", "Оборона"),
    "diplomacy": ("Diplomacy", "Diplomacia", "Diplomatie", "Дипломатия"),
    "economy": ("Economy", "Economía", "Economie", "Экономика"),
    "education": ("Education", "Educación", "Onderwijs", "Образование"),
    "elections": ("Elections", "Elecciones", "Verkiezingen", "Выборы"),
    "employment": ("Employment", "Empleo", "Werkgelegenheid", "Занятость"),
    "energy": ("Energy", "Energía", "Energie", "Энергетика"),
    "environment": ("Environment", "Medio ambiente", "Milieu", "Окружающая среда"),
    "health": ("Health", "Salud", "Gezondheid", "Здравоохранение"),
    "housing": ("Housing", "Vivienda", "Huisvesting", "Жильё"),
    "justice": ("Justice", "Justicia", "Justitie", "Правосудие"),
    "media": ("Media", "Medios", "Media", "СМИ"),
    "migration": ("Migration", "Migración", "Migratie", "Миграция"),
    "privacy": ("Privacy", "Privacidad", "Privacy", "Конфиденциальность"),
    "science": ("Science", "Ciencia", "Wetenschap", "Наука"),
    "security": ("Security", "Seguridad", "Veiligheid", "Безопасность"),
    "space": ("Space", "Espacio", "Ruimtevaart", "Космос"),
    "sport": ("Sport", "Deporte", "Sport", "Спорт"),
    "taxes": ("Taxes", "Impuestos", "Belastingen", "Налоги"),
    "technology": ("Technology", "Tecnología", "Technologie", "Технологии"),
    "telecommunications": ("Telecommunications", "Telecomunicaciones", "Telecommunicatie", "Телекоммуникации"),
    "tourism": ("Tourism", "Turismo", "Toerisme", "Туризм"),
    "trade": ("Trade", "Comercio", "Handel", "Торговля"),
    "transport": ("Transport", "Transporte", "Vervoer", "Транспорт"),
    "water": ("Water", "Agua", "Water", "Водоснабжение"),
}

# Syllable parts of pseudo-words: (onsets, vowels, codas), and the endings that inflect them.
SYLLABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "en": (("b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pl", "pr",
            "r", "s", "sh", "sl", "st", "t", "th", "tr", "v", "w"),
           ("a", "e", "i", "o", "u", "ea", "oo", "ai", "ou"),
           ("", "", "n", "r", "t", "l", "st", "nd", "m", "ck", "sh")),
    "es": (("b", "c", "ch", "d", "f", "g", "l", "ll", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "pl",
            "qu", "gu"),
           ("a", "e", "i", "o", "u", "ia", "ue", "io"),
           ("", "", "", "n", "r", "s", "l")),
    "nl": (("b", "d", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "sch", "gr", "kl",
            "st", "spr", "br"),
           ("a", "e", "i", "o", "u", "aa", "ee", "oo", "ui", "ij", "ou", "eu"),
           ("", "", "n", "k", "t", "rt", "ld", "cht", "ng", "l")),
    "ru": (("б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ч", "ш", "пр",
            "ст", "кр", "тр", "бл", "гр"),
           ("а", "е", "и", "о", "у", "ы", "я"),
           ("", "", "", "н", "р", "л", "ст", "к", "в")),
}

ENDINGS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("", "s"), ("", "ed", "ing", "s"), ("", "er", "ers"), ("",)),
    "es": (("o", "os"), ("a", "as"), ("ar", "ado", "ación", "aciones"), ("e", "es")),
    "nl": (("", "en"), ("en", "de", "ing", "ingen"), ("", "e"), ("",)),
    "ru": (("", "а", "ы", "ов", "ом", "ами"), ("а", "ы", "е", "у", "ой"), ("ать", "ает", "али", "ание"),
           ("ый", "ого", "ые", "ых")),
}

# Latin letters (and pairs) to Cyrillic, for the Russian names of entities.
CYRILLIC: tuple[tuple[str, str], ...] = (
    ("sch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ya", "я"), ("yu", "ю"),
    ("th", "т"), ("ck", "к"), ("qu", "кв"), ("ph", "ф"), ("oo", "у"), ("ee", "и"), ("ea", "и"), ("ou", "у"),
    ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"),
    ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"),
    ("t", "т"), ("u", "у"), ("v", "в"), ("w", "в"), ("x", "кс"), ("y", "и"), ("z", "з"),
)

# Entity names: syllables of proper nouns (distinct from the pseudo-words of running text).
NAME_ONSETS = ("B", "D", "K", "L", "M", "N", "R", "S", "T", "V", "Z", "Br", "Dr", "Kr", "Tr", "Al", "El", "Or",
               "Ar", "Ish", "Jor", "Hal", "Mar", "Sev", "Tal", "Var", "Zor", "Gal", "Fen", "Cor")
NAME_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ia")
NAME_CODAS = ("n", "r", "s", "m", "v", "d", "nd", "rk", "lt", "x", "")

ORGANISATION_KINDS = ("Group", "Holdings", "Systems", "Industries", "Energy", "Telecom", "Bank", "Media", "Motors",
                      "Foods", "Airlines", "Mining", "Labs", "Networks", "Capital")
AGENCY_NAMES: dict[str, str] = {
    "en": "National {} Agency", "es": "Agencia Nacional de {}", "nl": "Nationaal Agentschap voor {}",
    "ru": "Национальное агентство по {}",
}
AGENCY_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("Statistics", "Estadística", "Statistiek", "статистике"),
    ("Aviation", "Aviación", "Luchtvaart", "авиации"),
    ("Energy", "Energía", "Energie", "энергетике"),
    ("Telecommunications", "Telecomunicaciones", "Telecommunicatie", "связи"),
    ("Health", "Salud", "Gezondheid", "здравоохранению"),
    ("Food Safety", "Seguridad Alimentaria", "Voedselveiligheid", "безопасности пищевых продуктов"),
    ("Nuclear Safety", "Seguridad Nuclear", "Nucleaire Veiligheid", "ядерной безопасности"),
    ("Cyber Security", "Ciberseguridad", "Cyberveiligheid", "кибербезопасности"),
    ("Water Management", "Gestión del Agua", "Waterbeheer", "водным ресурсам"),
    ("Competition", "Competencia", "Mededinging", "конкуренции"),
)
PUBLISHER_PATTERNS: dict[str, tuple[str, ...]] = {
    "en": ("The {} Times", "{} Daily", "The {} Herald", "{} News", "The {} Post"),
    "es": ("Diario de {}", "El Correo de {}", "La Voz de {}", "Noticias {}"),
    "nl": ("{} Dagblad", "Het {} Nieuws", "De {} Courant", "{}se Krant"),
    "ru": ("Вестник {}", "{} сегодня", "Новости {}", "Газета {}"),
}
