"""The files commands write: one that appears while a command works is never replaced, a rewritten file
keeps its permissions and a new one gets the umask's. See docs/security.md ("Nothing is lost")."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mmptm_site.cli import main

THEIRS = "someone else's file\n"
LIST = "## 2024\n\n+ [ICML 2024] **Omega Ray: Another Model**, Ada Byron, Alan Turing\n"


@pytest.fixture
def umask():
    previous = os.umask(0o027)  # not the usual 0o022, so a hard-coded 0o644 would show
    yield 0o027
    os.umask(previous)


def appears_while_writing(monkeypatch, path: Path) -> None:
    """Someone else creates `path` once the command has begun writing (after every check it made)."""
    real = os.fdopen

    def fdopen(*args, **kwargs):
        if not path.exists():
            path.write_text(THEIRS, encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, "fdopen", fdopen)


def no_temporary_files(folder: Path) -> bool:
    return not [path for path in folder.iterdir() if path.name.endswith(".tmp")]


# each command that creates a file: its arguments, and the file it creates first
CREATORS = {
    "new": (["new", "Fresh"], "data/models/fresh.yaml"),
    "import": (["import", "list.md"], "data/models/omega-ray-another-model.yaml"),
    "discover --drafts": (["discover", "--since", "2026-11-01", "--drafts"], "data/models/toyvlm.yaml"),
    "export -o": (["export", "--format", "csv", "-o", "out/catalog.csv"], "out/catalog.csv"),
}


@pytest.mark.parametrize("command", CREATORS)
def test_a_file_created_while_a_command_works_is_never_replaced(command, data_dir, arxiv_api, monkeypatch, capsys):
    argv, created = CREATORS[command]
    target = data_dir.parent / created
    target.parent.mkdir(exist_ok=True)
    (data_dir.parent / "list.md").write_text(LIST, encoding="utf-8")
    appears_while_writing(monkeypatch, target)
    code = main(argv)
    assert target.read_text(encoding="utf-8") == THEIRS
    captured = capsys.readouterr()
    assert f"{created} exists" in captured.out + captured.err and "nothing was written" in captured.out + captured.err
    assert code == (2 if command == "export -o" else 1)  # export: a usage error, as without the race
    assert no_temporary_files(target.parent)


@pytest.mark.parametrize("command", CREATORS)
def test_new_files_get_the_umasks_mode(command, data_dir, arxiv_api, umask, capsys):
    argv, created = CREATORS[command]
    (data_dir.parent / "out").mkdir()
    (data_dir.parent / "list.md").write_text(LIST, encoding="utf-8")
    assert main(argv) == 0
    assert stat.S_IMODE((data_dir.parent / created).stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("kept", [0o644, 0o664, 0o640])
def test_rewritten_files_keep_their_mode(kept, data_dir, umask, capsys):
    record = data_dir / "models" / "beta.yaml"  # the hand-written fixture is not in canonical form
    record.chmod(kept)
    out = data_dir.parent / "catalog.json"
    out.write_text("{}\n", encoding="utf-8")
    out.chmod(kept)
    assert main(["fmt", str(record)]) == 0 and "reformatted" in capsys.readouterr().out
    assert main(["export", "--format", "json", "-o", str(out), "--force"]) == 0
    assert stat.S_IMODE(record.stat().st_mode) == stat.S_IMODE(out.stat().st_mode) == kept
