"""MkDocs hook: each page carries its own language, its machine-readable description in <head>, and no
whitespace a reader cannot see; the header's search box gets its words in the site's language; page templates
stay out of the site.

Material writes one <html lang> for the whole site; a Russian article must say lang="ru"
for screen readers, validators and hyphenation. Generated pages state it in front matter,
with `kbsite_head`: their JSON-LD and citation meta tags, rendered and escaped by kbsite.linked_data.

The navigation and the header link an output (kbsite.outputs) only when the build makes it.
Material's templates indent every line: a tenth of an article page is blank space, and a site of
50,000 articles must fit GitHub Pages' 1 GB (issue 15).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

APPLIED = "kbsite_search"  # in config.extra: the header template shows the search box unless it is false
_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_LANG = re.compile(r"^[a-z]{2,3}$")
# Elements whose spaces show (<pre>, and Material's code and kbd, which are pre-wrap) or are not HTML are kept
# whole. Elsewhere a line break and the spaces and blank lines after it render as one space, like the break alone.
_KEEP = re.compile(r"<(pre|code|kbd|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_BREAK = re.compile(r"\n[ \t\r\n\f]*")
# MkDocs writes a link to a page with a non-Latin name percent-encoded: six bytes a letter instead of two.
_ENCODED_HREF = re.compile(r'href="[^"]*%[89a-fA-F][^"]*"')
_ENCODED_UTF8 = re.compile(r"(?:%[c-fC-F][0-9a-fA-F])(?:%[89abAB][0-9a-fA-F])+")
_TEMPLATE = ".md.j2"  # kbsite.emit.templates.SUFFIX; this file is also loaded by path, where kbsite may not import


def _letters(encoded: re.Match[str]) -> str:
    """Letters, marks and digits as themselves (a browser encodes them again when it follows the link); anything
    else, such as a space or an invalid sequence, stays encoded."""
    try:
        text = bytes.fromhex(encoded[0].replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return encoded[0]
    return text if all(unicodedata.category(c)[0] in "LMN" for c in text) else encoded[0]


def _readable_href(href: re.Match[str]) -> str:
    return _ENCODED_UTF8.sub(_letters, href[0])


def compact(html: str) -> str:
    """The same page to a reader without the indentation and blank lines of the templates, and with its links'
    letters unencoded.

    Only ASCII white space goes: a no-break space shows. Two regular expressions rather than a parser: a
    page of a 50,000-article site costs well under a millisecond.
    """
    out: list[str] = []
    last = 0
    for kept in _KEEP.finditer(html):
        out += (_BREAK.sub("\n", html[last:kept.start()]), kept[0])
        last = kept.end()
    out.append(_BREAK.sub("\n", html[last:]))
    return _ENCODED_HREF.sub(_readable_href, "".join(out))


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
    return compact(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    """The theme's own pages (404.html) as compact as the others."""
    return compact(output_content) if template_name.endswith(".html") else output_content


def on_env(env, config, files):
    """The words search.js shows (result counts, "did you mean"), in theme.language: the header partial puts them
    on every page as JSON, so the script translates nothing itself. JSON written by templates (those words,
    Material's configuration) has no spaces between its items, as JSON.parse reads it the same."""
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
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
