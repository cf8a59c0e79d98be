"""A build killed midway leaves the last good docs/, site and index in place, and the next build works."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
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


_KILLER = """
import os, shutil, signal, sys
import kbsite.journal
from kbsite.cli import main

work = sys.argv[1]
master, pristine = os.path.join(work, "master"), os.path.join(work, "pristine")


def fork_and_kill(step):
    if step != "journal":
        return
    shutil.copytree(master, pristine, symlinks=True)  # staged, and nothing live touched yet
    renames = (f"rename-{i}" for i in range(1000))
    target = "journal"
    while True:
        pid = os.fork()
        if pid == 0:  # this build goes on in a process group of its own and is killed whole at `target`
            os.setpgid(0, 0)
            die = lambda at: os.killpg(0, signal.SIGKILL) if at == target else None
            kbsite.journal.checkpoint = die
            die(step)
            return
        status = os.waitpid(pid, 0)[1]
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        print(target, killed, flush=True)
        if killed:
            os.rename(master, os.path.join(work, target))
        else:
            shutil.rmtree(master)
        if target == "done":
            os._exit(0)
        shutil.copytree(pristine, master, symlinks=True)
        target = next(renames) if killed else "done"


kbsite.journal.checkpoint = fork_and_kill
os._exit(main(["--root", master, "build", "--quiet", "--jobs", "1"]))
"""


def _build_fingerprint(root: Path) -> tuple[object, ...]:
    """What says which build is live: the generated pages, the site, the index's record of articles and the
    offline zip beside the site."""
    from kbsite.publish import is_owned

    docs = {k: v for k, v in _tree(root / "docs").items() if is_owned(k)}
    record = json.loads((root / ".kbsite" / "index" / "kbsite-index.json").read_bytes())
    return docs, _tree(root / "site"), record["data"]["articles"], (root / "offline.zip").read_bytes()


@pytest.fixture
def fast_tmp(tmp_path):
    """A folder in memory when the system has one: some thirty builds are written and deleted here."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="kbsite-kill-", dir=shm))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_kill_at_any_step_of_publishing_leaves_one_whole_build(fast_tmp, capsys):
    """Each kill leaves a build whose publish the next command finishes: never two builds mixed, no false alarm."""
    tmp_path = fast_tmp
    from kbsite.cli import main
    from kbsite.config import load_settings
    from kbsite.publish import Manifest, _sha, is_owned

    template = make_project(tmp_path / "template", docs=REPO / "docs")
    build_project(template)
    old = _build_fingerprint(template)
    (template / "kb" / "more.md").write_text("---\ntitle: More news\nlang: en\ndate: 2016-01-02\n---\n"
                                             "BlackBerry left Pakistan in December.\n", encoding="utf-8")
    shutil.copytree(template, tmp_path / "new", symlinks=True)
    build_project(tmp_path / "new")
    new = _build_fingerprint(tmp_path / "new")
    assert old[0] != new[0] and old[1] != new[1] and old[2] != new[2] and old[3] != new[3]

    shutil.copytree(template, tmp_path / "work" / "master", symlinks=True)
    killer = subprocess.run([sys.executable, "-c", _KILLER, str(tmp_path / "work")], cwd=REPO,
                            capture_output=True, text=True, check=True)
    killed = [line.split()[0] for line in killer.stdout.splitlines() if line.endswith(" True")]
    assert killed[:2] == ["journal", "rename-0"] and killed[-1] == "done" and len(killed) > 20, killer.stdout

    outcomes = []
    for step in killed:
        root = tmp_path / "work" / step
        capsys.readouterr()
        assert main(["--root", str(root), "search", "Pakistan", "--json"]) == 0  # a search finishes the publish
        now = _build_fingerprint(root)
        assert now in (old, new), f"killed at {step}: a mix of two builds"
        outcomes.append(now == new)
        manifest = Manifest(load_settings(root).state_dir / "manifest.json")
        on_disk = {rel: _sha(data) for rel, data in _tree(root / "docs").items() if is_owned(rel)}
        assert manifest.files == on_disk, f"killed at {step}: the manifest does not describe the live pages"
        report = build_project(root)  # and the next build, after every kill, works with no false alarm
        assert [d for d in report.diagnostics if "kbsite" in d.message or "hand" in d.message] == [], step
        assert _build_fingerprint(root) == new, step
    assert outcomes == [False] + [True] * (len(killed) - 1)  # once the journal is written, the new build wins
