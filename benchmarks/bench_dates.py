"""Dates: time per article and what is found, for kbsite's dates module beside a baseline from git, in one run.

The baseline is the same two stages (metadata date, events in the text) as a git revision had
them, loaded from `git show`, run on the same articles in the same process:

    python benchmarks/corpus.py --articles 300 --out /tmp/dc
    python benchmarks/bench_dates.py /tmp/dc/kb --baseline 579e9e5

Metadata dates are timed twice: as the KB states them, and written out in words in the article's
language ("2 de diciembre de 2015"), the forms that need dateparser (timed without kbsite's cache
of dates already read, so each one is a dateparser call).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
import types
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kbsite.analyze import dates as analyze_dates
from kbsite.analyze.language import detect_language
from kbsite.dates import _written as _written_cache
from kbsite.dates import parse_date, year_window
from kbsite.gather import discover
from kbsite.kbfiles import read_bytes
from kbsite.readers import read_document

REPO = Path(__file__).resolve().parent.parent
_MONTHS = {  # one string each, split at spaces
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
}
_PATTERN = {"en": "{d} {m} {y}", "es": "{d} de {m} de {y}", "nl": "{d} {m} {y}", "ru": "{d} {m} {y} г."}


def _written(day: date, lang: str) -> str:
    lang = lang if lang in _MONTHS else "en"
    return _PATTERN[lang].format(d=day.day, m=_MONTHS[lang].split(" ")[day.month - 1], y=day.year)


def _baseline(ref: str, path: str, name: str) -> types.ModuleType:
    source = subprocess.run(["git", "-C", str(REPO), "show", f"{ref}:{path}"], check=True, capture_output=True,
                            text=True).stdout
    spec = importlib.util.spec_from_loader(name, loader=None)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = module  # dataclasses look their module up
    exec(compile(source, f"{ref}:{path}", "exec"), module.__dict__)
    return module


def _articles(kb: Path) -> list[tuple[str, str, str | None]]:
    """(text, lang, declared date) of every article."""
    jobs, _ = discover(kb)
    out = []
    for job in jobs:
        doc = read_document(job.source, read_bytes(kb, job.path))
        declared = doc.meta.get("date")
        lang = detect_language(doc.text, doc.meta.get("lang") if isinstance(doc.meta.get("lang"), str) else None)
        out.append((doc.text, lang, str(declared) if declared else None))
    return out


def _timed(steps: list[Callable[[], object]], repeat: int) -> list[float]:
    """Best time of each step, the steps run in turn in every round: a busy machine slows both alike."""
    best = [float("inf")] * len(steps)
    for _ in range(repeat):
        for i, step in enumerate(steps):
            _written_cache.cache_clear()  # every run reads each written date afresh
            start = time.perf_counter()
            step()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kb", type=Path, help="a kb/ folder, e.g. one written by benchmarks/corpus.py")
    parser.add_argument("--baseline", default="main", help="git revision to compare with (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=5, help="best of this many runs (default: %(default)s)")
    args = parser.parse_args(argv)

    articles = _articles(args.kb)
    declared = [d for _, _, d in articles if d]
    written = [_written(date.fromisoformat(d), lang) for _, lang, d in articles
               if d and len(d) == 10]
    old_events = _baseline(args.baseline, "kbsite/analyze/dates.py", "baseline_dates")
    old_meta = _baseline(args.baseline, "kbsite/readers/metadata.py", "baseline_metadata")
    parse_date(written[0] if written else "2 de diciembre de 2015")  # dateparser's one-off loading, not per article
    impls = (("baseline", old_events.find_events, old_meta.parse_date),
             ("kbsite", analyze_dates.find_events, parse_date))
    found: dict[str, list[tuple[str | None, tuple]]] = {}

    def run_events(name: str, events: Callable) -> None:
        found[name] = [(d, events(text, lang, d)) for text, lang, d in articles]

    event_times = _timed([lambda n=name, e=events: run_events(n, e) for name, events, _ in impls], args.repeat)
    meta_times = _timed([lambda m=meta: [m(v) for v in declared] for _, _, meta in impls], args.repeat)
    written_times = _timed([lambda m=meta: [m(v) for v in written] for _, _, meta in impls], args.repeat)
    rows = []
    for (name, _, meta), seconds, meta_seconds, written_seconds in zip(impls, event_times, meta_times,
                                                                       written_times, strict=True):
        outside = sum(1 for d, evs in found[name] for e in evs
                      if e.date[:4].isdigit() and not year_window(d)[0] <= int(e.date[:4]) <= year_window(d)[1])
        per_sentence = sum(len(evs) - len({e.text for e in evs}) for _, evs in found[name])
        read = sum(1 for v in written if meta(v) is not None)
        rows.append((name, seconds, sum(len(e) for _, e in found[name]), outside, per_sentence, meta_seconds,
                     written_seconds, read))
    n = max(len(articles), 1)
    print(f"{len(articles)} articles in {args.kb}; baseline: {args.baseline}; best of {args.repeat}")
    print(f"{'':10}{'events ms/article':>19}{'events':>8}{'off-window':>12}{'same sentence twice':>21}"
          f"{'meta µs/date':>14}{'written µs/date':>17}{'written read':>14}")
    for name, seconds, events, outside, twice, meta_s, written_s, read in rows:
        print(f"{name:10}{seconds / n * 1000:>19.3f}{events:>8}{outside:>12}{twice:>21}"
              f"{meta_s / max(len(declared), 1) * 1e6:>14.1f}{written_s / max(len(written), 1) * 1e6:>17.1f}"
              f"{read:>7}/{len(written):<6}")
    base, new = rows
    print(f"ratio kbsite/baseline: events {new[1] / base[1]:.2f}x, metadata {new[5] / max(base[5], 1e-9):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
