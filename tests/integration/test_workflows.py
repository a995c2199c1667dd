"""The GitHub workflows: valid against GitHub's schema, clean under zizmor, least privilege, expected jobs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
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


def test_every_action_is_pinned_to_a_commit_with_its_tag_in_a_comment():
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"\s*(- )?uses:", line):
                assert re.fullmatch(r"\s*(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line), (
                    f"{path.name}: `{line.strip()}` must be pinned to a full commit SHA, its tag in a comment"
                )


def _jobs() -> list[tuple[str, str, dict, dict]]:
    """(workflow file, job id, workflow, job) for every job."""
    found = []
    for path in WORKFLOWS:
        data = workflow(path.name)
        found += [(path.name, job_id, data, job) for job_id, job in data["jobs"].items()]
    return found


def _can_write(data: dict, job: dict) -> bool:
    permissions = job.get("permissions", data.get("permissions"))
    if permissions is None or isinstance(permissions, str):
        return permissions != "read-all"  # the default token, or write-all, may write
    return "write" in permissions.values()


LOCKED_INSTALL = [
    "python -m pip install --require-hashes -r requirements/ci.lock",
    "python -m pip install --no-build-isolation --no-deps -e .",
]


def test_jobs_with_a_write_token_or_that_publish_install_only_hashed_packages():
    checked = []
    for name, job_id, data, job in _jobs():
        if name == "deploy.yml" or _can_write(data, job):
            installs = [
                line.strip() for s in steps(job) for line in s.get("run", "").splitlines() if "pip install" in line
            ]
            assert installs in ([], LOCKED_INSTALL), f"{name}: job {job_id} installs {installs}"
            checked.append((name, job_id, bool(installs)))
    assert ("link-check.yml", "links", True) in checked and ("discover.yml", "discover", True) in checked
    assert ("deploy.yml", "build", True) in checked and ("deploy.yml", "deploy", False) in checked


def test_the_lock_hashes_every_package_and_matches_pyproject():
    from packaging.requirements import Requirement

    lock = (ROOT / "requirements/ci.lock").read_text(encoding="utf-8")
    entries = re.findall(r"^([A-Za-z0-9._-]+)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", lock, re.M)
    requirement_lines = [line for line in lock.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(entries) == len(requirement_lines) > 20  # each pinned line has its hashes
    pinned = {re.sub(r"[-_.]+", "-", name).lower(): version for name, version, _ in entries}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"], "setuptools>=69", "wheel"]
    for text in wanted:
        requirement = Requirement(text)
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        assert name in pinned, f"{text} is not in requirements/ci.lock: refresh it (CONTRIBUTING.md says how)"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"requirements/ci.lock pins {name}=={pinned[name]}, outside {text}: refresh it"
        )


def test_the_token_reaches_only_the_steps_that_use_it():
    token = re.compile(r"\$\{\{\s*(github\.token|secrets\.)")
    for name, job_id, data, job in _jobs():
        assert not token.search(str(data.get("env", {}))) and not token.search(str(job.get("env", {}))), (
            f"{name}: job {job_id} gives a token to every step"
        )
        for step in steps(job):
            run = step.get("run", "")
            has_token = bool(token.search(str(step.get("env", {}))))
            if has_token:
                assert "git commit" not in run, f"{name}: a step with the token runs git commit (hooks could read it)"
                for line in run.splitlines():
                    if re.search(r"\bgit\b.*\bpush\b", line):
                        assert "-c core.hooksPath=/dev/null" in line, f"{name}: git push with hooks on"
            if re.search(r"(^|\s)gh ", run):
                assert has_token, f"{name}: a step runs gh without GH_TOKEN"


def test_pull_request_browser_tests_get_chromium_as_ci_run_does():
    """GitHub sets CI=true, under which the browser tests fail without a browser (tests/browser/conftest.py)."""
    job = workflow("pull-request.yml")["jobs"]["check"]
    runs = [step.get("run", "") for step in steps(job)]
    tests = runs.index("python -m pytest")
    if steps(job)[tests].get("env", {}).get("CI") not in (None, "true", True):
        return  # browser tests skip when CI is not true
    ci_run = (ROOT / ".ci/run").read_text(encoding="utf-8")
    install = "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"
    assert "if ! command -v chromium" in ci_run and install in ci_run
    chromium = [i for i, run in enumerate(runs) if "if ! command -v chromium" in run and install in run]
    assert chromium and chromium[0] < tests, "the pull-request job must install Chromium before the tests"


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
