import pytest

from kbsite.slugs import article_slugs, slugify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pakistán / BES?", "pakistan-bes"),
        ("После 30 декабря", "после-30-декабря"),
        ("  --Hello__World--  ", "hello-world"),
        ("../../etc/passwd", "etc-passwd"),
        ("a\x00b\x1fc", "a-b-c"),
        ("x" * 300, "x" * 80),
    ],
)
def test_slugify_table(text, expected):
    assert slugify(text) == expected


@pytest.mark.parametrize("text", ["???", "", "...", "\u200b"])
def test_slug_of_only_punctuation_is_stable_and_nonempty(text):
    slug = slugify(text)
    assert slug.startswith("page-") and slug == slugify(text)


@pytest.mark.parametrize("name", ["con", "NUL", "Aux", "com1", "lpt9", "index"])
def test_reserved_names_get_a_suffix(name):
    slug = slugify(name)
    assert slug != name.lower() and slug.startswith(name.lower() + "-")


def test_slugs_never_contain_separators_or_dots():
    for text in ["a/b\\c", "..", "a.b.c", "C:\\x", "%2e%2e%2f"]:
        slug = slugify(text)
        assert "/" not in slug and "\\" not in slug and "." not in slug and ":" not in slug


def test_article_slugs_are_unique_and_stable():
    first = article_slugs(["a.md", "a.txt", "news/a.md", "news-a.md"])
    assert len(set(first.values())) == 4
    assert first["a.md"] == "a"
    again = article_slugs(["zzz.txt", "a.txt", "a.md", "news/a.md", "news-a.md"])
    assert {k: again[k] for k in first} == first
