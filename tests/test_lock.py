import shutil
import subprocess
import sys

import pytest

from kbsite.cli import main
from kbsite.errors import BuildLocked
from kbsite.lock import BuildLock
from tests.conftest import REPO


def test_second_build_is_refused_with_a_clear_message(tmp_path):
    with BuildLock(tmp_path / ".kbsite"), pytest.raises(BuildLocked, match="another kbsite build is running"):
        BuildLock(tmp_path / ".kbsite").__enter__()


def test_lock_of_a_killed_process_is_free(tmp_path):
    state = tmp_path / ".kbsite"
    code = (f"import os, pathlib; from kbsite.lock import BuildLock; "
            f"BuildLock(pathlib.Path({str(state)!r})).__enter__(); os._exit(0)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
    with BuildLock(state):
        pass


def _holder(state):
    """Another process that holds the lock, as a running build does."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pathlib; from kbsite.lock import BuildLock; "
         f"BuildLock(pathlib.Path({str(state)!r})).__enter__(); print('locked', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    assert holder.stdout.readline() == "locked\n"
    return holder


def test_removing_the_state_folder_does_not_free_the_lock(tmp_path):
    state = tmp_path / ".kbsite"
    holder = _holder(state)
    try:
        shutil.rmtree(state)  # what `rm -rf .kbsite` did to a running build
        with pytest.raises(BuildLocked, match="another kbsite build is running"):
            BuildLock(state).__enter__()
    finally:
        holder.communicate("")
    with BuildLock(state):
        pass


def test_clean_waits_for_no_build_and_keeps_what_a_build_cannot_make_again(tmp_path, capsys):
    root = tmp_path / "p"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("site/index.html", "offline.zip", ".kbsite/index/x.seg", ".kbsite/cache/stats.json",
                 ".kbsite/manifest.json", ".kbsite/edited/articles/a.0123456789ab.md", "docs/articles/a.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    holder = _holder(root / ".kbsite")
    try:
        assert main(["--root", str(root), "clean"]) == 1
        assert "another kbsite build is running" in capsys.readouterr().err
        assert (root / "site/index.html").exists()
    finally:
        holder.communicate("")
    assert main(["--root", str(root), "clean"]) == 0
    assert not (root / "site").exists() and not (root / ".kbsite/index").exists()
    assert not (root / ".kbsite/cache").exists() and not (root / "offline.zip").exists()
    for kept in (".kbsite/manifest.json", ".kbsite/edited/articles/a.0123456789ab.md", "docs/articles/a.md"):
        assert (root / kept).exists(), kept
