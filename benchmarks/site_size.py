"""Where a built site's bytes go, by kind of file, per article (issue 15: a 50k-article site within GitHub Pages' 1 GB).

Every file of site/ falls in exactly one kind, so the kinds add up to the whole site. Kinds are
told apart by the folders kbsite and MkDocs write them to.

    python benchmarks/site_size.py SITE_DIR --articles N [--json OUT] [--frame]
    python benchmarks/site_size.py --extrapolate SMALL.json LARGE.json --to 50000
    python benchmarks/site_size.py --extrapolate SMALL.json LARGE.json --scale NOW.json --to 50000

The extrapolation fits each kind as fixed bytes plus bytes per article through two measured sizes
(a straight line: pages and shards grow with the articles; theme files do not). Kinds with a cap,
such as the graph pictures (at most MAX_NODES nodes each, one per topic and entity), come out high.

With --scale, the two saved breakdowns give only each kind's growth (the ratio of its straight line at --to
to its bytes at SMALL), applied to a third breakdown NOW of the same number of articles as SMALL: the
estimate for a later version of the code when only a small build of it could be measured.

--frame also splits each kind of page into the theme's frame (head, header, navigation, table of contents,
footer, scripts: everything outside the page's <article>) and its content, per page.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# (kind, test on the path relative to site/), first match wins; the last kind takes the rest.
KINDS: tuple[tuple[str, object], ...] = (
    ("offline zip", lambda p: p == "offline.zip"),
    ("article pages", lambda p: p.startswith("articles/")),
    ("entity pages", lambda p: p.startswith("entities/")),
    ("topic pages", lambda p: p.startswith("topics/")),
    ("listing pages (browse, tags, timeline)",
     lambda p: p.startswith(("browse/", "tags/", "timeline/")) or p == "timeline.html"),
    ("graph pictures", lambda p: p.startswith("assets/kbsite/graph")),
    ("browser search shards", lambda p: p.startswith("assets/kbsite/search/")),
    ("link-preview shards", lambda p: p.startswith("assets/kbsite/previews/")),
    ("Material search index", lambda p: p.startswith("search/search_index")),
    ("sitemap", lambda p: p.startswith("sitemap.xml")),
    ("feeds", lambda p: p.startswith("feed.")),
    ("theme assets (fixed)", lambda p: p.startswith("assets/")),
    ("other pages (fixed)", lambda p: True),
)


def breakdown(site: Path) -> dict[str, dict[str, int]]:
    """Bytes and files of each kind under site/ (every kind listed, zeros included)."""
    figures = {kind: {"bytes": 0, "files": 0} for kind, _ in KINDS}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        kind = next(name for name, test in KINDS if test(relative))  # type: ignore[operator]
        figures[kind]["bytes"] += path.stat().st_size
        figures[kind]["files"] += 1
    return figures


_CONTENT_START = b'<article class="md-content__inner'
_CONTENT_END = b"</article>"


def frame_bytes(html: bytes) -> tuple[int, int]:
    """(frame, content) bytes of a page: the content is Material's <article>, the frame all the rest."""
    start, end = html.find(_CONTENT_START), html.rfind(_CONTENT_END)
    if start < 0 or end < start:
        return len(html), 0
    content = end + len(_CONTENT_END) - start
    return len(html) - content, content


def frames(site: Path) -> dict[str, tuple[int, int, int]]:
    """Kind -> (pages, frame bytes, content bytes) over the HTML pages of each kind."""
    out: dict[str, list[int]] = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        kind = next(name for name, test in KINDS if test(relative))  # type: ignore[operator]
        frame, content = frame_bytes(path.read_bytes())
        totals = out.setdefault(kind, [0, 0, 0])
        totals[0] += 1
        totals[1] += frame
        totals[2] += content
    return {kind: (n, frame, content) for kind, (n, frame, content) in out.items()}


def render_frames(figures: dict[str, tuple[int, int, int]]) -> str:
    lines = [f"{'HTML pages':<40} {'pages':>7} {'frame/page':>11} {'content/page':>13}"]
    for kind, (n, frame, content) in figures.items():
        lines.append(f"{kind:<40} {n:>7,} {frame / n:>11,.0f} {content / n:>13,.0f}")
    return "\n".join(lines)


def render(figures: dict[str, dict[str, int]], articles: int) -> str:
    """A table: bytes, files and bytes per article of each kind, and the whole site with and without the zip."""
    lines = [f"{'kind':<40} {'bytes':>14} {'files':>7} {'bytes/article':>14}"]
    for kind, figure in figures.items():
        lines.append(f"{kind:<40} {figure['bytes']:>14,} {figure['files']:>7,} "
                     f"{figure['bytes'] / articles:>14,.0f}")
    whole = sum(f["bytes"] for f in figures.values())
    without_zip = whole - figures["offline zip"]["bytes"]
    lines.append(f"{'whole site':<40} {whole:>14,} {sum(f['files'] for f in figures.values()):>7,} "
                 f"{whole / articles:>14,.0f}")
    lines.append(f"{'whole site without the zip':<40} {without_zip:>14,} {'':>7} {without_zip / articles:>14,.0f}")
    return "\n".join(lines)


def extrapolate(small: tuple[int, dict], large: tuple[int, dict], articles: int) -> dict[str, dict[str, int]]:
    """Each kind's bytes at `articles`, on the straight line through two measured (articles, breakdown) points."""
    (n1, b1), (n2, b2) = small, large
    out = {}
    for kind in b2:
        slope = (b2[kind]["bytes"] - b1[kind]["bytes"]) / (n2 - n1)
        out[kind] = {"bytes": max(0, round(b2[kind]["bytes"] + slope * (articles - n2))),
                     "files": max(0, round(b2[kind]["files"] + (b2[kind]["files"] - b1[kind]["files"]) / (n2 - n1)
                                           * (articles - n2)))}
    return out


def scaled(small: tuple[int, dict], large: tuple[int, dict], now: tuple[int, dict],
           articles: int) -> dict[str, dict[str, int]]:
    """NOW's bytes of each kind times that kind's growth from SMALL to `articles` (see extrapolate)."""
    if now[0] != small[0]:
        raise SystemExit(f"--scale needs a breakdown of {small[0]:,} articles, not {now[0]:,}")
    line = extrapolate(small, large, articles)
    out = {}
    for kind, figure in now[1].items():
        before = small[1].get(kind, {"bytes": 0})["bytes"]
        growth = line[kind]["bytes"] / before if before and kind in line else 1.0
        out[kind] = {"bytes": round(figure["bytes"] * growth), "files": line.get(kind, figure)["files"]}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?")
    parser.add_argument("--articles", type=int)
    parser.add_argument("--json", type=Path, help="also save the breakdown here, with the number of articles")
    parser.add_argument("--extrapolate", type=Path, nargs=2, metavar=("SMALL", "LARGE"),
                        help="two saved breakdowns (--json) to extrapolate from")
    parser.add_argument("--scale", type=Path, metavar="NOW",
                        help="with --extrapolate: scale this breakdown by each kind's growth between the two")
    parser.add_argument("--frame", action="store_true", help="also split the pages into frame and content")
    parser.add_argument("--to", type=int, default=50_000, help="articles to extrapolate to (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.extrapolate:
        points = [json.loads(p.read_text(encoding="utf-8")) for p in args.extrapolate]
        small, large = ((p["articles"], p["kinds"]) for p in points)
        if args.scale:
            now = json.loads(args.scale.read_text(encoding="utf-8"))
            figures = scaled(small, large, (now["articles"], now["kinds"]), args.to)
            print(f"estimated at {args.to:,} articles: {args.scale} grown as each kind grew from "
                  f"{points[0]['articles']:,} to {points[1]['articles']:,} articles:")
            print(render(figures, args.to))
            return 0
        figures = extrapolate(small, large, args.to)
        print(f"estimated at {args.to:,} articles from {points[0]['articles']:,} and {points[1]['articles']:,}:")
        print(render(figures, args.to))
        return 0
    if args.site is None or args.articles is None:
        parser.error("give SITE_DIR and --articles, or --extrapolate")
    figures = breakdown(args.site)
    print(render(figures, args.articles))
    if args.frame:
        print()
        print(render_frames(frames(args.site)))
    if args.json:
        args.json.write_text(json.dumps({"articles": args.articles, "kinds": figures}, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
