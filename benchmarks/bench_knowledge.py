"""How right kbsite's knowledge is on labelled corpora, beside a plain baseline in the same run (issue 12).

For each corpus (real_corpora.py: Debian package descriptions in six languages; synthetic_corpora.py:
corpus.py with planted copies; seed_corpus.py: the default KB, one story in four languages) the project
is generated once in the work folder, then kbsite's real build runs through its Python API up to the
linked Site (read, analyse, every KB-wide stage, link; no pages, index or MkDocs), and the Site is
scored against the labels the corpus came with:

- topics: the first topic an article page lists, and the highest-scoring one, against the article's subject;
  the share of articles with a topic and topics per article. Baseline: counting topics.yml's keywords.
- related articles: the share of links to an article on the same subject, of articles with related
  articles, the most pages listing one article, identical lists. Baseline: TF-IDF top 5; and, on equal terms,
  TF-IDF top 5 less the articles kbsite shows as the same story (its other tellings and copies).
- copies: the share of duplicate groups whose pages link all of them as one story (translations, or a
  `Site.duplicates` where the Site has one). Baseline: the same text (headline aside) once spaces are folded.
- the same story in other languages: groups whose every page lists all the others, the share of a story's
  links found, and the share of the same-story links shown that join articles of one story (precision).
- dates: events whose year the corpus cannot mean.

The corpora are measures only: no kbsite parameter is tuned on them (see their docstrings).

    python benchmarks/bench_knowledge.py [--articles 2000] [--corpora debian,synthetic] [--workdir DIR]
                                         [--jobs N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import manpage_corpora, real_corpora, seed_corpus, synthetic_corpora
from benchmarks.knowledge_baseline import keyword_topics, tfidf_related
from benchmarks.knowledge_labels import LABELS_FILE, CorpusLabels, read_labels
from benchmarks.knowledge_scores import (
    date_scores,
    duplicate_scores,
    exact_copies,
    kbsite_topics,
    related_scores,
    story_links,
    topic_scores,
    translation_scores,
)
from kbsite import pipeline
from kbsite.config import load_settings
from kbsite.model import Site, Taxonomy

REPO = Path(__file__).resolve().parent.parent
MAKERS = {"debian": real_corpora.write_project, "synthetic": synthetic_corpora.write_project,
          "manpages": manpage_corpora.write_project, "seeds": seed_corpus.write_project}


class _Linked(Exception):
    def __init__(self, site: Site) -> None:
        super().__init__("linked")
        self.site = site


def linked_site(root: Path, workers: int) -> tuple[Site, Taxonomy, float]:
    """The Site a real build writes its pages from, and the seconds it took to get there.

    build() runs as it is, every article analysed again (no reuse), and is stopped where it first hands
    the Site to the writing stages (search_records), so any stage added before that is measured too.
    """
    settings = load_settings(root)
    options = pipeline.BuildOptions(workers=workers, site=False, incremental=False)
    original = pipeline.search_records

    def stop(site: Site, *args: object, **kwargs: object) -> None:
        raise _Linked(site)

    start = time.perf_counter()
    pipeline.search_records = stop  # type: ignore[assignment]
    try:
        pipeline.build(settings, options)
    except _Linked as linked:
        site = linked.site
    else:
        raise SystemExit("bench_knowledge: build() no longer calls search_records(site, ...): update linked_site")
    finally:
        pipeline.search_records = original
    seconds = time.perf_counter() - start
    return site, pipeline.read_taxonomy(settings)[0], seconds


def project(workdir: Path, name: str, articles: int) -> Path:
    root = workdir / (f"{name}-{articles}" if name != "seeds" else name)
    if not (root / LABELS_FILE).is_file():
        if root.exists():
            raise SystemExit(f"{root}: a corpus without {LABELS_FILE} (interrupted?); delete the folder")
        print(f"writing the {name} corpus to {root} ...", file=sys.stderr, flush=True)
        MAKERS[name](root, articles)
    return root


def measure(root: Path, workers: int) -> dict[str, object]:
    labels = read_labels(root / LABELS_FILE)
    site, taxonomy, seconds = linked_site(root, workers)
    bodies = {slug: site.body(slug).text for slug in site.articles}
    texts = {slug: body if a.title in body else f"{a.title}\n\n{body}"
             for (slug, body), a in zip(bodies.items(), site.articles.values(), strict=True)}
    langs = {a.source: a.lang for a in site.articles.values()}
    keyword = {}
    for slug, article in site.articles.items():
        found = keyword_topics(texts[slug], article.lang, taxonomy)
        keyword[article.source] = (found, found[0] if found else None)
    links = story_links(site)
    return {
        "corpus": _describe(labels, site, seconds),
        "kbsite": {
            "topics": topic_scores(kbsite_topics(site), labels, langs),
            "related": related_scores(site.related, site, labels),
            "related_story_apart": related_scores(site.related, site, labels),  # kbsite never lists them
            "duplicates": duplicate_scores(links, site, labels),
            "stories": translation_scores(links, site, labels, exact_copies(bodies)),
            "dates": date_scores(site.articles.values(), labels.years),
        },
        "baseline": {
            "topics": topic_scores(keyword, labels, langs),
            "related": related_scores(tfidf_related(texts), site, labels),
            "related_story_apart": related_scores(tfidf_related(texts, excluded=site.story), site, labels),
            "duplicates": duplicate_scores(exact_copies(bodies), site, labels),
        },
    }


def _describe(labels: CorpusLabels, site: Site, seconds: float) -> dict[str, object]:
    return {
        "name": labels.name,
        "note": labels.note,
        "articles": len(labels.articles),
        "in_site": len(site.articles),
        "langs": dict(Counter(a.lang for a in site.articles.values()).most_common()),
        "subjects": dict(sorted(Counter(label.subject for label in labels.articles.values() if label.subject).items())),
        "years": list(labels.years),
        "story_groups": len(labels.groups("story")),
        "duplicate_groups": len(labels.groups("duplicate")),
        "seconds_to_link": round(seconds, 1),
    }


ROWS = (  # label, section, key, "%" for a share, goal (issue 12)
    ("first topic on the page right", "topics", "first_topic_right", "%", ">= 95%"),
    ("highest-scoring topic right", "topics", "best_topic_right", "%", ""),
    ("first topic among the article's subjects", "topics", "first_topic_among_subjects", "%", ""),
    ("listed topics among its subjects", "topics", "listed_topics_right", "%", ""),
    ("articles with a topic", "topics", "with_topic", "%", ">= 99%"),
    ("topics per article", "topics", "topics_per_article", "n", "1-2"),
    ("related links on the same subject", "related", "same_subject", "%", ">= 90%"),
    ("related links sharing any subject", "related", "any_subject_shared", "%", ""),
    ("  same subject, story shown apart", "related_story_apart", "same_subject", "%", ""),
    ("articles with related articles", "related", "with_related", "%", "100%"),
    ("most pages listing one article", "related", "max_indegree", "n", "<= 50"),
    ("identical related lists", "related", "identical_lists", "n", ""),
    ("articles sharing a related list", "related", "articles_with_a_shared_list", "n", ""),
    ("duplicate groups shown as one story", "duplicates", "groups_as_one_story", "%", ">= 90%"),
    ("duplicate pairs linked", "duplicates", "pairs_linked", "%", ""),
    ("story groups complete (all languages)", "stories", "groups_complete", "%", ""),
    ("same-story links found", "stories", "links_found", "%", ""),
    ("same-story links right (precision)", "stories", "links_right", "%", ">= 95%"),
    ("  the same, copies aside", "stories", "links_right_beyond_copies", "%", ""),
    ("events outside the corpus's years", "dates", "share_outside", "%", "0"),
)


def _cell(value: object, kind: str) -> str:
    if value is None:
        return "-"
    if kind == "%":
        return f"{value:.1%}"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def render(name: str, result: dict) -> str:
    info = result["corpus"]
    langs = ", ".join(f"{lang} {n}" for lang, n in info["langs"].items())
    lines = [
        f"== {name}: {info['articles']} articles ({langs}); {len(info['subjects'])} subjects; "
        f"{info['story_groups']} story groups; {info['duplicate_groups']} duplicate groups; "
        f"years {info['years'][0]}-{info['years'][1]}",
        f"   {info['note']}; read, analyse and link: {info['seconds_to_link']} s",
        f"{'':40} {'kbsite':>10} {'baseline':>10}   goal",
    ]
    for label, section, key, kind, goal in ROWS:
        ours = result["kbsite"].get(section, {}).get(key)
        theirs = result["baseline"].get(section, {}).get(key)
        lines.append(f"{label:40} {_cell(ours, kind):>10} {_cell(theirs, kind):>10}   {goal}")
    dates = result["kbsite"]["dates"]
    lines.append(f"{'':40} ({dates['outside_years']} of {dates['events']} events)")
    by_lang = result["kbsite"]["topics"]["best_topic_right_by_lang"]
    base_lang = result["baseline"]["topics"]["best_topic_right_by_lang"]
    if by_lang:
        lines.append("highest-scoring topic right by language (kbsite / baseline): " + ", ".join(
            f"{lang} {_cell(v, '%')} / {_cell(base_lang.get(lang), '%')}" for lang, v in by_lang.items()))
    for example in dates["examples"]:
        lines.append(f"  date outside: {example['source']}: {example['date']}: {example['text']!r}")
    return "\n".join(lines)


def _code() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True).stdout.strip()

    changed = " (with uncommitted changes)" if git("status", "--porcelain", "kbsite") else ""
    return git("log", "-1", "--format=%h", "--", "kbsite") + changed  # the last commit that changed kbsite/


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="per corpus (default: %(default)s)")
    parser.add_argument("--corpora", default="debian,synthetic,manpages,seeds", help="default: %(default)s")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kbsite-knowledge"),
                        help="where the corpora are written once and reused (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=pipeline.default_workers())
    parser.add_argument("--json", type=Path, default=None, help="write every figure to this file")
    args = parser.parse_args(argv)
    names = [n for n in args.corpora.split(",") if n]
    unknown = sorted(set(names) - set(MAKERS))
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)} (known: {', '.join(MAKERS)})")
    results: dict[str, object] = {}
    print(f"kbsite {_code()}; Python {platform.python_version()}; {args.jobs} worker(s)")
    for name in names:
        try:
            root = project(args.workdir, name, args.articles)
        except SystemExit as exc:
            print(f"== {name}: skipped: {exc}")
            continue
        results[name] = measure(root, args.jobs)
        print(render(name, results[name]), flush=True)
    if args.json:
        args.json.write_text(json.dumps({"code": _code(), "corpora": results}, ensure_ascii=False, indent=1,
                                        sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
