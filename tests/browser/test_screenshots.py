"""Screenshots of the home, an article, a topic and the search page of the default site, at desktop and phone
widths, for review: every run writes them to test-results/screenshots/ (not tracked by git).

With KBSITE_SCREENSHOTS=DIR the desktop ones also go to DIR, e.g. `KBSITE_SCREENSHOTS=docs/img pytest
tests/browser/test_screenshots.py` refreshes the README's pictures (home.png, topic.png).
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
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
REVIEW = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "kind"), [("home", "home"), ("article", "article (en)"), ("topic", "topic"),
                                            ("search", "search")])
def test_screenshot(default_site, tmp_path, name, kind, width):
    site = default_site / "site"
    viewport = WIDTHS[width]
    shot = tmp_path / f"{name}.png"
    with serve(site) as url, browser() as chromium:
        page = chromium.new_page(viewport=viewport)
        blocked = confine(page, url)
        page.goto(url + page_kinds(site)[kind], wait_until="networkidle")
        styled = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position === 'sticky'")
        page.screenshot(path=str(shot))
    assert blocked == [] and styled
    assert png_size(shot) == (viewport["width"], viewport["height"])
    assert shot.stat().st_size > 20_000  # a blank page is a few kB
    REVIEW.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, REVIEW / f"{name}-{width}.png")
    target = os.environ.get("KBSITE_SCREENSHOTS")
    if target and width == "desktop" and name in ("home", "topic"):
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / shot.name)
