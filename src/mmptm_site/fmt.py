"""Rewrite record files into canonical form without losing a comment or changing a value.

ruamel.yaml's round-trip mode keeps comments and the quoting a contributor chose; this module only puts
keys in the schema's order, writes lists and mappings in block style indented under their key (as the
canonical writer does), and starts the file with its schema line. ruamel reads YAML 1.2 and the
validator PyYAML's YAML 1.1 (`no`, `on`, `1e3` differ between them), so every result is read back with
the validator's own loader and must give exactly the values the original gave; otherwise the file is
left as it was and the difference is reported.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from mmptm_site import schema
from mmptm_site.load import load_file, parse
from mmptm_site.problems import DataError, Problem
from mmptm_site.validate import model_at
from mmptm_site.writer import schema_line, write_atomically

_SCHEMA_COMMENT = "# yaml-language-server:"


class FormatError(DataError):
    """A file that cannot be formatted safely; it is left unchanged."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap what a contributor wrote: long URLs and lists stay on their lines
    return yaml


def _canonical(node: Any, cls: type[BaseModel] | None) -> None:
    """Block style everywhere (as the writer writes) and keys in the schema's field order.

    Unknown keys keep their relative place at the end, for the validator to report.
    """
    if isinstance(node, CommentedSeq):
        node.fa.set_block_style()
        for item in node:
            _canonical(item, cls)
        return
    if not isinstance(node, CommentedMap):
        return
    node.fa.set_block_style()
    if cls is not None:
        order = {name: index for index, name in enumerate(cls.model_fields)}
        for key in sorted(node, key=lambda k: order.get(k, len(order))):
            node.move_to_end(key)
    for key, value in node.items():
        _canonical(value, model_at(cls, (key,)) if cls is not None else None)


def _kind(path: Path) -> str:
    return "datasets" if path.parent.name == "datasets" else "models"


def record_class(path: Path, data: Any) -> type[BaseModel]:
    return schema.DatasetRecord if _kind(path) == "datasets" else schema.model_class(data)


def format_text(text: str, path: Path) -> str:
    """The canonical form of a record file's text; FormatError (file left alone) if values would change."""
    before = parse(text, path).data
    yaml = _yaml()
    document = yaml.load(text)
    _canonical(document, record_class(path, before))
    if isinstance(document, CommentedMap) and document.ca.comment and document.ca.comment[1]:
        # the comment lines above the first key: drop any old schema line, keep the rest
        document.ca.comment[1] = [c for c in document.ca.comment[1] if not c.value.startswith(_SCHEMA_COMMENT)]
    out = io.StringIO()
    yaml.dump(document, out)
    body = "\n".join(line for line in out.getvalue().splitlines() if not line.startswith(_SCHEMA_COMMENT))
    first = text.splitlines()[0] if text.strip() else ""
    # an existing schema line stays (its relative path is right for where the file lives); a missing one is added
    header = first + "\n" if first.startswith(_SCHEMA_COMMENT) else schema_line(_kind(path))
    formatted = header + body.strip("\n") + "\n"
    if parse(formatted, path).data != before:
        raise FormatError([Problem(path, 1, 1, "", "formatting would change a value; the file was left unchanged")])
    return formatted


def format_file(path: Path, *, check: bool) -> bool:
    """Whether the file is not in canonical form; unless `check`, rewrite it (atomically) when it is not."""
    text = load_file(path).text
    formatted = format_text(text, path)
    if formatted == text:
        return False
    if not check:
        write_atomically(path, formatted, overwrite=True)
    return True
