"""The MkDocs build in forked chunks: the same site, byte for byte, and the same log as MkDocs' own build()."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest
from mkdocs.commands import build as mk
from mkdocs.config import load_config

from kbsite.mkdocs_parallel import _chunks, build_site
from tests.conftest import REPO, build_project, make_project

FIXTURE = REPO / "tests" / "fixtures" / "mkdocs_parallel" / "docs"
NAV = [{"Home": "index.md"}, "guide.md", {"About": "about.md"}]


class Records(logging.Handler):
    """What a handler on the "mkdocs" logger sees, like kbsite's warning collector and strict mode."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seen: list[tuple[str, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.getMessage().startswith("Documentation built in"):  # a duration
            self.seen.append((record.levelname, record.name, record.getMessage()))


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _run(builder, config_file: Path, site: Path, **overrides) -> tuple[dict[str, bytes], list[tuple], str | None]:
    """The site tree, the log records and the error of one build."""
    config = load_config(str(config_file), site_dir=str(site), **overrides)
    records = Records()
    mk_log = logging.getLogger("mkdocs")
    level = mk_log.level
    mk_log.setLevel(logging.INFO)
    mk_log.addHandler(records)
    aborted = None
    try:
        builder(config)
    except Exception as exc:
        aborted = f"{type(exc).__name__}: {exc}"
    finally:
        mk_log.removeHandler(records)
        mk_log.setLevel(level)
    return _tree(site), records.seen, aborted


def _both(monkeypatch, tmp_path: Path, config_file: Path, *, chunk: int, **overrides):
    """MkDocs' own build, then ours with 2 workers into the same folder (MkDocs' build() may not run)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1430000000")
    site = tmp_path / "site"
    serial = _run(mk.build, config_file, site, **overrides)

    def no_serial_build(*_args, **_kwargs):
        raise AssertionError("the parallel build fell back to MkDocs' own build()")

    with monkeypatch.context() as patch:
        patch.setattr(mk, "build", no_serial_build)
        parallel = _run(lambda config: build_site(config, workers=2, chunk=chunk), config_file, site, **overrides)
    return serial, parallel


def _fixture_overrides(**more) -> dict:
    """The fixture's pages with the project's mkdocs.yml; an extra template that is missing is one more warning."""
    return {"docs_dir": str(FIXTURE), "nav": NAV, "site_url": "https://example.org/kb/",
            "extra_templates": ["missing.html"], **more}


def test_fixture_site_and_warnings_are_those_of_mkdocs(monkeypatch, tmp_path):
    (serial_tree, serial_log, serial_abort), parallel = _both(
        monkeypatch, tmp_path, REPO / "mkdocs.yml", chunk=2, **_fixture_overrides())
    assert serial_abort is None
    assert "notes/three.html" in serial_tree and "img/dot.svg" in serial_tree and "files/data.txt" in serial_tree
    assert b"The Guide" in serial_tree["notes/three.html"]  # the nav title from the guide's H1
    warnings = [message for level, _, message in serial_log if level == "WARNING"]
    assert any("missing.md" in m for m in warnings)
    assert any("#nowhere" in m for m in warnings)
    assert any("#here" in m for m in warnings)
    assert not any("#section-b" in m for m in warnings)
    assert parallel == (serial_tree, serial_log, None)


@pytest.mark.slow
def test_default_kb_site_and_warnings_are_those_of_mkdocs(monkeypatch, tmp_path, default_docs):
    serial, parallel = _both(monkeypatch, tmp_path, default_docs / "mkdocs.yml", chunk=3)
    assert len([p for p in serial[0] if p.startswith("articles/")]) >= 5
    assert parallel == serial


def test_strict_aborts_the_same_way(monkeypatch, tmp_path):
    serial, parallel = _both(monkeypatch, tmp_path, REPO / "mkdocs.yml", chunk=3, **_fixture_overrides(strict=True))
    assert serial[2] == "Abort: Aborted with 4 warnings in strict mode!"
    assert parallel == serial


@pytest.mark.parametrize("five", [b"---\ntemplate: no-such-template.html\n---\n# Five\n", b"# Five \xff\xfe\n"],
                         ids=["cannot-build", "cannot-read"])
def test_a_page_that_fails_fails_both_the_same_way(monkeypatch, tmp_path, five):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    (docs / "notes" / "five.md").write_bytes(five)  # in the second of four chunks
    serial, parallel = _both(monkeypatch, tmp_path, REPO / "mkdocs.yml", chunk=2,
                             **_fixture_overrides(docs_dir=str(docs)))
    assert serial[2] is not None and serial[1][-1][0] == "ERROR"
    assert parallel[1:] == serial[1:]


def test_a_process_that_dies_fails_the_build_instead_of_hanging_it(monkeypatch, tmp_path):
    build_page = mk._build_page

    def killed_on_two(page, *args, **kwargs):
        if page.file.src_uri == "notes/two.md":
            os._exit(9)  # as the kernel's out-of-memory killer would, without a word
        build_page(page, *args, **kwargs)

    monkeypatch.setattr(mk, "_build_page", killed_on_two)
    _, log, aborted = _run(lambda config: build_site(config, workers=2, chunk=2), REPO / "mkdocs.yml",
                           tmp_path / "site", **_fixture_overrides())
    assert aborted == "Abort: Aborted with a BuildError!"
    assert "The process building pages 7 to 7 ended (exit code 9" in log[-1][2]  # a chunk of one page: two.md


def test_a_plugin_with_state_gets_mkdocs_own_build(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1430000000")
    overrides = _fixture_overrides(plugins=["search"])
    tree, _, aborted = _run(lambda config: build_site(config, workers=2, chunk=2), REPO / "mkdocs.yml",
                            tmp_path / "site", **overrides)
    assert aborted is None
    index = json.loads(tree["search/search_index.json"])
    indexed = {doc["location"].split("#")[0] for doc in index["docs"]}
    pages = {p for p in tree if p.endswith(".html") and p not in ("404.html", "search.html")}
    assert pages <= indexed


def test_the_static_files_are_copied_beside_the_pages_and_a_failure_to_copy_is_reported(monkeypatch, tmp_path):
    """In a child of their own, while the pages are built; a file that cannot be written fails the build as in
    MkDocs' own, with MkDocs' error."""
    copied_by = []
    real = mk.Files.copy_static_files

    def copy(self, *args, **kwargs):
        copied_by.append(os.getpid())
        os.write(pipe_in, b"x")
        return real(self, *args, **kwargs)

    pipe_out, pipe_in = os.pipe()
    monkeypatch.setattr(mk.Files, "copy_static_files", copy)
    tree, _, aborted = _run(lambda config: build_site(config, workers=2, chunk=2), REPO / "mkdocs.yml",
                            tmp_path / "site", **_fixture_overrides())
    assert aborted is None and os.read(pipe_out, 10) == b"x"  # the copy ran, in another process
    assert "assets/kbsite/site.css" in tree and not copied_by

    def cannot_copy(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "site" / "assets"))

    monkeypatch.setattr(mk.Files, "copy_static_files", cannot_copy)
    _, _, aborted = _run(lambda config: build_site(config, workers=2, chunk=2), REPO / "mkdocs.yml",
                         tmp_path / "again", **_fixture_overrides())
    assert aborted == f"PermissionError: [Errno 13] Permission denied: '{tmp_path / 'site' / 'assets'}'"


@pytest.mark.parametrize(("pages", "workers", "chunk"), [(7, 2, 2), (1300, 2, 1000), (5000, 2, 1000), (3, 4, 1),
                                                       (1, 2, 1000), (0, 2, 1000)])
@pytest.mark.parametrize("costs", ["even", "uneven"])
def test_chunks_cover_every_page_once_in_order_and_none_is_too_big(pages, workers, chunk, costs):
    bounds = _chunks([1 if costs == "even" else 1 + (n % 7) * (n % 3) for n in range(pages)], workers, chunk)
    assert [i for start, stop in bounds for i in range(start, stop)] == list(range(pages))
    assert all(0 < stop - start <= chunk for start, stop in bounds)


def test_chunks_of_costly_pages_hold_fewer_pages():
    """A KB's last pages (its topics, listing hundreds of articles) cost more: no chunk takes much more than its
    share, so no core waits long for the last one."""
    costs = [20 + 10] * 2400 + [20 + 40] * 800  # articles, then entity and topic pages four times as long
    bounds = _chunks(costs, 2, 1000)
    shares = [sum(costs[start:stop]) for start, stop in bounds]
    assert len(bounds) % 2 == 0 and len(bounds) >= 8
    assert max(shares) - min(shares) <= 60  # two pages' worth


@pytest.fixture(scope="module")
def default_docs(tmp_path_factory) -> Path:
    """The default KB's generated docs/, without a site."""
    root = make_project(tmp_path_factory.mktemp("parallel") / "project", docs=REPO / "docs")
    build_project(root, site=False)
    return root


def test_a_cached_page_is_built_again_when_a_page_it_links_to_is_gone(monkeypatch, tmp_path):
    """Whether a link finds its page is part of the page's HTML (and of its warnings), though not of its key."""
    from kbsite.page_cache import PageCache

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1430000000")
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    four = docs / "notes" / "four.md"
    four.write_text(four.read_text(encoding="utf-8") + "\nAnd [the first note](one.md).\n", encoding="utf-8")
    cache = PageCache(tmp_path / "cache")

    def cached(config):
        build_site(config, workers=2, chunk=2, cache=cache)

    first = _run(cached, REPO / "mkdocs.yml", tmp_path / "first", **_fixture_overrides(docs_dir=str(docs)))
    assert b'href="one.html"' in first[0]["notes/four.html"]
    (docs / "notes" / "one.md").unlink()
    built = tmp_path / "built.txt"
    build_page = mk._build_page

    def logged(page, *args, **kwargs):
        with built.open("a", encoding="utf-8") as out:
            out.write(page.file.src_uri + "\n")
        build_page(page, *args, **kwargs)

    serial = _run(mk.build, REPO / "mkdocs.yml", tmp_path / "site", **_fixture_overrides(docs_dir=str(docs)))
    monkeypatch.setattr(mk, "_build_page", logged)
    again = _run(cached, REPO / "mkdocs.yml", tmp_path / "site", **_fixture_overrides(docs_dir=str(docs)))
    assert again == serial
    assert set(built.read_text(encoding="utf-8").split()) == {"notes/four.md"}
