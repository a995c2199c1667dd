"""The generator as another list's maintainer gets it: the wheel, installed into a fresh virtual
environment outside this repository, `init` in an empty folder, then `build`. The site must be complete
(styles and scripts linked and present), titled from the new list's configuration, and free of this
catalogue's own subject."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from ..conftest import ROOT
from ..sitebuild import local_environment

SHIPPED = ("pyproject.toml", "README.md", "LICENSE", "LICENSE-DATA", "src", "templates")
"""What the wheel is built from (a copy, so that building leaves nothing in the repository)."""
OUR_SUBJECT = re.compile(
    r"(?i:multi-?modal|pre-?trained|MM-PTM|Flickr|vision-language)|\bCLIP\b|\bSurveys?\b|\bKnowledge\b"
)
"""Words of this catalogue's subject (and pages of kinds the new list has none of) that its site must not hold."""
TITLE = "Catalogue of robot policies"


def run(command: list[str], cwd: Path) -> str:
    # PYTHONPATH would put a source tree before the installed wheel, which is what this test checks
    environment = {name: value for name, value in local_environment().items() if name != "PYTHONPATH"}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=environment)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment holding the wheel; its dependencies are this environment's."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in SHIPPED:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(origin, source / name)
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--wheel-dir", str(work / "dist"), str(source)], work)
    (wheel,) = (work / "dist").glob("mmptm_site-*.whl")

    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], work)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)], work)
    # the dependencies, from this environment; its own (editable) mmptm_site is not on that path
    target = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], work).strip())
    paths = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (target / "dependencies.pth").write_text("\n".join(paths) + "\n", encoding="utf-8")
    where = run([str(python), "-c", "import mmptm_site; print(mmptm_site.__file__)"], work).strip()
    assert Path(where).is_relative_to(venv), where
    return venv


@pytest.fixture(scope="module")
def new_list(installed, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("empty")
    command = installed / "bin" / "mmptm-site"
    run([str(command), "init"], folder)
    settings = folder / "data" / "catalogue.yaml"
    settings.write_text(re.sub(r"(?m)^title: .*$", f"title: {TITLE}", settings.read_text(encoding="utf-8")))
    run([str(command), "validate"], folder)
    run([str(command), "build"], folder)
    return folder


def test_init_writes_a_complete_list(new_list):
    for name in ("mkdocs.yml", "data/catalogue.yaml", "data/models/example-model.yaml", "data/vocab/tasks.yaml"):
        assert (new_list / name).is_file(), name
    assert (new_list / ".github/workflows/check.yml").is_file() and (new_list / ".pre-commit-config.yaml").is_file()


def test_the_site_links_its_styles_and_scripts(new_list):
    site = new_list / "site"
    catalogue = (site / "models/index.html").read_text(encoding="utf-8")
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', catalogue)
    scripts = re.findall(r'<script src="([^"]+)"', catalogue)
    ours = [href for href in stylesheets + scripts if "assets/" in href and "/stylesheets/" not in href]
    assert any(href.endswith(".css") for href in ours) and any("catalogue" in href for href in ours), ours
    for href in ours:
        assert (site / "models" / href.split("?")[0]).resolve().is_file(), href
    assert 'id="mmptm-table"' in catalogue and "example-model" in catalogue


def test_the_home_page_is_titled_from_the_configuration(new_list):
    home = (new_list / "site/index.html").read_text(encoding="utf-8")
    assert re.search(rf"<h1[^>]*>{TITLE}</h1>", home), "the home page's heading"


def test_the_site_holds_nothing_of_this_catalogue_s_subject(new_list):
    for path in sorted((new_list / "site").rglob("*")):
        if path.suffix in (".html", ".xml", ".json", ".csv", ".bib", ".svg"):
            found = OUR_SUBJECT.search(path.read_text(encoding="utf-8"))
            assert found is None, f"{path.relative_to(new_list)}: {found.group(0) if found else ''}"
