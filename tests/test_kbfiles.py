"""Nothing outside kb/ is read into the site, whatever links kb/ holds."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from kbsite import kbfiles
from kbsite.gather import discover
from tests.conftest import build_project, make_project

SECRET = "s3cr3t-outside-the-kb"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "passwd.txt").write_text(f"Private\n\n{SECRET} root:x:0:0\n", encoding="utf-8")
    (folder / "notes").mkdir()
    (folder / "notes" / "secret.md").write_text(f"# Notes\n\n{SECRET}\n", encoding="utf-8")
    return folder


@pytest.fixture
def kb(tmp_path: Path, outside: Path) -> Path:
    kb = tmp_path / "kb"
    (kb / "inner").mkdir(parents=True)
    (kb / "inner" / "real.txt").write_text("A real article\n\nAbout Pakistan.\n", encoding="utf-8")
    (kb / "link-out.txt").symlink_to(outside / "passwd.txt")
    (kb / "folder-out").symlink_to(outside / "notes")
    (kb / "link-in.txt").symlink_to(kb / "inner" / "real.txt")
    (kb / "dangling.txt").symlink_to(kb / "missing.txt")
    (kb / "loop").symlink_to(kb)
    os.mkfifo(kb / "pipe.txt")
    return kb


def test_only_files_whose_real_path_is_inside_the_kb_are_listed(kb: Path):
    listing = kbfiles.list_files(kb)
    assert [p.relative_to(kb).as_posix() for p in listing.files] == ["inner/real.txt", "link-in.txt"]
    said = {d.path: d.message for d in listing.notes}
    assert "outside the KB folder" in said["link-out.txt"]
    assert "outside the KB folder" in said["folder-out"]
    assert "does not exist" in said["dangling.txt"]
    assert "not a regular file" in said["pipe.txt"]
    assert all(d.severity == "warning" for d in listing.notes)


def test_reading_refuses_a_link_out_of_the_kb(kb: Path):
    with pytest.raises(kbfiles.OutsideKb):
        kbfiles.read_bytes(kb, kb / "link-out.txt")
    assert kbfiles.read_bytes(kb, kb / "link-in.txt").startswith(b"A real article")


def test_discover_names_each_skipped_link(kb: Path):
    jobs, notes = discover(kb)
    assert [j.source for j in jobs] == ["inner/real.txt", "link-in.txt"]
    assert {"link-out.txt", "folder-out", "dangling.txt", "pipe.txt"} <= {d.path for d in notes}


def test_unreadable_folder_is_named_not_fatal(tmp_path: Path):
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    kb = tmp_path / "kb"
    (kb / "closed").mkdir(parents=True)
    (kb / "closed" / "a.txt").write_text("A\n\nB\n", encoding="utf-8")
    (kb / "closed").chmod(0)
    try:
        listing = kbfiles.list_files(kb)
    finally:
        (kb / "closed").chmod(0o755)
    assert any(d.path == "closed" and "cannot be read" in d.message for d in listing.notes)


@pytest.mark.slow
def test_a_build_publishes_nothing_from_outside_the_kb(tmp_path: Path, outside: Path):
    root = make_project(tmp_path / "project")
    (root / "kb" / "x.txt").symlink_to(outside / "passwd.txt")
    (root / "kb" / "more").symlink_to(outside / "notes")
    (root / "kb" / "topics.yml").unlink()
    (root / "kb" / "topics.yml").symlink_to(outside / "passwd.txt")
    report = build_project(root)
    assert {"x.txt", "more", "topics.yml"} <= {d.path for d in report.diagnostics}
    for folder in ("docs", "site", ".kbsite"):
        for path in (root / folder).rglob("*"):
            if path.is_file() and not path.is_symlink():
                assert SECRET.encode() not in path.read_bytes(), path
    with zipfile.ZipFile(root / "offline.zip") as zf:
        assert zf.namelist()
        assert not [n for n in zf.namelist() if SECRET.encode() in zf.read(n)]
