"""Property-based: random valid records always validate and render; random broken ones always get a
located problem (file, line, field) and never an exception."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mmptm_site.catalog import Catalog
from mmptm_site.data.schema import RESERVED_IDS, WINDOWS_DEVICE_NAMES
from mmptm_site.data.validate import validate
from mmptm_site.site.files import SiteOptions
from mmptm_site.site.pages import model_pages
from mmptm_site.site.render import site_of

from ..conftest import FIXTURE_DATA, ROOT
from ..sitebuild import build

# Valid text: no control characters, surrogates or non-characters (category Cn holds them), nor the
# bidirectional overrides and isolates, which the schema refuses.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn"), exclude_characters=BIDI_CONTROLS),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s.strip())
IDS = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True).filter(
    lambda i: i not in RESERVED_IDS | WINDOWS_DEVICE_NAMES
)
URL = st.from_regex(r"https://example\.org/[a-z0-9/_-]{0,20}", fullmatch=True)

VALID_RECORD = st.fixed_dictionaries(
    {
        "id": IDS,
        "name": TEXT,
        "title": TEXT,
        "authors": st.lists(TEXT, min_size=1, max_size=4),
        "year": st.integers(1990, 2026),
        "venue": st.fixed_dictionaries({"id": st.sampled_from(["arxiv", "icml"]), "year": st.integers(1990, 2026)}),
        "links": st.fixed_dictionaries(
            {"code": st.lists(st.fixed_dictionaries({"url": URL, "official": st.booleans()}), max_size=2)}
        ),
        "modalities": st.lists(st.sampled_from(["image", "text", "video"]), min_size=2, max_size=3, unique=True),
        "architecture": st.fixed_dictionaries({"interaction": st.sampled_from(["dual-encoder", "single-stream"])}),
        "variants": st.builds(
            lambda size: [{"id": "v", "name": "V", "parameters": size}],
            st.one_of(st.integers(1, 10**12), st.sampled_from(["428M", "1.2B", "300K"])),
        ),
        "datasets": st.just(["web-pairs"]),
        "objectives": st.lists(
            st.sampled_from(["image-text-contrastive", "masked-language-modelling"]), min_size=1, unique=True
        ),
        "knowledge": st.lists(st.just("object-tags"), max_size=1),
        "tasks": st.lists(
            st.sampled_from(["image-text-retrieval", "visual-question-answering"]), min_size=1, unique=True
        ),
        "summary": TEXT.map(lambda s: (s + " " * 20 + "summary text")[:500]),
        "results": st.lists(
            st.fixed_dictionaries(
                {
                    "benchmark": st.just("flickr30k-retrieval"),
                    "metric": st.just("ir-r1"),
                    "value": st.floats(0, 100, allow_nan=False),
                    "split": st.sampled_from(["1k-test", "unknown"]),
                    "protocol": st.sampled_from(["zero-shot", "fine-tuned", "unknown"]),
                    "variant": st.just("v"),
                    "evaluated_by": st.sampled_from(["authors", "toolkit"]),
                    "source": st.one_of(URL, TEXT),
                }
            ),
            max_size=2,
            unique_by=lambda r: (r["split"], r["protocol"], r["evaluated_by"]),  # a number is recorded once
        ),
        "sources": st.lists(URL, min_size=1, max_size=2),
        "added": st.dates(dt.date(2020, 1, 1), dt.date(2026, 1, 1)),
        "reviewed": st.dates(dt.date(2020, 1, 1), dt.date(2026, 1, 1)),
    }
)

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def data_copy() -> Path:
    root = Path(tempfile.mkdtemp()) / "data"
    shutil.copytree(FIXTURE_DATA, root)
    for path in (root / "models").glob("*.yaml"):
        path.unlink()
    return root


def write(root: Path, record: dict) -> Path:
    path = root / "models" / f"{record['id']}.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@SETTINGS
@given(VALID_RECORD)
def test_valid_records_validate_and_render(record):
    root = data_copy()
    write(root, record)
    data, problems = validate(root)
    assert [p.text() for p in problems] == []
    with site_of(Catalog(data), ROOT / "templates", SiteOptions()) as site:
        [page] = list(model_pages(site))
    assert page.path == f"models/{record['id']}.md"
    shutil.rmtree(root.parent)


def _path_of(field: str) -> tuple[str | int, ...]:
    """'results[0].value' → ('results', 0, 'value'): a problem's field read back as a path."""
    return tuple(int(index) if index else key for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field))


def _places(text: str, path: tuple[str | int, ...]) -> set[tuple[int, int]]:
    """Where a problem at `path` may stand, found by PyYAML's composer (not by the validator's own reader): the
    key naming it, its value, or its value's first item; for a part that is missing, the mapping it is missing
    from. 1-based (line, column)."""
    node, key = yaml.compose(text), None
    for part in path:
        children = (
            [(k, v) for k, v in node.value if k.value == part]
            if isinstance(node, yaml.MappingNode)
            else [(None, node.value[part])]
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
            else []
        )
        if not children:
            key = None  # missing here: the enclosing mapping is the place
            break
        key, node = children[0]
    places = [node, key]
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        first = node.value[0]
        places += list(first) if isinstance(first, tuple) else [first]
    return {(place.start_mark.line + 1, place.start_mark.column + 1) for place in places if place is not None}


EXPECTED_FIELD = {
    "bad-url": "sources[0]",
    "bad-year": "year",
    "non-finite": "results[0].value",
    "quoted-boolean": "needs_review",
    "reserved-id": "aliases[0]",
}
"""The field each kind of breakage is reported at (the others depend on the field broken)."""


MUTATIONS = st.sampled_from(
    [
        *("drop", "unknown-key", "wrong-type", "unknown-reference", "bad-url", "bad-year"),
        *("forbidden-character", "non-finite", "quoted-boolean", "reserved-id"),
    ]
)
FORBIDDEN = st.sampled_from(["\u202e", "\u2067", "\x85", "\x1b", "\ufffe", "\n"])


@SETTINGS
@given(
    VALID_RECORD,
    MUTATIONS,
    st.sampled_from(["title", "authors", "year", "modalities", "tasks", "summary"]),
    FORBIDDEN,
    st.sampled_from([float("nan"), float("inf"), float("-inf")]),
)
def test_broken_records_get_located_problems(record, mutation, field, character, number):
    if mutation == "forbidden-character" and character == "\n":
        record["name"] += character  # one-line fields only; `summary` may run over lines
    elif mutation == "forbidden-character":
        record["authors"][-1] = record["authors"][-1][:1] + character + record["authors"][-1][1:]
    elif mutation == "non-finite":
        record["results"] = [
            {
                "benchmark": "flickr30k-retrieval",
                "metric": "ir-r1",
                "value": number,
                "split": "1k-test",
                "protocol": "zero-shot",
                "variant": "v",
                "evaluated_by": "authors",
                "source": "p",
            }
        ]
    elif mutation == "quoted-boolean":
        record["needs_review"] = "false"
    elif mutation == "reserved-id":
        record["aliases"] = ["index"]
    elif mutation == "drop":
        record.pop(field)
    elif mutation == "unknown-key":
        record[field + "x"] = "surprise"
    elif mutation == "wrong-type":
        record[field] = {"nested": [1, 2]}
    elif mutation == "unknown-reference":
        record["objectives"].append("no-such-objective")  # after a valid one: its own line, not the list's
    elif mutation == "bad-url":
        record["sources"] = ["javascript:alert(1)"]
    else:
        record["year"] = 3000
    root = data_copy()
    path = write(root, record)
    if mutation == "forbidden-character":
        # YAML folds some line breaks (NEL in a quoted scalar) into a space: only a character that survives
        # the round trip tests the schema
        assume(character in str(yaml.safe_load(path.read_text(encoding="utf-8"))))
    _, problems = validate(root)
    assert problems, record
    if mutation == "forbidden-character":
        expected = "name" if character == "\n" else f"authors[{len(record['authors']) - 1}]"
    elif mutation == "unknown-reference":
        expected = f"objectives[{len(record['objectives']) - 1}]"
    else:
        expected = EXPECTED_FIELD.get(mutation, field + "x" if mutation == "unknown-key" else field)
    assert expected in [problem.field for problem in problems], [problem.text() for problem in problems]
    text = path.read_text(encoding="utf-8")
    for problem in problems:
        assert problem.path == path and problem.field and problem.message, problem.text()
        assert (problem.line, problem.column) in _places(text, _path_of(problem.field)), problem.text()
    shutil.rmtree(root.parent)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_problems_not_exceptions(content):
    root = data_copy()
    (root / "models" / "random.yaml").write_bytes(content)
    _, problems = validate(root)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1
    shutil.rmtree(root.parent)


@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(VALID_RECORD, min_size=15, max_size=15, unique_by=lambda r: r["id"]))
def test_one_full_build_over_a_generated_catalogue(records):
    root = data_copy()
    for record in records:
        record["title"] = f"{record['title']} ({record['id']})"  # the same paper twice is a problem by design
        write(root, record)
    site = root.parent / "site"
    result = build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert all((site / "models" / r["id"] / "index.html").is_file() for r in records)
    shutil.rmtree(root.parent)
