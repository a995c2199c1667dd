"""Every reference a record makes, found from the schema's own declarations (`Ref` on a field's type).

A field says once which part of the data its values name (`ModalityId`, `BenchmarkId`, …); this module
walks a validated record along its class's annotations and yields each such value with where it stands.
The validator checks them all this way, and the catalogue indexes records by them, so no list of which
field refers to what is kept anywhere else.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from mmptm_site.data.problems import Loc
from mmptm_site.data.schema import Ref


def references(record: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, Ref]]:
    """(where, value, declaration) for every value of `record` that names another part of the data."""
    for name, info in type(record).model_fields.items():
        yield from _walk(getattr(record, name), info.annotation, list(info.metadata), (*loc, name))


def _walk(value: Any, annotation: Any, metadata: list[Any], loc: Loc) -> Iterator[tuple[Loc, str, Ref]]:
    if value is None:
        return
    declared = next((item for item in metadata if isinstance(item, Ref)), None)
    if declared is not None and isinstance(value, str):
        yield loc, value, declared
        return
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Annotated:
        yield from _walk(value, arguments[0], [*metadata, *arguments[1:]], loc)
    elif origin in (typing.Union, types.UnionType):
        for argument in arguments:
            if argument is not type(None):
                yield from _walk(value, argument, metadata, loc)
                return
    elif origin is list:
        for index, item in enumerate(value):
            yield from _walk(item, arguments[0], [], (*loc, index))
    elif origin is dict:
        for key, item in value.items():
            yield from _walk(key, arguments[0], [], (*loc, key))
            yield from _walk(item, arguments[1], [], (*loc, key))
    elif isinstance(value, BaseModel):
        yield from references(value, loc)


def referenced(record: BaseModel, kind: str) -> list[str]:
    """The ids of `kind` that `record` names, in order, each once (words such as 'unknown' left out)."""
    found = [value for _, value, ref in references(record) if ref.kind == kind and value not in ref.words]
    return list(dict.fromkeys(found))
