"""Rewrite record files into canonical form without losing a comment or changing a value.

ruamel.yaml's round-trip mode keeps comments and the quoting a contributor chose; this module only puts
keys in the schema's order, writes lists and mappings in block style indented under their key (as the
canonical writer does), and starts the file with its schema line. ruamel reads YAML 1.2 and the
validator PyYAML's YAML 1.1 (`no`, `on`, `1e3` differ between them), so every result is read back with
the validator's own loader and must give exactly the values the original gave. ruamel also loses some
comments (inside a flow mapping or list, after `...`) and cannot read some files libyaml reads (a tab
before a comment), so every comment of the original must be in the result too, found by the validator's
own scanner. When any of this fails the file is left as it was and the problem reported at its line.

The first line names the file's JSON Schema for editors, which fetch whatever it names: `fmt` writes
the project's own line there and removes any other comment that names a schema.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml as pyyaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from mmptm_site.data import schema
from mmptm_site.data.load import load_file, parse
from mmptm_site.data.problems import DataError, Problem
from mmptm_site.data.schema_problems import model_at
from mmptm_site.data.writer import schema_line, write_atomically
from mmptm_site.data.yaml_comments import Comment, comments

# yaml-language-server reads `# yaml-language-server: $schema=…` from any comment; JetBrains `# $schema: …`
_NAMES_A_SCHEMA = re.compile(r"yaml-language-server\s*:|\$schema", re.IGNORECASE)


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


def _names_a_schema(comment: Comment) -> bool:
    return bool(_NAMES_A_SCHEMA.search(comment.text))


def _unreadable(error: Exception, text: str, path: Path) -> FormatError:
    """ruamel could not read or write the file: a located problem rather than a traceback."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = getattr(error, "problem", None) or str(error).splitlines()[0] or type(error).__name__
    lines = text.splitlines()
    at = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    hint = "replace the tab with spaces" if at == "\t" else "write this part as the other records do"
    message = f"fmt cannot rewrite this file ({what}); {hint}; the file was left unchanged"
    return FormatError([Problem(path, line, column, "", message)])


def _without_schema_comments(text: str) -> str:
    """`text` less every comment that names a schema (a comment on a line of its own goes with its line)."""
    kept, position = [], 0
    for comment in comments(text):
        if not _names_a_schema(comment):
            continue
        line_start = text.rfind("\n", 0, comment.start) + 1
        before = text[line_start : comment.start]
        if before.strip():  # after a value: the value stays
            cut_from, cut_to = line_start + len(before.rstrip(" \t")), comment.end
        else:
            line_end = text.find("\n", comment.end)
            cut_from, cut_to = line_start, len(text) if line_end == -1 else line_end + 1
        kept.append(text[position:cut_from])
        position = cut_to
    kept.append(text[position:])
    return "".join(kept)


def _check_comments_kept(original: list[Comment], formatted: str, path: Path) -> None:
    """FormatError at the first comment of `original` that `formatted` lacks (schema lines are replaced)."""
    left = Counter(comment.text for comment in comments(formatted) if not _names_a_schema(comment))
    for comment in original:
        if _names_a_schema(comment):
            continue
        if left[comment.text] <= 0:
            message = (
                "fmt would drop this comment (it cannot keep one inside `{…}` or `[…]`, or after `...`); "
                "move it onto a line of its own above the key it is about; the file was left unchanged"
            )
            raise FormatError([Problem(path, comment.line, comment.column, "", message)])
        left[comment.text] -= 1
    if added := sorted((+left).elements()):
        message = f"fmt would add the comment {added[0]!r}; the file was left unchanged"
        raise FormatError([Problem(path, 1, 1, "", message)])


def format_text(text: str, path: Path) -> str:
    """The canonical form of a record file's text; FormatError (file left alone) if it would lose anything."""
    before = parse(text, path).data
    original = comments(text)  # libyaml just parsed the text, so its scanner reads it too
    yaml = _yaml()
    try:
        document = yaml.load(text)
    except Exception as error:  # ruamel is a second parser: what it cannot read is this file's problem
        raise _unreadable(error, text, path) from None
    _canonical(document, record_class(path, before))
    out = io.StringIO()
    try:
        yaml.dump(document, out)
    except Exception as error:
        raise _unreadable(error, text, path) from None
    try:
        body = _without_schema_comments(out.getvalue())
    except pyyaml.YAMLError:
        message = "formatting would give YAML the validator cannot read; the file was left unchanged"
        raise FormatError([Problem(path, 1, 1, "", message)]) from None
    formatted = schema_line(_kind(path)) + body.strip("\n") + "\n"
    _check_comments_kept(original, formatted, path)
    if parse(formatted, path).data != before:
        raise FormatError([Problem(path, 1, 1, "", "formatting would change a value; the file was left unchanged")])
    return formatted


def foreign_schema_lines(text: str, path: Path) -> list[Problem]:
    """Comments naming a schema other than the project's own line at the top, which `fmt` replaces.

    Editors fetch whatever such a comment names; `fmt --check` reports these so CI catches them.
    """
    own = schema_line(_kind(path)).rstrip("\n")
    problems = []
    for comment in comments(text):
        if not _names_a_schema(comment) or (comment.start == 0 and comment.text == own):
            continue
        if comment.text == own:
            message = "a second schema line; `mmptm-site fmt` removes it"
        else:
            message = f"only the project's own schema may be named here (`{own}`); `mmptm-site fmt` puts it in"
        problems.append(Problem(path, comment.line, comment.column, "", message))
    return problems


def format_file(path: Path, *, check: bool) -> bool:
    """Whether the file is not in canonical form; unless `check`, rewrite it (atomically) when it is not."""
    text = load_file(path).text
    formatted = format_text(text, path)
    if check and (problems := foreign_schema_lines(text, path)):
        raise FormatError(problems)
    if formatted == text:
        return False
    if not check:
        try:
            write_atomically(path, formatted, overwrite=True)
        except OSError as error:
            raise FormatError([Problem(path, 1, 1, "", f"cannot write the file: {error.strerror}")]) from None
    return True
