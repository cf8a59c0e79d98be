"""MkDocs hook: each page carries its own language.

Material writes one <html lang> for the whole site; a Russian article must say lang="ru"
for screen readers, validators and hyphenation. Generated pages state it in front matter.
"""

from __future__ import annotations

import re

_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_LANG = re.compile(r"^[a-z]{2,3}$")


def on_post_page(output: str, page, config) -> str:
    lang = page.meta.get("lang")
    if isinstance(lang, str) and _LANG.match(lang):
        return _HTML_LANG.sub(f'<html lang="{lang}"', output, count=1)
    return output
