"""A real, labelled, multilingual KB from Debian's package descriptions, for bench_knowledge.py.

Each article is one binary package's description (its short description is the headline, the long one
the text), in English and in every language the Debian Description Translation Project translated it
into (es, de, fr, nl, ru). The labels come from Debian, not from kbsite:
- subject: the package's Section (games, sound, graphics, science, math, mail, database, net);
- story: a package's translations are the same story in other languages;
- duplicate: within a language, descriptions with the same text (another headline), and descriptions of
  packages built from the same source whose words are at least NEAR_DUPLICATE alike (the -data, -dev or
  -doc package that repeats the main package's text with a sentence of its own): real near-duplicates.

The topics.yml was written by hand, before any figure was seen, the way a user describes eight
subjects: about eight everyday keywords per subject and language. It is not derived from the labels or
from the articles, and neither it nor any other part of this corpus is used to tune kbsite: a corpus
that tuned a parameter would no longer say anything about the archives kbsite has not seen.
There is no entities.yml, as in a new user's first KB.

Needs apt's lists with the translations (no package is installed; apt-helper comes with apt):

    apt-get update -o Acquire::Languages=en,es,de,fr,nl,ru
    python benchmarks/real_corpora.py --articles 2000 --out DIR

The same lists give the same bytes; the archive's lists change at each Debian point release, so the
Release dates of the lists used are written into labels.json.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.knowledge_labels import LABELS_FILE, ArticleLabel, CorpusLabels, write_labels

LISTS = Path("/var/lib/apt/lists")
APT_HELPER = "/usr/lib/apt/apt-helper"  # reads the lists whatever their compression
LANGUAGES = ("en", "es", "de", "fr", "nl", "ru")
SUBJECTS = ("games", "sound", "graphics", "science", "math", "mail", "database", "net")
MIN_WORDS = 40  # a shorter English description is a line, not an article
NEAR_DUPLICATE = 0.8  # difflib ratio over the words of two descriptions of one source package
# Descriptions of software tell of its history since the first computers, of limits ahead ("ephemerides
# until 2030") and of fiction ("it takes place in 2084"): a year outside these is a version number, a
# name or a time ("1400 GMT"), not a date.
FIRST_YEAR = 1950
YEARS_AHEAD = 100

TOPICS_YML = """\
# Eight subjects, with the words a user would think of for each; written by hand (see real_corpora.py).
- id: games
  labels: {en: Games, es: Juegos, de: Spiele, fr: Jeux, nl: Spellen, ru: Игры}
  terms:
    en: [game, player, puzzle, arcade, strategy, multiplayer, levels, board game]
    es: [juego, jugador, rompecabezas, arcade, estrategia, multijugador, niveles, tablero]
    de: [Spiel, Spieler, Puzzle, Arcade, Strategie, Mehrspieler, Level, Brettspiel]
    fr: [jeu, joueur, casse-tête, arcade, stratégie, multijoueur, niveaux, jeu de plateau]
    nl: [spel, speler, puzzel, arcade, strategie, multiplayer, levels, bordspel]
    ru: [игра, игрок, головоломка, аркада, стратегия, многопользовательская, уровни, настольная игра]
- id: sound
  labels: {en: Sound, es: Sonido, de: Audio, fr: Son, nl: Geluid, ru: Звук}
  terms:
    en: [audio, sound, music, MIDI, synthesizer, mixer, MP3, playback]
    es: [audio, sonido, música, MIDI, sintetizador, mezclador, MP3, reproducción]
    de: [Audio, Klang, Musik, MIDI, Synthesizer, Mischpult, MP3, Wiedergabe]
    fr: [audio, son, musique, MIDI, synthétiseur, mixeur, MP3, lecture audio]
    nl: [audio, geluid, muziek, MIDI, synthesizer, mixer, MP3, afspelen]
    ru: [аудио, звук, музыка, MIDI, синтезатор, микшер, MP3, воспроизведение]
- id: graphics
  labels: {en: Graphics, es: Gráficos, de: Grafik, fr: Graphisme, nl: Afbeeldingen, ru: Графика}
  terms:
    en: [image, graphics, drawing, photo, vector, pixel, rendering, bitmap]
    es: [imagen, gráficos, dibujo, foto, vectorial, píxel, renderizado, mapa de bits]
    de: [Bild, Grafik, Zeichnen, Foto, Vektor, Pixel, Rendering, Bitmap]
    fr: [image, graphique, dessin, photo, vectoriel, pixel, rendu, bitmap]
    nl: [afbeelding, grafisch, tekenen, foto, vector, pixel, rendering, bitmap]
    ru: [изображение, графика, рисование, фото, векторный, пиксель, рендеринг, растровый]
- id: science
  labels: {en: Science, es: Ciencia, de: Wissenschaft, fr: Sciences, nl: Wetenschap, ru: Наука}
  terms:
    en: [scientific, research, physics, chemistry, biology, astronomy, molecular, data analysis]
    es: [científico, investigación, física, química, biología, astronomía, molecular, análisis de datos]
    de: [wissenschaftlich, Forschung, Physik, Chemie, Biologie, Astronomie, molekular, Datenanalyse]
    fr: [scientifique, recherche, physique, chimie, biologie, astronomie, moléculaire, analyse de données]
    nl: [wetenschappelijk, onderzoek, natuurkunde, scheikunde, biologie, astronomie, moleculair, data-analyse]
    ru: [научный, исследование, физика, химия, биология, астрономия, молекулярный, анализ данных]
- id: math
  labels: {en: Mathematics, es: Matemáticas, de: Mathematik, fr: Mathématiques, nl: Wiskunde, ru: Математика}
  terms:
    en: [mathematics, algebra, equation, matrix, numerical, calculator, geometry, statistics]
    es: [matemáticas, álgebra, ecuación, matriz, numérico, calculadora, geometría, estadística]
    de: [Mathematik, Algebra, Gleichung, Matrix, numerisch, Taschenrechner, Geometrie, Statistik]
    fr: [mathématiques, algèbre, équation, matrice, numérique, calculatrice, géométrie, statistique]
    nl: [wiskunde, algebra, vergelijking, matrix, numeriek, rekenmachine, meetkunde, statistiek]
    ru: [математика, алгебра, уравнение, матрица, численный, калькулятор, геометрия, статистика]
- id: mail
  labels: {en: E-mail, es: Correo, de: E-Mail, fr: Courriel, nl: E-mail, ru: Почта}
  terms:
    en: [email, mail, mailbox, IMAP, SMTP, spam, message, mailing list]
    es: [correo, correo electrónico, buzón, IMAP, SMTP, spam, mensaje, lista de correo]
    de: [E-Mail, Mail, Postfach, IMAP, SMTP, Spam, Nachricht, Mailingliste]
    fr: [courriel, courrier, boîte aux lettres, IMAP, SMTP, spam, message, liste de diffusion]
    nl: [e-mail, mail, postvak, IMAP, SMTP, spam, bericht, mailinglijst]
    ru: [почта, электронная почта, почтовый ящик, IMAP, SMTP, спам, сообщение, список рассылки]
- id: database
  labels: {en: Databases, es: Bases de datos, de: Datenbanken, fr: Bases de données, nl: Databases, ru: Базы данных}
  terms:
    en: [database, SQL, query, table, PostgreSQL, MySQL, SQLite, records]
    es: [base de datos, SQL, consulta, tabla, PostgreSQL, MySQL, SQLite, registros]
    de: [Datenbank, SQL, Abfrage, Tabelle, PostgreSQL, MySQL, SQLite, Datensätze]
    fr: [base de données, SQL, requête, table, PostgreSQL, MySQL, SQLite, enregistrements]
    nl: [database, SQL, zoekopdracht, tabel, PostgreSQL, MySQL, SQLite, records]
    ru: [база данных, SQL, запрос, таблица, PostgreSQL, MySQL, SQLite, записи]
- id: net
  labels: {en: Networking, es: Redes, de: Netzwerk, fr: Réseau, nl: Netwerken, ru: Сети}
  terms:
    en: [network, internet, server, protocol, TCP, HTTP, proxy, firewall]
    es: [red, internet, servidor, protocolo, TCP, HTTP, proxy, cortafuegos]
    de: [Netzwerk, Internet, Server, Protokoll, TCP, HTTP, Proxy, Firewall]
    fr: [réseau, internet, serveur, protocole, TCP, HTTP, proxy, pare-feu]
    nl: [netwerk, internet, server, protocol, TCP, HTTP, proxy, firewall]
    ru: [сеть, интернет, сервер, протокол, TCP, HTTP, прокси, брандмауэр]
"""


@dataclass(frozen=True)
class Description:
    package: str
    lang: str
    title: str
    paragraphs: tuple[str, ...]

    def words(self) -> list[str]:
        return " ".join(self.paragraphs).split()


def _stanzas(path: Path) -> Iterator[dict[str, str]]:
    """The stanzas of one apt list (Packages or Translation-xx), as field -> value."""
    text = subprocess.run([APT_HELPER, "cat-file", str(path)], check=True, capture_output=True,
                          text=True, encoding="utf-8", errors="replace").stdout
    for stanza in text.split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in stanza.split("\n"):
            if line[:1] in (" ", "\t") and key:
                fields[key] += "\n" + line
            elif ":" in line:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        if "Package" in fields:
            yield fields


def _lists(pattern: str, lists: Path) -> list[Path]:
    return sorted(p for p in lists.glob(pattern) if not p.name.endswith((".diff_Index", "IndexDiff")))


def _parse(package: str, lang: str, raw: str) -> Description:
    """Debian's description format: a short line, then lines of the long one; ' .' separates paragraphs."""
    title, *lines = raw.split("\n")
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        body = line[1:] if line.startswith(" ") else line
        if body.strip() == ".":
            paragraphs.append(" ".join(current))
            current = []
        elif re.match(r"\s*[*+o-]\s", body):  # an item of a list: a paragraph of its own, as a Markdown item
            if current:
                paragraphs.append(" ".join(current))
            current = ["- " + re.sub(r"^\s*[*+o-]\s+", "", body).strip()]
        else:
            current.append(body.strip())
    paragraphs.append(" ".join(current))
    return Description(package, lang, title.strip(), tuple(p for p in paragraphs if p.strip()))


def read_descriptions(lists: Path = LISTS) -> tuple[dict[str, tuple[str, str]], dict[str, dict[str, Description]],
                                                    list[str]]:
    """(package -> (section, source), package -> lang -> description, the lists' Release dates)."""
    packages: dict[str, dict[str, str]] = {}
    for path in _lists("*_main_binary-amd64_Packages*", lists):
        for fields in _stanzas(path):
            packages.setdefault(fields["Package"], fields)  # the first list (newest suite) wins
    texts: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
    for lang in LANGUAGES:
        for path in _lists(f"*_main_i18n_Translation-{lang}*", lists):
            for fields in _stanzas(path):
                if f"Description-{lang}" in fields:
                    texts[lang].setdefault((fields["Package"], fields.get("Description-md5", "")),
                                           fields[f"Description-{lang}"])
    if not texts["en"]:
        raise SystemExit("no Translation-en list: run  apt-get update -o Acquire::Languages=" + ",".join(LANGUAGES))
    meta: dict[str, tuple[str, str]] = {}
    described: dict[str, dict[str, Description]] = {}
    for name, fields in sorted(packages.items()):
        section = fields.get("Section", "").rpartition("/")[2]
        key = (name, fields.get("Description-md5", ""))
        if section not in SUBJECTS or key not in texts["en"]:
            continue
        english = _parse(name, "en", texts["en"][key])
        if len(english.words()) < MIN_WORDS:
            continue
        meta[name] = (section, fields.get("Source", name).split(" ")[0])
        described[name] = {lang: _parse(name, lang, texts[lang][key]) for lang in LANGUAGES if key in texts[lang]}
    releases = sorted({m.group(1).strip() for p in lists.glob("*_InRelease")
                       if (m := re.search(r"(?m)^Date:(.*)$", p.read_text(encoding="utf-8", errors="replace")))})
    return meta, described, releases


def select(meta: dict[str, tuple[str, str]], described: dict[str, dict[str, Description]],
           articles: int) -> list[str]:
    """Whole source packages in an order fixed by a hash of their names, until there are `articles` articles."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for name, (_, source) in sorted(meta.items()):
        by_source[source].append(name)
    chosen: list[str] = []
    count = 0
    for source in sorted(by_source, key=lambda s: hashlib.sha256(s.encode()).hexdigest()):
        if count >= articles:
            break
        chosen += by_source[source]
        count += sum(len(described[name]) for name in by_source[source])
    return sorted(chosen)


def duplicate_groups(chosen: list[str], meta: dict[str, tuple[str, str]],
                     described: dict[str, dict[str, Description]]) -> dict[tuple[str, str], str]:
    """(package, lang) -> duplicate group id, for the descriptions that have a copy in their language."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    def union(a: tuple[str, str], b: tuple[str, str]) -> None:
        parent[max(find(a), find(b))] = min(find(a), find(b))

    for lang in LANGUAGES:
        same_text: dict[tuple[str, ...], list[str]] = defaultdict(list)
        same_source: dict[str, list[str]] = defaultdict(list)
        for name in chosen:
            if lang in described[name]:
                same_text[described[name][lang].paragraphs].append(name)
                same_source[meta[name][1]].append(name)
        for names in same_text.values():
            for other in names[1:]:
                union((names[0], lang), (other, lang))
        for names in same_source.values():
            for i, a in enumerate(names):
                for b in names[i + 1:]:
                    ratio = difflib.SequenceMatcher(None, described[a][lang].words(), described[b][lang].words(),
                                                    autojunk=False).ratio()
                    if ratio >= NEAR_DUPLICATE:
                        union((a, lang), (b, lang))
    members: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for item in parent:
        members[find(item)].append(item)
    return {item: f"{root[1]}:{root[0]}" for root, items in members.items() if len(items) > 1 for item in items}


def _markdown(description: Description) -> str:
    front = yaml.safe_dump({"title": f"{description.package}: {description.title}"}, allow_unicode=True,
                           width=1000)
    return f"---\n{front}---\n\n" + "\n\n".join(description.paragraphs) + "\n"


def write_project(out: Path, articles: int, lists: Path = LISTS) -> CorpusLabels:
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out}: exists and is not empty; give a new folder")
    meta, described, releases = read_descriptions(lists)
    chosen = select(meta, described, articles)
    duplicates = duplicate_groups(chosen, meta, described)
    kb = out / "kb"
    kb.mkdir(parents=True)
    (out / "mkdocs.yml").write_text("site_name: Debian package descriptions\n", encoding="utf-8")
    (kb / "topics.yml").write_text(TOPICS_YML, encoding="utf-8")
    labels: dict[str, ArticleLabel] = {}
    for name in chosen:
        story = f"pkg:{name}" if len(described[name]) > 1 else None
        for lang, description in sorted(described[name].items()):
            source = f"{lang}/{name}.md"
            (kb / lang).mkdir(exist_ok=True)
            (kb / source).write_text(_markdown(description), encoding="utf-8")
            labels[source] = ArticleLabel(source, meta[name][0], story=story, duplicate=duplicates.get((name, lang)))
    newest = max((int(y) for date in releases for y in re.findall(r"\b(\d{4})\b", date)), default=FIRST_YEAR)
    corpus = CorpusLabels("debian", (FIRST_YEAR, newest + YEARS_AHEAD), labels,
                          note=f"Debian package descriptions, lists of {'; '.join(releases)}")
    write_labels(out / LABELS_FILE, corpus)
    return corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="about how many articles (default: %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="the project folder to create (new or empty)")
    parser.add_argument("--lists", type=Path, default=LISTS, help="apt's lists folder (default: %(default)s)")
    args = parser.parse_args(argv)
    corpus = write_project(args.out, args.articles, args.lists)
    print(f"Wrote {len(corpus.articles)} articles to {args.out} ({corpus.note})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
