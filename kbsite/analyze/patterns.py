"""Topic patterns: regular expressions a user wrote in topics.yml, run so that none can hang a build.

A pattern such as `(a|a)+$` backtracks for ever on a long run of "a". Patterns run with the
`regex` module, which can stop a match after a time limit. A pattern is first tried on a few
texts made of its own characters, where catastrophic backtracking shows at once, and refused
if it is slow there; a pattern that slips through and runs out of time on an article counts
nothing for that article, and the article gets a warning.
"""

from __future__ import annotations

import regex

PROBE_SECONDS = 0.1  # on a probe of PROBE_LENGTH characters any sane pattern takes microseconds
PROBE_RETRY_SECONDS = 0.5
PROBE_LENGTH = 32
MATCH_SECONDS = 1.0  # per pattern and article, plus MATCH_SECONDS_PER_MB of text
MATCH_SECONDS_PER_MB = 0.5
_PROBE_CHARS = 12  # distinct characters of the pattern tried


class PatternError(ValueError):
    """A pattern that cannot be used; the message says why."""


def compile_pattern(text: str) -> regex.Pattern[str]:
    """The compiled pattern; PatternError if it is not a valid regular expression."""
    try:
        return regex.compile(text)
    except (regex.error, ValueError, TypeError, OverflowError) as exc:
        raise PatternError(f"is not a valid regular expression ({exc})") from None


def check_pattern(text: str) -> regex.Pattern[str]:
    """compile_pattern, then refuse a pattern that backtracks catastrophically on a short probe text."""
    pattern = compile_pattern(text)
    for probe in _probes(text):
        # Once more with a longer limit before refusing: a busy machine can pause any process for a moment.
        if not _finishes(pattern, probe, PROBE_SECONDS) and not _finishes(pattern, probe, PROBE_RETRY_SECONDS):
            raise PatternError(
                f"can take forever on some texts (it backtracks without end on {len(probe)} characters, e.g. "
                f"{probe[:12]!r}...): rewrite it without nested repetition such as (a+)+ or (a|a)+"
            )
    return pattern


def _finishes(pattern: regex.Pattern[str], text: str, seconds: float) -> bool:
    try:
        for _ in pattern.finditer(text, timeout=seconds):
            pass
    except TimeoutError:
        return False
    return True


def _probes(text: str) -> list[str]:
    """Runs of one character, and of two alternating, ended by characters that make a match fail."""
    chars = list(dict.fromkeys(c for c in text if c.isalnum() or c in " -_.,'/"))[:_PROBE_CHARS]
    chars = list(dict.fromkeys([*chars, "a", "1", " "]))
    probes = []
    for i, char in enumerate(chars):
        probes.append(char * PROBE_LENGTH + "!")
        probes.append(char * PROBE_LENGTH + "\n")
        following = chars[(i + 1) % len(chars)]
        probes.append((char + following) * (PROBE_LENGTH // 2) + "!")
    return probes


def match_starts(pattern: regex.Pattern[str], text: str) -> list[int]:
    """Where the non-empty matches start; TimeoutError when the pattern takes too long on this text."""
    limit = MATCH_SECONDS + MATCH_SECONDS_PER_MB * len(text) / 1_000_000
    return [m.start() for m in pattern.finditer(text, timeout=limit) if m.end() > m.start()]
