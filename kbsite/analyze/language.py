"""Which language an article is written in: it picks the stemmer for every later step.

A language the author declared always wins. Otherwise py3langid decides, which is
deterministic for a given text. Text with fewer than MIN_LETTERS letters says too little
to guess from and gets "und" (BCP 47 for undetermined): it is then folded but not stemmed.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from itertools import islice

from py3langid.langid import MODEL_FILE, LanguageIdentifier

logger = logging.getLogger(__name__)

UNDETERMINED = "und"
MIN_LETTERS = 20
# py3langid answers "zxx" (no language) for a text of a few MB; its first 100,000 characters say enough.
SAMPLE_CHARS = 100_000
_CODE = re.compile(r"[a-z]{2,3}")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def load_model() -> None:
    """Load py3langid's model (two seconds) and the known language codes now, rather than for the first article."""
    _identifier()
    known_codes()


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """The ISO 639 codes of the languages CLDR describes (through Babel, which MkDocs' theme needs anyway),
    their older forms such as iw and tl, and und."""
    from babel.core import get_global
    from babel.localedata import locale_identifiers

    codes = {name.split("_", 1)[0].lower() for name in locale_identifiers()}
    codes.update(alias.lower() for alias in get_global("language_aliases") if _CODE.fullmatch(alias.lower()))
    return frozenset(c for c in codes if _CODE.fullmatch(c)) | {UNDETERMINED}


def normalise_code(value: str | None) -> str | None:
    """'en-US', 'EN', 'pt_BR ' -> 'en', 'en', 'pt'; anything that is not a known language code -> None."""
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return primary if _CODE.fullmatch(primary) and primary in known_codes() else None


def detect_language(text: str, declared: str | None = None) -> str:
    code = normalise_code(declared)
    if code:
        return code
    if len(list(islice(filter(str.isalpha, text), MIN_LETTERS))) < MIN_LETTERS:
        return UNDETERMINED
    lang, _score = _identifier().classify(text[:SAMPLE_CHARS])
    logger.debug("detected language %s", lang)
    return str(lang)
