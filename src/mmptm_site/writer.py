"""The one canonical way to write a record back to YAML.

Every command that writes records goes through `dump_record`/`write_record`, so all files share
one key order (the schema's), one quoting policy and one header line. Strings that YAML 1.1 would
read as something else (`no`, `2103.00020`, `1e3`) are quoted by PyYAML's own resolver check, so
the file reads back to the same values through `load`.
"""

from __future__ import annotations

import os
import tempfile
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

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


def write_atomically(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write `text` to `path` via a temporary file and a rename, so a crash never leaves half a file."""
    if path.exists() and not overwrite:
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_record(record: BaseModel, kind: str, data_dir: Path, *, overwrite: bool = False) -> Path:
    """Write a record to `data_dir/kind/<id>.yaml`; refuse to replace an existing file unless told."""
    path = data_dir / kind / f"{record.id}.yaml"  # type: ignore[attr-defined]
    write_atomically(path, dump_record(record, kind), overwrite=overwrite)
    return path
