"""`mmptm-site init`: a new list, valid as written, and nothing that exists ever replaced."""

from __future__ import annotations

from mmptm_site.cli import main
from mmptm_site.data.validate import validate
from mmptm_site.scaffold import init, scaffold_files


def test_init_writes_a_list_that_validates(tmp_path, capsys):
    assert main(["init", str(tmp_path / "new")]) == 0
    assert "files written" in capsys.readouterr().out
    written = {
        path.relative_to(tmp_path / "new").as_posix() for path in (tmp_path / "new").rglob("*") if path.is_file()
    }
    assert written == set(scaffold_files())
    assert {"mkdocs.yml", "data/catalogue.yaml", ".github/workflows/check.yml", ".pre-commit-config.yaml"} <= written
    data, problems = validate(tmp_path / "new" / "data")
    assert problems == [] and list(data.models) == ["example-model"]
    assert data.settings.title == "My catalogue"


def test_init_into_a_list_replaces_nothing_and_names_what_exists(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "catalogue.yaml").write_text("title: Mine\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "data/catalogue.yaml" in err and "mkdocs.yml" in err and "nothing was written" in err
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Mine\n"
    assert sorted(path.name for path in tmp_path.rglob("*")) == ["catalogue.yaml", "data", "mkdocs.yml"]


def test_init_refuses_a_file(tmp_path, capsys):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["init", str(tmp_path / "file")]) == 2
    assert "is a file" in capsys.readouterr().err


def test_init_returns_what_it_wrote(tmp_path):
    assert init(tmp_path) == list(scaffold_files())
