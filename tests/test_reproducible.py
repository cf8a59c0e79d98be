"""The same kb/ gives the same docs/ and site/ byte for byte: other folder, other process, other day.

tests/test_incremental.py compares builds made in one process; these run the command line in
separate processes with different hash seeds and worker counts, so an order that depends on
Python's set or dict hashing, a path or the clock shows up here.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, make_project

pytestmark = pytest.mark.slow

EPOCH = 1_700_000_000  # 2023-11-14, a day no article is dated


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(root: Path, seed: str, jobs: str, epoch: int | None = None) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "KBSITE_SITE_URL")}
    env["PYTHONHASHSEED"] = seed
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    result = subprocess.run([sys.executable, str(REPO / "build_index.py"), "--root", str(root), "build", "--quiet",
                             "--jobs", jobs], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("repro")
    roots = {
        "one": make_project(base / "one", docs=REPO / "docs"),
        "two": make_project(base / "a much longer folder" / "два" / "two", docs=REPO / "docs"),
        "epoch": make_project(base / "epoch", docs=REPO / "docs"),
    }
    _build(roots["one"], seed="1", jobs="1")
    _build(roots["two"], seed="2", jobs="3")
    _build(roots["epoch"], seed="3", jobs="1", epoch=EPOCH)
    return roots


def test_two_folders_two_processes_build_the_same_bytes(builds):
    for folder in ("docs", "site"):
        assert _tree(builds["one"] / folder) == _tree(builds["two"] / folder), folder
    assert (builds["one"] / "offline.zip").read_bytes() == (builds["two"] / "offline.zip").read_bytes()


def test_a_rebuild_changes_no_byte(builds, tmp_path):
    before = {folder: _tree(builds["one"] / folder) for folder in ("docs", "site")}
    _build(builds["one"], seed="4", jobs="2")
    assert {folder: _tree(builds["one"] / folder) for folder in ("docs", "site")} == before


def _contents(root: Path):
    """Every output file's bytes, and those of the files inside the offline zip and the gzipped sitemap."""
    zips = {"offline.zip": (root / "offline.zip").read_bytes()}
    for folder in ("docs", "site", ""):
        for rel, data in (_tree(root / folder) if folder else zips).items():
            yield f"{folder}/{rel}".lstrip("/"), data
            if rel.endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for info in archive.infolist():
                        yield f"{folder}/{rel}:{info.filename}".lstrip("/"), archive.read(info)
            elif rel.endswith(".gz"):
                yield f"{folder}/{rel}:".lstrip("/"), gzip.decompress(data)


def test_no_output_holds_the_date_of_the_build(builds):
    today = {dt.date.today().isoformat(), dt.datetime.now(dt.UTC).date().isoformat()}
    for name, data in _contents(builds["one"]):
        for date in today:
            assert date.encode() not in data, name
    site = builds["one"] / "site"
    with zipfile.ZipFile(builds["one"] / "offline.zip") as archive:
        stamps = {info.date_time[:3] for info in archive.infolist()}
    assert all(dt.date(*stamp).isoformat() not in today for stamp in stamps)
    gz_mtime = struct.unpack("<I", (site / "sitemap.xml.gz").read_bytes()[4:8])[0]
    assert dt.datetime.fromtimestamp(gz_mtime, dt.UTC).date().isoformat() not in today


def test_source_date_epoch_sets_the_build_time_and_changes_nothing_else(builds):
    plain, epoch = builds["one"] / "site", builds["epoch"] / "site"
    assert _tree(builds["one"] / "docs") == _tree(builds["epoch"] / "docs")
    differ = sorted(rel for rel, data in _tree(epoch).items() if _tree(plain).get(rel) != data)
    assert set(differ) <= {"sitemap.xml.gz"}
    gz_mtime = struct.unpack("<I", (epoch / "sitemap.xml.gz").read_bytes()[4:8])[0]
    assert dt.datetime.fromtimestamp(gz_mtime, dt.UTC).date() == dt.date(2023, 11, 14)
    for rel in differ:  # the same files inside: only their time stamps differ
        if rel.endswith(".gz"):
            assert gzip.decompress((epoch / rel).read_bytes()) == gzip.decompress((plain / rel).read_bytes())
        else:
            assert _members(epoch / rel) == _members(plain / rel)


def _members(path: Path) -> list[tuple[str, bytes]]:
    """The files in a zip, a gzipped one uncompressed (its header holds the time)."""
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, gzip.decompress(data) if info.filename.endswith(".gz") else data)
                for info in archive.infolist() for data in [archive.read(info)]]


def test_a_second_build_while_one_runs_is_refused_with_a_clear_message(builds):
    from kbsite.config import load_settings

    root = builds["two"]
    before = {folder: _tree(root / folder) for folder in ("docs", "site", ".kbsite/index")}
    state = load_settings(root).state_dir
    holder = subprocess.Popen(  # a build in progress, as far as the lock can tell
        [sys.executable, "-c", "import sys, pathlib; from kbsite.lock import BuildLock; "
         f"BuildLock(pathlib.Path({str(state)!r})).__enter__(); print('locked', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        second = subprocess.run([sys.executable, str(REPO / "build_index.py"), "--root", str(root), "build",
                                 "--quiet"], capture_output=True, text=True, check=False)
    finally:
        holder.communicate("")
    assert second.returncode == 1
    assert second.stderr == (f"Error: another kbsite build is running in this project (pid {holder.pid}); wait for "
                             f"it to finish (the lock is {state / 'build.lock'})\n")
    assert {folder: _tree(root / folder) for folder in ("docs", "site", ".kbsite/index")} == before
    _build(root, seed="5", jobs="1")  # the lock is free again once that build has ended
