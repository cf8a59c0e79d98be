"""The terminal search's filters, checked: one that names nothing is an error saying what would be valid.

"No results" for `--lang xx` or `--topic nope` reads as "nothing matched", when the filter was wrong.
"""

from __future__ import annotations

import re

from kbsite.dates import parse_date
from kbsite.errors import KbError
from kbsite.model import Taxonomy
from kbsite.textproc import fold


class FilterError(KbError):
    """A search filter that names nothing in the index or the taxonomy: an error rather than "no results"."""


_KINDS = {  # kind -> (plural, what names one, the file)
    "topic": ("topics", "id or label", "topics.yml"),
    "entity": ("entities", "id, name or alias", "entities.yml"),
}


def _valid_date(option: str, value: str | None) -> str | None:
    """As partial ISO (a year or a month is all of it), read like any date by kbsite.dates."""
    if value is None:
        return None
    if (parsed := parse_date(value)) is None:
        raise FilterError(f'{option} "{value}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2015-12-01')
    return parsed


def valid_filters(langs: tuple[str, ...], taxonomy: Taxonomy, lang: str | None, topic: str | None,
                  entity: str | None, since: str | None, until: str | None) -> tuple[str | None, ...]:
    """(lang, topic, entity, since, until) as the index stores them; FilterError for one that names nothing.

    `langs` are the index's languages. A topic or entity may also be given by a label, name or alias.
    """
    since, until = _valid_date("--since", since), _valid_date("--until", until)
    common = min(len(since or ""), len(until or ""))
    if since and until and since[:common] > until[:common]:
        raise FilterError(f"--since {since} is after --until {until}: no article can match both")
    if lang is not None:
        code = re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]
        if code not in langs:
            raise FilterError(f'--lang "{lang}": no article in the index is in that language; the languages in '
                              f"the index are: {', '.join(langs) or 'none'}")
        lang = code
    if topic is not None:
        topic = _resolve("--topic", "topic", topic,
                         {t.id: (t.id, *t.labels.values()) for t in taxonomy.topics})
    if entity is not None:
        entity = _resolve("--entity", "entity", entity,
                          {e.id: (e.id, *e.all_aliases()) for e in taxonomy.entities})
    return lang, topic, entity, since, until


def _resolve(option: str, kind: str, value: str, names: dict[str, tuple[str, ...]]) -> str:
    """The id `value` is, or names unambiguously; else FilterError with the ids whose names come closest."""
    if value in names:
        return value
    wanted = _folded(value)
    owners = sorted({item for item, written in names.items() for name in written if _folded(name) == wanted})
    if len(owners) == 1:
        return owners[0]
    plural, what, file = _KINDS[kind]
    if owners:
        raise FilterError(f'{option} "{value}" names several {plural}: {", ".join(owners)}; give one of these ids')
    ids_by_name: dict[str, set[str]] = {}
    for item, written in names.items():
        for name in written:
            ids_by_name.setdefault(_folded(name), set()).add(item)
    import difflib  # only for this message: a search call that names its filters right never loads it

    close = difflib.get_close_matches(wanted, sorted(ids_by_name), n=5, cutoff=0.6)
    suggested = list(dict.fromkeys(item for name in close for item in sorted(ids_by_name[name])))
    if suggested:
        hint = "did you mean " + " or ".join(suggested) + "?"
    elif len(names) <= 20:
        hint = f"the {kind} ids are: " + (", ".join(sorted(names)) or "none")
    else:
        hint = f"see {file} for the ids"
    raise FilterError(f'{option} "{value}" is no {kind} {what} in {file}; {hint}')


def _folded(text: str) -> str:
    return " ".join(fold(text.lower()).split())
