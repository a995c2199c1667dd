"""writer: the canonical form of a record reads back to the same values."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from mmptm_site.data import schema, writer
from mmptm_site.data.load import parse
from mmptm_site.data.validate import validate
from mmptm_site.data.writer import dump_record, schema_line, write_atomically, write_record


def reread(text: str, cls):
    return cls.model_validate(parse(text, Path("x.yaml")).data)


def test_strings_yaml_would_misread_are_quoted():
    record = schema.ModelDraft(
        id="x",
        name="no",
        title="2103.00020",
        year=2020,
        needs_review=True,
        review_note="on",
        tags=["yes", "null", "1e3", "0x10", "2021-01-01"],
    )
    text = dump_record(record, "models")
    assert reread(text, schema.ModelDraft) == record
    assert "name: 'no'" in text and "title: '2103.00020'" in text


def test_layout(data_dir):
    data, _ = validate(data_dir)
    text = dump_record(data.models["alpha"], "models")
    assert text.startswith(schema_line("models"))
    assert text.endswith("\n") and not text.endswith("\n\n")
    keys = [line.split(":")[0] for line in text.splitlines()[1:] if line and not line.startswith((" ", "-"))]
    assert keys == [k for k in schema.ModelRecord.model_fields if k in keys]  # schema order
    assert "&" not in text and "*" not in text
    assert "added: 2026-01-15" in text
    assert "    official: true" in text  # list items indented under their key


def test_write_refuses_to_overwrite(tmp_path):
    record = schema.ModelDraft(id="x", name="X", title="T", year=2020, needs_review=True, review_note="check")
    path = write_record(record, "models", tmp_path)
    assert path == tmp_path / "models" / "x.yaml"
    with pytest.raises(FileExistsError):
        write_record(record, "models", tmp_path)
    write_record(record, "models", tmp_path, overwrite=True)
    assert [p.name for p in (tmp_path / "models").iterdir()] == ["x.yaml"]  # no temporary file left


def test_unicode_is_written_as_is():
    record = schema.ModelDraft(
        id="x",
        name="Ünï",
        title="Ça — 中文",
        year=2020,
        needs_review=True,
        review_note="check",
        added=dt.date(2026, 1, 1),
    )
    text = dump_record(record, "models")
    assert "Ça — 中文" in text
    assert reread(text, schema.ModelDraft) == record


@pytest.fixture
def umask():
    """Set the process' umask for one test."""
    previous = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_a_new_file_gets_the_umasks_mode(tmp_path, umask, mask):
    umask(mask)
    write_atomically(tmp_path / "new.txt", "x\n")
    write_atomically(tmp_path / "forced.txt", "x\n", overwrite=True)
    assert mode(tmp_path / "new.txt") == mode(tmp_path / "forced.txt") == 0o666 & ~mask


@pytest.mark.parametrize("kept", [0o644, 0o640, 0o600, 0o664])
def test_replacing_a_file_keeps_its_mode(tmp_path, umask, kept):
    path = tmp_path / "old.txt"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(kept)
    write_atomically(path, "new\n", overwrite=True)
    assert path.read_text(encoding="utf-8") == "new\n" and mode(path) == kept


def appears_while_writing(monkeypatch, path: Path) -> None:
    """Someone else creates `path` once the writer has begun writing (after any check it made)."""
    real = os.fdopen

    def fdopen(*args, **kwargs):
        if not path.exists():
            path.write_text("someone else's\n", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, "fdopen", fdopen)


def test_a_file_that_appears_while_writing_is_never_replaced(tmp_path, monkeypatch):
    path = tmp_path / "x.txt"
    appears_while_writing(monkeypatch, path)
    with pytest.raises(FileExistsError) as caught:
        write_atomically(path, "mine\n")
    assert caught.value.filename == str(path)
    assert path.read_text(encoding="utf-8") == "someone else's\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]  # no temporary file left


def test_a_dangling_symbolic_link_is_not_replaced(tmp_path):
    path = tmp_path / "x.txt"
    path.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        write_atomically(path, "mine\n")
    assert path.is_symlink() and not (tmp_path / "nowhere").exists()


def test_without_hard_links_creation_is_still_exclusive(tmp_path, monkeypatch, umask):
    def no_links(source, target):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(writer.os, "link", no_links)
    write_atomically(tmp_path / "x.txt", "mine\n")
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "mine\n" and mode(tmp_path / "x.txt") == 0o644
    appears_while_writing(monkeypatch, tmp_path / "y.txt")
    with pytest.raises(FileExistsError):
        write_atomically(tmp_path / "y.txt", "mine\n")
    assert (tmp_path / "y.txt").read_text(encoding="utf-8") == "someone else's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt", "y.txt"]
