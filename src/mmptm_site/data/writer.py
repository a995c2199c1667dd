"""The one canonical way to write a record back to YAML.

Every command that writes records goes through `dump_record`/`write_record`, so all files share
one key order (the schema's), one quoting policy and one header line. Strings that YAML 1.1 would
read as something else (`no`, `2103.00020`, `1e3`) are quoted by PyYAML's own resolver check, so
the file reads back to the same values through `load`.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation below the text layer
SCHEMA_FILES = {"models": "model.schema.json", "datasets": "dataset.schema.json"}
LINE_WIDTH = 100


def schema_line(kind: str) -> str:
    """The first line of a record file, which points editors at its JSON Schema."""
    return f"# yaml-language-server: $schema=../../schema/{SCHEMA_FILES[kind]}\n"


class _Dumper(yaml.SafeDumper):
    """PyYAML's Python dumper (libyaml's ignores the indentation override below); writing is not a hot path."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # never write anchors: the loader rejects them

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)  # indent list items under their key


_Dumper.add_multi_representer(Enum, lambda dumper, value: dumper.represent_str(value.value))


def record_data(record: BaseModel) -> dict[str, Any]:
    """The record's fields in schema order, leaving out the optional ones that are unset."""
    return record.model_dump(mode="python", exclude_defaults=True)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=LINE_WIDTH
    )


def dump_record(record: BaseModel, kind: str) -> str:
    """The canonical text of a record file of `kind` ('models' or 'datasets')."""
    return schema_line(kind) + _dump(record_data(record))


def dump_record_with_guide(record: BaseModel, kind: str) -> str:
    """The canonical text of a new record, with every field the schema knows in canonical order.

    Fields the record does not set yet appear as comments that say what goes there, so that a
    contributor fills in a skeleton rather than looking up field names.
    """
    data = record_data(record)
    lines = [schema_line(kind).rstrip("\n")]
    for name, info in type(record).model_fields.items():
        if name in data:
            lines.append(_dump({name: data[name]}).rstrip("\n"))
        else:
            hint = (info.description or "").rstrip(".")
            lines.append(f"# {name}:" + (f"  # {hint}" if hint else ""))
    return "\n".join(lines) + "\n"


def _temporary_beside(path: Path) -> tuple[int, Path]:
    """A new empty file in `path`'s folder, created with mode 0o666 less the umask (mkstemp's is 0o600)."""
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666), temporary
        except FileExistsError:  # pragma: no cover - a clash of 48 random bits
            continue


def _link_into_place(temporary: Path, path: Path) -> None:
    """Give the finished file its name unless that name exists; FileExistsError (atomically) if it does."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None  # not the temporary
    except OSError:  # a file system without hard links: exclusive creation, then the bytes copied in
        created = False
        try:
            with open(path, "xb") as target:
                created = True
                with open(temporary, "rb") as source:
                    shutil.copyfileobj(source, target)
        except BaseException:
            if created:  # ours, half written
                path.unlink(missing_ok=True)
            raise
    temporary.unlink()


def write_atomically(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write `text` to `path` via a temporary file, so a crash never leaves half a file.

    Without `overwrite` the file must not exist: it is created exclusively (a hard link, which fails if
    the name is taken), so a file that appears meanwhile is never replaced: FileExistsError, nothing
    written. With `overwrite` an existing file keeps its permissions; a new file gets the umask's.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _temporary_beside(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        if not overwrite:
            _link_into_place(temporary, path)
            return
        try:
            existing = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:
            pass
        else:
            if stat.S_ISREG(existing.st_mode):
                os.chmod(temporary, stat.S_IMODE(existing.st_mode))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_record(record: BaseModel, kind: str, data_dir: Path, *, overwrite: bool = False) -> Path:
    """Write a record to `data_dir/kind/<id>.yaml`; refuse to replace an existing file unless told."""
    path = data_dir / kind / f"{record.id}.yaml"  # type: ignore[attr-defined]
    write_atomically(path, dump_record(record, kind), overwrite=overwrite)
    return path
