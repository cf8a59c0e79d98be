"""Screenshots of the home page and a topic page of the default site (the README shows them).

They go to pytest's tmp dir; with KBSITE_SCREENSHOTS=DIR also to DIR, e.g. `KBSITE_SCREENSHOTS=docs/img pytest
tests/browser/test_screenshots.py` refreshes the README's pictures.
"""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path

import pytest
from browser.helpers import browser, confine, needs_chromium, serve
from browser.site_pages import page_kinds

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]
VIEWPORT = {"width": 1280, "height": 900}


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(("name", "kind"), [("home", "home"), ("topic", "topic")])
def test_screenshot(default_site, tmp_path, name, kind):
    site = default_site / "site"
    shot = tmp_path / f"{name}.png"
    with serve(site) as url, browser() as chromium:
        page = chromium.new_page(viewport=VIEWPORT)
        blocked = confine(page, url)
        page.goto(url + page_kinds(site)[kind], wait_until="networkidle")
        styled = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position === 'sticky'")
        page.screenshot(path=str(shot))
    assert blocked == [] and styled
    assert png_size(shot) == (VIEWPORT["width"], VIEWPORT["height"])
    assert shot.stat().st_size > 20_000  # a blank page is a few kB
    target = os.environ.get("KBSITE_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / shot.name)
