"""The command line: parse, call the package, print. The one place errors become messages."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from kbsite import __version__
from kbsite.config import Settings, load_settings
from kbsite.errors import KbError, StrictError
from kbsite.index.filters import FilterError
from kbsite.model import Diagnostic
from kbsite.outputs import DECLARED

LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "nl": "Dutch", "ru": "Russian", "de": "German", "fr": "French",
    "it": "Italian", "pt": "Portuguese", "und": "undetermined",
}


EXIT_CODES = """exit codes:
  0    done; problems in the KB were reported (a build goes on without the files it cannot use)
  1    check found an error in the KB; --strict and any error or warning; or the build failed
  2    the command line is wrong: an unknown option, or a search filter that names nothing
  130  interrupted (Ctrl-C): the previous site and index are left as they were"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kbsite",
        description="Turn the articles in kb/ into cross-linked pages, a search index and a static site.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the project folder, with mkdocs.yml, kb/ and docs/ (default: the current folder)")
    parser.add_argument("-v", "--verbose", action="store_true", help="say more about what happens")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    codes: dict = {"epilog": EXIT_CODES, "formatter_class": argparse.RawDescriptionHelpFormatter}

    def build_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--strict", action="store_true",
                       help="any problem in the KB is fatal (after all of them are reported)")
        p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
        p.add_argument("--full", action="store_true", help="ignore the cache and analyse every article again")
        p.add_argument("--no-site", action="store_true", help="write the pages and the index, skip MkDocs")
        p.add_argument("--quiet", action="store_true", help="no progress bars")
        for output in DECLARED:  # each output's setting in mkdocs.yml, turned off for this build
            p.add_argument(f"--no-{output.name.replace('_', '-')}", dest=f"no_{output.name}", action="store_true",
                           help=f"without {output.what} (extra.kb.{output.name})")

    def filters(p: argparse.ArgumentParser, only: str) -> None:
        p.add_argument("--lang", help=f"{only} in this language (e.g. es)")
        p.add_argument("--topic", help=f"{only} of this topic (its id, or a label)")
        p.add_argument("--entity", help=f"{only} that mention this entity (its id, or a name)")
        p.add_argument("--since", help=f"{only} dated on or after this date: YYYY[-MM[-DD]] or as written, "
                                       'e.g. "2 December 2015"')
        p.add_argument("--until", help=f"{only} dated on or before this date (a year or month includes all of it)")

    build = sub.add_parser("build", help="analyse kb/, write docs/, build the index and the site (the default)",
                           description="Analyse kb/, write the generated pages into docs/, build the search "
                                       "index and the static site.", **codes)
    build_options(build)
    serve = sub.add_parser("serve", help="serve the site with live reload; rebuilds when kb/ or docs/ changes",
                           description="Build the pages and serve the site with `mkdocs serve` and the kbsite plugin: "
                                       "an edit in kb/ (articles, topics.yml, entities.yml), docs/ or mkdocs.yml "
                                       "rebuilds what changed and reloads the browser.")
    serve.add_argument("--strict", action="store_true", help="any problem in the KB fails the build")
    serve.add_argument("--jobs", type=int, help="worker processes (default: all cores)")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)")
    check = sub.add_parser("check", help="validate kb/ and report; writes nothing",
                           description="Read and analyse kb/, report every problem and suggest entities "
                                       "to add; writes nothing but the file --suggest-entities names. Exits 1 when it "
                                       "found an error.", **codes)
    check.add_argument("--strict", action="store_true", help="exit 1 for a warning too")
    check.add_argument("--suggest-entities", type=Path, metavar="FILE",
                       help="write the suggested entities to FILE as entities.yml entries, ready to review")
    check.add_argument("--force", action="store_true", help="with --suggest-entities: replace FILE if it exists")
    check.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")

    export = sub.add_parser("export", help="write what kbsite knows as tables, a graph and citations",
                            description="Write export/: articles.csv and .jsonl, entities.csv, topics.csv, "
                                        "mentions.csv, graph.graphml and graph.json, citations.bib, .json "
                                        "(CSL-JSON) and .ris; optionally a BagIt bag of the whole project.")
    export.add_argument("--out", type=Path, default=Path("export"),
                        help="the export folder, relative to the project (default: %(default)s)")
    export.add_argument("--bom", action="store_true", help="start each CSV with a byte order mark (for Excel)")
    export.add_argument("--bag", type=Path, metavar="DIR",
                        help="also write a BagIt bag (SHA-256) of kb/, mkdocs.yml, the export and site/ to DIR")
    export.add_argument("--verify-bag", type=Path, metavar="DIR",
                        help="check that the bag in DIR is complete and unchanged, then stop")
    export.add_argument("--strict", action="store_true", help="any problem in the KB is fatal")
    export.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    filters(export, "export only articles")

    new = sub.add_parser("new", help="start a new KB project in DIR, ready to build",
                         description="Write a new project into DIR (new or empty): mkdocs.yml with the kbsite "
                                     "plugin, kb/ with an example article and vocabulary, and a GitHub Pages "
                                     "workflow. Then `kbsite build` or `mkdocs build` in DIR.")
    new.add_argument("dir", type=Path, help="the project folder to create")

    sub.add_parser("clean", help="remove site/, the index and the cache (refused while a build runs)",
                   description="Remove what a build makes again: site/, the search index and the build cache. "
                               "The generated pages in docs/, kbsite's record of them and saved hand edits stay.")
    search = sub.add_parser("search", help="search the KB from the terminal (after a build)",
                            description="Search the prebuilt index; works without network. A filter that "
                                        "names nothing is an error (exit 2) that says what is valid.", **codes)
    search.add_argument("query", nargs="?", help='words, "a phrase", a prefix*, -excluded')
    filters(search, "only articles")
    search.add_argument("--limit", type=int, default=10, help="how many results (default: %(default)s)")
    search.add_argument("--json", action="store_true", help="print a JSON array of hits")
    search.add_argument("--batch", metavar="FILE", help="read queries from FILE (- for standard input), one a line, "
                                                        "and print one JSON line of results for each")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(message)s")
    command = args.command or "build"
    if args.command is None:
        args = _parser().parse_args([*(argv if argv is not None else sys.argv[1:]), "build"])
    try:
        if command == "new":
            return _new(args)
        settings = load_settings(args.root.resolve())
        if command == "search":
            return _search(settings, args)
        if command == "check":
            return _check(settings, args)
        if command == "export":
            return _export(settings, args)
        if command == "clean":
            from kbsite.pipeline import clean

            removed = clean(settings)
            names = [settings.rel(p) + ("" if p == settings.zip_file else "/") for p in removed]
            print("Removed " + (", ".join(names) or "nothing") + ".")
            return 0
        if command == "serve":
            return _serve(settings, args)
        _build(settings, args)
        return 0
    except FilterError as exc:
        print(f"Error: {_printable(str(exc))}", file=sys.stderr)
        return 2
    except KbError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted: the previous site and index are left as they were.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `kbsite search x | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # or Python reports the pipe again when it flushes stdout at exit
        return 0


def _options(args: argparse.Namespace):
    from kbsite.pipeline import BuildOptions, no_progress

    options = BuildOptions(strict=args.strict)
    if args.jobs:
        options.workers = max(1, args.jobs)
    options.incremental = not getattr(args, "full", False)
    options.site = not getattr(args, "no_site", False)
    if not getattr(args, "quiet", True) and sys.stderr.isatty():
        options.progress = _tqdm_progress
    else:
        options.progress = no_progress
    return options


def _tqdm_progress(items: Iterator, total: int, label: str) -> Iterator:
    from tqdm import tqdm

    unit = {"analyse": "article", "link": "article", "site": "chunk", "index": "bucket"}.get(label, "file")
    return iter(tqdm(items, total=total or None, desc=label, unit=unit, leave=False, file=sys.stderr))


def _command() -> str:
    """How the user called kbsite, for the commands a message suggests: the repository's script or the package's."""
    return "python build_index.py" if Path(sys.argv[0]).name == "build_index.py" else "kbsite"


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        print(_printable(str(d)), file=sys.stderr)


def _printable(line: str) -> str:
    """One line, and no terminal control: a file name may hold escape sequences or line breaks."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)


def _build(settings: Settings, args: argparse.Namespace) -> None:
    from kbsite.pipeline import build

    off = [o.name for o in DECLARED if getattr(args, f"no_{o.name}", False)]
    if getattr(args, "no_site", False):
        off.append("offline_zip")  # no site to zip, so no page may link a zip
    settings = replace(settings, outputs=settings.outputs.without(*off))
    options = _options(args)
    try:
        report = build(settings, options)
    except StrictError as exc:
        _print_diagnostics(exc.diagnostics)
        raise
    _print_diagnostics(report.diagnostics)
    for warning in report.mkdocs_warnings:
        print(f"mkdocs: warning: {warning}", file=sys.stderr)
    _summary(settings, report, options.site)


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from kbsite.serve import serve

    options: dict[str, object] = {"strict": True} if args.strict else {}
    if args.jobs:
        options["jobs"] = max(1, args.jobs)
    print(f"Serving the site on http://{args.dev_addr}/ once it is built (Ctrl+C to stop)", flush=True)
    serve(settings.config_file, dev_addr=args.dev_addr, options=options)
    return 0


def _summary(settings: Settings, report, site: bool) -> None:
    langs = ", ".join(f"{n} {LANGUAGE_NAMES.get(lang, lang)}" for lang, n in sorted(report.by_lang.items()))
    counts = {s: sum(1 for d in report.diagnostics if d.severity == s) for s in ("error", "warning", "note")}
    lines = [
        f"Built {report.articles} article(s) ({langs or 'none'}); {report.topics} topics, {report.entities} entities.",
        f"  {report.analysed} analysed, {report.reused} unchanged (from the cache); "
        f"{report.pages} pages ({report.files} files) written.",
        f"  Problems: {counts['error']} error(s), {counts['warning']} warning(s), {counts['note']} note(s)"
        + (" - see above." if report.diagnostics else "."),
        "  Time: " + ", ".join(f"{name} {seconds:.1f}s" for name, seconds in report.timings),
        f"  Pages: {settings.rel(settings.docs_dir)}/"
        + (f"   Index: {settings.rel(settings.index_dir)}/" if settings.outputs.index else ""),
    ]
    if site:
        lines += [
            f"  Site: {settings.rel(settings.site_dir)}/index.html (open it from disk, or serve it:",
            f"        {_command()} serve   or   python -m http.server -d {settings.rel(settings.site_dir)})",
        ]
        if settings.zip_file is not None:
            lines.append(f"  Offline: {settings.rel(settings.zip_file)} (the whole site in one file, to read without "
                         "a server)")
    if settings.outputs.index:
        lines.append(f'  Search: {_command()} search "your words"')
    print("\n".join(lines))


def _check(settings: Settings, args: argparse.Namespace) -> int:
    from kbsite.pipeline import check

    target: Path | None = args.suggest_entities
    if target is not None and target.exists() and not args.force:
        raise KbError(f"{target} exists and was left as it is; choose another file, or add --force to replace it")
    report = check(settings, _options(args))
    _print_diagnostics(report.diagnostics)
    print(f"Checked {report.articles} article(s), {report.topics} topics, {report.entities} entities: "
          f"{len(report.diagnostics)} problem(s).")
    if report.suggestions:
        print("Names that recur across articles and are not entities yet (add them to kb/entities.yml?):")
        for s in report.suggestions[:30]:
            aliases = f"; also {', '.join(s.aliases)}" if s.aliases else ""
            print(f"  {s.name} ({s.articles} articles{aliases})")
    if target is not None:
        _write_suggestions(settings, target, report)
    fatal = ("error", "warning") if args.strict else ("error",)
    return 1 if any(d.severity in fatal for d in report.diagnostics) else 0


def _export(settings: Settings, args: argparse.Namespace) -> int:
    from kbsite.export import Selection
    from kbsite.export.bag import verify_bag
    from kbsite.pipeline import ExportRequest, export

    if args.verify_bag:
        problems = verify_bag(args.verify_bag)
        for problem in problems:
            print(_printable(f"{args.verify_bag}: {problem}"), file=sys.stderr)
        print(f"{args.verify_bag}: " + ("not valid" if problems else "a complete and unchanged BagIt bag"))
        return 1 if problems else 0
    selection = Selection(lang=args.lang, topic=args.topic, entity=args.entity, since=args.since, until=args.until)
    out = args.out if args.out.is_absolute() else settings.root / args.out
    bag = None if args.bag is None else args.bag if args.bag.is_absolute() else settings.root / args.bag
    options = _options(args)
    try:
        report = export(settings, options, ExportRequest(out, selection, args.bom, bag))
    except StrictError as exc:
        _print_diagnostics(exc.diagnostics)
        raise
    _print_diagnostics(report.diagnostics)
    print(f"Exported {report.articles} article(s) to {settings.rel(out)}/ ({report.files} files)"
          + (f"; bag in {settings.rel(bag)}/" if bag else "") + ".")
    return 0


def _new(args: argparse.Namespace) -> int:
    from kbsite.scaffold import new_project

    target = args.dir if args.dir.is_absolute() else args.root / args.dir
    written = new_project(target)
    print(f"Wrote a new KB project in {target} ({len(written)} files). Next:\n"
          f"  cd {target}\n  kbsite build      (or: mkdocs build, or mkdocs serve)")
    return 0


def _write_suggestions(settings: Settings, target: Path, report) -> None:
    from kbsite.analyze.suggest import entities_yaml
    from kbsite.pipeline import read_taxonomy

    taken = [entity.id for entity in read_taxonomy(settings)[0].entities]  # the new ids may join the old file
    replaced = target.exists()
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(entities_yaml(report.suggestions, taken), encoding="utf-8")
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise KbError(f"{target}: not written: {exc.strerror or exc}") from exc
    print(f"{'Replaced' if replaced else 'Wrote'} {target}: {len(report.suggestions)} suggested entities.")


def _search(settings: Settings, args: argparse.Namespace) -> int:
    from kbsite.index.lean_whoosh import import_whoosh

    import_whoosh()  # before any other part of Whoosh: a third of its import time is for what search never does
    from kbsite.index.opened import open_cached
    from kbsite.index.query import search
    from kbsite.index.taxonomy_cache import search_taxonomy
    from kbsite.journal import recover

    recover(settings.state_dir, settings.root)  # a build killed while it published: finish that first
    if not settings.index_dir.is_dir():
        raise KbError(f"no search index at {settings.rel(settings.index_dir)}/: run `{_command()} build` first")
    if (args.query is None) == (args.batch is None):
        raise KbError("search needs a query or --batch FILE (one of the two)")
    known = search_taxonomy(settings, open_cached(settings.index_dir, settings.state_dir).langs)

    def one(query: str):
        return search(settings.index_dir, query, taxonomy=known.taxonomy, aliases=known.aliases, lang=args.lang,
                      topic=args.topic, entity=args.entity, since=args.since, until=args.until, limit=args.limit)

    if args.batch is not None:
        from kbsite.index.batch import query_lines, run_batch

        with query_lines(args.batch, sys.stdin.buffer) as queries:
            run_batch(queries, one, sys.stdout)
        return 0
    results = one(args.query)
    if args.json:
        from kbsite.index.cli_format import to_json

        print(to_json(results))
    else:
        from kbsite.index.cli_format import format_lines

        print("\n".join(format_lines(results, color=sys.stdout.isatty() and "NO_COLOR" not in os.environ)))
    return 0
