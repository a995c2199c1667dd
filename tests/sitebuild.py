"""Building a site the way a user does (`mmptm-site build` in a child process), for the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

PUBLISHED = {
    "MMPTM_SITE_URL": "https://example.org/catalogue/",
    "MMPTM_REPO_URL": "https://example.org/owner/catalogue",
    "GITHUB_REPOSITORY": "owner/catalogue",
}
"""The environment of a build that knows where the site is published, as deploy.yml gives it."""


def local_environment(**extra: str) -> dict[str, str]:
    """This process's environment without the variables that tell a build where the site is published."""
    return {**{name: value for name, value in os.environ.items() if name not in PUBLISHED}, **extra}


def build(
    data: Path, site: Path, config: Path = ROOT / "mkdocs.yml", environment: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`mmptm-site build` as a user runs it: by default, where the site's address and repository are not
    known (whatever the test runner's own environment says); `environment` adds variables."""
    command = [
        sys.executable,
        "-m",
        "mmptm_site",
        "build",
        "--data",
        str(data),
        "--site-dir",
        str(site),
        "--config",
        str(config),
    ]
    env = local_environment(**(environment or {}))
    return subprocess.run(command, capture_output=True, text=True, check=False, env=env)
