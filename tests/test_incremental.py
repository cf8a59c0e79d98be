"""Incremental, parallel and repeated builds give exactly what a clean single-process build gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kbsite.config import load_settings
from kbsite.index.query import search
from kbsite.pipeline import read_taxonomy
from tests.conftest import REPO, build_project, make_project

pytestmark = pytest.mark.slow


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _hits(root: Path, query: str) -> list[tuple[str, float]]:
    settings = load_settings(root)
    taxonomy, _ = read_taxonomy(settings)
    return [(h.path, h.score) for h in search(settings.index_dir, query, taxonomy=taxonomy, limit=20).hits]


def _assert_same_output(a: Path, b: Path) -> None:
    assert _tree(a / "docs") == _tree(b / "docs")
    assert _tree(a / "site") == _tree(b / "site")
    for query in ("Pakistan", "BlackBerry", "серверам", "Marty Beard", "back doors"):
        assert _hits(a, query) == _hits(b, query), query


def _edit(root: Path) -> None:
    """Change one article, delete one, add one."""
    kb = root / "kb"
    first = sorted(kb.glob("0*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nNSA and Reuters were mentioned later.\n",
                     encoding="utf-8")
    sorted(kb.glob("0*.txt"))[-1].unlink()
    (kb / "new.md").write_text("---\ntitle: A new article\nlang: en\n---\nBlackBerry and Pakistan, again.\n",
                               encoding="utf-8")


def test_same_kb_builds_the_same_bytes(tmp_path):
    a = make_project(tmp_path / "a", docs=REPO / "docs")
    b = make_project(tmp_path / "b", docs=REPO / "docs")
    build_project(a)
    build_project(b)
    build_project(b)  # a second build over the first changes nothing
    _assert_same_output(a, b)


def test_incremental_build_equals_a_clean_build(tmp_path):
    inc = make_project(tmp_path / "inc", docs=REPO / "docs")
    report = build_project(inc)
    assert report.analysed == 5
    _edit(inc)
    report = build_project(inc)
    assert (report.analysed, report.reused) == (2, 3)

    clean = make_project(tmp_path / "clean", docs=REPO / "docs")
    shutil.rmtree(clean / "kb")
    shutil.copytree(inc / "kb", clean / "kb")
    build_project(clean, incremental=False)
    _assert_same_output(inc, clean)


def test_parallel_build_equals_single_process(tmp_path):
    one = make_project(tmp_path / "one", docs=REPO / "docs")
    many = make_project(tmp_path / "many", docs=REPO / "docs")
    for i in range(110):  # enough articles for the worker pools of analysis and of the pages to be used
        (many / "kb" / f"extra{i}.md").write_text(f"---\ntitle: Extra {i}\n---\nPakistan and BlackBerry {i}.\n")
        (one / "kb" / f"extra{i}.md").write_text(f"---\ntitle: Extra {i}\n---\nPakistan and BlackBerry {i}.\n")
    build_project(one, workers=1)
    build_project(many, workers=2)
    _assert_same_output(one, many)


def test_updating_a_hard_linked_copy_of_the_index_leaves_the_live_one_intact(tmp_path):
    from kbsite.index.whoosh_index import update_index
    from kbsite.publish import link_or_copy

    root = make_project(tmp_path / "p")
    build_project(root, site=False)
    live = root / ".kbsite" / "index"
    before = _tree(live)
    copy = tmp_path / "copy"
    shutil.copytree(live, copy, copy_function=link_or_copy)
    settings = load_settings(root)
    taxonomy, _ = read_taxonomy(settings)
    records, texts = search_records_of(root)
    update_index(copy, records[:-1], [records[0].source, records[-1].source], taxonomy, texts=texts)
    assert _tree(live) == before
    assert _tree(copy) != before


def search_records_of(root: Path):
    from kbsite.gather import discover, gather
    from kbsite.link import link
    from kbsite.pipeline import record_texts, search_records

    settings = load_settings(root)
    taxonomy, digest = read_taxonomy(settings)
    jobs, _ = discover(settings.kb_dir)
    articles = gather(jobs, taxonomy, taxonomy_digest=digest, code_digest="", cache=None, stats=None).articles
    site = link(articles, taxonomy, "t")
    records = search_records(site, settings)
    return records, record_texts(site, settings)


def test_a_full_build_refills_the_cache_for_the_next_build(tmp_path):
    root = make_project(tmp_path / "p")
    assert build_project(root, site=False, incremental=False).analysed == 5
    report = build_project(root, site=False)
    assert (report.analysed, report.reused) == (0, 5)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_holds_no_article_text_and_reads_it_back_from_the_cache(tmp_path, monkeypatch, workers):
    """Bounded memory: the linked Site has only what links the KB; its pages and indexes still have every word."""
    import kbsite.pipeline

    linked = []
    monkeypatch.setattr(kbsite.pipeline, "link",
                        lambda *args, **kw: linked.append(kbsite.link.link(*args, **kw)) or linked[-1])
    root = make_project(tmp_path / "p")
    (root / "kb" / "zz.md").write_text("---\ntitle: Late note\n---\nA quokka wrote about Pakistan.\n",
                                       encoding="utf-8")
    for build in range(2):  # analysed, then read back from the cache
        report = build_project(root, site=False, incremental=True, workers=workers)
        assert report.reused == 6 * build
        (site,) = linked[build:]
        assert {(a.text, a.html) for a in site.articles.values()} == {("", "")}
        assert site.body("zz").text.endswith("A quokka wrote about Pakistan.")
        assert "A quokka wrote about" in (root / "docs" / "articles" / "zz.md").read_text(encoding="utf-8")
        assert [hit[0] for hit in _hits(root, "quokka")] == ["kb/zz.md"]
        browser = (root / "docs" / "assets" / "kbsite" / "search").rglob("*.js")
        assert any("A quokka wrote" in path.read_text(encoding="utf-8") for path in browser)
        (root / "kb" / "yy.md").write_text("---\ntitle: Another\n---\nNothing.\n", encoding="utf-8")  # a reason


def test_every_long_stage_reports_progress(tmp_path):
    labels: dict[str, int] = {}

    def progress(items, total, label):
        for item in items:
            labels[label] = labels.get(label, 0) + 1
            yield item

    root = make_project(tmp_path / "p")
    build_project(root, progress=progress)
    assert labels["analyse"] == 5 and labels["link"] == 5  # the five default articles
    assert labels["write"] > 5 and labels["index"] >= 1 and labels["zip"] > labels["write"]


def _edit_article(root: Path) -> None:
    first = sorted((root / "kb").glob("0*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nNSA and Reuters were mentioned later.\n",
                     encoding="utf-8")


def _add_article(root: Path) -> None:
    (root / "kb" / "new.md").write_text("---\ntitle: A new article\nlang: en\ndate: 2015-12-31\n---\n"
                                        "BlackBerry and Pakistan, again.\n", encoding="utf-8")


def _delete_article(root: Path) -> None:
    last = sorted((root / "kb").glob("0*.txt"))[-1]
    last.unlink()
    last.with_name(last.name + ".meta.yml").unlink(missing_ok=True)


def _change_topics(root: Path) -> None:
    path = root / "kb" / "topics.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("en: [backdoor, back door]",
                                                             "en: [backdoor, back door, Reuters]"), encoding="utf-8")


def _change_entities(root: Path) -> None:
    path = root / "kb" / "entities.yml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "\n- id: reuters-agency\n  name: Reuters\n  type: organisation\n", encoding="utf-8")


def _change_mkdocs_yml(root: Path) -> None:
    path = root / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("primary: indigo", "primary: teal"), encoding="utf-8")


CHANGES = {"edit": _edit_article, "add": _add_article, "delete": _delete_article, "topics.yml": _change_topics,
           "entities.yml": _change_entities, "mkdocs.yml": _change_mkdocs_yml}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_after_a_change_an_incremental_build_equals_a_clean_full_build(tmp_path, change):
    """The page cache and the skipped stages may never show through: the site is byte for byte a clean build's."""
    inc = make_project(tmp_path / "inc", docs=REPO / "docs")
    build_project(inc, workers=2)
    before = _tree(inc / "docs")
    CHANGES[change](inc)
    build_project(inc, workers=2)
    if change != "mkdocs.yml":
        assert _tree(inc / "docs") != before, "the change must reach the pages for this test to mean anything"

    clean = make_project(tmp_path / "clean", docs=REPO / "docs")
    shutil.rmtree(clean / "kb")
    shutil.copytree(inc / "kb", clean / "kb")
    shutil.copy(inc / "mkdocs.yml", clean / "mkdocs.yml")
    build_project(clean, incremental=False)
    _assert_same_output(inc, clean)


def _built_pages(monkeypatch, log: Path) -> None:
    """Every page MkDocs builds, also in forked children, appended to `log`."""
    from mkdocs.commands import build as mk

    build_page = mk._build_page

    def logged(page, *args, **kwargs):
        with log.open("a", encoding="utf-8") as out:
            out.write(page.file.src_uri + "\n")
        build_page(page, *args, **kwargs)

    monkeypatch.setattr(mk, "_build_page", logged)


def test_after_one_article_changes_mkdocs_builds_only_the_pages_whose_markdown_changed(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p", docs=REPO / "docs")
    build_project(root, workers=2)
    before = _tree(root / "docs")
    _edit_article(root)
    log = tmp_path / "built.txt"
    _built_pages(monkeypatch, log)
    build_project(root, workers=2)
    after = _tree(root / "docs")
    changed = {path for path, data in after.items() if path.endswith(".md") and before.get(path) != data}
    assert changed and len(changed) < len(after) / 2
    assert set(log.read_text(encoding="utf-8").split()) == changed


def test_a_rebuild_with_nothing_changed_does_nothing_and_reports_the_same(tmp_path, monkeypatch):
    import kbsite.pipeline

    root = make_project(tmp_path / "p", docs=REPO / "docs")
    (root / "kb" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    first = build_project(root)
    assert first.diagnostics
    site = _tree(root / "site")

    def no_analysis(*_args, **_kwargs):
        raise AssertionError("an unchanged KB was analysed again")

    with monkeypatch.context() as patch:
        patch.setattr(kbsite.pipeline, "_read_and_analyse", no_analysis)
        again = build_project(root)
    assert (again.articles, again.pages, again.diagnostics, again.epoch) == (
        first.articles, first.pages, first.diagnostics, first.epoch)
    assert _tree(root / "site") == site

    (root / "site" / "index.html").unlink()  # an output that changed is a reason to build
    (root / "docs" / "about.md").write_text("# About\n\nChanged.\n", encoding="utf-8")
    build_project(root)
    assert (root / "site" / "index.html").read_bytes() == site["index.html"]
    assert b"Changed." in (root / "site" / "about.html").read_bytes()


def test_after_one_article_changes_only_the_pages_that_show_it_are_rendered_again(tmp_path):
    """The write stage takes every other page from the last build: a rebuild costs what changed, not the KB."""
    root = make_project(tmp_path / "p", docs=REPO / "docs")
    first = build_project(root, site=False, workers=2)
    assert first.rendered > first.pages / 2  # the article, topic, entity and listing pages
    before = _tree(root / "docs")
    _edit_article(root)
    report = build_project(root, site=False, workers=2)
    after = _tree(root / "docs")
    changed = {path for path, data in after.items() if path.endswith(".md") and before.get(path) != data}
    assert changed and len(changed) <= report.rendered < first.rendered / 2

    clean = make_project(tmp_path / "clean", docs=REPO / "docs")
    shutil.rmtree(clean / "kb")
    shutil.copytree(root / "kb", clean / "kb")
    build_project(clean, site=False, incremental=False)
    assert _tree(clean / "docs") == after
