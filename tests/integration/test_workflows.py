"""The GitHub workflows: valid against GitHub's schema, clean under zizmor, least privilege, expected jobs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ..conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on"
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def tool(name: str) -> str:
    path = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed; `pip install -e .[test]` installs it")
    return path


def test_workflows_match_githubs_schema():
    command = [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    command = [
        tool("zizmor"),
        "--offline",
        "--config",
        str(ROOT / ".github/zizmor.yml"),
        "--persona",
        "auditor",
        str(ROOT / ".github/workflows"),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_actions_are_pinned_by_policy():
    for path in WORKFLOWS:
        for uses in re.findall(r"uses:\s*(\S+)", path.read_text(encoding="utf-8")):
            action, ref = uses.split("@")
            if action.startswith("actions/"):
                assert re.fullmatch(r"v\d+(\.\d+)*|[0-9a-f]{40}", ref), uses
            else:
                assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}: {uses} must be pinned to a commit"


def test_pull_requests_run_read_only():
    pr = workflow("pull-request.yml")
    assert set(pr["on"]) == {"pull_request"}  # never pull_request_target
    assert pr["permissions"] == {"contents": "read"}
    commands = [step.get("run", "") for step in steps(pr["jobs"]["check"])]
    assert 'python -m pip install -e ".[test]"' in commands
    assert "mmptm-site validate --format github" in commands
    assert "mmptm-site fmt --check" in commands
    assert "python -m pytest" in commands
    assert "mkdocs build --strict" in commands
    checkout = steps(pr["jobs"]["check"])[0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["persist-credentials"] is False


def test_pages_permissions_only_on_the_deploy_job():
    deploy = workflow("deploy.yml")
    assert deploy["permissions"] == {}
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert set(deploy["on"]) == {"push", "schedule", "workflow_dispatch"} and deploy["on"]["push"]["branches"] == [
        "main"
    ]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps(deploy["jobs"]["deploy"]))
    assert "mmptm-site build --site-dir site" in [step.get("run") for step in steps(deploy["jobs"]["build"])]


def test_weekly_link_check_and_discover():
    links = workflow("link-check.yml")
    assert "schedule" in links["on"]
    assert "mmptm-site linkcheck --out link-report.md" in [s.get("run") for s in steps(links["jobs"]["links"])]
    discover = workflow("discover.yml")
    assert "schedule" in discover["on"]
    runs = "\n".join(s.get("run", "") for s in steps(discover["jobs"]["discover"]))
    assert "mmptm-site discover" in runs and "gh pr create" in runs


def test_issue_forms_and_pull_request_template():
    forms = {
        p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml")
    }
    assert forms["add-model.yml"]["name"] == "Add a model" and forms["correct-record.yml"]["name"] == "Correct a record"
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "mmptm-site validate" in template and "- [ ]" in template
