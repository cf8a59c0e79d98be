"""The site's time stamps come from the articles' dates, and any date an article can carry builds."""

from __future__ import annotations

import gzip
import struct
from types import SimpleNamespace

import pytest

from kbsite.pipeline import source_epoch
from tests.conftest import make_project


def _site(*dates: str | None) -> SimpleNamespace:
    return SimpleNamespace(articles={str(i): SimpleNamespace(date=d) for i, d in enumerate(dates)})


@pytest.mark.parametrize(("dates", "epoch"), [
    ((), 0),
    (("2015-12-01", "2015-11-30", None), 1448928000),
    (("2015",), 1420070400),
    (("1850-03-01",), 0),
    (("1969-12-31",), 0),
    (("0001-01-01",), 0),
    (("2200-01-01",), 2**32 - 1),
    (("9999-12-31",), 2**32 - 1),
])
def test_the_epoch_is_the_newest_date_within_what_gzip_and_zip_can_hold(dates, epoch):
    assert source_epoch(_site(*dates)) == epoch
    struct.pack("<L", source_epoch(_site(*dates)))  # what gzip writes into its header


@pytest.mark.slow
@pytest.mark.parametrize("date", ["1850-03-01", "2200-01-01"])
def test_a_kb_about_the_distant_past_or_future_builds(tmp_path, date):
    from tests.conftest import build_project

    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "old.md").write_text(f"---\ntitle: Long ago\nlang: en\ndate: {date}\n---\nThe telegraph reached Lahore.\n",
                               encoding="utf-8")
    root = make_project(tmp_path / "p", kb)
    build_project(root)
    assert b"Long ago" in next((root / "site" / "articles").glob("*.html")).read_bytes()
    gzip.decompress((root / "site" / "sitemap.xml.gz").read_bytes())
