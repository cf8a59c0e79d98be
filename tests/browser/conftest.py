"""Fixtures of the browser tests: one Chromium per test module, and the module's `site` served under a sub-path."""

from __future__ import annotations

import pytest
from browser.helpers import browser, serve


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def site_url(site):
    """Needs a module-scoped `site` fixture: the built site folder to serve."""
    with serve(site) as url:
        yield url
