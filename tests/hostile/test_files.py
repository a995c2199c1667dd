"""Broken and hostile files: each gets a located error (or is handled as documented) within seconds,
in bounded memory, and never a traceback. See docs/security.md for the threat model."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

LIMIT_SECONDS = 10


def validate(data_dir: Path) -> subprocess.CompletedProcess:
    """`mmptm-site validate` in a child process, its address space capped at 2 GiB."""
    command = [
        sys.executable,
        "-c",
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30));"
        "from mmptm_site.cli import main; sys.exit(main())",
        "validate",
        "--data",
        str(data_dir),
    ]
    start = time.monotonic()
    result = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=LIMIT_SECONDS * 3, cwd=data_dir.parent
    )
    result.elapsed = time.monotonic() - start  # type: ignore[attr-defined]
    assert "Traceback" not in result.stdout + result.stderr
    return result


def write(data_dir: Path, name: str, content: bytes) -> Path:
    path = data_dir / "models" / name
    path.write_bytes(content)
    return path


BOMB = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + b"".join(
    b"%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n" % ((98 + i,) * 2 + (97 + i,) * 9) for i in range(10)
)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bomb.yaml", BOMB, "data/models/bomb.yaml:1:4: YAML anchors and aliases"),
        ("deep.yaml", b"id: deep\nx: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "data/models/deep.yaml:2:"),
        (
            "huge.yaml",
            b"id: huge\nsummary: '" + b"x" * (10 * 1024 * 1024) + b"'\n",
            "data/models/huge.yaml:1:1: file is 10,485,781 bytes; a data file may be at most 1 MiB",
        ),
        ("junk.yaml", bytes(range(256)) * 4, "data/models/junk.yaml:2:118: file is not UTF-8 (byte 0x80)"),
        ("nul.yaml", b"id: nul\nname: a\x00b\n", "data/models/nul.yaml:2:8: the character U+0000 is not allowed"),
        (
            "My Model.yaml",
            b"id: my-model\nname: M\ntitle: T\nyear: 2020\nneeds_review: true\nreview_note: x\n",
            "data/models/My Model.yaml:1:5: id: id `my-model` differs from the file name; rename the file to "
            "`my-model.yaml` (file names are ids",
        ),
        ("Ünïcode.yaml", b"id: unicode\n", "data/models/Ünïcode.yaml:"),
        ("notes.yml", b"id: x\n", "data/models/notes.yml:1:1: not a record: record files end in `.yaml`"),
    ],
)
def test_broken_files_get_located_errors(data_dir, name, content, expected):
    write(data_dir, name, content)
    result = validate(data_dir)
    assert result.returncode == 1, result.stdout
    assert expected in result.stdout
    assert result.elapsed < LIMIT_SECONDS


def test_byte_order_mark_and_crlf_are_accepted(data_dir):
    path = data_dir / "models" / "gamma.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = validate(data_dir)
    assert result.returncode == 0, result.stdout


def test_symlink_out_of_data_is_refused(data_dir, tmp_path):
    secret = tmp_path / "outside.yaml"
    secret.write_text("id: outside\nname: O\ntitle: T\nyear: 2020\nneeds_review: true\nreview_note: x\n")
    (data_dir / "models" / "outside.yaml").symlink_to(secret)
    result = validate(data_dir)
    assert "data/models/outside.yaml:1:1: data files may not be symbolic links" in result.stdout


def test_directory_where_a_file_is_expected(data_dir):
    (data_dir / "models" / "folder.yaml").mkdir()
    (data_dir / "vocab" / "knowledge.yaml").unlink()
    (data_dir / "vocab" / "knowledge.yaml").mkdir()
    result = validate(data_dir)
    assert "data/models/folder.yaml:1:1: expected a file here" in result.stdout
    assert "data/vocab/knowledge.yaml:1:1: expected a file here" in result.stdout


def test_models_folder_that_is_a_file(data_dir):
    import shutil

    shutil.rmtree(data_dir / "models")
    (data_dir / "models").write_text("not a folder")
    result = validate(data_dir)
    assert "data/models:1:1: expected a folder of records here" in result.stdout


def test_sparse_file_of_3_gb_is_refused_unread(data_dir):
    with (data_dir / "models" / "sparse.yaml").open("wb") as stream:
        stream.truncate(3 * 1024**3)  # more than the child's whole address space, were it read
    result = validate(data_dir)
    assert "data/models/sparse.yaml:1:1: file is 3,221,225,472 bytes; a data file may be at most 1 MiB" in result.stdout
    assert result.returncode == 1


def test_symlinked_folder_out_of_data_is_refused_unread(data_dir, tmp_path):
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "leak.yaml").write_text("id: leak\nname: T\ntitle: 'AWS_SECRET_ACCESS_KEY=abc'\nyear: 99\n")
    import shutil

    shutil.rmtree(data_dir / "models")
    (data_dir / "models").symlink_to(outside)
    result = validate(data_dir)
    assert result.returncode == 1
    assert "data/models:1:1: data folders may not be symbolic links" in result.stdout
    assert "AWS_SECRET" not in result.stdout + result.stderr
    assert "leak" not in result.stdout + result.stderr


def test_a_record_of_120000_unknown_ids_gets_capped_problems(data_dir):
    ids = ", ".join(f"x{n}" for n in range(120_000))
    record = "id: many\nname: M\ntitle: 'M: a paper'\nyear: 2021\nneeds_review: true\nreview_note: x\ntags: [a]\n"
    write(data_dir, "many.yaml", (record + f"datasets: [{ids}]\n").encode())
    result = validate(data_dir)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("data/models/many.yaml")]
    assert len(lines) == 51
    assert lines[-1].endswith(": … and 119,950 more problem(s) in this file")
    assert result.elapsed < LIMIT_SECONDS
