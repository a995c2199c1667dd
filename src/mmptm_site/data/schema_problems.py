"""Pydantic's validation errors as located problems: each at its file, line and column, in plain words.

A message names the field and says how to fix it (the closest allowed field, the quoting YAML needs, the
pattern's hint), and quotes at most SHOWN_LIMIT characters of a value, which may be a whole file long.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from mmptm_site.data import schema
from mmptm_site.data.load import LoadedFile
from mmptm_site.data.problems import Loc, Problem, format_loc


def _unwrap(annotation: Any) -> Iterator[Any]:
    """The classes an annotation may hold: list[X] → X, X | None → X, Annotated[X, …] → X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _unwrap(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType, list, dict):
        for argument in typing.get_args(annotation):
            yield from _unwrap(argument)
    else:
        yield annotation


def model_at(cls: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The schema class of the mapping at `loc` inside a `cls` document, if it is one."""
    current: type[BaseModel] | None = cls
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = next((c for c in _unwrap(info.annotation) if isinstance(c, type) and issubclass(c, BaseModel)), None)
    return current


SHOWN_LIMIT = 80


def _shown(value: Any) -> str:
    """A value as a message quotes it: its repr, cut short (a value may be a whole file long)."""
    text = repr(value)
    return text if len(text) <= SHOWN_LIMIT else f"{text[: SHOWN_LIMIT - 10]}… ({len(text):,} characters)"


def _yaml_reading(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, dt.date):
        return f"the date {value}"
    if value is None:
        return "null (nothing)"
    return _shown(value)


def _message(error: ErrorDetails, cls: type[BaseModel], loc: Loc, written: str | None) -> str:
    """What is wrong at `loc`; `written` is the source text of a plain scalar there that YAML did not read as text."""
    kind = error["type"]
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        message = f"required field `{name}` is missing"
        if cls is schema.ModelRecord and len(loc) == 1 and not schema.ModelDraft.model_fields[name].is_required():
            message += "; if it is not known yet, set `needs_review: true` and say what is missing in `review_note`"
        return message
    if kind == "extra_forbidden":
        parent = model_at(cls, loc[:-1])
        allowed = list(parent.model_fields) if parent else []
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        if close:
            return f"unknown field `{name}`; did you mean `{close[0]}`?"
        return f"unknown field `{name}`; allowed fields: {', '.join(allowed)}"
    if kind == "string_type" and written is not None:
        reading = _yaml_reading(error["input"])
        return f"YAML reads the unquoted `{written}` as {reading}, but text is expected here; quote it: '{written}'"
    if kind == "string_pattern_mismatch":
        hint = schema.PATTERN_HINTS.get(error["ctx"]["pattern"], f"of the form {error['ctx']['pattern']}")
        return f"{_shown(error['input'])} is not {hint}"
    if kind == "bool_type":  # strict: 'false', 'no' or 0 is never read as false
        return f"`{name}` is true or false (without quotes); got {_yaml_reading(error['input'])}"
    if kind == "finite_number":
        return f"`{written or error['input']}` is not a finite number; write the number as the source prints it"
    if kind in ("float_type", "int_type") and isinstance(error["input"], str):
        return f"a number is expected here, written without quotes; got {_shown(error['input'])}"
    if kind in ("float_type", "int_type") and isinstance(error["input"], bool):
        return f"a number is expected here; got {_yaml_reading(error['input'])}"
    if kind == "too_short" and isinstance(error["input"], list):
        least = error["ctx"]["min_length"]
        return f"list at least {least} item{'s' if least > 1 else ''} here"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    message = error["msg"]
    message = message[0].lower() + message[1:]
    shown = repr(error["input"])
    if not isinstance(error["input"], dict | list) and len(shown) < 80:
        message += f", got {shown}"
    return message


def schema_problems(
    error: ValidationError, cls: type[BaseModel], loaded: LoadedFile, prefix: Loc = (), limit: int | None = None
) -> list[Problem]:
    """The located problems of a validation error: all of them, or the first `limit`."""
    problems = []
    for item in error.errors()[:limit]:
        loc: Loc = tuple(item["loc"])
        on_key = bool(loc) and loc[-1] == "[key]"
        if on_key:
            loc = loc[:-1]
        full = prefix + loc
        if item["type"] == "missing":
            mark = loaded.positions.of_value(full[:-1])
        elif item["type"] == "extra_forbidden" or on_key:
            mark = loaded.positions.of_key(full)
        else:
            mark = loaded.positions.of_value(full)
        message = _message(item, cls, loc, loaded.positions.plain.get(full))
        problems.append(Problem(loaded.path, mark.line, mark.column, format_loc(full), message))
    return problems
