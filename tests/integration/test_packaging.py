"""pyproject.toml's package list: the wheel holds every package of the source."""

from __future__ import annotations

import tomllib

from ..conftest import ROOT


def test_every_package_of_the_source_is_listed_for_the_wheel() -> None:
    # the list is written out (templates/ is mapped into the package), so a new subpackage must be added to it
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    source = ROOT / "src"
    packages = {".".join(init.parent.relative_to(source).parts) for init in source.rglob("__init__.py")}
    assert "mmptm_site.cli" in packages
    assert packages - listed == set()
