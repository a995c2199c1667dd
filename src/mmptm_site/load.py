"""Read YAML data files safely, keeping the line and column of every key and value.

The document is built from libyaml's event stream rather than by `yaml.safe_load`, because that is
where we can (a) record positions for error messages, (b) refuse duplicate keys, which PyYAML
silently overwrites, and (c) refuse anchors and aliases before any expansion happens, which rules
out "billion laughs" files. Scalars are still resolved by PyYAML's own YAML 1.1 rules, so values
are exactly what any other PyYAML reader of these files sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from mmptm_site.problems import DataError, Loc, Problem

try:  # libyaml's parser: the pure-Python one is several times slower
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - exercised only where libyaml is missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
_STR_TAG = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Positions:
    """Where each part of a document stands in its file.

    `values[loc]` is where the value at `loc` starts (for a mapping or list, its first item);
    `keys[loc]` is where the key naming `loc` stands; `plain[loc]` is the source text of a plain
    (unquoted) scalar that YAML read as something other than a string, so a type error can say
    how to quote it.
    """

    values: dict[Loc, Mark] = field(default_factory=dict)
    keys: dict[Loc, Mark] = field(default_factory=dict)
    plain: dict[Loc, str] = field(default_factory=dict)

    def of_value(self, loc: Loc) -> Mark:
        """The value at `loc`, or the nearest enclosing part that has a position."""
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, Mark(1, 1))

    def of_key(self, loc: Loc) -> Mark:
        return self.keys.get(loc) or self.of_value(loc)


@dataclass
class LoadedFile:
    path: Path
    data: Any
    positions: Positions


def _mark(event_mark: Any) -> Mark:
    return Mark(event_mark.line + 1, event_mark.column + 1)


class _Frame:
    __slots__ = ("container", "key", "key_marks", "loc")

    def __init__(self, container: dict | list, loc: Loc):
        self.container = container
        self.loc = loc
        self.key: Any = _NO_KEY
        self.key_marks: dict[Any, Mark] = {}


_NO_KEY = object()


def _problem(path: Path, mark: Mark, message: str) -> DataError:
    return DataError([Problem(path, mark.line, mark.column, "", message)])


def _scalar(event: ScalarEvent, path: Path) -> tuple[Any, bool]:
    """The value of a scalar event, and whether it was a plain scalar that YAML read as a non-string."""
    tag = event.tag
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return event.value, False  # quoted: always a string
        tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
    elif tag not in _ALLOWED_TAGS:
        raise _problem(path, _mark(event.start_mark), f"the tag {tag!r} is not allowed; remove it")
    if tag == _STR_TAG:
        return event.value, False
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        value = _constructor.yaml_constructors[tag](_constructor, node)
    except (ValueError, yaml.YAMLError) as error:  # e.g. a timestamp such as 2021-13-45
        raise _problem(path, _mark(event.start_mark), f"cannot read {event.value!r}: {error}; quote it") from None
    return value, True


def _decode(raw: bytes, path: Path) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise _problem(path, Mark(1, 1), f"file is {len(raw):,} bytes; a data file may be at most 1 MiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        raise _problem(
            path, Mark(line, column), f"file is not UTF-8 (byte 0x{byte}); save it with UTF-8 encoding"
        ) from None
    return text.removeprefix("\ufeff")  # a byte-order mark is harmless: drop it


def parse(text: str, path: Path) -> LoadedFile:
    """Build the document in `text`; raise DataError with a located problem when it is not plain YAML."""
    positions = Positions()
    stack: list[_Frame] = []
    root: Any = _NO_KEY
    documents = 0

    def place(value: Any, mark: Mark, plain_text: str | None) -> None:
        """Put a finished value into the innermost container, or make it the root."""
        nonlocal root
        if not stack:
            root = value
            positions.values[()] = mark
            return
        frame = stack[-1]
        if isinstance(frame.container, list):
            loc = (*frame.loc, len(frame.container))
            frame.container.append(value)
        elif frame.key is _NO_KEY:  # this value is a key
            if isinstance(value, dict | list):
                raise _problem(path, mark, "a key must be a plain word, not a mapping or list")
            if value in frame.key_marks:
                first = frame.key_marks[value]
                raise _problem(path, mark, f"duplicate key `{value}` (first at line {first.line}); keep only one")
            frame.key_marks[value] = mark
            frame.key = value
            positions.keys[(*frame.loc, value)] = mark
            return
        else:
            loc = (*frame.loc, frame.key)
            frame.container[frame.key] = value
            frame.key = _NO_KEY
        positions.values[loc] = mark
        if plain_text is not None:
            positions.plain[loc] = plain_text

    def child_loc(mark: Mark) -> Loc:
        """The loc that the next value placed into the innermost container will get."""
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.container, list):
            return (*frame.loc, len(frame.container))
        if frame.key is _NO_KEY:
            raise _problem(path, mark, "a key must be a plain word, not a mapping or list")
        return (*frame.loc, frame.key)

    try:
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None:
                    raise _problem(path, _mark(event.start_mark), _ANCHOR_MESSAGE)
                value, plain = _scalar(event, path)
                place(value, _mark(event.start_mark), event.value if plain else None)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = _mark(event.start_mark)
                if event.anchor is not None:
                    raise _problem(path, mark, _ANCHOR_MESSAGE)
                if event.tag not in (None, "!") and event.tag not in _ALLOWED_TAGS:
                    raise _problem(path, mark, f"the tag {event.tag!r} is not allowed; remove it")
                if len(stack) >= MAX_DEPTH:
                    raise _problem(path, mark, f"nested more than {MAX_DEPTH} levels deep")
                loc = child_loc(mark)
                stack.append(_Frame({} if kind is MappingStartEvent else [], loc))
                positions.values[loc] = mark
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                place(frame.container, positions.values[frame.loc], None)
            elif kind is AliasEvent:
                raise _problem(path, _mark(event.start_mark), _ANCHOR_MESSAGE)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _problem(
                        path, _mark(event.start_mark), "a data file holds one YAML document; remove the `---`"
                    )
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise _problem(path, where, f"YAML syntax error: {what}") from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, e.g. a control character
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        character = chr(error.character) if isinstance(error.character, int) else error.character
        raise _problem(
            path,
            Mark(line, column),
            f"the character U+{ord(character):04X} is not allowed in YAML; remove it",
        ) from None
    if root is _NO_KEY or root is None:
        raise _problem(path, Mark(1, 1), "file is empty")
    return LoadedFile(path, root, positions)


_ANCHOR_MESSAGE = "YAML anchors and aliases (`&name`, `*name`) are not allowed; write the value out"


def load_file(path: Path) -> LoadedFile:
    """Read and parse one data file; raise DataError with a located problem when it cannot be read."""
    if path.is_symlink():
        raise _problem(path, Mark(1, 1), "data files may not be symbolic links; replace it with the file itself")
    if not path.is_file():
        raise _problem(path, Mark(1, 1), "expected a file here")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _problem(path, Mark(1, 1), f"cannot read the file: {error.strerror}") from None
    return parse(_decode(raw, path), path)
