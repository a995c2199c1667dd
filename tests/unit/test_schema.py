"""schema: counts, draft vs reviewed records, and the published JSON Schemas."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any

import pytest
from pydantic import TypeAdapter, ValidationError

from mmptm_site.data import schema


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        (428000000, 428_000_000),
        ("428M", 428_000_000),
        ("1.2B", 1_200_000_000),
        ("300K", 300_000),
        ("86 M", 86_000_000),
        ("2t", 2_000_000_000_000),
        (1.5e9, 1_500_000_000),
    ],
)
def test_counts(written, stored):
    assert schema.Variant(id="v", name="V", parameters=written).parameters == stored


@pytest.mark.parametrize("written", ["428X", "many", True, -1, 0, "1.2.3B"])
def test_bad_counts(written):
    with pytest.raises(ValidationError):
        schema.Variant(id="v", name="V", parameters=written)


def test_every_written_count_form_is_allowed_by_the_json_schema():
    count_schema = schema.json_schemas()["model.schema.json"]["$defs"]["Variant"]["properties"]["parameters"]
    [written_forms] = [s for s in count_schema["anyOf"] if "anyOf" in s]
    pattern = next(s for s in written_forms["anyOf"] if s.get("type") == "string")["pattern"]
    for text in ("428M", "1.2B", "300K", "86 M"):
        assert re.match(pattern, text)


def test_model_class_depends_on_needs_review():
    assert schema.model_class({"needs_review": True}) is schema.ModelDraft
    assert schema.model_class({"needs_review": False}) is schema.ModelRecord
    assert schema.model_class({}) is schema.ModelRecord
    assert schema.model_class([]) is schema.ModelRecord


def test_reviewed_record_requires_content_fields():
    minimal = {"id": "x", "name": "X", "title": "X: a paper", "year": 2020}
    schema.ModelDraft.model_validate(minimal)
    with pytest.raises(ValidationError) as caught:
        schema.ModelRecord.model_validate(minimal)
    missing = {e["loc"][0] for e in caught.value.errors() if e["type"] == "missing"}
    assert missing == {
        "authors",
        "venue",
        "links",
        "modalities",
        "architecture",
        "datasets",
        "objectives",
        "knowledge",
        "tasks",
        "summary",
        "sources",
        "added",
        "reviewed",
    }


def test_model_json_schema_says_reviewed_records_need_fields():
    model_schema = schema.json_schemas()["model.schema.json"]
    assert model_schema["additionalProperties"] is False
    assert set(model_schema["required"]) == {"id", "name", "title", "year"}
    assert "summary" in model_schema["else"]["required"]
    assert model_schema["if"]["properties"]["needs_review"] == {"const": True}


def test_vocabulary_schemas_are_lists():
    schemas = schema.json_schemas()
    for name in schema.VOCABULARIES:
        assert schemas[f"vocab-{name}.schema.json"]["type"] == "array"


def test_arxiv_ids():
    links = schema.Links
    links(arxiv="2103.00020")
    links(arxiv="hep-th/9901001")
    for bad in ("2103.00020v2", "arXiv:2103.00020", "2103.2"):
        with pytest.raises(ValidationError):
            links(arxiv=bad)


# --- values that must not pass (hardening items 10-13) --------------------------------------------


def _strict_classes() -> list[type[schema.Strict]]:
    """Every schema class, found by walking the subclasses: a class added later is covered too."""
    found, queue = [], [schema.Strict]
    while queue:
        cls = queue.pop()
        found.append(cls)
        queue.extend(cls.__subclasses__())
    return [cls for cls in found if cls is not schema.Strict]


def _text_leaves(annotation: Any, metadata: list) -> Iterator[Any]:
    """The string types inside a field's annotation: str itself, list items, dict keys and values."""
    origin = typing.get_origin(annotation)
    if annotation is str:
        yield Annotated[str, *metadata] if metadata else str
    elif origin is typing.Annotated:
        inner, *more = typing.get_args(annotation)
        yield from _text_leaves(inner, [*more, *metadata] if inner is str else list(more))
    elif origin in (typing.Union, types.UnionType, list, dict):
        for argument in typing.get_args(annotation):
            yield from _text_leaves(argument, [])


def _text_fields() -> list[tuple[str, Any]]:
    fields = []
    for cls in _strict_classes():
        for name, info in cls.model_fields.items():
            for index, leaf in enumerate(_text_leaves(info.annotation, list(info.metadata))):
                fields.append((f"{cls.__name__}.{name}#{index}", leaf))
    return fields


TEXT_FIELDS = _text_fields()
MULTI_LINE_FIELDS = {"summary", "description", "review_note", "note", "parameters_note", "lead", "intros#1"}
"""Field names, or name#leaf where only one part of a field may run over lines (a dict's values, not its keys)."""
BASES = ["Some plain text, long enough for a summary.", "abc", "https://example.org/a", "10.1000/abc"]
BASES += ["2103.00020", "2021-01"]


def _valid_base(adapter: TypeAdapter) -> str:
    for base in BASES:
        try:
            adapter.validate_python(base)
        except ValidationError:
            continue
        return base
    raise AssertionError("no base value fits this string field: add one to BASES")


def test_every_string_field_of_every_class_is_found():
    names = {name.split("#")[0] for name, _ in TEXT_FIELDS}
    assert {"ModelDraft.name", "Result.note", "ModelArchitecture.backbones", "Metric.unit"} <= names
    assert {"DiscoverConfig.phrases", "Survey.title", "Venue.full_name", "DatasetRecord.size_unit"} <= names
    assert len(names) > 60


REFUSED_EVERYWHERE = "\u202e\u202a\u2066\u2069\x85\x01\x1b\x7f\x9b\ufffe\ufdd0\ud800\U0010ffff"


@pytest.mark.parametrize(("field", "leaf"), TEXT_FIELDS, ids=[name for name, _ in TEXT_FIELDS])
def test_every_text_field_refuses_control_bidi_and_non_characters(field, leaf):
    adapter = TypeAdapter(leaf)
    base = _valid_base(adapter)
    accepted = []
    for character in REFUSED_EVERYWHERE:
        try:
            adapter.validate_python(base[:5] + character + base[5:])
        except ValidationError:
            continue
        accepted.append(f"U+{ord(character):04X}")
    assert accepted == []


@pytest.mark.parametrize(("field", "leaf"), TEXT_FIELDS, ids=[name for name, _ in TEXT_FIELDS])
def test_line_breaks_and_tabs_only_in_multi_line_fields(field, leaf):
    adapter = TypeAdapter(leaf)
    base = _valid_base(adapter)
    for character in "\n\t":
        value = base[:5] + character + base[5:]
        name = field.split(".")[1]
        if name.split("#")[0] in MULTI_LINE_FIELDS or name in MULTI_LINE_FIELDS:
            assert adapter.validate_python(value) == value
        else:
            with pytest.raises(ValidationError):
                adapter.validate_python(value)


def test_a_refused_character_is_named_not_echoed():
    with pytest.raises(ValidationError) as caught:
        schema.Survey(id="s", title="Hello \u202eworld", year=2020, url="https://example.org/s")
    message = str(caught.value.errors()[0]["ctx"]["error"])
    assert message == "contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 7; remove it"
    assert "\u202e" not in message


MINIMAL_RECORD = {"id": "x", "name": "X", "title": "X: a paper", "year": 2020}


@pytest.mark.parametrize("flag", ["false", "no", "off", 0, "true", 1, None])
def test_needs_review_is_a_strict_boolean(flag):
    record = {**MINIMAL_RECORD, "needs_review": flag, "review_note": "x"}
    cls = schema.model_class(record)
    assert cls is schema.ModelDraft  # anything but a missing value or false: one problem of its own
    with pytest.raises(ValidationError) as caught:
        cls.model_validate(record)
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [(("needs_review",), "bool_type")]


@pytest.mark.parametrize("flag", ["false", "yes", 0, 1])
def test_other_booleans_are_strict(flag):
    with pytest.raises(ValidationError):
        schema.CodeLink(url="https://example.org/c", official=flag)
    with pytest.raises(ValidationError):
        schema.DatasetRecord(id="d", name="D", year=2020, modalities=["image"], available=flag)


RESULT_REFERENCES = {"split": "test", "protocol": "fine-tuned", "variant": "v", "evaluated_by": "authors"}


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), "1e309", "nan", True, "99.9"])
def test_result_values_are_finite_numbers(value):
    with pytest.raises(ValidationError):
        schema.Result(benchmark="b", metric="m", value=value, source="paper", **RESULT_REFERENCES)
    assert schema.Result(benchmark="b", metric="m", value=85, source="paper", **RESULT_REFERENCES).value == 85.0


@pytest.mark.parametrize("days", [float("nan"), float("inf"), True])
def test_compute_days_are_finite(days):
    with pytest.raises(ValidationError):
        schema.Compute(accelerator="V100", days=days)


@pytest.mark.parametrize("written", ["1" + "0" * 400, "9" * 5000 + "T", 10**400, float("inf"), float("nan")])
def test_giant_counts_are_problems_not_overflow(written):
    with pytest.raises(ValidationError) as caught:
        schema.ModelArchitecture(interaction="dual-encoder", parameters=written)
    assert len(str(caught.value)) < 2000  # the message does not repeat a 5,000-digit number


def test_ids_are_bounded():
    schema.Relations(family="a" * schema.ID_MAX_LENGTH)
    with pytest.raises(ValidationError):
        schema.Relations(family="a" * (schema.ID_MAX_LENGTH + 1))
    with pytest.raises(ValidationError):
        schema.ModelDraft.model_validate({**MINIMAL_RECORD, "aliases": ["a" * 300]})


@pytest.mark.parametrize(
    "reserved", ["index", "assets", "search", "404", "compare", "new", "con", "aux", "com1", "lpt9"]
)
def test_reserved_ids(reserved):
    for record in ({**MINIMAL_RECORD, "id": reserved}, {**MINIMAL_RECORD, "aliases": [reserved]}):
        with pytest.raises(ValidationError) as caught:
            schema.ModelDraft.model_validate(record)
        assert "choose another id" in str(caught.value)
    with pytest.raises(ValidationError):
        schema.Modality(id=reserved, name="M", description="A modality.")
    with pytest.raises(ValidationError):
        schema.DatasetRecord(id=reserved, name="D", year=2020, modalities=["image"])
    schema.Relations(builds_on=[reserved] if reserved[0].isalpha() else [])  # a reference is only looked up
    assert schema.ModelDraft.model_validate({**MINIMAL_RECORD, "id": f"{reserved}-net"}).id == f"{reserved}-net"


@pytest.mark.parametrize("field", ["added", "reviewed"])
def test_dates_are_bounded(field):
    today = dt.date.today()
    for day in (dt.date(2107, 1, 1), dt.date(1989, 12, 31), today + dt.timedelta(days=400)):
        with pytest.raises(ValidationError):
            schema.ModelDraft.model_validate({**MINIMAL_RECORD, field: day})
    for day in (dt.date(1990, 1, 1), today, today + dt.timedelta(days=1)):
        assert getattr(schema.ModelDraft.model_validate({**MINIMAL_RECORD, field: day}), field) == day


def test_release_month_is_bounded():
    for month in ("2107-01", "1989-12"):
        with pytest.raises(ValidationError):
            schema.ModelDraft.model_validate({**MINIMAL_RECORD, "released": month})
    assert schema.ModelDraft.model_validate({**MINIMAL_RECORD, "released": "2021-03"}).released == "2021-03"


@pytest.mark.parametrize(
    "doi", ["10.1000/a{b}", "10.1000/a\\relax", "10.1000/a b", "10.1000/a\tb", "10.1000/a\x01", "10.1000/a\u202e"]
)
def test_dois_hold_no_braces_backslashes_whitespace_or_controls(doi):
    with pytest.raises(ValidationError):
        schema.Links(doi=doi)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/{x}",
        "https://example.org/a\\b",
        "https://example.org/a b",
        "https://example.org/a\x00",
        "https://example.org/a\x85",
        "https://example.org/\u202egnp.exe",
        "https://{example.org}/",
    ],
)
def test_urls_hold_no_braces_backslashes_whitespace_or_controls(url):
    with pytest.raises(ValidationError):
        schema.Links(paper=url)


def test_real_dois_and_urls_still_pass():
    links = schema.Links(
        doi="10.1109/CVPR52688.2022.01629",
        paper="https://openaccess.thecvf.com/content/CVPR2022/html/Li_Grounded_CVPR_2022_paper.html",
        project="https://example.org/a_b-c/d?e=f&g=h#i~j%20k",
    )
    assert links.doi == "10.1109/CVPR52688.2022.01629"
    schema.Links(doi="10.1016/S0140-6736(20)30183-5", paper="https://de.wikipedia.org/wiki/Gödel")


def test_a_metric_direction_is_text_with_every_method_of_text():
    # a member named `lower` hid str.lower: `direction.lower()` and Jinja's `|lower` raised TypeError
    import jinja2

    direction = schema.Metric(id="r1", name="R@1", direction="lower").direction
    assert direction == "lower" and direction.lower() == "lower" and direction.upper() == "LOWER"
    assert jinja2.Template("{{ d | lower }} is better").render(d=direction) == "lower is better"


def test_the_vocabularies_and_the_classes_of_their_entries():
    classes = {
        "objectives": schema.Objective,
        "tasks": schema.Task,
        "benchmarks": schema.Benchmark,
        "protocols": schema.Protocol,
        "evaluators": schema.Evaluator,
        "flags": schema.ResultFlag,
        "venues": schema.Venue,
        "modalities": schema.Modality,
        "architectures": schema.Architecture,
        "knowledge": schema.Knowledge,
    }
    assert classes == schema.VOCABULARIES
    assert list(schema.VOCABULARIES) == list(schema.Vocabularies.__annotations__)
