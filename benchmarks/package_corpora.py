"""A real multilingual KB of short documentation pages: Debian's package descriptions, in several languages.

Each article is one package's description as Debian's translation files (apt's `Translation-<lang>` lists)
hold it: a Markdown page titled with the package's name, in the language of the list, whose first paragraph
is the package's one-line description (what `apt search` shows) and the rest its long description. Pages
of one package in several languages are one story (labels.json, as benchmarks/knowledge_labels.py writes).
The known-item benchmark (benchmarks/known_item_docs.py) asks for each page by its one-line description.
Like the other corpora, it is never used to tune kbsite alone.

Per language, packages are taken in an order fixed by a hash of their name (those with a translation into
another language first), `--per-lang` of them at most, and only those whose long description has at least
MIN_WORDS words (a shorter one is a stub, not a page). Needs apt's translation lists for the languages
(`Acquire::Languages` in apt's configuration, then `apt-get update`):

    python benchmarks/package_corpora.py --per-lang 450 --out DIR
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.knowledge_labels import LABELS_FILE, ArticleLabel, CorpusLabels, write_labels

LISTS = Path("/var/lib/apt/lists")
LANGUAGES = ("en", "de", "fr", "es", "nl", "ru")
MIN_WORDS = 20
YEARS = (1970, 2030)
_NAME = re.compile(r"^[a-z0-9][a-z0-9+.-]*$")


def read_list(path: Path) -> str:
    """A list's text, as apt decompresses it (lz4, xz, gz or plain)."""
    done = subprocess.run(["/usr/lib/apt/apt-helper", "cat-file", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{path}: apt-helper could not read it: {done.stderr.decode(errors='replace')[-500:]}")
    return done.stdout.decode("utf-8", "replace")


def descriptions(text: str, lang: str) -> dict[str, tuple[str, list[str]]]:
    """package -> (one-line description, paragraphs of the long description) of one translation list."""
    out: dict[str, tuple[str, list[str]]] = {}
    for stanza in text.split("\n\n"):
        package = re.search(r"(?m)^Package: (\S+)$", stanza)
        found = re.search(rf"(?ms)^Description-{lang}: (.*?)\n((?: .*\n?)*)", stanza + "\n")
        if not package or not found or not _NAME.match(package.group(1)):
            continue
        paragraphs, current = [], []
        for line in found.group(2).splitlines():
            line = line[1:]
            if line.strip() == ".":
                paragraphs.append(" ".join(current))
                current = []
            elif line.strip():
                current.append(line.strip())
        paragraphs.append(" ".join(current))
        out.setdefault(package.group(1), (found.group(1).strip(), [p for p in paragraphs if p]))
    return out


def _lists(lang: str) -> list[Path]:
    return sorted(LISTS.glob(f"*_main_i18n_Translation-{lang}*"))


def write_project(out: Path, per_lang: int) -> CorpusLabels:
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out}: exists and is not empty; give a new folder")
    found: dict[str, dict[str, tuple[str, list[str]]]] = {}
    for lang in LANGUAGES:
        merged: dict[str, tuple[str, list[str]]] = {}
        for path in _lists(lang):
            for package, description in descriptions(read_list(path), lang).items():
                merged.setdefault(package, description)
        if merged:
            found[lang] = merged
    if len(found) < 2:
        raise SystemExit(f"no translation lists for {', '.join(LANGUAGES)} in {LISTS}: set Acquire::Languages "
                         "and run apt-get update")
    languages = defaultdict(set)
    for lang, packages in found.items():
        for package in packages:
            languages[package].add(lang)
    kb = out / "kb"
    kb.mkdir(parents=True)
    (out / "mkdocs.yml").write_text("site_name: Debian packages\n", encoding="utf-8")
    labels: dict[str, ArticleLabel] = {}
    for lang, packages in sorted(found.items()):
        order = sorted(packages, key=lambda p: (len(languages[p]) < 2, hashlib.sha256(p.encode()).hexdigest()))
        kept = [p for p in order if sum(len(x.split()) for x in packages[p][1]) >= MIN_WORDS][:per_lang]
        (kb / lang).mkdir()
        for package in sorted(kept):
            short, paragraphs = packages[package]
            source = f"{lang}/{package}.md"
            front = f"---\ntitle: {_yaml(package)}\nlang: {lang}\n---\n\n"
            (kb / source).write_text(front + "\n\n".join([short, *paragraphs]) + "\n", encoding="utf-8")
            labels[source] = ArticleLabel(source, None, story=package if len(languages[package]) > 1 else None)
    corpus = CorpusLabels("packages", YEARS, labels, note="Debian 12 package descriptions and their translations")
    write_labels(out / LABELS_FILE, corpus)
    return corpus


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-lang", type=int, default=450, help="pages a language at most (default: %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="the project folder to create (new or empty)")
    args = parser.parse_args(argv)
    corpus = write_project(args.out, args.per_lang)
    print(f"Wrote {len(corpus.articles)} articles to {args.out} ({corpus.note})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
