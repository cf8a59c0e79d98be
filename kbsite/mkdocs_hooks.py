"""MkDocs hook: each page carries its own language, and its machine-readable description in <head>;
the header's search box gets its words in the site's language; page templates stay out of the site.

Material writes one <html lang> for the whole site; a Russian article must say lang="ru"
for screen readers, validators and hyphenation. Generated pages state it in front matter,
with `kbsite_head`: their JSON-LD and citation meta tags, rendered and escaped by kbsite.linked_data.
"""

from __future__ import annotations

import os
import re

_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_LANG = re.compile(r"^[a-z]{2,3}$")
_TEMPLATE = ".md.j2"  # kbsite.emit.templates.SUFFIX; this file is also loaded by path, where kbsite may not import


def on_post_page(output: str, page, config) -> str:
    lang = page.meta.get("lang")
    if isinstance(lang, str) and _LANG.match(lang):
        output = _HTML_LANG.sub(f'<html lang="{lang}"', output, count=1)
    head = page.meta.get("kbsite_head")
    if isinstance(head, str) and page.meta.get("kbsite") == "generated":
        output = output.replace("</head>", head + "</head>", 1)
    return output


def on_env(env, config, files):
    """The words search.js shows (result counts, "did you mean"), in theme.language: the header partial puts them
    on every page as JSON, so the script translates nothing itself."""
    try:
        from kbsite.emit.i18n import search_words
    except ImportError:  # plain `mkdocs` on the repository, kbsite not installed: search.js keeps its English words
        return env
    env.globals["kbsite_search_words"] = search_words(config.theme.get("language") or "en")
    return env


def on_files(files, config):
    """kbsite's page templates in the overrides folder are read by the build, not published (MkDocs would copy
    them into the site as static files of the theme)."""
    themes = [os.path.join(os.path.abspath(folder), "") for folder in config.theme.dirs]
    for file in [f for f in files if f.src_uri.endswith(_TEMPLATE) and f.abs_src_path
                 and os.path.abspath(f.abs_src_path).startswith(tuple(themes))]:
        files.remove(file)
    return files
