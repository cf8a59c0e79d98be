"""The default KB's pages equal the reviewed golden copies (tests/golden/; `make golden` rewrites them),
with every output and with some turned off; no page links an output that was not made."""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.golden import CASES, LEAN, build_case, generated_pages

pytestmark = pytest.mark.slow

LINK = re.compile(r"\]\(([^)\s]+)\)|(?:href|src|data)=\"([^\"]+)\"")


@pytest.fixture(scope="session")
def lean_site(tmp_path_factory) -> Path:
    """The default KB built (strict, with the site) with the outputs of tests.golden.LEAN turned off."""
    return build_case(tmp_path_factory.mktemp("lean") / "project", LEAN)


def _compare(docs: Path, golden: Path) -> None:
    expected = {p.relative_to(golden).as_posix(): p.read_bytes() for p in sorted(golden.rglob("*")) if p.is_file()}
    actual = generated_pages(docs)
    assert sorted(actual) == sorted(expected), "pages added or removed: run `make golden` and review the diff"
    changed = [rel for rel in expected if actual[rel] != expected[rel]]
    assert changed == [], "pages changed: run `make golden` and review the diff"


def test_generated_pages_equal_the_golden_copy(default_site):
    _compare(default_site / "docs", CASES["docs"][1])


def test_with_outputs_turned_off_pages_equal_their_golden_copy(lean_site):
    _compare(lean_site / "docs", CASES["lean"][1])


def _broken_links(docs: Path) -> list[str]:
    """Every relative link of a generated page to a file that is not in docs/ (as .md or as built .html)."""
    broken = []
    for rel, data in generated_pages(docs).items():
        if not rel.endswith(".md"):
            continue
        for match in LINK.finditer(data.decode("utf-8")):
            target = unquote((match.group(1) or match.group(2)).split("#")[0].split("?")[0])
            if not target or re.match(r"[a-z]+:", target) or target.startswith("/"):
                continue
            path = (Path(rel).parent / target).as_posix()
            resolved = Path(docs, path).resolve()
            if not (resolved.is_file() or resolved.with_suffix(".md").is_file()):
                broken.append(f"{rel} -> {target}")
    return broken


@pytest.mark.parametrize("case", ["default_site", "lean_site"])
def test_no_page_links_an_output_that_was_not_made(case, request):
    root = request.getfixturevalue(case)
    assert _broken_links(root / "docs") == []


def test_outputs_turned_off_are_not_made_nor_linked(lean_site, default_site):
    docs, site = lean_site / "docs", lean_site / "site"
    assert not (docs / "feed.xml").exists() and not (docs / "timeline.md").exists()
    assert not (docs / "tags").exists() and not (docs / "assets" / "kbsite" / "graph.svg").exists()
    assert not (lean_site / "offline.zip").exists() and not (site / "offline.zip").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "timeline.html" not in home and "feed.xml" not in home and "graph.svg" not in home
    assert 'href="search/index.html"' in home  # what stays on is still linked
    # with every output, the same links are there: the check above can fail
    full = (default_site / "site" / "index.html").read_text(encoding="utf-8")
    assert "timeline.html" in full and "feed.xml" in full and "graph.svg" in full
    assert (default_site / "offline.zip").is_file()
