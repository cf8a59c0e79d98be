"""MkDocs hook: each page carries its own language, and its machine-readable description in <head>.

Material writes one <html lang> for the whole site; a Russian article must say lang="ru"
for screen readers, validators and hyphenation. Generated pages state it in front matter,
with `kbsite_head`: their JSON-LD and citation meta tags, rendered and escaped by kbsite.linked_data.
"""

from __future__ import annotations

import re

_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_LANG = re.compile(r"^[a-z]{2,3}$")


def on_post_page(output: str, page, config) -> str:
    lang = page.meta.get("lang")
    if isinstance(lang, str) and _LANG.match(lang):
        output = _HTML_LANG.sub(f'<html lang="{lang}"', output, count=1)
    head = page.meta.get("kbsite_head")
    if isinstance(head, str) and page.meta.get("kbsite") == "generated":
        output = output.replace("</head>", head + "</head>", 1)
    return output
