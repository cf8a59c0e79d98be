"""The default KB's pages equal the reviewed golden copy (tests/golden/; `make golden` rewrites it)."""

import pytest

from tests.golden import GOLDEN, generated_pages

pytestmark = pytest.mark.slow


def test_generated_pages_equal_the_golden_copy(default_site):
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()}
    actual = generated_pages(default_site / "docs")
    assert sorted(actual) == sorted(expected), "pages added or removed: run `make golden` and review the diff"
    changed = [rel for rel in expected if actual[rel] != expected[rel]]
    assert changed == [], "pages changed: run `make golden` and review the diff"
