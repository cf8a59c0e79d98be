"""The fingerprints that let a build with nothing to do skip everything: every input and output counts."""

from __future__ import annotations

import os

from kbsite import fingerprint
from kbsite.config import load_settings
from tests.conftest import make_project

SITE = fingerprint.Wanted(site=True, index=True, offline_zip="offline.zip", strict=False)


def _later(path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_the_inputs_fingerprint_changes_with_each_input_and_only_then(tmp_path):
    root = make_project(tmp_path / "p")
    (root / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    settings = load_settings(root)
    first = fingerprint.inputs(settings, SITE)
    assert fingerprint.inputs(settings, SITE) == first
    assert fingerprint.inputs(settings, fingerprint.Wanted(True, True, None, False)) != first
    seen = {first}
    for path in (root / "kb" / "topics.yml", sorted((root / "kb").glob("0*.txt"))[0], root / "docs" / "about.md",
                 root / "mkdocs.yml"):
        path.write_bytes(path.read_bytes() + b"\n")
        _later(path)
        now = fingerprint.inputs(load_settings(root), SITE)
        assert now not in seen, path.name
        seen.add(now)


def test_a_configuration_mkdocs_cannot_load_never_matches(tmp_path):
    root = make_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"),
                      encoding="utf-8")
    settings = load_settings(root)
    assert fingerprint.inputs(settings, SITE) != fingerprint.inputs(settings, SITE)


def test_the_outputs_fingerprint_sees_a_changed_or_missing_output(tmp_path):
    root = make_project(tmp_path / "p")
    page = root / "site" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html></html>", encoding="utf-8")
    settings = load_settings(root)
    first = fingerprint.outputs(settings, SITE)
    assert fingerprint.outputs(settings, SITE) == first
    page.write_text("<html>edited</html>", encoding="utf-8")
    assert fingerprint.outputs(settings, SITE) != first
    page.unlink()
    assert fingerprint.outputs(settings, SITE) != first


def test_the_outputs_fingerprint_sees_the_zip_beside_the_site(tmp_path):
    root = make_project(tmp_path / "p")
    settings = load_settings(root)
    wanted = fingerprint.Wanted(site=True, index=True, offline_zip=str(root / "offline.zip"), strict=False)
    (root / "offline.zip").write_bytes(b"PK")
    first = fingerprint.outputs(settings, wanted)
    (root / "offline.zip").unlink()
    assert fingerprint.outputs(settings, wanted) != first
