"""Outputs declared once (kbsite.outputs): read from the settings, turned off, linked only when made."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest

from kbsite.config import load_settings
from kbsite.errors import KbError
from kbsite.outputs import DECLARED, NAMES, Outputs, prune_nav, read_outputs, zip_in_site
from tests.conftest import REPO, build_project, make_project
from tests.golden import set_kb_settings


def test_every_output_is_declared_once_with_its_setting():
    assert tuple(f.name for f in dataclasses.fields(Outputs)) == NAMES
    assert len(set(NAMES)) == len(NAMES)
    assert all(Outputs().enabled(name) for name in NAMES)  # on by default


def test_settings_turn_outputs_off_and_report_every_bad_value():
    problems: list[str] = []
    outputs = read_outputs({"feeds": False, "graph": "no", "offline_zip": "../out.zip", "tags": None}, problems)
    assert outputs == Outputs(feeds=False)
    assert len(problems) == 2
    assert "extra.kb.graph must be true or false" in problems[0] and "extra.kb.offline_zip" in problems[1]
    assert read_outputs({"offline_zip": False}, []).offline_zip is None
    assert read_outputs({"offline_zip": True}, []).offline_zip == "offline.zip"
    assert read_outputs({"offline_zip": "site/dl/kb.zip"}, []).offline_zip == "site/dl/kb.zip"
    for bad in ("/tmp/x.zip", "a/../../x.zip", "site", 3):
        problems = []
        read_outputs({"offline_zip": bad}, problems)
        assert problems, bad


def test_without_turns_named_outputs_off():
    outputs = Outputs().without("feeds", "offline_zip")
    assert not outputs.feeds and outputs.offline_zip is None and outputs.graph


def test_the_zip_is_linked_only_inside_the_site(tmp_path):
    site = tmp_path / "site"
    assert zip_in_site(Outputs(), tmp_path, site) is None  # beside the site, by default
    assert zip_in_site(Outputs(offline_zip="site/dl/kb.zip"), tmp_path, site) == "dl/kb.zip"
    assert zip_in_site(Outputs(offline_zip=None), tmp_path, site) is None


def test_nav_loses_the_pages_of_outputs_turned_off():
    nav = [{"Home": "index.md"}, {"Timeline": "timeline.md"}, {"More": [{"Search": "search/index.md"}]},
           "about.md", {"Search again": "search/index.md"}]
    missing = Outputs(timeline=False, search=False).missing_pages()
    assert missing == {"timeline.md", "search/index.md"}
    assert prune_nav(nav, missing) == [{"Home": "index.md"}, "about.md"]
    assert prune_nav(nav, Outputs().missing_pages()) == nav
    assert prune_nav(None, missing) is None  # no nav: MkDocs lists the pages there are


def test_mkdocs_yml_settings_and_a_zip_where_it_would_be_read(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nextra:\n  kb:\n    feeds: false\n    offline_zip: x.zip\n")
    assert load_settings(tmp_path).outputs == Outputs(feeds=False, offline_zip="x.zip")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nextra:\n  kb:\n    offline_zip: docs/x.zip\n")
    with pytest.raises(KbError, match=r"offline_zip: docs/x\.zip is inside docs_dir"):
        load_settings(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - kbsite:\n      timeline: 0\n")
    with pytest.raises(KbError, match=r"extra\.kb\.timeline must be true or false"):
        load_settings(tmp_path)


def test_the_cli_has_a_flag_for_each_output():
    from kbsite.cli import _parser

    args = _parser().parse_args(["build", *(f"--no-{o.name.replace('_', '-')}" for o in DECLARED)])
    assert all(getattr(args, f"no_{name}") for name in NAMES)


@pytest.mark.slow
def test_a_zip_inside_the_site_is_published_and_linked_and_search_can_be_off(tmp_path):
    root = make_project(tmp_path / "p", docs=REPO / "docs")
    set_kb_settings(root, {"offline_zip": "site/dl/kb.zip", "search": False})
    build_project(root, strict=True)
    site = root / "site"
    with zipfile.ZipFile(site / "dl" / "kb.zip") as zf:
        names = zf.namelist()
    assert "site/index.html" in names and "site/dl/kb.zip" not in names
    assert not (root / "offline.zip").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="dl/kb.zip"' in home
    # the browser search is off: no page, no index files, no header box, no nav entry
    assert not (root / "docs" / "search").exists() and not (site / "assets" / "kbsite" / "search").exists()
    assert "kb-hsearch" not in home and "search/index.html" not in home
    assert (root / ".kbsite" / "index").is_dir()  # the terminal search is another output, still on
    assert not list(Path(root).rglob(".*.partial"))


@pytest.mark.slow
def test_the_command_line_turns_outputs_off_for_one_build(tmp_path):
    """mkdocs.yml's nav names the timeline and the search page: with --strict, MkDocs would fail on their links."""
    from kbsite.cli import main

    root = make_project(tmp_path / "p", docs=REPO / "docs")
    assert main(["--root", str(root), "build", "--strict", "--quiet", "--jobs", "1", "--no-timeline", "--no-search",
                 "--no-offline-zip", "--no-index"]) == 0
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "timeline.html" not in home and "search/index.html" not in home and "kb-hsearch" not in home
    assert not (root / "docs" / "timeline.md").exists() and not (root / "offline.zip").exists()
    assert not (root / ".kbsite" / "index").exists()
    assert 'href="topics/index.html"' in home  # the rest of the nav stays
