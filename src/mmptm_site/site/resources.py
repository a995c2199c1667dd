"""Where the site's templates, assets and theme overrides come from: a list's own `templates/` folder first,
then the ones that ship in the package (`mmptm_site.templates`), so a list overrides only what it changes."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

STYLESHEETS = ("assets/mmptm.css", "assets/controls.css")
SCRIPTS = ("assets/mmptm.js", "assets/catalogue.js", "assets/compare.js", "assets/leaderboards.js")
"""The assets every page links, in this order (the plugin adds them to mkdocs' extra_css and extra_javascript)."""
THEME = "theme"
"""The folder of mkdocs-material overrides (main.html, partials) inside a templates folder."""


def packaged_templates() -> Path:
    """The templates folder that ships in the package (in a checkout: the repository's templates/)."""
    return Path(str(files("mmptm_site.templates")))


def template_dirs(own: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins: the list's own folder (if it has one), then the package's."""
    packaged = packaged_templates()
    dirs = [own] if own is not None and own.is_dir() and own.resolve() != packaged.resolve() else []
    return [*dirs, packaged]


def asset_files(dirs: list[Path]) -> dict[str, Path]:
    """Asset name → the file to publish: a list's own asset replaces the package's of the same name."""
    found: dict[str, Path] = {}
    for folder in reversed(dirs):
        assets = folder / "assets"
        if assets.is_dir():
            found.update({path.name: path for path in sorted(assets.iterdir()) if path.is_file()})
    return dict(sorted(found.items()))


def theme_dirs(own: Path | None) -> list[Path]:
    """The mkdocs-material override folders, the list's own first: what the plugin adds to the theme's dirs."""
    return [folder / THEME for folder in template_dirs(own) if (folder / THEME).is_dir()]
