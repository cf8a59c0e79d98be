"""Settings: where things are, read from mkdocs.yml (kbsite's own keys live under `extra: kb:`).

MkDocs warns about unknown top-level keys (fatal with --strict), hence `extra:`.
Every invalid key is reported at once, not one per run.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kbsite.errors import KbError
from kbsite.outputs import NAMES as OUTPUT_NAMES
from kbsite.outputs import Outputs, read_outputs, zip_file

STATE_DIR = ".kbsite"  # index, cache and lock; never inside docs/ or site/
LEARNED, KEYWORDS = "learned", "keywords"  # extra.kb.topics: see kbsite.analyze.learn
TOPIC_MODES = (LEARNED, KEYWORDS)


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags and !ENV; their values do not matter here."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_LenientLoader.add_multi_constructor("!", _ignore_tag)


@dataclass(frozen=True)
class Settings:
    root: Path
    config_file: Path
    kb_dir: Path
    docs_dir: Path
    site_dir: Path
    state_dir: Path
    site_name: str
    site_url: str | None
    page_size: int = 100
    auto_entities: int = 0  # without kb/entities.yml: entity pages for this many suggested names (0: none)
    source_url: str | None = None  # where the KB's files are online: article pages link their source file
    site_lang: str = "en"  # theme.language: the language of the pages that are not one article's
    topics: str = LEARNED  # how articles get their topics: one of TOPIC_MODES
    outputs: Outputs = field(default_factory=Outputs)  # what the build makes besides the pages
    overrides: Path | None = None  # page templates that replace the shipped ones: theme.custom_dir, else overrides/

    @property
    def index_dir(self) -> Path:
        return self.state_dir / "index"

    @property
    def cache_dir(self) -> Path:
        return self.state_dir / "cache"

    @property
    def zip_file(self) -> Path | None:
        return zip_file(self.outputs, self.root)

    def rel(self, path: Path) -> str:
        """A path as the user knows it: relative to the project folder when inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def _plugin_options(plugins: object) -> dict:
    """The kbsite plugin's options (`plugins: [kbsite: {...}]`) that are settings too, which `kbsite build`
    follows; MkDocs checks their types when it loads the plugin."""
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        entries = [next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins]
    else:
        entries = []
    for name, options in entries:
        if name == "kbsite" and isinstance(options, dict):
            return {k: options[k] for k in ("kb_dir", "page_size", *OUTPUT_NAMES) if options.get(k) is not None}
    return {}


def load_settings(root: Path, config_name: str = "mkdocs.yml") -> Settings:
    config_file = root / config_name
    if not config_file.is_file():
        raise KbError(f"{config_file}: no such file. Run kbsite in the project folder (the one with mkdocs.yml), "
                      "or pass --root.")
    try:
        raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise KbError(f"{config_name}{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(raw, dict):
        raise KbError(f"{config_name}: expected a mapping of settings")
    extra = raw.get("extra") or {}
    kb = extra.get("kb") if isinstance(extra, dict) else None
    kb = kb or {}
    problems: list[str] = []
    if not isinstance(kb, dict):
        problems.append("extra.kb must be a mapping")
        kb = {}
    kb = {**kb, **_plugin_options(raw.get("plugins"))}
    known = {"kb_dir", "page_size", "auto_entities", "topics", "source_url", *OUTPUT_NAMES}
    problems += [f"extra.kb.{key}: unknown setting (known: {', '.join(sorted(known))})" for key in sorted(kb)
                 if key not in known]
    page_size = kb.get("page_size", 100)
    if not isinstance(page_size, int) or isinstance(page_size, bool) or page_size < 1:
        problems.append(f"extra.kb.page_size must be a positive whole number, not {page_size!r}")
        page_size = 100
    source_url = kb.get("source_url")
    if source_url is not None and not (isinstance(source_url, str) and re.match(r"https?://", source_url)):
        problems.append(f"extra.kb.source_url must be a web address (https://...), not {source_url!r}")
        source_url = None
    auto_entities = kb.get("auto_entities", 0)
    if not isinstance(auto_entities, int) or isinstance(auto_entities, bool) or auto_entities < 0:
        problems.append(f"extra.kb.auto_entities must be a whole number (0 for none), not {auto_entities!r}")
        auto_entities = 0
    topics = kb.get("topics", LEARNED)
    if topics not in TOPIC_MODES:
        problems.append(f"extra.kb.topics must be one of {', '.join(TOPIC_MODES)}, not {topics!r}")
        topics = LEARNED
    outputs = read_outputs(kb, problems)
    for key in ("docs_dir", "site_dir", "site_name"):
        if key in raw and not isinstance(raw[key], str):
            problems.append(f"{key} must be a string")
    if problems:
        raise KbError(f"{config_name}: " + "; ".join(problems))
    site_url = os.environ.get("KBSITE_SITE_URL") or raw.get("site_url") or None
    settings = Settings(
        root=root,
        config_file=config_file,
        kb_dir=root / str(kb.get("kb_dir", "kb")),
        docs_dir=root / str(raw.get("docs_dir", "docs")),
        site_dir=root / str(raw.get("site_dir", "site")),
        state_dir=root / STATE_DIR,
        site_name=str(raw.get("site_name", "Knowledge base")),
        site_url=site_url,
        page_size=page_size,
        auto_entities=auto_entities,
        source_url=source_url,
        site_lang=_site_lang(raw.get("theme")),
        topics=topics,
        outputs=outputs,
        overrides=root / _custom_dir(raw.get("theme")),
    )
    check_zip_place(settings, config_name)
    return settings


def check_zip_place(settings: Settings, config_name: str) -> None:
    """The zip goes beside the site or inside it, never where it would be read as input or swapped away."""
    target = settings.zip_file
    if target is None:
        return
    for folder, what in ((settings.kb_dir, "the KB"), (settings.docs_dir, "docs_dir"),
                         (settings.state_dir, "kbsite's state folder")):
        if target.resolve().is_relative_to(folder.resolve()):
            raise KbError(f"{config_name}: extra.kb.offline_zip: {settings.outputs.offline_zip} is inside {what} "
                          f"({settings.rel(folder)}/); put it beside the site or inside site_dir")


def _site_lang(theme: object) -> str:
    language = theme.get("language") if isinstance(theme, dict) else None
    return language if isinstance(language, str) and language else "en"


def _custom_dir(theme: object) -> str:
    """Material's folder of overrides, where a page template of the same name replaces kbsite's."""
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    return folder if isinstance(folder, str) and folder else "overrides"
