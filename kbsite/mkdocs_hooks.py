"""MkDocs hook: each page carries its own language, and its machine-readable description in <head>.

Material writes one <html lang> for the whole site; a Russian article must say lang="ru"
for screen readers, validators and hyphenation. Generated pages state it in front matter,
with `kbsite_head`: their JSON-LD and citation meta tags, rendered and escaped by kbsite.linked_data.

The navigation and the header link an output (kbsite.outputs) only when the build makes it.
"""

from __future__ import annotations

import re
from pathlib import Path

APPLIED = "kbsite_search"  # in config.extra: the header template shows the search box unless it is false
_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_LANG = re.compile(r"^[a-z]{2,3}$")


def on_config(config):
    """As a `hooks:` file: the project's settings say which outputs there are (unless `kbsite build`, which
    may turn some off for one build, has said it already)."""
    from kbsite.config import load_settings
    from kbsite.errors import KbError

    if not config.config_file_path or APPLIED in config.extra:
        return config
    path = Path(config.config_file_path).resolve()
    try:
        outputs = load_settings(path.parent, path.name).outputs
    except KbError:
        return config  # `kbsite build` has already reported it; plain MkDocs builds the pages there are
    return apply_outputs(config, outputs)


def apply_outputs(config, outputs):
    """The nav without entries of outputs turned off; the header's search box only with the browser search."""
    from kbsite.outputs import prune_nav

    config.nav = prune_nav(config.nav, outputs.missing_pages())
    config.extra[APPLIED] = outputs.search
    return config


def on_post_page(output: str, page, config) -> str:
    lang = page.meta.get("lang")
    if isinstance(lang, str) and _LANG.match(lang):
        output = _HTML_LANG.sub(f'<html lang="{lang}"', output, count=1)
    head = page.meta.get("kbsite_head")
    if isinstance(head, str) and page.meta.get("kbsite") == "generated":
        output = output.replace("</head>", head + "</head>", 1)
    return output
