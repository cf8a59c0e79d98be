"""The build warns when site/ nears or passes GitHub Pages' limit, and names what to turn off."""

from __future__ import annotations

from pathlib import Path

from kbsite.pages_limit import pages_warning, site_parts
from tests.conftest import build_project, make_project


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (site / "articles" / "a.html").write_bytes(b"x" * 6_000)
    (site / "offline.zip").write_bytes(b"z" * 3_000)
    (site / "index.html").write_bytes(b"i" * 1_000)
    return site


def test_the_parts_add_up_to_the_site(tmp_path: Path) -> None:
    parts = site_parts(_site(tmp_path))
    assert (parts["article pages"], parts["offline.zip"], parts["other files"]) == (6_000, 3_000, 1_000)
    assert sum(parts.values()) == 10_000


def test_no_warning_well_below_the_limit(tmp_path: Path) -> None:
    assert pages_warning(_site(tmp_path), shown="site", limit=12_600) is None  # 79%


def test_near_the_limit_it_warns_with_the_size_the_largest_parts_and_the_settings(tmp_path: Path) -> None:
    warning = pages_warning(_site(tmp_path), shown="site", limit=12_000, config_text="site_name: x\n")
    assert warning is not None and warning.severity == "warning" and warning.path == "site"
    assert "the site is 0.0 MB, 83% of GitHub Pages' limit" in warning.message
    assert "largest: article pages 0.0 MB, offline.zip 0.0 MB" in warning.message
    assert "offline_zip: false" in warning.message
    assert "a nav: in mkdocs.yml" in warning.message and "navigation.prune" in warning.message


def test_past_the_limit_it_says_so_and_leaves_out_what_is_already_off(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "offline.zip").unlink()
    warning = pages_warning(site, shown="site", limit=5_000, config_text="nav:\n  - Home: index.md\n",
                            auto_entities=300)
    assert warning is not None
    assert "more than GitHub Pages' limit" in warning.message
    assert "offline_zip" not in warning.message and "a nav:" not in warning.message
    assert "extra.kb.auto_entities (now 300)" in warning.message
    assert "search left out of plugins" not in warning.message


def test_materials_own_search_index_is_named(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_bytes(b"{}" * 2_000)
    warning = pages_warning(site, shown="site", limit=10_000)
    assert warning is not None and "search left out of plugins: in mkdocs.yml" in warning.message
    assert "Material's search index 0.0 MB" in warning.message


def test_a_build_past_a_tiny_limit_warns_and_still_publishes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    report = build_project(root, pages_limit=100_000)
    warnings = [d for d in report.diagnostics if "GitHub Pages" in d.message]
    assert len(warnings) == 1 and warnings[0].path == "site" and warnings[0].severity == "warning"
    assert "more than GitHub Pages' limit of 0.1 MB" in warnings[0].message
    assert "graph: false" in warnings[0].message and "offline_zip" not in warnings[0].message
    assert (root / "site" / "index.html").is_file()
    again = build_project(root)  # the real limit: the default KB is far below it
    assert not [d for d in again.diagnostics if "GitHub Pages" in d.message]


def _sized(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        f.truncate(size)  # sparse: the size a build would have, without writing it


def test_each_part_a_setting_leaves_out_comes_with_its_saving_biggest_first(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _sized(site / "articles" / "a.html", 100_000_000)
    _sized(site / "assets" / "kbsite" / "graph" / "entities" / "e.svg", 30_000_000)
    _sized(site / "assets" / "kbsite" / "search" / "m" / "0.js", 50_000_000)
    warning = pages_warning(site, shown="site", limit=150_000_000, config_text="nav:\n  - Home: index.md\n")
    assert warning is not None
    search = warning.message.index("--no-search, if readers search only from the terminal (saves 50.0 MB)")
    graph = warning.message.index("--no-graph (the pictures of the home, topic and entity pages) (saves 30.0 MB)")
    assert search < graph
    assert "Even without" not in warning.message  # turning those off is enough


def test_when_turning_everything_off_is_not_enough_it_says_so(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _sized(site / "articles" / "a.html", 200_000_000)
    _sized(site / "assets" / "kbsite" / "graph.svg", 30_000_000)
    warning = pages_warning(site, shown="site", limit=150_000_000, config_text="nav:\n  - Home: index.md\n")
    assert warning is not None
    assert ("Even without the zip, the graph and the search the site would be 0.20 GB: keep fewer articles in "
            "one site") in warning.message


def test_the_topic_and_entity_pages_name_the_setting_that_drops_their_passages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _sized(site / "entities" / "e.html", 90_000_000)
    _sized(site / "topics" / "t.html", 30_000_000)
    warning = pages_warning(site, shown="site", limit=100_000_000, config_text="nav:\n  - Home: index.md\n")
    assert warning is not None
    assert "passages: false under extra.kb in mkdocs.yml, or --no-passages: the topic and entity pages (0.12 GB)" \
        in warning.message
