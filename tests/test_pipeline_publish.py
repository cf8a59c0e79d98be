"""A build that cannot publish says why, naming the folder, and leaves the last good site, pages and index."""

from __future__ import annotations

import errno
import os
import pathlib
import shutil
import tempfile
from pathlib import Path

import pytest

from kbsite.errors import KbError
from tests.conftest import REPO, build_project, make_project

pytestmark = pytest.mark.slow

LIVE = ("docs", "site", ".kbsite/index", ".kbsite/manifest.json")


def _state(root: Path) -> dict[str, bytes]:
    files = {}
    for name in LIVE:
        path = root / name
        found = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        files.update({p.relative_to(root).as_posix(): p.read_bytes() for p in found})
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("publish") / "template", docs=REPO / "docs")
    build_project(root)
    (root / "kb" / "more.md").write_text("---\ntitle: More\nlang: en\ndate: 2016-01-02\n---\nBlackBerry left.\n",
                                         encoding="utf-8")
    return root


@pytest.fixture
def project(built, tmp_path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "p", symlinks=True))


def _fails_and_keeps(root: Path, match: str) -> None:
    before = _state(root)
    with pytest.raises(KbError, match=match):
        build_project(root)
    assert _state(root) == before
    assert not (root / ".kbsite" / "tmp").exists()
    assert not (root / ".kbsite" / "publish.json").exists()


def test_a_full_disk_while_staging_is_one_clear_error_and_the_last_site_stays(project, monkeypatch):
    write_bytes = pathlib.Path.write_bytes

    def full(self, data):
        if "tmp" in self.parts and self.suffix == ".md":
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return write_bytes(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", full)
    _fails_and_keeps(project, r"\.md: the disk is full; nothing was published")
    monkeypatch.undo()
    build_project(project)
    assert (project / "site" / "articles").is_dir() and any((project / "docs" / "articles").glob("*more*"))


def test_docs_that_cannot_be_written_are_named_before_anything_is_staged(project, monkeypatch):
    mkdir = os.mkdir

    def read_only(path, *args, **kwargs):
        if Path(path).parent == project / "docs" / "topics":
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", read_only)
    _fails_and_keeps(project, r"docs/topics: kbsite cannot write here \(Read-only file system\)")


def test_too_little_free_space_is_named_before_anything_is_staged(project, monkeypatch):
    monkeypatch.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**9, 10**9 - 1000, 1000))
    _fails_and_keeps(project, r"\.kbsite: 0 MB free on its disk, and the last site")


def test_docs_on_another_file_system_are_named_before_anything_is_staged(project):
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == project.stat().st_dev:
        pytest.skip("no second file system to put docs/ on")
    elsewhere = Path(tempfile.mkdtemp(dir=shm))
    try:
        shutil.move(project / "docs", elsewhere / "docs")
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + f"\ndocs_dir: {elsewhere / 'docs'}\n",
                          encoding="utf-8")
        before = {p: p.read_bytes() for p in sorted((elsewhere / "docs").rglob("*")) if p.is_file()}
        with pytest.raises(KbError, match=f"{elsewhere / 'docs'}: on another file system"):
            build_project(project)
        assert {p: p.read_bytes() for p in sorted((elsewhere / "docs").rglob("*")) if p.is_file()} == before
    finally:
        shutil.rmtree(elsewhere)


def test_after_the_state_folder_is_lost_the_feeds_and_pages_still_update(project):
    shutil.rmtree(project / ".kbsite")
    report = build_project(project)
    assert "More" in (project / "docs" / "feed.xml").read_text(encoding="utf-8")
    assert "More" in (project / "site" / "feed.xml").read_text(encoding="utf-8")
    assert [d.path for d in report.diagnostics if "record" in d.message] == ["docs"]
    (project / "kb" / "later.md").write_text("---\ntitle: Later\nlang: en\ndate: 2016-02-01\n---\nBlackBerry.\n",
                                             encoding="utf-8")
    report = build_project(project)
    assert "Later" in (project / "docs" / "feed.xml").read_text(encoding="utf-8")
    assert [d for d in report.diagnostics if "kbsite" in d.message or "hand" in d.message] == []


def test_damaged_state_files_are_dropped_with_a_warning_and_rebuilt(project, caplog):
    state = project / ".kbsite"
    for name in ("manifest.json", "cache/stats.json"):
        (state / name).write_bytes((state / name).read_bytes()[:30])
    entry = max((state / "cache" / "articles").rglob("*.json"), key=lambda p: p.stat().st_size)
    entry.write_bytes(entry.read_bytes()[:-20])
    (state / "publish.json").write_text("{not json", encoding="utf-8")

    build_project(project)
    for name in ("manifest.json", "stats.json", entry.name, "publish.json"):
        assert any(name in r.getMessage() and "dropped" in r.getMessage() for r in caplog.records), name
    assert any((project / "site" / "articles").glob("*more*"))
    report = build_project(project)
    assert [d for d in report.diagnostics if "kbsite" in d.message or "hand" in d.message] == []
