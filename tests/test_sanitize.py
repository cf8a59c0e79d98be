"""The sanitiser: what a hostile article can put on a page, and what the text extraction reads."""

from __future__ import annotations

import re

import pytest

from kbsite.sanitize import clean_html, html_to_text, text_to_html

HOSTILE = [
    '<script>alert(1)</script>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JAVASCRIPT:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<math><mtext><img src=x onerror=alert(1)></mtext></math>',
    '<form action="https://evil.example/"><input name="q"><button>go</button></form>',
    '<p style="background:url(https://evil.example/x)" onclick="alert(1)">styled</p>',
    '<div onmouseover="alert(1)">hover</div>',
    '<style>body{background:url(https://evil.example/x)}</style>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<!-- <script>alert(1)</script> -->',
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_nothing_hostile_survives(payload: str) -> None:
    cleaned = clean_html(payload).lower()
    for danger in ("<script", "javascript:", "vbscript:", "data:", "<iframe", "<object", "<embed", "<svg", "<math",
                   "<form", "<input", "<style", "style=", "<link", "<meta", "<base", "<video", "<img", "<!--"):
        assert danger not in cleaned
    assert not re.search(r"\son\w+=", cleaned)


@pytest.mark.parametrize("payload", HOSTILE)
def test_nothing_loads_from_outside(payload: str) -> None:
    """Only <a href> may point outside: no src, srcdoc, poster, data or url() anywhere."""
    cleaned = clean_html(payload)
    assert not re.search(r"\s(src|srcdoc|srcset|poster|data|action|background)=", cleaned)
    assert "url(" not in cleaned


def test_remote_image_becomes_a_link_with_its_alt_text() -> None:
    assert clean_html('<img src="https://example.org/a.png" alt="A &quot;map&quot;">') == (
        '<a href="https://example.org/a.png" rel="nofollow noopener noreferrer">A "map"</a>'
    )


def test_protocol_relative_image_becomes_an_https_link() -> None:
    assert clean_html('<img src="//example.org/a.png">') == (
        '<a href="https://example.org/a.png" rel="nofollow noopener noreferrer">image</a>'
    )


def test_local_or_data_image_keeps_only_its_alt_text() -> None:
    assert clean_html('<p><img src="pic.png" alt="local"> <img src="data:image/png;base64,AAAA" alt="inline"></p>') == (
        "<p>local inline</p>"
    )


def test_image_inside_a_link_does_not_nest_links() -> None:
    cleaned = clean_html('<a href="https://example.org/"><img src="https://example.org/a.png" alt="logo"></a>')
    assert cleaned == '<a href="https://example.org/" rel="nofollow noopener noreferrer">logo</a>'


def test_links_keep_safe_targets_and_get_rel() -> None:
    cleaned = clean_html('<a href="https://a.example/x">a</a><a href="other.html#p">b</a><a href="#top">c</a>'
                         '<a href="mailto:me@example.org">d</a>')
    assert cleaned.count('rel="nofollow noopener noreferrer"') == 4
    for href in ("https://a.example/x", "other.html#p", "#top", "mailto:me@example.org"):
        assert f'href="{href}"' in cleaned


def test_h1_is_demoted_to_h2_and_other_structure_is_kept() -> None:
    cleaned = clean_html('<H1 class="big">Title</H1><h3>Sub</h3><ul><li><em>one</em></li></ul>'
                         '<table><tr><td colspan="2">c</td></tr></table><blockquote>q</blockquote>')
    assert cleaned == ('<h2>Title</h2><h3>Sub</h3><ul><li><em>one</em></li></ul>'
                       '<table><tbody><tr><td colspan="2">c</td></tr></tbody></table><blockquote>q</blockquote>')


def test_lang_attribute_is_kept_for_quotes_in_other_languages() -> None:
    assert clean_html('<p lang="ru" id="x" class="y">Привет</p>') == '<p lang="ru">Привет</p>'


def test_drop_removes_chosen_elements_with_their_content() -> None:
    assert clean_html("<nav>menu</nav><p>text</p><footer>foot</footer>", drop=frozenset({"nav", "footer"})) == (
        "<p>text</p>"
    )


def test_text_to_html_escapes_and_keeps_paragraphs_and_line_breaks() -> None:
    assert text_to_html("<b>one</b> & two\nline\n\n\n\nthree") == (
        "<p>&lt;b&gt;one&lt;/b&gt; &amp; two<br>\nline</p>\n<p>three</p>"
    )


def test_html_to_text_gives_blank_lines_between_blocks() -> None:
    html = clean_html("<h2>Head</h2><p>One\n  <b>bold</b>&nbsp;x<br>two</p><ul><li>a</li><li>b &lt;c&gt;</li></ul>"
                      '<table><tr><td>1</td><td>2</td></tr></table><p title="a>b">end</p>')
    assert html_to_text(html) == "Head\n\nOne bold x\ntwo\n\na\n\nb <c>\n\n1 2\n\nend"


def test_nesting_past_the_limit_is_flattened_with_its_text_kept():
    from kbsite.sanitize import MAX_NESTING, limit_nesting

    deep = "<blockquote>" * 450 + "<p>deep <b>words</b><br>here</p>" + "</blockquote>" * 450 + "<p>after</p>"
    flat, flattened = limit_nesting(clean_html(deep))
    assert flattened
    assert flat.count("<blockquote>") == flat.count("</blockquote>") == MAX_NESTING
    assert flat.endswith("</blockquote><p>after</p>")
    assert html_to_text(flat) == "deep words\nhere\n\nafter"
    shallow = "<ul><li><p>one</p></li></ul>"
    assert limit_nesting(shallow) == (shallow, False)


def test_strip_bidi_removes_embeddings_overrides_and_isolates_only():
    from kbsite.sanitize import strip_bidi

    controls = "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    assert strip_bidi(f"a{controls}b\u200e\u200f\u061c") == "ab\u200e\u200f\u061c"


def test_text_one_paragraph_a_line_becomes_paragraphs():
    text = ("BlackBerry said on Monday that it will leave Pakistan at the end of the year, after the government "
            "asked for access to its servers.\nThe company said it could not agree to that demand.\nIt will go.")
    assert text_to_html(text).count("<p>") == 3 and "<br>" not in text_to_html(text)


def test_hard_wrapped_text_is_one_paragraph():
    text = ("BlackBerry said on Monday that it will leave Pakistan at\nthe end of the year, after the government "
            "asked for\naccess to its servers and all of its traffic.")
    assert text_to_html(text) == ("<p>BlackBerry said on Monday that it will leave Pakistan at the end of the year, "
                                  "after the government asked for access to its servers and all of its traffic.</p>")


def test_short_lines_keep_their_breaks():
    assert text_to_html("Roses are red,\nviolets blue") == "<p>Roses are red,<br>\nviolets blue</p>"
