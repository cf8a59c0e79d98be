"""Fuzzing what a user writes: no input, however hostile, makes reading or analysis raise anything but ReadError.

Each case goes all the way through: bytes -> read_document (with parse_sidecar's metadata) -> analyse -> the
body on its page, with a taxonomy that has patterns, terms and aliases, so every stage an article passes is run.

The taxonomy files get the same treatment through load_taxonomy, which must never raise at all.
"""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbsite.analyze import analyse
from kbsite.analyze.matcher import Matcher
from kbsite.analyze.taxonomy import load_taxonomy
from kbsite.emit.body import clean, link_mentions
from kbsite.errors import ReadError
from kbsite.model import Article, Diagnostic
from kbsite.readers import SUPPORTED_EXTENSIONS, parse_sidecar, read_document

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXTENSIONS = sorted(SUPPORTED_EXTENSIONS)
TAXONOMY = load_taxonomy(
    "- id: keys\n  labels: {en: Keys}\n  terms: {en: [key, escrow], '*': [PGP]}\n  patterns: ['\\bRSA-\\d+', 'a+b']\n"
    "  entities: [bb]\n",
    "- id: bb\n  name: BlackBerry\n  aliases: {'*': [BB, RIM], ru: [БлэкБерри]}\n",
)
MATCHER = Matcher(TAXONOMY)
DEPTHS = st.sampled_from([1, 30, 100, 450, 600, 1000, 3000]) | st.integers(min_value=1, max_value=3000)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "koi8-r",
             "shift_jis", "gb18030", "iso-8859-7", "cp1251"]
YAMLISH = [*":-[]{}!&*|>'\"#%@`,?\n\t abc12", "!!python/object/apply:os.system", "!!binary", "&a", "*a", "<<: ",
           "\u202e", "\ufeff", "\x00", "title: ", "lang: ", "date: "]


def nested(depth: int, kind: str) -> str:
    return {
        "flow": "[" * depth + "x" + "]" * depth,
        "block": "".join("  " * i + "k:\n" for i in range(depth)) + "  " * depth + "x\n",
        "quotes": "> " * depth + "deep BlackBerry text\n",
        "lists": "- " * depth + "deep\n",
        "html": "<div>" * depth + "BlackBerry<b>" * 3 + "</div>" * (depth // 2),
        "braces": "{a: " * depth + "x" + "}" * depth,
    }[kind]


def survives(name: str, data: bytes, sidecar: bytes | None = None) -> Article | None:
    """The whole per-article path; an escape of anything but ReadError fails the test with its traceback."""
    meta: dict[str, object] | None = None
    if sidecar is not None:
        meta, found = parse_sidecar(name + ".meta.yml", sidecar)
        assert isinstance(meta, dict) and all(isinstance(d, Diagnostic) for d in found)
    try:
        document = read_document(name, data, meta)
    except ReadError as exc:
        assert exc.diagnostic.path == name
        return None
    article = analyse(document, TAXONOMY, MATCHER)
    assert article.title and "\u202e" not in article.title
    assert all(d.path in (name, name + ".meta.yml") for d in article.diagnostics)
    body = link_mentions(clean(document.html), article.mentions, {"bb": "entities/bb.md"}, "articles/a.md")
    assert "<script" not in body
    return article


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(EXTENSIONS), st.none() | st.binary(max_size=300))
def test_arbitrary_bytes_with_an_arbitrary_sidecar(data, extension, sidecar):
    survives("fuzz" + extension, data, sidecar)


@FUZZ
@given(st.lists(st.sampled_from(YAMLISH), max_size=150).map("".join), st.sampled_from([".md", ".markdown"]),
       st.text(max_size=200))
def test_yamlish_front_matter_and_sidecars(block, extension, body):
    survives("fm" + extension, f"---\n{block}\n---\n{body}".encode("utf-8", "surrogatepass"), block.encode())
    survives("fm.txt", body.encode("utf-8", "surrogatepass") or b"x", f"---\n{block}".encode())


@FUZZ
@given(DEPTHS, st.sampled_from(["flow", "block", "quotes", "lists", "html", "braces"]),
       st.sampled_from(["front matter", "body", "sidecar"]), st.sampled_from(EXTENSIONS))
def test_deep_nesting_anywhere(depth, kind, where, extension):
    deep = nested(depth, kind)
    if where == "front matter":
        survives("deep.md", f"---\ntitle: {deep}\n---\nSome text.\n".encode())
    elif where == "sidecar":
        survives("deep" + extension, b"Title\n\nSome text.\n", f"title: {deep}".encode())
    else:
        survives("deep" + extension, f"Title\n\n{deep}".encode())


@FUZZ
@given(st.text(max_size=500), st.sampled_from(ENCODINGS), st.sampled_from(EXTENSIONS))
def test_text_in_odd_encodings(text, encoding, extension):
    data = text.encode(encoding, "replace")
    if encoding.startswith("utf-16") and not encoding.endswith(("le", "be")):
        data = codecs.BOM_UTF16_LE + data[2:] if data[:2] == codecs.BOM_UTF16_LE else data
    survives("enc" + extension, data)


@FUZZ
@given(st.lists(st.sampled_from([*YAMLISH, "id: ", "name: ", "label: ", "patterns: ", "(a|a)+$", "- "]),
                max_size=200).map("".join),
       DEPTHS, st.sampled_from(["flow", "block", "braces"]))
def test_taxonomy_files_never_raise(text, depth, kind):
    for topics, entities in ((text, None), (None, text), (text + nested(depth, kind), nested(depth, kind))):
        _load_and_match(topics, entities)


ENTRY_KEYS = ["id", "label", "labels", "name", "aliases", "terms", "patterns", "entities", "parent", "min_score",
              "description", "case_sensitive", "type"]
HOSTILE_VALUES = [
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!python/object:os.system {}",
    "!!int abc", "!!float x", "!!binary '###'", "!custom x", "'(a|a)+$'", "['(a|a)+$', '(unclosed']", "\u202eX",
    "{en: X, '*': [Y]}", "[a, b]", "{a: {b: {c: [d]}}}", "1e999", ".nan", "-1", "null", "~", "2015-01-01", "''",
    "&a [x, *a]", "*nowhere", "[" * 600 + "]" * 600, "{a: " * 600 + "x" + "}" * 600, "true",
]


@FUZZ
@given(st.lists(st.lists(st.tuples(st.sampled_from(ENTRY_KEYS), st.sampled_from(HOSTILE_VALUES) | st.text(max_size=20)),
                         min_size=1, max_size=5), max_size=4))
def test_taxonomy_entries_with_hostile_values_never_raise(entries):
    text = "".join(
        "- " + "\n  ".join(f"{key}: {value if isinstance(value, str) and value else repr(value)}"
                           for key, value in entry) + "\n"
        for entry in entries
    )
    _load_and_match(text, None)
    _load_and_match(None, text)


def _load_and_match(topics: str | None, entities: str | None) -> None:
    taxonomy = load_taxonomy(topics, entities)
    assert all(d.path in ("topics.yml", "entities.yml") for d in taxonomy.diagnostics)
    Matcher(taxonomy).topics("RSA-1 aaab key BlackBerry " + "a" * 40 + "!", "en")
