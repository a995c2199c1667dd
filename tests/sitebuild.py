"""Building a site the way a user does (`mmptm-site build` in a child process), for the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def build(data: Path, site: Path, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
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
    return subprocess.run(command, capture_output=True, text=True, check=False)
