"""What a labelled corpus knows about its articles, kept beside its kb/ (never inside, so kbsite never reads it).

The labels come from where the corpus came from (a Debian section, a synthetic story's topics, a file
planted as a copy), never from kbsite's output, so a score says how often kbsite agrees with the truth.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

LABELS_FILE = "labels.json"


@dataclass(frozen=True)
class ArticleLabel:
    source: str  # the file, relative to kb/ (as Article.source)
    subject: str | None  # the topic id the article is mainly about; None: not labelled (no topic or related scores)
    subjects: tuple[str, ...] = ()  # every topic id it is about, `subject` first; empty means (subject,)
    story: str | None = None  # the same story in other languages share this id
    duplicate: str | None = None  # exact and near copies of one text share this id

    def all_subjects(self) -> tuple[str, ...]:
        return self.subjects or ((self.subject,) if self.subject else ())


@dataclass(frozen=True)
class CorpusLabels:
    name: str
    years: tuple[int, int]  # the years an event in these articles can plausibly mean, both included
    articles: dict[str, ArticleLabel] = field(default_factory=dict)
    note: str = ""  # where the corpus came from, printed with its figures

    def groups(self, key: str) -> dict[str, list[str]]:
        """Group id -> sources, for `key` "story" or "duplicate"; groups of one are no groups."""
        found: dict[str, list[str]] = {}
        for source, label in sorted(self.articles.items()):
            group = getattr(label, key)
            if group is not None:
                found.setdefault(group, []).append(source)
        return {g: members for g, members in sorted(found.items()) if len(members) > 1}


def write_labels(path: Path, labels: CorpusLabels) -> None:
    data = {
        "name": labels.name,
        "years": list(labels.years),
        "note": labels.note,
        "articles": [
            {k: v for k, v in asdict(label).items() if v not in (None, ())}
            for _, label in sorted(labels.articles.items())
        ],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read_labels(path: Path) -> CorpusLabels:
    data = json.loads(path.read_text(encoding="utf-8"))
    articles = {
        entry["source"]: ArticleLabel(
            source=entry["source"],
            subject=entry.get("subject"),
            subjects=tuple(entry.get("subjects", ())),
            story=entry.get("story"),
            duplicate=entry.get("duplicate"),
        )
        for entry in data["articles"]
    }
    low, high = data["years"]
    return CorpusLabels(data["name"], (int(low), int(high)), articles, data.get("note", ""))
