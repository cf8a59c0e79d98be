"""The default KB (kb/ of this repository) as a labelled corpus: five real articles, one story in four languages.

Its labels are what issue 12 asks of it: every page lists the other four versions of the story (the two
English articles included), and each article is about the three topics the seeds are required to keep
(the first, encryption-policy, is the parent of bes). Only the story and date rows say much on five
articles; the topic rows are there for completeness.

    python benchmarks/seed_corpus.py --out DIR
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.knowledge_labels import LABELS_FILE, ArticleLabel, CorpusLabels, write_labels
from kbsite.gather import discover

REPO = Path(__file__).resolve().parent.parent
REQUIRED = ("encryption-policy", "bes", "government-demands")
YEARS = (1999, 2016)  # the story is of 2015 and tells BlackBerry's past in Pakistan, from its first phones


def write_project(out: Path, articles: int = 0) -> CorpusLabels:
    """`articles` is ignored: the seeds are five."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out}: exists and is not empty; give a new folder")
    shutil.copytree(REPO / "kb", out / "kb")
    (out / "mkdocs.yml").write_text("site_name: The seeds\n", encoding="utf-8")
    jobs, _ = discover(out / "kb")
    labels = {job.source: ArticleLabel(job.source, REQUIRED[0], REQUIRED, story="blackberry-pakistan")
              for job in jobs}
    corpus = CorpusLabels("seeds", YEARS, labels, note="the default KB of the repository")
    write_labels(out / LABELS_FILE, corpus)
    return corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the project folder to create (new or empty)")
    args = parser.parse_args(argv)
    corpus = write_project(args.out)
    print(f"Wrote {len(corpus.articles)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
