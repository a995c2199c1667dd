"""cli: exit codes, output formats and the subcommands of this step."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mmptm_site import __version__
from mmptm_site.cli import main
from mmptm_site.data.schema import json_schemas


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_clean(data_dir, capsys):
    assert run(capsys, "validate") == (0, "16 files checked, no problems\n", "")


def test_validate_reports_and_exits_1(data_dir, capsys):
    (data_dir / "models/gamma.yaml").write_text("id: gamma\nname: G\ntitle: T\nyear: 2020\nneeds_review: true\nx: 1\n")
    code, out, _ = run(capsys, "validate")
    assert code == 1
    assert out.splitlines() == [
        "data/models/gamma.yaml:6:1: x: unknown field `x`; allowed fields: "
        + ", ".join(__import__("mmptm_site.data.schema", fromlist=["ModelDraft"]).ModelDraft.model_fields),
        "1 problem(s) in 1 of 16 files",
    ]


def test_validate_github_annotations(data_dir, capsys):
    (data_dir / "models/gamma.yaml").write_text("id: gamma\nname: G\ntitle: T\nyear: 2020\nneeds_review: maybe\n")
    code, out, err = run(capsys, "validate", "--format", "github")
    assert code == 1
    assert out == (
        "::error file=data/models/gamma.yaml,line=5,col=15::needs_review: `needs_review` is true or false "
        "(without quotes); got 'maybe'\n"
    )
    assert err == "1 problem(s) in 1 of 16 files\n"


def test_other_data_dir(data_dir, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path.parent)
    code, _out, _ = run(capsys, "validate", "--data", str(data_dir))
    assert code == 0


def test_missing_data_dir_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "validate")
    assert code == 2
    assert err == "mmptm-site: no data directory at data; pass --data DIR or run from the repository's root\n"


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--format", "xml"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2


def test_version_and_help(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out == f"mmptm-site {__version__}\n"
    for command in ("validate", "schema", "stats"):
        with pytest.raises(SystemExit) as caught:
            main([command, "--help"])
        assert caught.value.code == 0
        assert "--data DIR" in capsys.readouterr().out


def test_schema_writes_and_checks(data_dir, capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0 and out.startswith(f"{len(json_schemas()) + 1} schema file(s) written")  # and catalog.json's
    written = json.loads((data_dir.parent / "schema" / "model.schema.json").read_text())
    assert written["title"] == "MM-PTM model record"
    assert run(capsys, "schema", "--check")[0] == 0
    (data_dir.parent / "schema" / "model.schema.json").write_text("{}")
    code, out, _ = run(capsys, "schema", "--check")
    assert code == 1 and out == "schema/model.schema.json: out of date; run `mmptm-site schema`\n"


def test_stats(data_dir, capsys):
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert out.startswith("3 models, 1 datasets, 2 objectives, 2 benchmarks, 2 results\n")
    assert "  2021       1" in out
    assert "  Image-text contrastive learning       2" in out


def test_stats_on_broken_data_exits_1(data_dir, capsys):
    (data_dir / "models/gamma.yaml").write_text("id: gamma\n")
    code, out, _err = run(capsys, "stats")
    assert code == 1
    assert "data/models/gamma.yaml:1:1: name: required field `name` is missing\n" in out


def test_module_entry_point(data_dir):
    result = subprocess.run([sys.executable, "-m", "mmptm_site", "validate"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout == "16 files checked, no problems\n"


def test_coverage_and_import_sections(data_dir, capsys, tmp_path):
    listing = tmp_path / "list.md"
    listing.write_text(
        "## Models\n* **Alpha: Again** [[Paper](https://arxiv.org/abs/2101.00001)]\n"
        "* **Zeta: New** [[Paper](https://arxiv.org/abs/2301.00002)]\n"
        "## Datasets\n* **Eta: A Corpus** [[Paper](https://arxiv.org/abs/2301.00003)]\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "coverage", str(listing))
    assert code == 0
    assert "2 papers read as models, 1 of them in the catalogue (50%), 1 not" in out
    assert "line 3: Zeta: New — arXiv 2301.00002" in out
    code, out, _ = run(capsys, "coverage", str(listing), "--section", "datasets")
    assert (code, "line 5: Eta: A Corpus — arXiv 2301.00003" in out) == (0, True)
    code, _, err = run(capsys, "import", str(listing), "--dry-run", "--section", "surveys")
    assert code == 2
    assert "--section 'surveys' matches no heading and no kind of section of the list" in err
    assert run(capsys, "coverage", str(tmp_path / "missing.md"))[0] == 1
    assert run(capsys, "import", str(tmp_path / "missing.md"))[0] == 1
    assert run(capsys, "coverage", str(listing), "--section", "surveys")[0] == 2


def test_a_closed_pipe_ends_the_command_quietly(data_dir):
    import subprocess
    import sys

    command = [sys.executable, "-m", "mmptm_site", "stats", "--data", str(data_dir)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.close()  # the reader goes away at once, as `| head -0` would
        stderr = process.stderr.read().decode()
    assert process.returncode in (0, 141) and "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_every_declared_command_is_registered_once():
    from mmptm_site.cli import COMMANDS, data_commands, site_commands, source_commands
    from mmptm_site.cli.common import Command

    declared = {
        value
        for module in (data_commands, site_commands, source_commands)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Command) and value is not Command
    }
    assert len(declared) == 15
    assert sorted(COMMANDS, key=id) == sorted(declared, key=id)
    assert len({command.name for command in COMMANDS}) == len(COMMANDS)
