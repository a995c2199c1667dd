"""Build the site with mkdocs, atomically: into a temporary directory first, then swapped into place.

mkdocs runs in a child process (`python -m mkdocs`), so this module needs none of mkdocs' internals:
when anything fails, the previous site directory is left exactly as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

DATA_DIR_VARIABLE = "MMPTM_DATA_DIR"
"""mkdocs.yml reads the plugin's data directory from this variable (`!ENV`), so `--data` reaches it."""


def mkdocs_environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env[DATA_DIR_VARIABLE] = str(data_dir.resolve())
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # mkdocs-material's banner about its successor
    return env


def build_site(config_file: Path, data_dir: Path, site_dir: Path) -> int:
    """Build into `site_dir`; return mkdocs' exit code. On failure `site_dir` is untouched."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=f".{site_dir.name}-build-") as scratch:
        fresh = Path(scratch) / "site"
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(fresh)]
        returncode = subprocess.run(command, env=mkdocs_environment(data_dir), check=False).returncode
        if returncode != 0 or not fresh.is_dir():
            return returncode or 1
        if site_dir.exists():
            site_dir.rename(Path(scratch) / "previous")  # removed with the scratch directory
        fresh.rename(site_dir)
    return 0


def serve_site(config_file: Path, data_dir: Path, address: str) -> int:
    """Preview with `mkdocs serve`, which rebuilds when docs/, data/ or templates/ change."""
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "-a", address]
    return subprocess.run(command, env=mkdocs_environment(data_dir), check=False).returncode
