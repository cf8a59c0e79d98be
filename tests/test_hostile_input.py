"""The hostile KB built through the command line: every hostile file is one message naming it, the build goes on,
--strict makes it fatal, and no traceback is ever printed (tests/browser/test_hostile.py opens the pages).

The KB holds YAML tags that would run a command, YAML and Markdown nested hundreds of levels deep, a topic
pattern that backtracks for ever, titles that reverse their own text and a language code that does not exist.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, make_project

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "hostile_kb"
DIAGNOSTIC = re.compile(r"^\S+?(?::\d+)?: (?:error|warning|note): ")
CANARY = Path("/tmp/kbsite-pwned")  # what the YAML tags in the fixture would create if they ever ran
TAG = "use plain text, numbers, lists and mappings"
# The lines about the files added for the crash round, as the build prints them.
EXPECTED = [
    'bidi-title.txt.meta.yml:2: warning: metadata file is not valid YAML (the tag "!!python/name:os.system" is not '
    f"allowed: {TAG}): all of it was ignored; fix the YAML",
    "deep-front-matter.md:3: warning: tags must hold only texts, not a list: that item was ignored",
    "deep-lists.md: warning: the Markdown is nested too deeply to render (lists or quotes hundreds of levels deep): "
    "it is shown as plain text",
    "deep-quotes.md: warning: parts of the article are nested more than 48 levels deep (quotes, lists or tags): the "
    "deeper levels are shown flat",
    f'entities.yml:12: error: the YAML tag "!!python/name:os.system" is not allowed: {TAG}; entry skipped',
    'topics.yml:14: error: topic "backtracking": pattern "(a|a)+$" can take forever on some texts',
    f'topics.yml:16: error: the YAML tag "!!python/object/apply:os.system" is not allowed: {TAG}; entry skipped',
    "unknown-lang.md:3: warning: lang 'zz' is not a known language code (such as en, es, ru or pt-BR): it was "
    "ignored and the language is detected from the text",
    'yaml-tag.md:2: warning: front matter is not valid YAML (the tag "!!python/object/apply:os.system" is not '
    f"allowed: {TAG}): all of it was ignored; fix the YAML",
]


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build_index.py"), "--root", str(root), *args],
                          capture_output=True, text=True, check=False, timeout=600)


def _clean_output(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The diagnostics; fails on a traceback or on any other line in stderr but the final error."""
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = result.stderr.splitlines()
    assert all(DIAGNOSTIC.match(line) or line.startswith("Error: ") for line in lines), result.stderr
    return [line for line in lines if DIAGNOSTIC.match(line)]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    CANARY.unlink(missing_ok=True)
    return make_project(tmp_path_factory.mktemp("hostile") / "p", FIXTURE, docs=REPO / "docs")


@pytest.fixture(scope="module")
def built(project) -> subprocess.CompletedProcess[str]:
    return _run(project, "build", "--quiet")


def test_every_hostile_file_is_one_message_and_the_build_goes_on(project, built):
    assert built.returncode == 0, built.stderr
    lines = _clean_output(built)
    for expected in EXPECTED:
        assert sum(line.startswith(expected) for line in lines) == 1, expected
    assert not CANARY.exists()
    articles = project / "docs" / "articles"
    for slug in ("deep-quotes", "deep-lists", "deep-front-matter", "yaml-tag", "unknown-lang", "bidi-title"):
        assert (articles / f"{slug}.md").is_file(), slug
        assert (project / "site" / "articles" / f"{slug}.html").is_file(), slug
    assert sorted(p.stem for p in (project / "docs" / "topics").glob("*.md")) == ["index", "infiltration", "payloads"]


def test_titles_lose_their_direction_overrides_everywhere_they_are_shown(project, built):
    page = (project / "docs" / "articles" / "bidi-title.md").read_text(encoding="utf-8")
    assert "Invoice exe.pdf from evilcorp" in page
    for path in (project / "site").rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".js"):
            assert "\u202e" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_an_unknown_language_falls_back_to_detection(project, built):
    assert "lang: en\n" in (project / "docs" / "articles" / "unknown-lang.md").read_text(encoding="utf-8")


def test_strict_reports_the_same_then_fails(tmp_path):
    root = make_project(tmp_path / "p", FIXTURE, docs=REPO / "docs")
    result = _run(root, "build", "--quiet", "--strict", "--no-site")
    assert result.returncode == 1
    lines = _clean_output(result)
    assert all(any(line.startswith(e) for line in lines) for e in EXPECTED)
    assert result.stderr.splitlines()[-1].startswith("Error: --strict: ")
    assert not (root / "docs" / "articles").exists()


def test_check_exits_1_and_writes_nothing(tmp_path):
    root = make_project(tmp_path / "p", FIXTURE)
    shutil.rmtree(root / "docs")
    result = _run(root, "check")
    assert result.returncode == 1
    assert all(any(line.startswith(e) for line in _clean_output(result)) for e in EXPECTED)
    assert not (root / "docs").exists() and not (root / ".kbsite").exists()
