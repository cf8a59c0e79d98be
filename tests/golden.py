"""The golden copy of the default KB's generated pages: `python -m tests.golden` rewrites it.

Compared by tests/test_golden.py; review its diff like code, since it is what readers see.
The browser's search shards are left out: they are tested by behaviour, and their bytes
would drown every diff.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "docs"
LEFT_OUT = ("assets/kbsite/search/",)


def generated_pages(docs: Path) -> dict[str, bytes]:
    from kbsite.publish import is_owned

    return {
        rel: path.read_bytes()
        for path in sorted(docs.rglob("*"))
        if path.is_file()
        and is_owned(rel := path.relative_to(docs).as_posix())
        and not rel.startswith(LEFT_OUT)
    }


def main() -> int:
    from tests.conftest import REPO, build_project, make_project

    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "project", docs=REPO / "docs")
        build_project(root, strict=True, site=False)
        pages = generated_pages(root / "docs")
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for rel, data in pages.items():
        (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
        (GOLDEN / rel).write_bytes(data)
    print(f"wrote {len(pages)} files to {GOLDEN.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
