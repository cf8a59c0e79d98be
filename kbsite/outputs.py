"""What a build makes besides the article, topic and entity pages: each output declared once, here.

An output is turned on or off by the key of its name under `extra: kb:` in mkdocs.yml, or by the kbsite
plugin's option of the same name, or by its `--no-...` flag on the command line; the default is on.
The pages link an output only when the build makes it, and the navigation loses the entries of
outputs turned off, so no page points at a file that is not there.

The offline zip is a copy of the whole site: inside the site it doubles what is published (GitHub Pages
holds 1 GB), so by default it is written beside the site, and linked from the home page only when a
user puts it inside the site on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from kbsite.paths import SEARCH_PAGE, TIMELINE_PAGE

ZIP_NAME = "offline.zip"


@dataclass(frozen=True)
class Output:
    name: str  # the key under extra.kb, the plugin's option, and (with dashes) the --no-... flag
    what: str  # for --help
    pages: tuple[str, ...] = ()  # its pages under docs/ that mkdocs.yml's nav may name


DECLARED = (
    Output("index", "the Whoosh index for `kbsite search`"),
    Output("search", "the browser search (its page, its index files, the header's search box)", (SEARCH_PAGE,)),
    Output("feeds", "the RSS and JSON feeds, of the whole site and of each topic"),
    Output("graph", "the knowledge-graph pictures of the home, topic and entity pages"),
    Output("timeline", "the timeline of the articles' events", (TIMELINE_PAGE,)),
    Output("tags", "a page for each tag the articles name"),
    Output("passages", "the passage quoted under each article in the lists of topic and entity pages"),
    Output("offline_zip", f"the whole site in one zip to read offline ({ZIP_NAME} beside the site, or where the "
                          "setting says)"),
)
NAMES = tuple(o.name for o in DECLARED)


@dataclass(frozen=True)
class Outputs:
    index: bool = True
    search: bool = True
    feeds: bool = True
    graph: bool = True
    timeline: bool = True
    tags: bool = True
    passages: bool = True
    offline_zip: str | None = ZIP_NAME  # relative to the project folder; None: no zip

    def enabled(self, name: str) -> bool:
        return bool(getattr(self, name))

    def without(self, *names: str) -> Outputs:
        """These outputs turned off (the command line's --no-... flags)."""
        return replace(self, **{name: None if name == "offline_zip" else False for name in names})

    def missing_pages(self) -> frozenset[str]:
        """The pages of the outputs turned off: a link to one of them would be broken."""
        return frozenset(page for o in DECLARED if not self.enabled(o.name) for page in o.pages)


def read_outputs(kb: dict, problems: list[str]) -> Outputs:
    """The outputs a project's settings (extra.kb, merged with the plugin's options) ask for; every invalid
    value is added to `problems`, and its output keeps its default."""
    chosen: dict[str, object] = {}
    for name in NAMES:
        if name not in kb or kb[name] is None:
            continue
        value = kb[name]
        if name == "offline_zip":
            zip_path = _zip_setting(value)
            if zip_path is False:
                problems.append(f"extra.kb.offline_zip must be true, false or a relative path ending in .zip "
                                f"(inside the project folder), not {value!r}")
                continue
            chosen[name] = zip_path
        elif isinstance(value, bool):
            chosen[name] = value
        else:
            problems.append(f"extra.kb.{name} must be true or false, not {value!r}")
    return Outputs(**chosen)


def _zip_setting(value: object) -> str | bool | None:
    """The zip's path for a setting's value; None for no zip; False when the value is not valid."""
    if value is True:
        return ZIP_NAME
    if value is False:
        return None
    if not isinstance(value, str) or not value.endswith(".zip") or "\\" in value:
        return False
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or path.name == ".zip":
        return False
    return path.as_posix()


def zip_file(outputs: Outputs, root: Path) -> Path | None:
    return root / outputs.offline_zip if outputs.offline_zip else None


def zip_in_site(outputs: Outputs, root: Path, site_dir: Path) -> str | None:
    """The zip's path inside the site (the home page's link to it), or None when it is not published."""
    target = zip_file(outputs, root)
    if target is None:
        return None
    try:
        return target.resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return None


def prune_nav(nav: object, missing: frozenset[str]) -> object:
    """mkdocs.yml's nav without the entries that name a page of an output turned off (a section left
    empty goes too): MkDocs would otherwise warn of, and with --strict fail on, a page that is not there."""
    if not missing or not isinstance(nav, list):
        return nav
    kept = []
    for item in nav:
        target = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if isinstance(target, str) and target in missing:
            continue
        if isinstance(target, list):
            inner = prune_nav(target, missing)
            if not inner:
                continue
            item = {next(iter(item)): inner} if isinstance(item, dict) else inner
        kept.append(item)
    return kept
