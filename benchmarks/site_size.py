"""Where a built site's bytes go, by kind of file, per article (issue 15: a 50k-article site within GitHub Pages' 1 GB).

Every file of site/ falls in exactly one kind, so the kinds add up to the whole site. Kinds are
told apart by the folders kbsite and MkDocs write them to.

    python benchmarks/site_size.py SITE_DIR --articles N
"""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--articles", type=int, required=True)
    args = parser.parse_args(argv)
    print(render(breakdown(args.site), args.articles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
