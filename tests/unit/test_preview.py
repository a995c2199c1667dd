"""The preview's pieces that need no server: the problems banner and what decides a full build."""

from __future__ import annotations

from pathlib import Path

from mmptm_site.data.problems import Problem
from mmptm_site.site.preview import BANNER_ID, problems_banner


def test_the_banner_shows_each_problem_located_and_escaped():
    problem = Problem(Path("data/models/x.yaml"), 3, 7, "name", "unknown objective `<img src=x onerror=alert(1)>`")
    banner = problems_banner([problem]).decode()
    assert BANNER_ID in banner and "x.yaml:3:7" in banner
    assert "<img" not in banner and "&lt;img src=x onerror=alert(1)&gt;" in banner
