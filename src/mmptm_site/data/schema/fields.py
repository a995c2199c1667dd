"""Field types shared by every record: ids, text that cannot break an output, links, counts, dates.

Each type checks its values where they are read, so a value that would break a later step (a page
title, a file name, the feed, BibTeX) is a located problem instead. Each pattern has a hint: `validate`
turns a pattern mismatch into "is not <hint>".
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, NoReturn

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

# --- patterns -------------------------------------------------------------------------------------
# Each pattern has a hint: `validate` turns a pattern mismatch into "is not <hint>".

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ARXIV_PATTERN = r"^(\d{4}\.\d{4,5}|[a-z][a-z.-]*(\.[A-Z]{2})?/\d{7})$"
# DOIs and URLs reach BibTeX, Markdown links and HTML attributes: no whitespace, braces, backslashes
# or control characters in them (`_URL_CHARACTER`), whatever those formats would make of them.
_URL_CHARACTER = r"[^\s{}\\\x00-\x1f\x7f-\x9f]"
DOI_PATTERN = rf"^10\.\d{{4,9}}/{_URL_CHARACTER}+$"
URL_PATTERN = rf"^https?://[^\s/$.?#{{}}\\\x00-\x1f\x7f-\x9f]{_URL_CHARACTER}*$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
COUNT_PATTERN = r"^\d+(\.\d+)?\s*[KMBTkmbt]?$"

PATTERN_HINTS: dict[str, str] = {
    ID_PATTERN: "an id: lower-case letters and digits in groups joined by single hyphens, e.g. 'clip' or 'vl-bert'",
    ARXIV_PATTERN: "an arXiv id such as '2103.00020' (quoted, without 'arXiv:' or a version suffix)",
    DOI_PATTERN: "a DOI such as '10.1109/CVPR52688.2022.01629' (without 'https://doi.org/')",
    URL_PATTERN: "an http(s) URL such as 'https://arxiv.org/abs/2103.00020'",
    MONTH_PATTERN: "a month written 'YYYY-MM', quoted, e.g. '2021-01'",
    COUNT_PATTERN: "a count such as 428000000, '428M', '1.2B' or '300K'",
}

FIRST_YEAR = 1990
FIRST_DATE = dt.date(FIRST_YEAR, 1, 1)
DATE_MARGIN = dt.timedelta(days=7)
"""How far past today a record's date may lie: time zones, and a record prepared a few days ahead."""
MAX_PARAMETERS = 10**14  # 100 trillion: far beyond any model so far, so larger is surely a typo
_COUNT_SUFFIX = {"": 1, "k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}
ID_MAX_LENGTH = 64  # ids are file and folder names: far below any file system's limit

RESERVED_IDS = frozenset(
    # Pages and folders of the site: `<kind>/index` is each kind's own page, the rest stand beside it
    # at the site's root (`render`, mkdocs, mkdocs-material's search), where an id must not be taken
    # for them should a kind ever move there.
    {"index", "assets", "search", "404", "sitemap", "feed", "catalog", "compare", "stats", "new", "schema"}
    | {"papers", "years", "models", "datasets", "surveys", "objectives", "tasks", "benchmarks", "modalities"}
    | {"architectures", "knowledge", "venues"}
)
WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)
"""Names Windows keeps for devices: `con.yaml` cannot be checked out there."""


def _next_year() -> int:
    return dt.date.today().year + 1


# --- text -----------------------------------------------------------------------------------------
# Characters no field may hold: C0 and C1 control characters (a tab or line break only where a field
# is multi-line), surrogates and non-characters (which no encoder writes), and the bidirectional
# overrides and isolates, which reverse or reorder the text after them wherever it is shown (U+202E in
# a name turned the rest of the page's <title> around). YAML lets all of them in through escapes such
# as "\x01" or "\u202e" in a double-quoted string.
_NONCHARACTERS = "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
_NEVER_IN_TEXT = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
_NOT_IN_PARAGRAPH = re.compile(f"[{_NEVER_IN_TEXT}{re.escape(_NONCHARACTERS)}]")
_NOT_IN_LINE = re.compile(f"[\t\n{_NEVER_IN_TEXT}{re.escape(_NONCHARACTERS)}]")


def _character_name(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if character == "\n":
        return f"a line break ({code})"
    if character == "\t":
        return f"a tab ({code})"
    kind = {"Cc": "the control character", "Cs": "the lone surrogate"}.get(unicodedata.category(character))
    if kind is None:
        name = unicodedata.name(character, "")
        return f"{code} ({name})" if name else f"the non-character {code}"
    return f"{kind} {code}"


def _refuse(found: re.Match[str], value: str) -> NoReturn:
    where = f" at character {found.start() + 1}" if len(value) > 1 else ""
    how = "write this field on one line" if found.group() in "\t\n" else "remove it"
    raise ValueError(f"contains {_character_name(found.group())}{where}; {how}")


def _check_line(value: str) -> str:
    if found := _NOT_IN_LINE.search(value):
        _refuse(found, value)
    return value


def _check_paragraph(value: str) -> str:
    if found := _NOT_IN_PARAGRAPH.search(value):
        _refuse(found, value)
    return value


# Every string field of every class is one of these (a test walks the classes to prove it).
Line = Annotated[str, AfterValidator(_check_line)]
"""Text on one line; may be empty."""
Text = Annotated[str, Field(min_length=1), AfterValidator(_check_line)]
"""Text on one line, not empty."""
Paragraph = Annotated[str, AfterValidator(_check_paragraph)]
"""Text that may run over several lines (tabs and line breaks allowed)."""


# --- reusable field types -------------------------------------------------------------------------


def _check_own_id(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"`{value}` is the name of a page or folder of the site; choose another id")
    if value in WINDOWS_DEVICE_NAMES:
        raise ValueError(f"`{value}` is a device name on Windows, where `{value}.yaml` cannot exist; choose another id")
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
"""An id, as records refer to each other."""
OwnId = Annotated[Id, AfterValidator(_check_own_id)]
"""The id a record or entry names itself by (or a former one): it becomes a file and a page name."""
ArxivId = Annotated[str, Field(pattern=ARXIV_PATTERN)]
Doi = Annotated[str, Field(pattern=DOI_PATTERN), AfterValidator(_check_line)]
Url = Annotated[str, Field(pattern=URL_PATTERN), AfterValidator(_check_line)]


# --- references -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """Marks a field whose values are ids of another part of the data: a vocabulary (`kind` is its file name
    in vocab/), `models` or `datasets`. This declaration is the only one: the validator checks every such
    value against it (`references`), and the catalogue indexes records by it. `words` are values the field
    may hold besides ids, such as 'unknown'."""

    kind: str
    noun: str
    words: tuple[str, ...] = ()


UNKNOWN = "unknown"
"""The explicit value of a result's `split` or `protocol` when its source does not say: never ranked."""
AUTHORS = "authors"
"""`evaluated_by` of a number the model's own authors published (paper, repository, model card)."""

ModelId = Annotated[Id, Ref("models", "model")]
DatasetId = Annotated[Id, Ref("datasets", "dataset")]
ModalityId = Annotated[Id, Ref("modalities", "modality")]
ArchitectureId = Annotated[Id, Ref("architectures", "architecture")]
ObjectiveId = Annotated[Id, Ref("objectives", "objective")]
KnowledgeId = Annotated[Id, Ref("knowledge", "knowledge kind")]
TaskId = Annotated[Id, Ref("tasks", "task")]
VenueId = Annotated[Id, Ref("venues", "venue")]
BenchmarkId = Annotated[Id, Ref("benchmarks", "benchmark")]
FlagId = Annotated[Id, Ref("flags", "flag")]
ProtocolRef = Annotated[Text, Ref("protocols", "protocol", words=(UNKNOWN,))]
EvaluatorRef = Annotated[Text, Ref("evaluators", "evaluator", words=(AUTHORS,))]
Finite = Annotated[float, Field(strict=True, allow_inf_nan=False)]
"""A number written without quotes; never `.nan` or `.inf` (nor 1e309, which a float cannot hold)."""


def _check_year(year: int) -> int:
    if year > _next_year():
        raise ValueError(f"year {year} is in the future; use the year of the first public version")
    return year


Year = Annotated[int, Field(ge=FIRST_YEAR), AfterValidator(_check_year)]


def _check_month(month: str) -> str:
    year = int(month[:4])
    if year < FIRST_YEAR:
        raise ValueError(f"{month} is before {FIRST_YEAR}; use the month of the first public version")
    _check_year(year)
    return month


Month = Annotated[str, Field(pattern=MONTH_PATTERN), AfterValidator(_check_month)]


def _check_date(day: dt.date) -> dt.date:
    if day < FIRST_DATE:
        raise ValueError(f"{day} is before {FIRST_YEAR}; write the date as YYYY-MM-DD")
    if day > dt.date.today() + DATE_MARGIN:
        raise ValueError(f"{day} is in the future; write the day it happened, as YYYY-MM-DD")
    return day


Date = Annotated[dt.date, AfterValidator(_check_date)]
"""A day in the catalogue's life: not before 1990, nor more than a week after today."""


def parse_count(value: Any) -> Any:
    """Turn '428M', '1.2B', '300K' into an integer; other input passes on to the integer check."""
    if isinstance(value, bool):
        return value  # rejected by the int check; True is not a count
    if isinstance(value, str) and re.match(COUNT_PATTERN, value.strip()):
        text = value.strip().replace(" ", "")
        suffix = text[-1].lower() if text[-1].isalpha() else ""
        number = text[:-1] if suffix else text
        # Decimal, not float: a float of '1' and 400 zeros is infinite, and rounding it raised OverflowError
        count = decimal.Decimal(number) * _COUNT_SUFFIX[suffix]
        if count > MAX_PARAMETERS:
            _too_large(count)
        return int(count.to_integral_value(decimal.ROUND_HALF_EVEN))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _too_large(count: int | decimal.Decimal) -> NoReturn:
    shown = f"{int(count):,}" if count < 10**30 else "this number"
    raise ValueError(f"{shown} is implausibly large; write counts such as 428000000, '428M' or '1.2B'")


def _check_count(value: int) -> int:
    if value <= 0:
        raise ValueError(f"{value} is not a positive count")
    if value > MAX_PARAMETERS:
        _too_large(value)
    return value


# Stored as one integer; written in the files as 428000000, '428M' or '1.2B'. The JSON Schema
# admits both forms, so an editor does not flag what the validator accepts.
Count = Annotated[
    int,
    Field(strict=True),  # so that `true` is not read as the count 1
    BeforeValidator(parse_count),
    AfterValidator(_check_count),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_PARAMETERS},
                {"type": "string", "pattern": COUNT_PATTERN},
            ],
            "description": "A count: 428000000, '428M', '1.2B' or '300K'.",
        }
    ),
]


class Strict(BaseModel):
    """Base of every schema class: unknown fields are errors, strings are kept as written."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)
