"""A KB with one broken file per case: every problem is reported with its file and line, the rest is built.

tests/fixtures/broken_kb/ holds one file per case; the 20 MB article is generated here, never committed.
The build runs through the command line, so the messages are checked exactly as a user reads them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, make_project

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "broken_kb"
DIAGNOSTIC = re.compile(r"^\S+?(?::\d+)?: (?:error|warning|note): ")

# Every line the build prints about the fixture KB, in the order it prints them (by file, then line).
EXPECTED = [
    "bad-date.md:3: warning: date 'the thirty-second of Smarch' is not a date: write it as YYYY-MM-DD; "
    "it was ignored",
    "bad-yaml.md: warning: no title found: the file name 'bad yaml' is used; add a title to the file",
    "bad-yaml.md:4: warning: front matter is not valid YAML (expected ',' or ']', but got ':'): "
    "all of it was ignored; fix the YAML",
    "binary.txt: error: the file holds binary data, not text: remove it or save it as plain text",
    "cp1252.txt: warning: the file is not UTF-8; it was read as cp1252: save it as UTF-8 if the text looks wrong",
    "deep-quotes.md: warning: parts of the article are nested more than 48 levels deep (quotes, lists or tags): "
    "the deeper levels are shown flat",
    "empty.txt: error: the file is empty: add some text or remove it",
    'entities.yml:8: error: entity "pakistan": "aliases": "english" is not a language code (like en, es, ru) '
    'or "*"; entry skipped',
    'entities.yml:9: error: duplicate entity id "blackberry" (first defined on line 1); rename one; entry skipped',
    "latin1.txt: warning: the file is not UTF-8; it was read as cp1252: save it as UTF-8 if the text looks wrong",
    "no-body.html: warning: no article text found in the page: check that it is the saved article and not an "
    "empty shell",
    "no-title.md: warning: no title found: the file name 'no title' is used; add a title to the file",
    "notes.docx: note: ignored: '.docx' is not an article format kbsite reads (.htm, .html, .markdown, .md, .txt)",
    'topics.yml:7: error: topic "pakistan-policy": pattern "(unclosed" is not a valid regular expression '
    "(missing ) at position 9); entry skipped",
    'topics.yml:8: error: duplicate topic id "encryption" (first defined on line 1); rename one; entry skipped',
    "unknown-lang.md:3: warning: lang 'zz' is not a known language code (such as en, es, ru or pt-BR): it was "
    "ignored and the language is detected from the text",
    "wrong-types.md:2: warning: title is a number (2015): it was used as text; put it in quotes to say so",
    "wrong-types.md:4: warning: topics must be a list or a comma-separated text, not a mapping: it was ignored",
    "wrong-types.md:6: warning: lang '7' is not a language code such as en or pt-BR: it was ignored",
]
HUGE = ("huge.txt: warning: the article is too long to show in full (20.1 MB): its page shows the first 2 MB; "
        "search covers all of it")
SERIOUS = sum(1 for line in EXPECTED if ": note: " not in line)

# Readable files -> (page slug, text its page must show). The unreadable ones get no page.
BUILT = {
    "good-encryption.md": ("good-encryption", "# Pakistan orders BlackBerry to open its servers"),
    "good-exit.txt": ("good-exit", "# BlackBerry stays in Pakistan after all"),
    "bad-yaml.md": ("bad-yaml", "front matter is not valid YAML is still read"),
    "wrong-types.md": ("wrong-types", "# 2015\n"),
    "no-title.md": ("no-title", "# no title\n"),
    "latin1.txt": ("latin1", "# Café en Pakistán"),
    "cp1252.txt": ("cp1252", "# “BlackBerry” leaves Pakistan – again"),
    "utf16.txt": ("utf16", "# Ответ BlackBerry"),
    "utf8-bom.txt": ("utf8-bom", "---\ntitle: De BlackBerry-zaak\n"),
    "mixed-endings.txt": ("mixed-endings", "This line ends with CRLF.<br/>\nThis one with LF.<br/>\n"
                                           "And this one with a lone CR.<br/>\nThe end."),
    "no-body.html": ("no-body", "# A page without a body"),
    "broken-nesting.html": ("broken-nesting", "<p>First <b>bold <i>both</i></b><i> italic</i> text.</p>"),
    "bad-date.md": ("bad-date", "# An article with a date that does not parse"),
    "huge.txt": ("huge", "# A very long article"),
    "deep-quotes.md": ("deep-quotes", "leaves Pakistan, deep down."),
    "unknown-lang.md": ("unknown-lang", "lang: es\n"),
}
UNREAD = ("empty", "binary", "notes")
LAST_WORD = "Zanzibarfinale"


def _write_huge(kb: Path) -> None:
    """20 MB of text in paragraphs, with a word only at its very end."""
    paragraph = "BlackBerry said that it would leave Pakistan rather than give the government its messages. " * 5
    body = "\n\n".join(f"{paragraph}Paragraph {i}." for i in range(42_000))
    (kb / "huge.txt").write_text(f"A very long article\n\n{body}\n\n{LAST_WORD}.\n", encoding="utf-8")


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build_index.py"), "--root", str(root), *args],
                          capture_output=True, text=True, check=False)


def _diagnostics(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if DIAGNOSTIC.match(line)]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = make_project(tmp_path_factory.mktemp("broken") / "p", FIXTURE, docs=REPO / "docs")
    _write_huge(root / "kb")
    return root, _run(root, "build", "--quiet")


def _in_file_order(line: str) -> tuple[str, int]:
    path, _, number = line.split(": ", 1)[0].partition(":")
    return path, int(number or 0)


def test_the_build_reports_every_problem_with_its_file_and_line_and_goes_on(built):
    _, result = built
    assert result.returncode == 0, result.stderr
    assert _diagnostics(result.stderr) == sorted([*EXPECTED, HUGE], key=_in_file_order)
    assert "Problems: 6 error(s), 13 warning(s), 1 note(s)" in result.stdout


@pytest.mark.parametrize("source", sorted(BUILT))
def test_good_and_readable_articles_get_their_page(built, source):
    root, _ = built
    slug, shown = BUILT[source]
    page = (root / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8")
    assert shown in page
    assert "\ufeff" not in page and "\r" not in page
    assert (root / "site" / "articles" / f"{slug}.html").is_file()


def test_unreadable_files_get_no_page_and_break_no_link(built):
    root, _ = built
    pages = {p.stem for p in (root / "docs" / "articles").glob("*.md")}
    assert pages == {slug for slug, _ in BUILT.values()}
    assert not any(p.startswith(UNREAD) for p in pages)


def test_a_bad_taxonomy_entry_is_skipped_and_the_good_ones_kept(built):
    root, _ = built
    assert sorted(p.name for p in (root / "docs" / "topics").glob("*.md")) == ["encryption.md", "index.md"]
    assert "\n# Encryption\n" in (root / "docs" / "topics" / "encryption.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in (root / "docs" / "entities").glob("*.md")) == ["blackberry.md", "index.md"]
    assert "\n# BlackBerry\n" in (root / "docs" / "entities" / "blackberry.md").read_text(encoding="utf-8")


def test_a_bad_date_is_dropped_and_a_wrong_type_coerced(built):
    root, _ = built
    assert "DC.date" in (root / "docs" / "articles" / "good-encryption.md").read_text(encoding="utf-8")
    assert "DC.date" not in (root / "docs" / "articles" / "bad-date.md").read_text(encoding="utf-8")
    assert "by Jane Doe, 42 · " in (root / "docs" / "articles" / "wrong-types.md").read_text(encoding="utf-8")


def test_a_20_mb_article_is_shown_in_part_and_searched_in_full(built):
    root, _ = built
    page = root / "docs" / "articles" / "huge.md"
    assert page.stat().st_size < 2_100_000
    assert "This article is too long to show in full here" in page.read_text(encoding="utf-8")
    assert LAST_WORD not in page.read_text(encoding="utf-8")
    assert "lang: en\n" in page.read_text(encoding="utf-8")
    found = _run(root, "search", LAST_WORD, "--json")
    assert found.returncode == 0, found.stderr
    assert [hit["path"] for hit in json.loads(found.stdout)] == ["kb/huge.txt"]


@pytest.fixture
def good_project(tmp_path) -> Path:
    """A project with only the two good articles, built: the state a broken build must leave alone."""
    kb = tmp_path / "kb"
    kb.mkdir()
    for name in ("good-encryption.md", "good-exit.txt"):
        shutil.copy(FIXTURE / name, kb / name)
    root = make_project(tmp_path / "p", kb, docs=REPO / "docs")
    result = _run(root, "build", "--quiet", "--strict")
    assert result.returncode == 0, result.stderr
    return root


def _outputs(root: Path) -> dict[str, dict[str, bytes]]:
    return {name: _tree(root / name) for name in ("docs", "site", ".kbsite/index")}


def test_strict_build_reports_every_problem_then_fails_and_writes_nothing(good_project):
    before = _outputs(good_project)
    shutil.rmtree(good_project / "kb")
    shutil.copytree(FIXTURE, good_project / "kb")
    result = _run(good_project, "build", "--quiet", "--strict")
    assert result.returncode == 1
    assert _diagnostics(result.stderr) == EXPECTED
    assert result.stderr.splitlines()[-1] == (
        f"Error: --strict: {SERIOUS} problem(s) in the KB (listed above); nothing was written")
    assert _outputs(good_project) == before


def _listing(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if "kbsite" not in p.parts[:1])


@pytest.mark.parametrize("strict", [False, True])
def test_check_reports_every_problem_and_writes_nothing(tmp_path, strict):
    root = make_project(tmp_path / "p", FIXTURE, docs=REPO / "docs")
    before = _listing(root), _tree(root)
    result = _run(root, "check", *(["--strict"] if strict else []))
    assert result.returncode == 1  # the KB has errors
    assert _diagnostics(result.stderr) == EXPECTED
    assert f"{len(EXPECTED)} problem(s)" in result.stdout
    assert (_listing(root), _tree(root)) == before
    assert not (root / ".kbsite").exists() and not (root / "site").exists()


def test_check_leaves_a_built_project_as_it_was(good_project):
    shutil.copy(FIXTURE / "binary.txt", good_project / "kb" / "binary.txt")
    before = _outputs(good_project), _tree(good_project / ".kbsite")
    result = _run(good_project, "check")
    assert result.returncode == 1
    assert _diagnostics(result.stderr) == [line for line in EXPECTED if line.startswith("binary.txt:")]
    assert (_outputs(good_project), _tree(good_project / ".kbsite")) == before


def test_check_exits_0_when_there_are_only_warnings_and_1_with_strict(good_project):
    (good_project / "kb" / "untitled.md").write_text("---\nlang: en\n---\nSome text without a title.\n",
                                                     encoding="utf-8")
    assert _run(good_project, "check").returncode == 0
    assert _run(good_project, "check", "--strict").returncode == 1
    (good_project / "kb" / "untitled.md").unlink()
    assert _run(good_project, "check", "--strict").returncode == 0
