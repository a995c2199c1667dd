"""`mmptm-site build` replaces only a site it made, one build at a time, and leaves nothing behind.

A site directory that is not absent, empty or marked as a built site (the repository, the data, the
hand-written pages, a folder of notes) is refused with exit 2 before anything is touched. A build that is
killed takes its mkdocs child with it and keeps the old site; the next build removes what it left.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mmptm_site.cli import main
from mmptm_site.site.build import SITE_MARKER

from ..conftest import FIXTURE_DATA, ROOT
from ..sitebuild import build

CONFIG = str(ROOT / "mkdocs.yml")


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` (hidden ones included) with a file's bytes, None for a directory."""
    return {
        str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """outer/project/ holding data/, docs/ and notes, as a clone would; the working directory."""
    root = tmp_path / "outer" / "project"
    shutil.copytree(FIXTURE_DATA, root / "data")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Hand-written home page\n", encoding="utf-8")
    (root / "notes").mkdir()
    (root / "notes" / "ideas.txt").write_text("someone's notes\n", encoding="utf-8")
    (root / "README.md").write_text("a file\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def run_build(capsys: pytest.CaptureFixture[str], site_dir: str) -> tuple[int, str]:
    code = main(["build", "--data", "data", "--config", CONFIG, "--site-dir", site_dir])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize(
    ("site_dir", "reason"),
    [
        (".", "it is or holds the data directory"),  # the clone itself
        ("..", "it is or holds the data directory"),  # a parent of it
        ("data", "it is or holds the data directory"),
        ("docs", "it is not empty and was not made by `mmptm-site build`"),  # a plausible "publish from /docs" setting
        ("notes", "it is not empty and was not made by `mmptm-site build`"),
        ("README.md", "it is not a directory"),
    ],
)
def test_a_directory_build_did_not_make_is_refused_untouched(project, capsys, site_dir, reason):
    before = snapshot(project.parent)
    code, output = run_build(capsys, site_dir)
    assert code == 2, output
    assert f"refusing to build into {site_dir}: {reason}" in output and "nothing was touched" in output
    assert snapshot(project.parent) == before  # no lock file, no scratch folder either


def test_the_marker_does_not_make_a_folder_holding_the_data_replaceable(project, capsys):
    (project / SITE_MARKER).write_text("copied here by mistake\n", encoding="utf-8")
    before = snapshot(project.parent)
    code, output = run_build(capsys, ".")
    assert code == 2 and "it is or holds the data directory" in output
    assert snapshot(project.parent) == before


def test_a_folder_holding_the_configuration_is_refused(project, capsys):
    config_home = project / "config-home"
    config_home.mkdir()
    shutil.copy(CONFIG, config_home / "mkdocs.yml")
    (config_home / SITE_MARKER).write_text("copied here by mistake\n", encoding="utf-8")
    before = snapshot(project.parent)
    code = main(["build", "--data", "data", "--config", "config-home/mkdocs.yml", "--site-dir", "config-home"])
    output = "".join(capsys.readouterr())
    assert code == 2 and "it is or holds the mkdocs configuration" in output
    assert snapshot(project.parent) == before


def test_empty_and_built_directories_are_replaced_with_a_marked_site(project, capsys):
    (project / "out").mkdir()
    assert run_build(capsys, "out") == (0, "site built in out\n")
    assert (project / "out" / SITE_MARKER).is_file() and (project / "out" / "index.html").is_file()
    (project / "out" / "stale.html").write_text("from an older build\n", encoding="utf-8")
    assert run_build(capsys, "out") == (0, "site built in out\n")  # marked: ours to replace
    assert not (project / "out" / "stale.html").exists()
    assert sorted(path.name for path in project.iterdir() if path.name.startswith(".")) == []  # no lock, no scratch


def test_a_build_is_refused_while_another_holds_the_lock(project, capsys):
    site = project / "site"
    site.mkdir()
    (site / SITE_MARKER).write_text("built\n", encoding="utf-8")
    lock = project / ".site.lock"
    lock.write_text("mmptm-site build, process 4242\n", encoding="utf-8")
    with lock.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        before = snapshot(project.parent)
        code, output = run_build(capsys, "site")
    assert code == 2
    assert "another build is writing site (mmptm-site build, process 4242); let it finish" in output
    assert snapshot(project.parent) == before


def test_a_lock_file_someone_else_made_is_kept(project, capsys):
    (project / ".site.lock").write_text("my own file\n", encoding="utf-8")
    before = snapshot(project.parent)
    code, output = run_build(capsys, "site")
    assert code == 2 and ".site.lock is not a lock file of `mmptm-site build`" in output
    assert snapshot(project.parent) == before


def test_an_unwritable_place_is_a_clear_error_even_for_root(capsys, data_dir):
    """sysfs accepts no new files, whoever asks (chmod would not stop root, who runs the tests here)."""
    if not Path("/sys/kernel").is_dir():
        pytest.skip("needs Linux's /sys, where nobody can create files")
    code = main(["build", "--data", "data", "--config", CONFIG, "--site-dir", "/sys/site"])
    output = "".join(capsys.readouterr())
    assert code == 2 and "cannot build into /sys/site: " in output and "nothing was touched" in output
    assert not Path("/sys/site").exists()


def test_a_file_in_the_way_of_the_site_is_a_clear_error(project, capsys):
    code, output = run_build(capsys, "README.md/site")
    assert code == 2 and "cannot build into README.md/site: " in output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories; the /sys test covers root")
def test_a_read_only_parent_is_a_clear_error(project, capsys):
    (project / "locked").mkdir(mode=0o555)
    code, output = run_build(capsys, "locked/site")
    assert code == 2 and "cannot build into locked/site: Permission denied" in output


HANGING_HOOK = """\
import os
import time
from pathlib import Path


def on_post_build(config, **kwargs):
    ready = Path(os.environ["MMPTM_TEST_READY"])
    (ready.parent / "ready.tmp").write_text(str(os.getpid()))
    (ready.parent / "ready.tmp").replace(ready)
    time.sleep(3600)  # the build is stopped here, with its site written into the scratch folder
"""


def process_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")  # a zombie is dead, waiting for init to reap it


def wait_for(condition, what: str, limit: float = 120.0) -> None:
    """Poll until `condition()`; the limit only stops a test that failed from hanging."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads processes from /proc")
@pytest.mark.parametrize(
    ("stop", "exit_code"),
    [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, 130)],
    ids=["SIGKILL", "SIGTERM", "SIGINT"],
)
def test_a_stopped_build_takes_mkdocs_with_it_and_keeps_the_old_site(tmp_path, stop, exit_code):
    project = tmp_path / "project"
    for name in ("docs", "templates"):
        shutil.copytree(ROOT / name, project / name)
    config = ROOT.joinpath("mkdocs.yml").read_text(encoding="utf-8") + "\nhooks:\n  - hang.py\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "hang.py").write_text(HANGING_HOOK, encoding="utf-8")
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    site = tmp_path / "site"
    site.mkdir()
    (site / SITE_MARKER).write_text("built\n", encoding="utf-8")
    (site / "index.html").write_text("the old site\n", encoding="utf-8")
    old_site = snapshot(site)

    ready = tmp_path / "ready"
    command = [sys.executable, "-m", "mmptm_site", "build", "--data", str(tmp_path / "data")]
    command += ["--site-dir", str(site), "--config", str(project / "mkdocs.yml")]
    environment = {**os.environ, "MMPTM_TEST_READY": str(ready)}
    stopped = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    mkdocs_pid = None
    try:
        wait_for(lambda: ready.exists() or stopped.poll() is not None, "mkdocs to finish writing")
        assert stopped.poll() is None, "the build ended before the hook held it"
        mkdocs_pid = int(ready.read_text())

        second = build(tmp_path / "data", site)  # at the same time, into the same site
        assert second.returncode == 2, second.stdout + second.stderr
        assert "another build is writing" in second.stderr and "Traceback" not in second.stderr

        os.kill(stopped.pid, stop)
        assert stopped.wait() == exit_code  # SIGTERM and SIGINT: caught, and the build left through its cleanup
        wait_for(lambda: process_gone(mkdocs_pid), "mkdocs to die with the build", limit=30)
    finally:
        if mkdocs_pid and not process_gone(mkdocs_pid):
            os.kill(mkdocs_pid, signal.SIGKILL)
        if stopped.poll() is None:
            stopped.kill()
            stopped.wait()
    assert snapshot(site) == old_site
    left = sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".site"))
    if stop == signal.SIGKILL:  # not to be caught: the scratch folder stays until the next build
        assert [name for name in left if name.startswith(".site-build-")] != []
    else:
        assert left == []

    result = build(tmp_path / "data", site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / SITE_MARKER).is_file() and "the old site" not in (site / "index.html").read_text()
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".site")) == []
