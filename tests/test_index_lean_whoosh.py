"""Whoosh for a search, without urllib.request and asyncio, which it imports for what a search never does."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import REPO

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kbsite.index.lean_whoosh import import_whoosh

    import_whoosh()
    print("whoosh.searching" in sys.modules, "asyncio" in sys.modules, "urllib.request" in sys.modules)

    import cached_property
    import whoosh.compat

    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    source.write_text("fetched", encoding="utf-8")
    whoosh.compat.urlretrieve(source.as_uri(), str(target))  # the stand-in hands the call to the real module
    print(target.read_text(encoding="utf-8"))

    async def later():
        return 1

    print(cached_property.asyncio.iscoroutinefunction(later), "asyncio" in sys.modules)
    import asyncio
    import urllib.request
    print(asyncio.run(later()), urllib.request.urlopen.__module__)
""")


def test_whoosh_loads_without_them_and_they_work_when_used(tmp_path):
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
                          capture_output=True, text=True, cwd=REPO, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:4] == ["True False False", "fetched", "True True", "1 urllib.request"]
