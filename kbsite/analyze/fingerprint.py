"""What an article keeps when it is translated: the tokens that tie a translation to its original.

A translator rewrites the words but leaves the names, numbers, code, addresses and commands as they are:
"6tunnel", "IPv6", "1.20.1", "DPKG_ROOT", "--instdir", "realpath(1)", "/etc/fstab", "https://...",
"Auto Adjust Photo" in a Russian text. These tokens are what kbsite.stories compares across languages
when a KB has no entities to do it, so they are kept here, from each text, once, in its cached analysis.

Which tokens survive is decided by their form alone, in every language:
- addresses (URLs, e-mail, domain and file names, paths), options (--root), manual references (dpkg(1));
- any token holding a digit, an underscore, an inner dot or hyphen, or a capital inside it (BlackBerry, TCP);
- a capitalised word that does not open a sentence (a name, in most languages);
- a word in the Latin script inside a text in another script (a name or command left untranslated);
- every word of the headline, where a name or command most often stands ("aaphoto: Auto Adjust Photo").
A word of this kind that is not a name (a German noun, a headline's "for") is written in one language only,
or in very many articles: the KB-wide stage keeps a token only if articles of two languages share it, and
weighs it by its rarity.
"""

from __future__ import annotations

from collections import Counter

import regex

from kbsite.textproc import WordMemo, fold

MAX_TOKENS = 200  # an article's most frequent such tokens: a long manual page holds thousands
MAX_TOKEN = 80  # longer "tokens" are hashes, base64 or markup debris

_CHUNK = regex.compile(r"\S+")
_CHUNK_AND_SPACE = regex.compile(r"(\S+)(\s{0,2})")  # and the (at most) two characters after it
_LEADING = "\"'«»„“”‘’‚‹›([{<¿¡*`,;"
_TRAILING = "\"'«»„“”‘’‚‹›)]}>.,;:!?*`…"
_URL = regex.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", regex.IGNORECASE)
_EMAIL = regex.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_PATH = regex.compile(r"^~?/[\w.+~-]+(?:/[\w.+~-]*)*$")
_OPTION = regex.compile(r"^--?[^\W\d_][\w-]*$")
_MAN_REFERENCE = regex.compile(r"^([\w.+-]+)\((\d\w*)\)$")
_CODE = regex.compile(r"\d|_|\w[./]\w|\w-\w|\p{Ll}\p{Lu}|\p{Lu}\p{Lu}")
_FORM_CODE = regex.compile(r"\d|_|\w[./]\w")
_PARTS = regex.compile(r"[\w.+]+")
_LATIN = regex.compile(r"^[\p{Script=Latin}\d]+$")
_LETTER = regex.compile(r"\p{L}")
# Runs of letters in the Latin script, and in any other: counted by the run, as most letters are in one of them.
_LATIN_LETTERS = regex.compile(r"[^\P{L}\P{Script=Latin}]+")
_OTHER_LETTERS = regex.compile(r"[^\P{L}\p{Script=Latin}]+")
_SENTENCE_END = ".!?:…"


def _worth(chunk: str) -> bool:
    """Not empty, not debris, and holding a letter or a digit."""
    return 0 < len(chunk) <= MAX_TOKEN and bool(_LETTER.search(chunk) or any(c.isdigit() for c in chunk))


def _letters(runs: regex.Pattern[str], text: str) -> int:
    return sum(map(len, runs.findall(text)))


def _code_tokens(chunk: str) -> list[str]:
    """A code-like chunk as itself, and its inner parts that are code-like too ('IPv6-Adressen' -> 'ipv6')."""
    found = [chunk]
    if "-" in chunk.strip("-") or "/" in chunk:
        found += [part for part in _PARTS.findall(chunk) if part != chunk and _CODE.search(part)]
    return found


class _Chunks(WordMemo[tuple[bool, tuple[str, ...]]]):
    """chunk of text as written -> whether it ends a sentence, and its tokens, folded: most chunks of a text
    are words read before, in this text or another, and are looked up once per process."""

    def __init__(self, at_start: bool, latin_is_foreign: bool) -> None:
        super().__init__()
        self.at_start = at_start
        self.latin_is_foreign = latin_is_foreign

    def look_up(self, raw: str) -> tuple[bool, tuple[str, ...]]:
        ends = raw.rstrip("\"'»”’)]")[-1:] in _SENTENCE_END
        return ends, tuple(t for t in map(_folded, _chunk_tokens(raw, self.at_start, self.latin_is_foreign)) if t)


def _folded(token: str) -> str:
    return "".join(fold(token).split())  # folding can make a space: '¨' is a space and a mark


def _chunk_tokens(raw: str, starts: bool, latin_is_foreign: bool) -> list[str]:
    """The tokens of one chunk of text between spaces; `starts`: it opens a sentence."""
    chunk = raw.lstrip(_LEADING).rstrip(_TRAILING + "-")
    if not _worth(chunk):
        return []
    if reference := _MAN_REFERENCE.match(raw.lstrip(_LEADING).rstrip(_TRAILING.replace(")", ""))):
        return [f"{reference[1]}({reference[2]})", reference[1]]
    if _URL.match(chunk) or _EMAIL.match(chunk) or _PATH.match(chunk) or _OPTION.match(chunk):
        return [chunk.rstrip("/")]
    if _CODE.search(chunk):
        return _code_tokens(chunk)
    if chunk.isalpha() and ((chunk[0].isupper() and not starts) or (latin_is_foreign and _LATIN.match(chunk))):
        return [chunk]
    return []


# (at a sentence's start, Latin letters are foreign) -> the memo of chunks read so
_MEMOS = {(start, foreign): _Chunks(start, foreign) for start in (False, True) for foreign in (False, True)}


def _text_tokens(text: str, latin_is_foreign: bool) -> list[str]:
    """The folded tokens of the text: each chunk of it and whether the one before ended a sentence (a full stop,
    or a line break within the next two characters)."""
    found: list[str] = []
    inside, at_start = _MEMOS[False, latin_is_foreign], _MEMOS[True, latin_is_foreign]
    memo = at_start
    for raw, space in _CHUNK_AND_SPACE.findall(text):
        ends, tokens = memo[raw]
        if tokens:
            found += tokens
        memo = at_start if ends or "\n" in space else inside
    return found


def is_code(token: str) -> bool:
    """A folded token that reads the same in every language by its form alone (a number, an address, an option,
    an identifier), where a word is known to be a name only when articles of two languages share it."""
    return bool(_FORM_CODE.search(token)) or token[:1] in "-/~" or "@" in token or "(" in token


def fingerprint(title: str, text: str) -> str:
    """'token:count ...', most frequent first, ties by token, at most MAX_TOKENS; tokens folded, never holding
    a space or a ':' at their end (the packing's separator is the last ':')."""
    sample = text[:5000]
    latin_is_foreign = _letters(_LATIN_LETTERS, sample) < _letters(_OTHER_LETTERS, sample)  # most are not Latin
    counts = Counter(_text_tokens(text, latin_is_foreign))
    for word in _CHUNK.findall(title):
        chunk = word.lstrip(_LEADING).rstrip(_TRAILING)
        if _worth(chunk) and (folded := _folded(chunk)):
            counts[folded] += 1
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TOKENS]
    return " ".join(f"{t}:{n}" for t, n in best)
