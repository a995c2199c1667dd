"""Read YAML data files safely, keeping the line and column of every key and value.

The document is built from libyaml's event stream rather than by `yaml.safe_load`, because that is
where we can (a) record positions for error messages, (b) refuse duplicate keys, which PyYAML
silently overwrites, and (c) refuse anchors and aliases before any expansion happens, which rules
out "billion laughs" files. Scalars are resolved by PyYAML's own YAML 1.1 rules, so values are
exactly what any other PyYAML reader of these files sees. Positions are needed only to report a
problem, so they are computed on first use, by reading the text a second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
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
    StreamEndEvent,
)

from mmptm_site.data.problems import DataError, Loc, Problem

try:  # libyaml's parser: the pure-Python one is several times slower
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - exercised only where libyaml is missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_ALLOWED_TAGS = _SCALAR_TAGS | {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_resolver = yaml.resolver.Resolver()
# the type of Resolver.resolve, which types-PyYAML leaves unannotated: (node class, text, implicit) → tag
_resolve: Callable[[type[yaml.Node], str, tuple[bool, bool]], str] = _resolver.resolve
_constructor = yaml.constructor.SafeConstructor()
# PyYAML's constructors of these tags take the text's form for granted (other text fails with KeyError or
# AttributeError): text → whether it has the form, and what the form is
_FORMS: dict[str, tuple[Callable[[str], bool], str]] = {
    "tag:yaml.org,2002:bool": (lambda text: text.lower() in _constructor.bool_values, "true or false"),
    "tag:yaml.org,2002:timestamp": (lambda text: bool(_constructor.timestamp_regexp.match(text)), "a date"),
}


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


class LoadedFile:
    """A parsed data file: its values, and (computed when first asked for) where each one stands."""

    def __init__(self, path: Path, data: Any, text: str):
        self.path = path
        self.data = data
        self.text = text

    @cached_property
    def positions(self) -> Positions:
        """Where each key and value stands; read again from the text, since only problems need it."""
        positions = Positions()
        _read(self.text, self.path, positions)
        return positions


def _mark(event_mark: Any) -> Mark:
    return Mark(event_mark.line + 1, event_mark.column + 1)


_NO_KEY = object()


def _problem(path: Path, mark: Mark, message: str) -> DataError:
    return DataError([Problem(path, mark.line, mark.column, "", message)])


def _tagged_scalar(event: ScalarEvent, path: Path) -> tuple[Any, bool]:
    """The value of a plain or explicitly tagged scalar, and whether YAML read it as something but text."""
    tag = event.tag
    if tag is None or tag == "!":
        tag = _resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag not in _ALLOWED_TAGS:  # `<<` (merge) or `=` (value): YAML 1.1 keys that records do not use
            message = f"`{event.value}` has a special meaning in YAML that records do not use; quote it"
            raise _problem(path, _mark(event.start_mark), message)
    elif tag not in _ALLOWED_TAGS:
        raise _problem(path, _mark(event.start_mark), f"the tag {tag!r} is not allowed; remove it")
    elif tag not in _SCALAR_TAGS:
        message = f"the tag {tag!r} is for a mapping or a list, not a single value; remove it"
        raise _problem(path, _mark(event.start_mark), message)
    elif tag in _FORMS and not _FORMS[tag][0](event.value):
        message = f"cannot read {event.value!r} with the tag {tag!r}: it is not {_FORMS[tag][1]}; quote it"
        raise _problem(path, _mark(event.start_mark), message)
    if tag == _STR_TAG:
        return event.value, False
    # without marks: the event's are libyaml's (another Mark class), and these constructors report no position
    node = yaml.ScalarNode(tag, event.value, None, None, event.style)
    try:
        value = _constructor.yaml_constructors[tag](_constructor, node)
    except (ValueError, yaml.YAMLError) as error:  # e.g. a timestamp such as 2021-13-45
        raise _problem(path, _mark(event.start_mark), f"cannot read {event.value!r}: {error}; quote it") from None
    return value, True


# Plain scalars repeat a lot (every key, `true`, years): resolving each text once saves most of the work.
_plain_values: dict[str, tuple[Any, bool]] = {}
_PLAIN_CACHE_LIMIT = 200_000


def _read(text: str, path: Path, positions: Positions | None) -> Any:
    """The document in `text`, built from libyaml's events; DataError at the first thing records may not use.

    With `positions`, also records where every key and value stands (slower, so only when asked).
    """
    loader = _Loader(text)
    get_event = loader.get_event
    # A frame is [container, loc, pending key or _NO_KEY, first mark of each key, is a list]
    stack: list[list[Any]] = []
    root: Any = _NO_KEY
    documents = 0
    try:
        while True:
            event = get_event()
            if type(event) is ScalarEvent:
                if event.anchor is not None:
                    raise _problem(path, _mark(event.start_mark), _ANCHOR_MESSAGE)
                if event.tag is None and not event.implicit[0]:
                    value, plain = event.value, False  # quoted: always text
                elif event.tag is None:
                    cached = _plain_values.get(event.value)
                    if cached is None:
                        cached = _tagged_scalar(event, path)
                        if len(_plain_values) < _PLAIN_CACHE_LIMIT:
                            _plain_values[event.value] = cached
                    value, plain = cached
                else:
                    value, plain = _tagged_scalar(event, path)
                start, written = event.start_mark, event.value
            elif type(event) is MappingStartEvent or type(event) is SequenceStartEvent:
                if event.anchor is not None:
                    raise _problem(path, _mark(event.start_mark), _ANCHOR_MESSAGE)
                if event.tag not in (None, "!") and event.tag not in _ALLOWED_TAGS:
                    raise _problem(path, _mark(event.start_mark), f"the tag {event.tag!r} is not allowed; remove it")
                if len(stack) >= MAX_DEPTH:
                    raise _problem(path, _mark(event.start_mark), f"nested more than {MAX_DEPTH} levels deep")
                loc: Loc = ()
                if stack:
                    parent = stack[-1]
                    if parent[4]:
                        loc = (*parent[1], len(parent[0]))
                    elif parent[2] is _NO_KEY:
                        raise _problem(
                            path, _mark(event.start_mark), "a key must be a plain word, not a mapping or list"
                        )
                    else:
                        loc = (*parent[1], parent[2])
                is_list = type(event) is SequenceStartEvent
                stack.append([[] if is_list else {}, loc, _NO_KEY, {}, is_list, event.start_mark])
                continue
            elif type(event) is MappingEndEvent or type(event) is SequenceEndEvent:
                frame = stack.pop()
                value, plain, start, written = frame[0], False, frame[5], ""
            elif type(event) is StreamEndEvent:
                break
            elif type(event) is AliasEvent:
                raise _problem(path, _mark(event.start_mark), _ANCHOR_MESSAGE)
            elif type(event) is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    message = "a data file holds one YAML document; remove the `---`"
                    raise _problem(path, _mark(event.start_mark), message)
                continue
            else:
                continue
            # A finished value: put it into the innermost container, or make it the root.
            if not stack:
                root = value
                if positions is not None:
                    positions.values[()] = _mark(start)
                continue
            frame = stack[-1]
            container = frame[0]
            if frame[4]:
                loc = (*frame[1], len(container))
                container.append(value)
            elif frame[2] is _NO_KEY:  # this value is a key
                first = frame[3].get(value)
                if first is not None:
                    message = f"duplicate key `{value}` (first at line {first.line + 1}); keep only one"
                    raise _problem(path, _mark(start), message)
                frame[3][value] = start
                frame[2] = value
                if positions is not None:
                    positions.keys[(*frame[1], value)] = _mark(start)
                continue
            else:
                loc = (*frame[1], frame[2])
                container[frame[2]] = value
                frame[2] = _NO_KEY
            if positions is not None:
                positions.values[loc] = _mark(start)
                if plain:
                    positions.plain[loc] = written
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise _problem(path, where, f"YAML syntax error: {what}") from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, e.g. a control character
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        character = chr(error.character) if isinstance(error.character, int) else error.character
        message = f"the character U+{ord(character):04X} is not allowed in YAML; remove it"
        raise _problem(path, Mark(line, column), message) from None
    finally:
        loader.dispose()
    if root is _NO_KEY or root is None:
        raise _problem(path, Mark(1, 1), "file is empty")
    return root


def _too_large(path: Path, size: int) -> DataError:
    return _problem(path, Mark(1, 1), f"file is {size:,} bytes; a data file may be at most 1 MiB")


def _decode(raw: bytes, path: Path) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(path, len(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        message = f"file is not UTF-8 (byte 0x{byte}); save it with UTF-8 encoding"
        raise _problem(path, Mark(line, column), message) from None
    return text.removeprefix("\ufeff")  # a byte-order mark is harmless: drop it


def parse(text: str, path: Path) -> LoadedFile:
    """Build the document in `text`; raise DataError with a located problem when records may not hold it."""
    return LoadedFile(path, _read(text, path, None), text)


_ANCHOR_MESSAGE = "YAML anchors and aliases (`&name`, `*name`) are not allowed; write the value out"


def symlinked_folder(path: Path, root: Path) -> Path | None:
    """The first folder between `root` (itself not included) and `path` that is a symbolic link, if any.

    The data root is whatever the person running the command named (`--data`, or `data_dir` in
    mkdocs.yml), so it may be a link; below it, every folder must be real, or a pull request could
    point `data/models` at any folder of the machine that checks it.
    """
    try:
        parts = path.parent.relative_to(root).parts
    except ValueError:  # not under root: nothing between them to check
        return None
    folder = root
    for part in parts:
        folder = folder / part
        if folder.is_symlink():
            return folder
    return None


def load_file(path: Path) -> LoadedFile:
    """Read and parse one data file; raise DataError with a located problem when it cannot be read."""
    if path.is_symlink():
        raise _problem(path, Mark(1, 1), "data files may not be symbolic links; replace it with the file itself")
    if not path.is_file():
        raise _problem(path, Mark(1, 1), "expected a file here")
    try:
        # The size before the content: reading a sparse 3 GB file to learn it is too large ran out of memory.
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _too_large(path, size)
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)  # it may have grown since; one byte more says so
    except OSError as error:
        raise _problem(path, Mark(1, 1), f"cannot read the file: {error.strerror}") from None
    return parse(_decode(raw, path), path)
