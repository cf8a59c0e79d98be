"""The golden copies of the default KB's generated pages: `python -m tests.golden` rewrites them.

Compared by tests/test_golden.py; review their diff like code, since it is what readers see.
Two builds: with every output (golden/docs), and with some outputs turned off in mkdocs.yml
(golden/lean/docs), whose pages must not link what was not made.
The browser's search shards are left out: they are tested by behaviour, and their bytes
would drown every diff.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).parent / "golden"
GOLDEN = HERE / "docs"
LEFT_OUT = ("assets/kbsite/search/",)
# The outputs the lean build turns off (extra.kb in mkdocs.yml); the others stay on.
LEAN = {"feeds": False, "graph": False, "timeline": False, "tags": False, "offline_zip": False}
CASES = {"docs": ({}, GOLDEN), "lean": (LEAN, HERE / "lean" / "docs")}


def generated_pages(docs: Path) -> dict[str, bytes]:
    from kbsite.paths import is_owned

    return {
        rel: path.read_bytes()
        for path in sorted(docs.rglob("*"))
        if path.is_file()
        and is_owned(rel := path.relative_to(docs).as_posix())
        and not rel.startswith(LEFT_OUT)
    }


def set_kb_settings(root: Path, settings: dict) -> None:
    """Add `settings` under extra.kb of the project's mkdocs.yml, as a user would write them."""
    if not settings:
        return
    config = root / "mkdocs.yml"
    block = yaml.safe_dump({"extra": {"kb": settings}}, sort_keys=True)
    text = config.read_text(encoding="utf-8")
    assert "\nextra:" not in text, "the project's mkdocs.yml already has extra:"
    config.write_text(text.rstrip("\n") + "\n\n" + block, encoding="utf-8")


def build_case(root: Path, settings: dict, **options) -> Path:
    """A project of the default KB with the repository's docs/ pages and `settings`, built (strict)."""
    from tests.conftest import REPO, build_project, make_project

    make_project(root, docs=REPO / "docs")
    set_kb_settings(root, settings)
    build_project(root, strict=True, **options)
    return root


def main() -> int:
    from tests.conftest import REPO

    for name, (settings, golden) in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = build_case(Path(tmp) / "project", settings, site=False)
            pages = generated_pages(root / "docs")
        shutil.rmtree(golden, ignore_errors=True)
        for rel, data in pages.items():
            (golden / rel).parent.mkdir(parents=True, exist_ok=True)
            (golden / rel).write_bytes(data)
        print(f"{name}: wrote {len(pages)} files to {golden.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
