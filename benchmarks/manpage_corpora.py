"""A real multilingual KB of long texts from Debian's manual pages, for bench_knowledge.py.

Each article is one manual page as `man` renders it, in English and in the languages of the
manpages-l10n translations (de, fr, es, nl, ru), as plain text (.txt: the page's NAME line is the headline).
The labels come from the files, not from kbsite:
- story: the pages of one name and section in several languages are one story;
- duplicate: names of one page (fprintf and printf: a link or a `.so` file) render the same text, in
  each language: real exact copies, as an archive of documents has them.
There is no subject label (a manual section is a kind of page, not a subject), no topics.yml and no
entities.yml: this corpus measures the same story across languages, copies, related articles from the
text alone, and dates. Like the other corpora, it is never used to tune kbsite.

Pages are taken by family (a page and its other names), families that have a translation first, in an
order fixed by a hash of the page's name, until there are about `--articles` of them. Needs man-db and
the translations (the English pages come with the packages installed):

    apt-get install manpages manpages-dev manpages-de manpages-fr manpages-es manpages-nl manpages-ru
    python benchmarks/manpage_corpora.py --articles 2000 --out DIR
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.knowledge_labels import LABELS_FILE, ArticleLabel, CorpusLabels, write_labels

MAN = Path("/usr/share/man")
LANGUAGES = ("en", "de", "fr", "es", "nl", "ru")
SECTIONS = ("1", "2", "3", "4", "5", "6", "7", "8")
MIN_WORDS = 150  # a shorter page is a stub, not an article
# Pages count years from 1900 (struct tm), tell of Unix history and of the limits of its clocks (2038, 2106).
YEARS = (1900, 2200)
_PAGE = re.compile(r"^(?P<name>.+)\.(?P<section>[1-8])\.gz$")


def _folder(lang: str) -> Path:
    return MAN if lang == "en" else MAN / lang


def _target(path: Path) -> str:
    """What a page file really is: the file a link points to, or the page a `.so` line includes."""
    if path.is_symlink():
        return Path(os.path.realpath(path)).name.removesuffix(".gz")
    try:
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as stream:
            for line in stream:
                if line.startswith(".so "):
                    return Path(line[4:].strip()).name.removesuffix(".gz")
                if not line.startswith(('.\\"', "'\\\"")) and line.strip():
                    break
    except (OSError, EOFError):
        return path.name.removesuffix(".gz")
    return path.name.removesuffix(".gz")


def families() -> dict[str, dict[str, dict[str, Path]]]:
    """family (the page all its names are) -> page name ("printf.3") -> lang -> file."""
    found: dict[str, dict[str, dict[str, Path]]] = defaultdict(lambda: defaultdict(dict))
    for lang in LANGUAGES:
        for section in SECTIONS:
            folder = _folder(lang) / f"man{section}"
            if not folder.is_dir():
                continue
            for path in sorted(folder.iterdir()):
                match = _PAGE.match(path.name)
                if match and match.group("section") == section:
                    page = path.name.removesuffix(".gz")
                    family = _target(path) if lang == "en" else None
                    found[family or page][page][lang] = path
    merged: dict[str, dict[str, dict[str, Path]]] = defaultdict(dict)
    english = {page: family for family, pages in found.items() for page, langs in pages.items() if "en" in langs}
    for family, pages in found.items():
        for page, langs in pages.items():
            merged[english.get(page, family)].setdefault(page, {}).update(langs)
    return {f: {p: merged[f][p] for p in sorted(merged[f])} for f in sorted(merged)}


def render(path: Path) -> tuple[str, list[str]] | None:
    """(headline, paragraphs) of a page as `man` shows it, one paragraph a line; None when there is no text."""
    env = {**os.environ, "LANG": "C.UTF-8", "MANWIDTH": "1000", "MAN_KEEP_FORMATTING": ""}
    result = subprocess.run(["man", "--nh", "--nj", "-E", "UTF-8", "-l", str(path)], capture_output=True,
                            env=env, check=False)
    lines = [re.sub(r".\x08", "", line).rstrip() for line in result.stdout.decode("utf-8", "replace").split("\n")]
    lines = [line for line in lines if line.strip()][1:-1]  # the running header and footer
    paragraphs = [line.strip() for line in lines]
    if len(paragraphs) < 2:
        return None
    headline = paragraphs[1] if not lines[0].startswith(" ") else paragraphs[0]
    return headline, paragraphs


def write_project(out: Path, articles: int) -> CorpusLabels:
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out}: exists and is not empty; give a new folder")
    found = families() if shutil.which("man") else {}
    translated = {f for f, pages in found.items() if any(len(langs) > 1 for langs in pages.values())}
    if not translated:
        raise SystemExit(f"no manual pages in other languages in {MAN} (or no `man`): install man-db and "
                         "the packages named in benchmarks/manpage_corpora.py")
    order = sorted(found, key=lambda f: (f not in translated, hashlib.sha256(f.encode()).hexdigest()))
    kb = out / "kb"
    kb.mkdir(parents=True)
    (out / "mkdocs.yml").write_text("site_name: Manual pages\n", encoding="utf-8")
    labels: dict[str, ArticleLabel] = {}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for family in order:
            if len(labels) >= articles:
                break
            files = [(page, lang, path) for page, langs in found[family].items() for lang, path in langs.items()]
            texts = pool.map(render, [path for _, _, path in files])
            kept = [(page, lang, text) for (page, lang, _), text in zip(files, texts, strict=True)
                    if text is not None and sum(len(p.split()) for p in text[1]) >= MIN_WORDS]
            stories = Counter(page for page, _, _ in kept)
            copies = Counter(lang for _, lang, _ in kept)
            for page, lang, (headline, paragraphs) in kept:
                source = f"{lang}/{page}.txt"
                (kb / lang).mkdir(exist_ok=True)
                (kb / source).write_text(headline + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
                labels[source] = ArticleLabel(source, None, story=page if stories[page] > 1 else None,
                                              duplicate=f"{lang}:{family}" if copies[lang] > 1 else None)
    corpus = CorpusLabels("manpages", YEARS, labels, note="Debian 12 manual pages and manpages-l10n translations")
    write_labels(out / LABELS_FILE, corpus)
    return corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="about how many articles (default: %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="the project folder to create (new or empty)")
    args = parser.parse_args(argv)
    corpus = write_project(args.out, args.articles)
    print(f"Wrote {len(corpus.articles)} articles to {args.out} ({corpus.note})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
