"""Known-item search quality: MRR@10 per language, kbsite (terminal and browser) beside a baseline and Pagefind.

A known-item query is what a reader remembers of one article, and the article is the one right answer:
- "span": 3-6 consecutive words of one of its sentences (a remembered phrase, typed without quotes);
- "scattered": 4 longer words from 4 different sentences (what the article is about, no phrase to lean on);
- "title": 2-3 words of its title, in order, and one longer word of its text (a half-remembered headline).
A third of each, `per_lang` queries a language, drawn with a fixed seed from the corpus's articles. The answer's
rank in the first 10 results gives 1/rank (0 past 10), averaged per language: MRR@10.

Ranked by: kbsite's terminal search (the Whoosh index, in a child process running the measured code),
kbsite's browser search (its scripts under node over the browser index files, as the pages run it), the same two
for a baseline revision of the code (built into a copy of the project: one run, side by side), and Pagefind over
a copy of the built site, in headless Chromium through its own JavaScript API (`pagefind.search`).
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from random import Random

from benchmarks.corpus import Corpus
from benchmarks.measure import PYTHON, REPO, _code, child_env, code_dir, log, run, use_code

KINDS = ("span", "scattered", "title")
NODE_RANKER = Path(__file__).with_name("known_item.js")
# Run by the measured code's Python: queries (a JSON list) in, per query the first 10 sources and URLs out.
TERMINAL_RANKER = """
import json, sys
from pathlib import Path
from kbsite.config import load_settings
from kbsite.index.query import search
from kbsite.pipeline import read_taxonomy
settings = load_settings(Path(sys.argv[1]))
taxonomy, _ = read_taxonomy(settings)
out = []
for query in json.load(sys.stdin):
    hits = search(settings.index_dir, query, taxonomy=taxonomy, limit=10).hits
    out.append({"paths": [h.path for h in hits], "urls": [h.url for h in hits]})
json.dump(out, sys.stdout)
"""
# The same, timing each search (after one warm-up): per query, milliseconds.
TERMINAL_TIMER = """
import json, sys, time
from pathlib import Path
from kbsite.config import load_settings
from kbsite.index.query import search
from kbsite.pipeline import read_taxonomy
settings = load_settings(Path(sys.argv[1]))
taxonomy, _ = read_taxonomy(settings)
queries = json.load(sys.stdin)
search(settings.index_dir, queries[0], taxonomy=taxonomy, limit=10)
out = []
for query in queries:
    start = time.perf_counter()
    search(settings.index_dir, query, taxonomy=taxonomy, limit=10)
    out.append(1000 * (time.perf_counter() - start))
json.dump(out, sys.stdout)
"""
PAGEFIND_RANKER = """async (queries) => {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  const out = [];
  for (const q of queries) {
    const found = await pagefind.search(q);
    const top = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    out.push(top.map((d) => d.url));
  }
  return out;
}"""


@dataclass(frozen=True)
class KnownItem:
    lang: str
    kind: str
    query: str
    source: str  # the answer, as the index names it: kb/<path>


def _sentences(content: str, path: str) -> list[str]:
    """The article's body sentences, without markup, front matter, title or the opening date sentence."""
    text = re.sub(r"\A---\n.*?\n---\n", "", content, flags=re.S)
    if path.endswith(".html"):
        text = "\n".join(re.findall(r"<p>(.*?)</p>", text, flags=re.S))
    elif path.endswith(".txt"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", " ".join(lines))
    return re.split(r"(?<=[.?!])\s+", text)[1:]


def _words(sentence: str) -> list[str]:
    return re.findall(r"\w+", sentence)


def known_items(corpus: Corpus, per_lang: int, catalog: dict[str, tuple[str, str, str]]) -> list[KnownItem]:
    """`per_lang` known items a language; `catalog` gives each source's (url, language, title) as indexed."""
    langs = {source: lang for source, (_, lang, _) in catalog.items()}
    rng = Random(f"{corpus.seed}:known-items")
    articles = list(corpus.articles())
    items: list[KnownItem] = []
    for lang in sorted(set(langs.values())):
        own = [a for a in articles if langs.get(f"kb/{a.path}") == lang]
        for n, article in enumerate(rng.sample(own, min(per_lang, len(own)))):
            sentences = [s for s in _sentences(article.content, article.path) if len(_words(s)) >= 8]
            if len(sentences) < 4:
                continue
            kind = KINDS[n % len(KINDS)]
            if kind == "span":
                words = _words(rng.choice(sentences))
                k = rng.randint(3, 6)
                start = rng.randrange(len(words) - k + 1)
                query = " ".join(words[start:start + k]).lower()
            elif kind == "scattered":
                picks = [[w for w in _words(s) if len(w) >= 5] for s in rng.sample(sentences, 4)]
                query = " ".join(rng.choice(p) for p in picks if p).lower()
            else:
                title = _words(catalog[f"kb/{article.path}"][2])
                kept = sorted(rng.sample(range(len(title)), min(len(title), rng.randint(2, 3))))
                extra = [w for w in _words(rng.choice(sentences)) if len(w) >= 5]
                query = " ".join([title[i] for i in kept] + extra[:1]).lower()
            items.append(KnownItem(lang, kind, query, f"kb/{article.path}"))
    return items


def code_at(revision: str, workdir: Path) -> Path:
    """kbsite's code at a git revision, extracted once into workdir (the measured baseline)."""
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short=12", revision], check=True,
                            capture_output=True, text=True).stdout.strip()
    target = workdir / f"code-git-{commit}"
    if not target.is_dir():
        with tempfile.TemporaryDirectory(dir=workdir) as tmp:
            archive = Path(tmp) / "code.tar"
            subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(archive), commit, "kbsite",
                            "build_index.py"], check=True)
            with tarfile.open(archive) as tar:
                tar.extractall(Path(tmp) / "code", filter="data")
            (Path(tmp) / "code").rename(target)
    return target


def baseline_project(root: Path, code: Path) -> Path:
    """A copy of the project's kb/ built (without a site) by the baseline code."""
    copy = root.with_name(f"{root.name}-{code.name}")
    if not (copy / ".kbsite" / "index").is_dir():
        shutil.rmtree(copy, ignore_errors=True)
        copy.mkdir()
        for name in ("kb", "docs"):
            shutil.copytree(root / name, copy / name, ignore=shutil.ignore_patterns("articles", "topics", "entities",
                                                                                    "browse", "search", "assets"))
        shutil.copy2(root / "mkdocs.yml", copy / "mkdocs.yml")
        (copy / "kbsite").symlink_to(code / "kbsite")
        log(f"building {copy.name} with the baseline code")
        built = run([str(PYTHON), str(code / "build_index.py"), "--root", str(copy), "build", "--quiet",
                     "--no-site", "--full"])
        if built.returncode != 0:
            raise SystemExit(f"the baseline build failed:\n{built.stderr[-3000:]}")
    return copy


def terminal_ranks(root: Path, code: Path, queries: list[str]) -> list[dict]:
    env = child_env()
    env["PYTHONPATH"] = str(code)
    done = subprocess.run([str(PYTHON), "-c", TERMINAL_RANKER, str(root)], input=json.dumps(queries), env=env,
                          capture_output=True, text=True, check=False, cwd=code)  # "" on sys.path: the code
    if done.returncode != 0:
        raise SystemExit(f"terminal ranking failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def terminal_latency(root: Path, code: Path, queries: list[str]) -> dict[str, float]:
    env = child_env()
    env["PYTHONPATH"] = str(code)
    done = subprocess.run([str(PYTHON), "-c", TERMINAL_TIMER, str(root)], input=json.dumps(queries), env=env,
                          capture_output=True, text=True, check=False, cwd=code)
    if done.returncode != 0:
        raise SystemExit(f"terminal timing failed:\n{done.stderr[-3000:]}")
    times = sorted(json.loads(done.stdout))
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[round(0.95 * len(times)) - 1], 1)}


def browser_ranks(assets: Path, index: Path, queries: list[str]) -> list[list[str]]:
    done = subprocess.run(["node", str(NODE_RANKER), str(assets), str(index)], input=json.dumps(queries),
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"browser ranking failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def pagefind_ranks(site: Path, items: list[KnownItem]) -> list[list[str]]:
    """Pagefind searches the index of the page's language: each language's queries run from a page in it."""
    from playwright.sync_api import sync_playwright

    from benchmarks.search_browser import CHROMIUM, CHROMIUM_ARGS, serve

    ranked: dict[int, list[str]] = {}
    with sync_playwright() as p, serve(site) as (base, _):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for lang in sorted({i.lang for i in items}):
                name = f"pagefind-known-{lang}.html"
                (site / name).write_text(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
                                         "<title>Known items</title></head><body></body></html>", encoding="utf-8")
                page = browser.new_page()
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                page.goto(base + name)
                mine = [n for n, i in enumerate(items) if i.lang == lang]
                for n, urls in zip(mine, page.evaluate(PAGEFIND_RANKER, [items[n].query for n in mine]), strict=True):
                    ranked[n] = [url.lstrip("/").split("#")[0] for url in urls]
                page.close()
        finally:
            browser.close()
    return [ranked[n] for n in range(len(items))]


def mrr(items: list[KnownItem], answers: list[str], ranked: list[list[str]]) -> dict[str, float]:
    """MRR@10 per language (and all), the answer of item i being answers[i]."""
    per: dict[str, list[float]] = {}
    for item, answer, urls in zip(items, answers, ranked, strict=True):
        rank = urls.index(answer) + 1 if answer in urls[:10] else None
        score = 1 / rank if rank else 0.0
        per.setdefault(item.lang, []).append(score)
        per.setdefault(f"{item.lang}/{item.kind}", []).append(score)
        per.setdefault("all", []).append(score)
    return {key: round(sum(v) / len(v), 3) for key, v in sorted(per.items())}


def known_item_figures(root: Path, corpus: Corpus, per_lang: int, workdir: Path, baseline: str | None,
                       pagefind_site: Path | None) -> dict:
    """MRR@10 per language for every engine; `root` is built (with its site) by the measured code."""
    catalog = _catalog(root, code_dir())
    items = known_items(corpus, per_lang, catalog)
    answers = [catalog[item.source][0] for item in items]
    queries = [i.query for i in items]
    figures: dict = {"queries": len(items), "examples": [asdict(i) for i in items[:: max(1, len(items) // 8)]]}
    codes = {"kbsite": (root, code_dir())}
    if baseline:
        measured = code_dir()
        old = code_at(baseline, workdir)
        _code["dir"] = old
        try:
            codes["baseline"] = (baseline_project(root, old), old)
        finally:
            _code["dir"] = measured
            use_code(root)
        figures["baseline_code"] = old.name
    for name, (project, code) in codes.items():
        log(f"known items: {name} terminal and browser, {len(items)} queries")
        terminal = terminal_ranks(project, code, queries)
        figures[f"{name} terminal"] = mrr(items, answers, [t["urls"] for t in terminal])
        figures.setdefault("latency", {})[name] = [terminal_latency(project, code, queries) for _ in range(2)]
        index = project / "docs" / "assets" / "kbsite" / "search"
        figures[f"{name} browser"] = mrr(items, answers, browser_ranks(code / "kbsite" / "theme" / "assets" / "kbsite",
                                                                       index, queries))
    if pagefind_site is not None:
        log(f"known items: Pagefind, {len(items)} queries")
        figures["pagefind"] = mrr(items, answers, pagefind_ranks(pagefind_site, items))
    return figures


def _catalog(project: Path, code: Path) -> dict[str, tuple[str, str, str]]:
    """Source -> (page URL, language, title) of every article, as the project's index stores them."""
    env = child_env()
    env["PYTHONPATH"] = str(code)
    script = ("import json, sys\nfrom kbsite.index.whoosh_index import open_index\n"
              "r = open_index(sys.argv[1]).reader()\n"
              "rows = {f['source']: [f.get(k, '') for k in ('url', 'lang', 'title')] for _, f in r.iter_docs()}\n"
              "json.dump(rows, sys.stdout)")
    done = subprocess.run([str(PYTHON), "-c", script, str(project / ".kbsite" / "index")], env=env,
                          capture_output=True, text=True, check=True, cwd=code)
    return {source: (url, lang or "und", title) for source, (url, lang, title) in json.loads(done.stdout).items()}


def table(figures: dict) -> str:
    engines = [k for k in figures if k.endswith(("terminal", "browser")) or k == "pagefind"]
    keys = sorted({k for e in engines for k in figures[e]}, key=lambda k: ("/" in k, k == "all", k))
    width = max(len(e) for e in engines)
    lines = ["MRR@10".ljust(width) + "  " + "  ".join(k.rjust(12) for k in keys)]
    for engine in engines:
        lines.append(engine.ljust(width) + "  " + "  ".join(f"{figures[engine].get(k, 0):.3f}".rjust(12)
                                                             for k in keys))
    for name, runs in figures.get("latency", {}).items():
        lines.append(f"{name} terminal search of these queries, p50 / p95 (two runs): "
                     + ", ".join(f"{r['p50_ms']:.1f} / {r['p95_ms']:.1f} ms" for r in runs))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit("run benchmarks/bench_search.py --known-items N")
