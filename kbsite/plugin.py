"""The MkDocs plugin (`plugins: [kbsite]`): `mkdocs build` and `mkdocs serve` run kbsite first.

MkDocs reads the pages after `on_pre_build`, so the pipeline runs there: it writes the generated
pages into docs_dir and the Whoosh index, exactly as `kbsite build --no-site` does (one pipeline,
the same staging, so a failed run leaves the last good pages). MkDocs then builds the site itself.

An installed kbsite has no kbsite/ folder in the project for `custom_dir:` to point at, so the
plugin puts its theme overrides and assets into the configuration itself.

When `kbsite build` runs MkDocs on the pages it has just staged (under the state folder), the plugin
only does its per-page part: the pages are already written.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from kbsite import kbfiles, mkdocs_hooks
from kbsite.config import Settings, check_zip_place, load_settings
from kbsite.emit.templates import override_files
from kbsite.errors import KbError, StrictError
from kbsite.outputs import NAMES as OUTPUT_NAMES
from kbsite.outputs import read_outputs
from kbsite.pages_limit import pages_warning

log = get_plugin_logger(__name__)

THEME_DIR = Path(__file__).resolve().with_name("theme")
HOOKS_FILE = Path(mkdocs_hooks.__file__).resolve()
EXTRA_CSS = ("assets/kbsite/search.css", "assets/kbsite/site.css")
# The browser search: plain scripts sharing window.kbsite (not ES modules, which file:// blocks), in this order.
SEARCH_JS = ("assets/kbsite/search-query.js", "assets/kbsite/search-index.js", "assets/kbsite/search-rank.js",
             "assets/kbsite/search.js")
EXTRA_JS = (*SEARCH_JS, "assets/kbsite/cite.js", "assets/kbsite/preview.js")
# What the generated pages are written with; added when a site's configuration lacks them.
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables", "toc")


# One option per declared output (kbsite.outputs), of its name; unset: extra.kb's value, else on.
_OutputOptions = type("_OutputOptions", (base.Config,), {
    name: c.Optional(c.Type((bool, str) if name == "offline_zip" else bool)) for name in OUTPUT_NAMES})


class KbsiteConfig(_OutputOptions):
    kb_dir = c.Optional(c.Type(str))  # default: extra.kb.kb_dir, else kb
    page_size = c.Optional(c.Type(int))  # default: extra.kb.page_size, else 100
    strict = c.Optional(c.Type(bool))  # default: MkDocs' own --strict
    jobs = c.Optional(c.Type(int))  # worker processes; default all cores


class KbsitePlugin(BasePlugin[KbsiteConfig]):
    stateless_across_pages = True  # kbsite.mkdocs_parallel may build the pages in forked processes

    def __init__(self) -> None:
        super().__init__()
        self.command = "build"
        self.settings: Settings | None = None
        self.staged_by_kbsite = False
        self.last_input: tuple | None = None
        self.epoch = 0
        self.epoch_set = False
        self.hooks_listed = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining it keeps one plugin across `mkdocs serve`'s rebuilds, so it can tell when kb/ changed."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.page_size is not None and self.config.page_size < 1:
            raise PluginError(f"kbsite: page_size must be a positive whole number, not {self.config.page_size}")
        self.settings = self._settings(config)
        self.staged_by_kbsite = _inside(Path(config.docs_dir), self.settings.state_dir)
        # A project listing kbsite's hooks file as well (`kbsite serve` adds the plugin to one): its pages once.
        self.hooks_listed = any(isinstance(p, ModuleType) and _same(getattr(p, "__file__", None) or ".", HOOKS_FILE)
                                for p in config.plugins.values())
        if not self.staged_by_kbsite and not self.settings.kb_dir.is_dir():
            log.warning(f"{self.settings.rel(self.settings.kb_dir)}: no such folder, so there are no articles "
                        "(set the plugin's kb_dir to the folder of articles)")
        if not any(_same(d, THEME_DIR) for d in config.theme.dirs):
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        config.extra_css.extend(css for css in EXTRA_CSS if css not in config.extra_css)
        scripts = {str(s) for s in config.extra_javascript}
        config.extra_javascript.extend(js for js in EXTRA_JS if js not in scripts)
        config.markdown_extensions.extend(e for e in MARKDOWN_EXTENSIONS if e not in config.markdown_extensions)
        if self.staged_by_kbsite:  # `kbsite build` has applied its outputs, --no-... flags included
            return config
        return mkdocs_hooks.apply_outputs(config, self.settings.outputs)

    def _settings(self, config: MkDocsConfig) -> Settings:
        if not config.config_file_path:
            raise PluginError("kbsite: the MkDocs configuration must come from a file (mkdocs.yml)")
        config_file = Path(config.config_file_path).resolve()
        root = config_file.parent
        try:
            settings = load_settings(root, config_file.name)
        except KbError as exc:
            raise PluginError(f"kbsite: {exc}") from exc
        problems: list[str] = []
        chosen = {name: self.config[name] for name in OUTPUT_NAMES if self.config[name] is not None}
        outputs = read_outputs({**{n: getattr(settings.outputs, n) or False for n in OUTPUT_NAMES}, **chosen},
                               problems)
        if problems:
            raise PluginError("kbsite: " + "; ".join(problems))
        # the plugin's options as MkDocs resolved them (!ENV, INHERIT) win over load_settings' reading
        settings = replace(
            settings,
            outputs=outputs,
            kb_dir=root / self.config.kb_dir if self.config.kb_dir is not None else settings.kb_dir,
            page_size=self.config.page_size if self.config.page_size is not None else settings.page_size,
            docs_dir=Path(config.docs_dir),
            site_dir=Path(config.site_dir),
            site_name=config.site_name,
            site_url=os.environ.get("KBSITE_SITE_URL") or config.site_url or None,
        )
        try:
            check_zip_place(settings, config_file.name)
        except KbError as exc:
            raise PluginError(f"kbsite: {exc}") from exc
        return settings

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.staged_by_kbsite or self.settings is None:
            return
        current = _input_state(self.settings)
        if self.command != "serve" or current != self.last_input:  # else only our own pages changed
            self._run(config)
            self.last_input = current
        self._set_epoch()

    def _set_epoch(self) -> None:
        """MkDocs dates the pages and the sitemap with SOURCE_DATE_EPOCH, else with today: the same KB must give
        the same site, so it is the newest article's date (as in `kbsite build`), unless the caller set one."""
        if "SOURCE_DATE_EPOCH" not in os.environ:
            os.environ["SOURCE_DATE_EPOCH"] = str(self.epoch)
            self.epoch_set = True

    def _restore_epoch(self) -> None:
        if self.epoch_set:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.epoch_set = False

    def _run(self, config: MkDocsConfig) -> None:
        from kbsite.pipeline import BuildOptions, build

        strict = self.config.strict if self.config.strict is not None else bool(config.strict)
        options = BuildOptions(strict=strict, site=False)
        settings = self.settings
        if self.command == "serve":  # `mkdocs serve` writes no zip (on_post_build), so the pages must not link one
            settings = replace(settings, outputs=settings.outputs.without("offline_zip"))
        if self.config.jobs:
            options.workers = max(1, self.config.jobs)
        try:
            report = build(settings, options)
        except StrictError as exc:
            _log_diagnostics(exc.diagnostics)
            raise PluginError(f"kbsite: {exc}") from exc
        except KbError as exc:
            raise PluginError(f"kbsite: {exc}") from exc
        _log_diagnostics(report.diagnostics)
        self.epoch = report.epoch
        log.info(f"{report.articles} article(s), {report.topics} topics, {report.entities} entities: "
                 f"{report.pages} pages written to {self.settings.rel(self.settings.docs_dir)}/")

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """A writer editing an article sees its page change, as with a page in docs/."""
        if self.settings is not None and self.settings.kb_dir.is_dir():
            server.watch(str(self.settings.kb_dir))
        if self.settings is not None and self.settings.overrides and self.settings.overrides.is_dir():
            server.watch(str(self.settings.overrides))  # its page templates (MkDocs watches it only as custom_dir)
        return server

    # The events kbsite's hooks file also handles: left to it when the project lists it, so each runs once.
    def on_files(self, files, *, config: MkDocsConfig):
        return files if self.hooks_listed else mkdocs_hooks.on_files(files, config)

    def on_env(self, env, *, config: MkDocsConfig, files):
        return env if self.hooks_listed else mkdocs_hooks.on_env(env, config, files)

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        return output if self.hooks_listed else mkdocs_hooks.on_post_page(output, page, config)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if self.hooks_listed:
            return output_content
        return mkdocs_hooks.on_post_template(output_content, template_name, config)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """`kbsite build` writes its zip and marker itself, after MkDocs; `mkdocs serve` needs neither."""
        self._restore_epoch()
        if self.staged_by_kbsite or self.command == "serve":
            return
        from kbsite.publish import write_zip
        from kbsite.workers import default_workers

        site_dir = Path(config.site_dir)
        (site_dir / ".nojekyll").write_bytes(b"")
        if self.settings is not None and self.settings.zip_file is not None:
            write_zip(site_dir, self.settings.zip_file, workers=max(1, self.config.jobs or default_workers()))
        if self.settings is not None:
            warning = pages_warning(site_dir, shown=self.settings.rel(site_dir),
                                    config_text=self.settings.config_file.read_text(encoding="utf-8"),
                                    auto_entities=self.settings.auto_entities)
            if warning is not None:
                log.warning(str(warning))

    def on_build_error(self, *, error: Exception) -> None:
        self._restore_epoch()


def _log_diagnostics(diagnostics) -> None:
    for d in diagnostics:
        (log.warning if d.severity in ("error", "warning") else log.info)(str(d))


def _input_state(settings: Settings) -> tuple:
    """What a build reads: kb/'s files (name, size, time), mkdocs.yml and the page templates in the overrides."""
    listing = kbfiles.list_files(settings.kb_dir).files if settings.kb_dir.is_dir() else []
    stats = []
    for path in [settings.config_file, *listing, *override_files(settings.overrides)]:
        try:
            st = path.stat()
        except OSError:
            continue
        stats.append((str(path), st.st_size, st.st_mtime_ns))
    return str(settings.root), tuple(stats)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _same(a: str | Path, b: Path) -> bool:
    return Path(a).resolve() == b
