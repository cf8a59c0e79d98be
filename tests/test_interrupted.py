"""A build killed midway leaves the last good docs/, site and index in place, and the next build works."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, build_project, make_project

pytestmark = pytest.mark.slow


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_killed_build_leaves_the_previous_site_and_index(tmp_path):
    root = make_project(tmp_path / "p", docs=REPO / "docs")
    build_project(root)
    before = {name: _tree(root / name) for name in ("docs", "site", ".kbsite/index")}
    for i in range(300):  # a bigger KB, so the next build takes long enough to be caught midway
        (root / "kb" / f"more{i:03}.md").write_text(
            f"---\ntitle: More {i}\nlang: en\n---\n" + "BlackBerry left Pakistan in December. " * 40,
            encoding="utf-8",
        )
    proc = subprocess.Popen([sys.executable, str(REPO / "build_index.py"), "--root", str(root), "build", "--quiet",
                             "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = root / ".kbsite" / "tmp"
    deadline = time.monotonic() + 120
    while not any(staging.glob("build-*/docs")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    after = {name: _tree(root / name) for name in ("docs", "site", ".kbsite/index")}
    for name in before:
        changed = sorted(k for k in {*before[name], *after[name]} if before[name].get(k) != after[name].get(k))
        assert changed == [], name
    found = subprocess.run([sys.executable, str(REPO / "build_index.py"), "--root", str(root), "search", "Pakistan",
                            "--json"], capture_output=True, text=True, check=True)
    assert found.stdout.count('"path"') == 5

    report = build_project(root)  # the lock died with the process; leftovers are cleared
    assert report.articles == 305
    assert (root / "site" / "articles" / "more299.html").is_file()
