"""Hostile file names, titles and ids, end to end: pages stay inside the generated folders, unique and stable.

The KB is made here, not committed: some of these names (control characters, 250 characters, "con")
cannot be checked out on every system.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

from kbsite.slugs import MAX_SLUG
from tests.conftest import REPO, build_project, make_project

pytestmark = pytest.mark.slow

LONG = "Long " * 60  # 300 characters
# file name -> title written in it (None: the file has none)
ARTICLES = {
    "dot-dot.md": "../../../../etc/passwd",
    "slashes.md": "a/b\\c//d",
    "control.md": "Bell\x07 and escape\x1b[31m red",
    "punctuation.md": "?!?! ... ---",
    "long-title.md": LONG,
    "same-title-1.md": "The same title",
    "same-title-2.md": "The same title",
    "a.md": "Markdown a",
    "a.txt": "Text a",
    "A.html": "Capital A",
    "con.md": "Reserved con",
    "nul.txt": "Reserved nul",
    "index.md": "Named index",
    "page.md": "Named page",
    "LPT1.md": "Named lpt1",
    "ctrl\x01name\x7f.md": None,
    "tab\tand\nnewline.md": None,
    "!!!.md": None,
    "---.txt": "Only dashes",
    "..hidden-looking.md": None,
    f"{'x' * 250}.md": None,
    "café.md": "NFC cafe",
    unicodedata.normalize("NFD", "café") + ".txt": "NFD cafe",
    "sub/dir/../deep.md": "Deep in folders",
    "sub/index.md": "Sub index",
    "Пакистан.md": "Cyrillic name",
}
TOPICS = """- id: index
  labels: {en: A topic called index}
  terms: {en: [reserved]}
- id: CON
  labels: {en: A device name}
  terms: {en: [named]}
- id: fine
  labels: {en: ../../fine}
  terms: {en: [named]}
"""
ENTITIES = """- id: index
  name: Named
- id: feed
  name: Reserved
"""
SLUG = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")
RESERVED = {"con", "prn", "aux", "nul", "index", "page", *(f"com{i}" for i in range(10)),
            *(f"lpt{i}" for i in range(10))}
DIAGNOSTIC = re.compile(r"^\S.*?(?::\d+)?: (?:error|warning|note): ")
SOURCES = "https://example.org/kb"
ALLOWED_TOP = {"docs", "site", ".kbsite", "kb", "mkdocs.yml", "offline.zip"}  # the zip: beside the site


def _write_kb(kb: Path) -> None:
    for name, title in ARTICLES.items():
        path = kb / name
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "Reserved and named words for the topics; BlackBerry in Pakistan."
        if name.endswith(".txt"):
            text = f"{title}\n\n{body}\n" if title else f"\n{body}\n"
        elif name.endswith(".html"):
            text = f"<html><head><title>{title}</title></head><body><p>{body}</p></body></html>\n"
        else:
            text = (f"---\ntitle: {title!r}\nlang: en\n---\n" if title else "---\nlang: en\n---\n") + body + "\n"
        path.write_text(text, encoding="utf-8")
    (kb / "topics.yml").write_text(TOPICS, encoding="utf-8")
    (kb / "entities.yml").write_text(ENTITIES, encoding="utf-8")


def _sources(kb: Path) -> set[str]:
    return {p.relative_to(kb).as_posix() for p in kb.rglob("*")
            if p.is_file() and p.suffix in (".md", ".txt", ".html") and not p.name.startswith(".")
            and p.name != "README.md"}


def _pages(root: Path) -> dict[str, str]:
    """Article page slug -> the kb/ file it shows (from the page's "Source file" link)."""
    found = {}
    for page in sorted((root / "docs" / "articles").glob("*.md")):
        link = re.search(r"\[Source file\]\(" + re.escape(SOURCES) + r"/([^)\s]+)\)", page.read_text(encoding="utf-8"))
        found[page.stem] = unquote(link.group(1))
    return found


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build_index.py"), "--root", str(root), *args],
                          capture_output=True, text=True, check=False)


def _all_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("names")
    kb = base / "kb"
    kb.mkdir()
    _write_kb(kb)
    root = make_project(base / "p", kb, docs=REPO / "docs")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:  # article pages then link their files
        config.write(f"\nextra:\n  kb:\n    source_url: {SOURCES}\n")
    before = _all_files(base)
    build_project(root)
    # Nothing written beside the project, or inside it outside the generated folders and the offline zip.
    assert _all_files(base) - before <= {f for f in _all_files(base) if f.startswith(("p/docs/", "p/site/",
                                                                                          "p/.kbsite/"))
                                         or f == "p/offline.zip"}
    return root


def test_nothing_is_written_outside_the_generated_folders(project):
    assert {p.name for p in project.iterdir()} <= ALLOWED_TOP
    written = _all_files(project / "docs") - _all_files(REPO / "docs")
    from kbsite.publish import is_owned

    assert [f for f in written if not is_owned(f)] == []
    for folder in ("docs", "site", ".kbsite"):
        for path in (project / folder).rglob("*"):
            assert path.resolve().is_relative_to((project / folder).resolve()), path


def _shown(name: str) -> str:
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", name).split())


def test_every_article_has_its_own_page_with_a_safe_slug(project):
    pages = _pages(project)
    expected = {s for s in _sources(project / "kb") if not s.startswith("..")}
    assert len(pages) == len(expected)
    assert {_shown(s) for s in pages.values()} == {_shown(s) for s in expected}
    for slug in pages:
        assert SLUG.match(slug), slug
        assert len(slug) <= MAX_SLUG and slug not in RESERVED, slug
        assert (project / "site" / "articles" / f"{slug}.html").is_file(), slug


def test_same_titles_and_same_stems_get_distinct_pages(project):
    by_source = {source: slug for slug, source in _pages(project).items()}
    assert by_source["same-title-1.md"] != by_source["same-title-2.md"]
    assert len({by_source["a.md"], by_source["a.txt"], by_source["A.html"]}) == 3
    assert len({by_source[s] for s in by_source if s.startswith("caf")}) == 2


def test_hostile_titles_are_shown_as_written_on_one_line(project):
    by_source = {source: slug for slug, source in _pages(project).items()}
    page = (project / "site" / "articles" / f"{by_source['dot-dot.md']}.html").read_text(encoding="utf-8")
    assert "../../../../etc/passwd" in page
    control = (project / "docs" / "articles" / f"{by_source['control.md']}.md").read_text(encoding="utf-8")
    assert "\x07" not in control and "\x1b" not in control


def test_ids_that_cannot_name_a_page_are_reported_and_the_listings_kept(project):
    result = _cli(project, "check")
    assert result.returncode == 1  # check exits 1 when it found an error
    errors = [line for line in result.stderr.splitlines() if line.startswith(("topics.yml", "entities.yml"))]
    assert errors == [
        'entities.yml:1: error: entity id "index" is taken by the page that lists them all; choose another id; '
        "entry skipped",
        'topics.yml:1: error: topic id "index" is taken by the page that lists them all; choose another id; '
        "entry skipped",
        'topics.yml:4: error: topic id "CON" is a device name on Windows and cannot name a page; choose another id; '
        "entry skipped",
    ]
    docs = project / "docs"
    assert sorted(p.name for p in (docs / "topics").glob("*.md")) == ["fine.md", "index.md"]
    assert "\n# Topics\n" in (docs / "topics" / "index.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in (docs / "entities").glob("*.md")) == ["feed.md", "index.md"]
    assert "\n# Entities\n" in (docs / "entities" / "index.md").read_text(encoding="utf-8")


def test_file_names_are_printed_without_terminal_control_characters(project):
    result = _cli(project, "check")
    assert "ctrl\\x01name\\x7f.md: warning: no title found" in result.stderr
    assert "tab\\tand\\nnewline.md: warning: no title found" in result.stderr
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.stderr)
    assert all(DIAGNOSTIC.match(line) for line in result.stderr.splitlines())


def test_slugs_are_stable_when_an_unrelated_file_is_added(project):
    first = _pages(project)
    (project / "kb" / "0-new-first.md").write_text("---\ntitle: New\n---\nAnother article.\n", encoding="utf-8")
    (project / "kb" / "zz-new-last.txt").write_text("New last\n\nAnother article.\n", encoding="utf-8")
    build_project(project)
    second = _pages(project)
    assert {slug: source for slug, source in second.items() if source in first.values()} == first
    assert len(second) == len(first) + 2
