"""Write the site as plain mkdocs sources: Markdown pages plus a mkdocs.yml that needs no plugin of ours.

The output builds with a bare `mkdocs build` (or another mkdocs-compatible builder), which is how the
benchmark measures what our generation step adds to mkdocs' own work.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from mmptm_site.catalog import Catalog
from mmptm_site.data.validate import load_data
from mmptm_site.data.writer import write_atomically
from mmptm_site.site.files import SiteOptions, repository_path
from mmptm_site.site.render import render_site
from mmptm_site.site.resources import SCRIPTS, STYLESHEETS, theme_dirs

PLUGIN_NAME = "mmptm"


class ConfigError(Exception):
    """mkdocs.yml cannot be read or turned into a plugin-free configuration."""


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, resolving `!ENV [NAME, default]` as mkdocs does."""


def _env_tag(loader: _ConfigLoader, node: yaml.ScalarNode | yaml.SequenceNode | yaml.MappingNode) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[name] for name in variables if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_config(config_file: Path) -> dict[str, Any]:
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except OSError as error:
        raise ConfigError(f"cannot read {config_file}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{config_file}: {error}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{config_file}: not a mkdocs configuration")
    return config


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and PLUGIN_NAME in plugin:
            return plugin[PLUGIN_NAME] or {}
    return {}


def site_options(config: dict[str, Any], root: Path, data_dir: Path, docs_pages: frozenset[str]) -> SiteOptions:
    """The rendering options of a mkdocs.yml, as the plugin derives them from its configuration."""
    options = _plugin_options(config)
    return SiteOptions(
        repo_url=config.get("repo_url"),
        edit_branch=options.get("edit_branch", "main"),
        data_path=repository_path(root, data_dir),
        use_directory_urls=config.get("use_directory_urls", True),
        site_url=config.get("site_url"),
        site_name=config.get("site_name", "Catalogue"),
        docs_pages=docs_pages,
    )


def generate(config_file: Path, data_dir: Path, out: Path) -> int:
    """Write docs/, theme/ and mkdocs.yml into `out`, which must not exist or be empty; return files written.

    The output needs no plugin of ours: it holds the pages, the package's theme overrides and assets (with
    the list's own over them, as the plugin would use them), and a mkdocs.yml that links them."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(f"{out} exists and is not empty; choose a new directory (nothing was written)")
    config = read_config(config_file)
    root = config_file.parent
    own = root / _plugin_options(config).get("templates_dir", "templates")
    own_templates = own if own.is_dir() else None
    written_docs = root / config.get("docs_dir", "docs")
    docs_pages = (
        frozenset(path.relative_to(written_docs).as_posix() for path in written_docs.rglob("*.md"))
        if written_docs.is_dir()
        else frozenset()
    )
    files = render_site(Catalog(load_data(data_dir)), own_templates, site_options(config, root, data_dir, docs_pages))
    clashes = [generated.path for generated in files if (written_docs / generated.path).exists()]
    if clashes:
        raise ConfigError(
            f"{clashes[0]} is generated from the data; remove it from {written_docs} (nothing was written)"
        )

    docs = out / "docs"
    if written_docs.is_dir():
        shutil.copytree(written_docs, docs)
    for generated in files:
        write_atomically(docs / generated.path, generated.content)
    theme = config.get("theme")
    if not isinstance(theme, dict):
        theme = {"name": theme}
    overrides = list(reversed(theme_dirs(own_templates)))  # the package's first, so that the list's replace them
    if theme.get("custom_dir"):
        overrides.append(root / theme["custom_dir"])
    for folder in overrides:
        shutil.copytree(folder, out / "theme", dirs_exist_ok=True)
    if overrides:
        theme = {**theme, "custom_dir": "theme"}
    config["theme"] = theme
    config["extra_css"] = [
        *config.get("extra_css", []),
        *(p for p in STYLESHEETS if p not in config.get("extra_css", [])),
    ]
    listed = [
        str(script.get("path") if isinstance(script, dict) else script) for script in config.get("extra_javascript", [])
    ]
    config["extra_javascript"] = [*config.get("extra_javascript", []), *(p for p in SCRIPTS if p not in listed)]
    if not config.get("repo_url"):
        config.pop("edit_uri", None)  # as the plugin does: no repository, no edit links
    config["docs_dir"] = "docs"
    config["plugins"] = [
        p for p in config.get("plugins", []) if not (isinstance(p, dict) and PLUGIN_NAME in p) and p != PLUGIN_NAME
    ]
    text = "# Generated by `mmptm-site generate`: the catalogue's pages as plain mkdocs sources.\n"
    text += yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    write_atomically(out / "mkdocs.yml", text)
    return len(files)
