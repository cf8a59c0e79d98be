"""The per-page hook: pages without the templates' indentation, and nothing a reader sees changed."""

from __future__ import annotations

import re
from pathlib import Path

from kbsite.mkdocs_hooks import compact


def test_indentation_and_blank_lines_go() -> None:
    page = "<ul>\n    <li>\n      <a href='x.html'>\n        One\n      </a>\n\n\n    </li>\n  </ul>\n"
    assert compact(page) == "<ul>\n<li>\n<a href='x.html'>\nOne\n</a>\n</li>\n</ul>\n"


def test_spaces_that_show_are_kept() -> None:
    kept = ("<pre><code>def f():\n    return 1\n\n</code></pre>", "<code>a\n   b</code>", "<kbd>Ctrl\n  C</kbd>",
            "<textarea>\n  x\n</textarea>", "<script>\n  var a;\n</script>", "<STYLE>\n  p {}\n</STYLE>")
    for block in kept:
        assert compact(f"<p>\n  {block}\n  </p>") == f"<p>\n{block}\n</p>"
    assert compact("a\u00a0\n\u00a0b") == "a\u00a0\n\u00a0b"  # a no-break space shows


def test_words_never_run_together() -> None:
    assert compact("<a>one</a>\n    <a>two</a>  three\n  four") == "<a>one</a>\n<a>two</a>  three\nfour"


def test_built_pages_have_no_indentation_outside_code(default_site: Path) -> None:
    for page in (default_site / "site").rglob("*.html"):
        html = re.sub(r"<(pre|code|kbd|textarea|script|style)\b.*?</\1\s*>", "X", page.read_text(encoding="utf-8"),
                      flags=re.DOTALL | re.IGNORECASE)
        assert "\n " not in html and "\n\n" not in html, page


def test_links_to_pages_with_non_latin_names_are_written_in_letters() -> None:
    page = ('<a href="../articles/2021-%D0%B0%D0%B3-%CE%B1.html#x">a</a> '
            '<a href="a%20b%E2%80%A8c%FF%D0.html">b</a> <p>%D0%B0</p>')
    assert compact(page) == ('<a href="../articles/2021-аг-α.html#x">a</a> '
                             '<a href="a%20b%E2%80%A8c%FF%D0.html">b</a> <p>%D0%B0</p>')
