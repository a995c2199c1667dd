"""validate: every class of problem, with its exact message, line and column."""

from __future__ import annotations

import difflib
import shutil
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from mmptm_site.data import schema
from mmptm_site.data.duplicate_papers import normalised_title
from mmptm_site.data.problems import DataError, Problem
from mmptm_site.data.schema_problems import model_at
from mmptm_site.data.validate import load_data, validate
from mmptm_site.data.validation_run import MAX_PROBLEMS_PER_FILE, LoadCache


def problems(data_dir: Path) -> list[str]:
    return [p.text() for p in validate(data_dir)[1]]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_is_valid(data_dir):
    data, found = validate(data_dir)
    assert found == []
    assert list(data.models) == ["alpha", "beta", "gamma"]
    assert data.models["alpha"].variants[0].parameters == 428_000_000
    assert data.files_checked == 16


def test_unknown_field_suggests_the_closest(data_dir):
    edit(data_dir / "models/alpha.yaml", "objectives:", "objectivs:")
    assert (
        problems(data_dir)
        == [
            "data/models/alpha.yaml:22:1: objectivs: unknown field `objectivs`; did you mean `objectives`?",
            "data/models/alpha.yaml:2:1: objectives: required field `objectives` is missing; if it is not known yet, "
            "set `needs_review: true` and say what is missing in `review_note`",
        ][::-1]
    )


def test_unknown_nested_field_lists_allowed_ones(data_dir):
    edit(data_dir / "models/alpha.yaml", "  arxiv: '2101.00001'", "  arxiv: '2101.00001'\n  zzz: 1")
    assert problems(data_dir) == [
        "data/models/alpha.yaml:10:3: links.zzz: unknown field `zzz`; allowed fields: arxiv, doi, paper, code, project"
    ]


def test_missing_required_field_points_at_parent_mapping(data_dir):
    edit(data_dir / "models/alpha.yaml", "  interaction: dual-encoder\n", "")
    assert problems(data_dir) == [
        "data/models/alpha.yaml:15:3: architecture.interaction: required field `interaction` is missing"
    ]


def test_draft_may_be_incomplete_but_not_wrong(data_dir):
    edit(data_dir / "models/gamma.yaml", "year: 2023", "year: 1850")
    assert problems(data_dir) == [
        "data/models/gamma.yaml:5:7: year: input should be greater than or equal to 1990, got 1850"
    ]


def test_id_must_match_file_name(data_dir):
    edit(data_dir / "models/alpha.yaml", "id: alpha", "id: alpha-two")
    assert problems(data_dir) == [
        "data/models/alpha.yaml:2:5: id: id `alpha-two` differs from the file name; rename the file to "
        "`alpha-two.yaml` or set `id: alpha`"
    ]


def test_bad_id_pattern(data_dir):
    edit(data_dir / "models/gamma.yaml", "id: gamma", "id: Gamma_1")
    assert problems(data_dir) == [
        "data/models/gamma.yaml:2:5: id: 'Gamma_1' is not an id: lower-case letters and digits in groups joined "
        "by single hyphens, e.g. 'clip' or 'vl-bert'"
    ]


def test_unquoted_arxiv_id_says_how_to_quote(data_dir):
    edit(data_dir / "models/alpha.yaml", "arxiv: '2101.00001'", "arxiv: 2101.00010")
    assert problems(data_dir) == [
        "data/models/alpha.yaml:9:10: links.arxiv: YAML reads the unquoted `2101.00010` as the number 2101.0001, "
        "but text is expected here; quote it: '2101.00010'"
    ]


def test_yaml_no_is_false(data_dir):
    edit(data_dir / "models/beta.yaml", "name: Beta", "name: no")
    assert problems(data_dir) == [
        "data/models/beta.yaml:3:7: name: YAML reads the unquoted `no` as the boolean false, but text is expected "
        "here; quote it: 'no'"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "year: 2021\n",
            "year: 2999\n",
            "data/models/alpha.yaml:6:7: year: year 2999 is in the future; use the year of the first public version",
        ),
        (
            "parameters: 428M",
            "parameters: -5",
            "data/models/alpha.yaml:20:17: variants[0].parameters: -5 is not a positive count",
        ),
        (
            "parameters: 428M",
            "parameters: 900T",
            "data/models/alpha.yaml:20:17: variants[0].parameters: "
            "900,000,000,000,000 is implausibly large; write counts such as 428000000, '428M' or '1.2B'",
        ),
        (
            "url: https://example.org/alpha\n",
            "url: javascript:alert(1)\n",
            "data/models/alpha.yaml:11:12: "
            "links.code[0].url: 'javascript:alert(1)' is not an http(s) URL such as 'https://arxiv.org/abs/2103.00020'",
        ),
        (
            "source: https://example.org/alpha#results",
            "source: ftp://example.org/x",
            "data/models/alpha.yaml:34:13: results[0].source: a source link must be an http(s) URL",
        ),
        (
            "protocol: zero-shot",
            "protocol: zeroshot",
            "data/models/alpha.yaml:31:15: results[0].protocol: unknown protocol `zeroshot`; closest: `zero-shot`,"
            " `few-shot` (see vocab/protocols.yaml)",
        ),
        (
            "split: 1k-test",
            "split: Karpathy test",
            "data/models/alpha.yaml:30:12: results[0].split: benchmark `flickr30k-retrieval` has no split `Karpathy "
            "test`; `Karpathy test` is `1k-test`: write `split: 1k-test` (its splits: 1k-test; `unknown` when the "
            "source does not say; see vocab/benchmarks.yaml)",
        ),
        (
            "variant: large",
            "variant: Alpha-L",
            "data/models/alpha.yaml:32:14: results[0].variant: unknown variant `Alpha-L`; `Alpha-L` is the name of "
            "`large`: use its id (this record's variants: large)",
        ),
        (
            "evaluated_by: authors",
            "evaluated_by: toolkits",
            "data/models/alpha.yaml:33:19: results[0].evaluated_by: unknown evaluator `toolkits`; closest: "
            "`toolkit` (see vocab/evaluators.yaml)",
        ),
        (
            "    evaluated_by: authors\n",
            "    evaluated_by: authors\n    flags: [llm]\n",
            "data/models/alpha.yaml:34:13: results[0].flags[0]: unknown flag `llm` (see vocab/flags.yaml)",
        ),
        (
            "protocol: zero-shot",
            "protocol: few-shot",
            "data/models/alpha.yaml:31:15: results[0].protocol: protocol `few-shot` needs `shots`: how many "
            "examples the model was given",
        ),
        (
            "    evaluated_by: authors\n",
            "    evaluated_by: authors\n    shots: 4\n",
            "data/models/alpha.yaml:34:12: results[0].shots: `shots` belongs to a few-shot protocol; remove it",
        ),
        (
            "    evaluated_by: authors\n",
            "    evaluated_by: authors\n    version: v2\n",
            "data/models/alpha.yaml:34:14: results[0].version: benchmark `flickr30k-retrieval` has no versions; "
            "remove it",
        ),
        (
            "modalities: [image, text]",
            "modalities: [image]",
            "data/models/alpha.yaml:13:13: modalities: list at least 2 items here (catalogue.yaml asks for 2 modalities)",
        ),
    ],
)
def test_wrong_values(data_dir, old, new, expected):
    edit(data_dir / "models/alpha.yaml", old, new)
    assert problems(data_dir) == [expected]


def test_unknown_reference_lists_closest_ids(data_dir):
    edit(data_dir / "models/alpha.yaml", "objectives: [image-text-contrastive]", "objectives: [image-text-contrast]")
    assert problems(data_dir) == [
        "data/models/alpha.yaml:22:14: objectives[0]: unknown objective `image-text-contrast`; closest: "
        "`image-text-contrastive` (see vocab/objectives.yaml)"
    ]


def test_reference_by_alias_names_the_id(data_dir):
    edit(data_dir / "models/alpha.yaml", "objectives: [image-text-contrastive]", "objectives: [itc]")
    assert problems(data_dir) == [
        "data/models/alpha.yaml:22:14: objectives[0]: unknown objective `itc`; `itc` is another name of "
        "`image-text-contrastive`: use the id `image-text-contrastive` (see vocab/objectives.yaml)"
    ]


def test_every_kind_of_reference_is_checked(data_dir):
    alpha = data_dir / "models/alpha.yaml"
    edit(alpha, "id: icml", "id: icm")
    edit(alpha, "interaction: dual-encoder", "interaction: dual")
    edit(alpha, "datasets: [web-pairs]", "datasets: [web-pair]")
    edit(alpha, "tasks: [image-text-retrieval]", "tasks: [retrieval]")
    edit(alpha, "knowledge: []", "knowledge: [tags]")
    edit(alpha, "backbones: {image: ViT-L/14", "backbones: {audio: ViT-L/14")
    edit(data_dir / "models/beta.yaml", "builds_on: [alpha]", "builds_on: [beta, alfa]")
    found = problems(data_dir)
    assert (
        "data/models/alpha.yaml:7:13: venue.id: unknown venue `icm`; closest: `icml` (see vocab/venues.yaml)" in found
    )
    assert any("architecture.interaction: unknown architecture `dual`" in p for p in found)
    assert any("datasets[0]: unknown dataset `web-pair`; closest: `web-pairs` (see datasets/)" in p for p in found)
    assert any("tasks[0]: unknown task `retrieval`" in p for p in found)
    assert any("knowledge[0]: unknown knowledge kind `tags`" in p for p in found)
    assert any("architecture.backbones.audio: unknown modality `audio`" in p for p in found)
    assert "data/models/beta.yaml:20:15: relations.builds_on[0]: a record cannot refer to itself" in found
    assert any("relations.builds_on[1]: unknown model `alfa`; closest: `alpha` (see models/)" in p for p in found)
    assert len(found) == 8


def test_metric_must_belong_to_benchmark(data_dir):
    edit(data_dir / "models/alpha.yaml", "metric: ir-r1", "metric: error")
    assert problems(data_dir) == [
        "data/models/alpha.yaml:28:13: results[0].metric: benchmark `flickr30k-retrieval` has no metric `error`; "
        "its metrics: ir-r1"
    ]


def test_same_paper_twice(data_dir):
    edit(data_dir / "models/beta.yaml", "arxiv: '2202.00002'", "arxiv: '2101.00001'")
    edit(
        data_dir / "models/beta.yaml",
        "title: 'Beta: A Single-stream Test Model'",
        "title: 'ALPHA — a test model for contrastive pre-training!'",
    )
    assert problems(data_dir) == [
        "data/models/beta.yaml:4:8: title: same title as `alpha` (data/models/alpha.yaml): a paper is catalogued "
        "once; merge the two records",
        "data/models/beta.yaml:10:10: links.arxiv: same arXiv id as `alpha` (data/models/alpha.yaml): a paper is "
        "catalogued once; merge the two records",
    ]


def test_same_doi_twice_in_any_case(data_dir):
    """DOIs are case-insensitive: the same paper's DOI, once in capitals, is still one paper."""
    edit(data_dir / "models/alpha.yaml", "  arxiv: '2101.00001'", "  arxiv: '2101.00001'\n  doi: 10.1000/ABC.2021.7")
    edit(data_dir / "models/beta.yaml", "  arxiv: '2202.00002'", "  arxiv: '2202.00002'\n  doi: 10.1000/abc.2021.7")
    edit(data_dir / "models/gamma.yaml", "year: 2023", "year: 2023\nlinks: {doi: 10.1000/abc.2021.8}")
    assert problems(data_dir) == [
        "data/models/beta.yaml:11:8: links.doi: same DOI as `alpha` (data/models/alpha.yaml): a paper is catalogued "
        "once; merge the two records",
    ]


def test_alias_cannot_be_another_models_id(data_dir):
    edit(data_dir / "models/beta.yaml", "aliases: [beta-old]", "aliases: [alpha]")
    assert problems(data_dir) == [
        "data/models/beta.yaml:5:11: aliases[0]: `alpha` is already the id or an alias of `alpha`; a former id can "
        "point to one record only"
    ]


def test_files_that_are_not_records(data_dir):
    (data_dir / "models/notes.txt").write_text("hello", encoding="utf-8")
    (data_dir / "models/list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (data_dir / "models/empty.yaml").write_text("", encoding="utf-8")
    (data_dir / "models/bad.yaml").write_bytes(b"id: bad\nname: \xff\n")
    assert problems(data_dir) == [
        "data/models/bad.yaml:2:7: file is not UTF-8 (byte 0xff); save it with UTF-8 encoding",
        "data/models/empty.yaml:1:1: file is empty",
        "data/models/list.yaml:1:1: a record must be a mapping of fields (`key: value` lines)",
        "data/models/notes.txt:1:1: not a record: record files end in `.yaml`",
    ]


def test_vocabulary_problems(data_dir):
    (data_dir / "vocab/knowledge.yaml").unlink()
    edit(data_dir / "vocab/tasks.yaml", "aliases: [VQA]", "aliases: [VQA, vqa]")
    edit(data_dir / "vocab/objectives.yaml", "aliases: [MLM]", "aliases: [MLM, itc]")
    edit(data_dir / "vocab/benchmarks.yaml", "task: image-text-retrieval", "task: retrieval")
    (data_dir / "vocab/colours.yaml").write_text("- id: red\n", encoding="utf-8")
    found = problems(data_dir)
    assert (
        "data/vocab/knowledge.yaml:1:1: the vocabulary file is missing (catalogue.yaml requires `knowledge`); create it"
        in found
    )
    assert any(p.startswith("data/vocab/colours.yaml:1:1: unknown vocabulary file") for p in found)
    assert (
        "data/vocab/objectives.yaml:10:18: [1].aliases[1]: alias `itc` also names `image-text-contrastive`; "
        "an alias must name one entry"
    ) in found
    assert (
        "data/vocab/tasks.yaml:10:18: [1].aliases[1]: alias `vqa` also names `visual-question-answering`; "
        "an alias must name one entry"
    ) not in found  # the same entry may repeat itself in another case
    assert any(p.startswith("data/vocab/benchmarks.yaml:6:9: [0].task: unknown task `retrieval`") for p in found)
    assert any("knowledge[0]: unknown knowledge kind `object-tags`" in p for p in found)


def test_duplicate_vocabulary_id(data_dir):
    path = data_dir / "vocab/venues.yaml"
    path.write_text(path.read_text() + "- id: icml\n  name: X\n  description: Again.\n  type: conference\n")
    assert problems(data_dir) == ["data/vocab/venues.yaml:10:7: [2].id: duplicate id `icml` (also entry 2); keep one"]


def test_problems_are_sorted_and_all_reported(data_dir):
    edit(data_dir / "models/beta.yaml", "year: 2022", "year: '20x2'")
    edit(data_dir / "models/alpha.yaml", "name: Alpha", "name: ''")
    found = validate(data_dir)[1]
    assert [p.path.name for p in found] == ["alpha.yaml", "beta.yaml"]


def test_load_data_raises_with_every_problem(data_dir):
    edit(data_dir / "models/alpha.yaml", "objectives: [image-text-contrastive]", "objectives: [x]")
    edit(data_dir / "models/alpha.yaml", "tasks: [image-text-retrieval]", "tasks: [y]")
    edit(data_dir / "models/beta.yaml", "year: 2022", "year: '20x2'")
    (data_dir / "vocab/flags.yaml").unlink()
    expected = problems(data_dir)
    assert len(expected) == 4 and len({line.split(":")[0] for line in expected}) == 3  # in three files
    with pytest.raises(DataError) as caught:
        load_data(data_dir)
    assert [p.text() for p in caught.value.problems] == expected


def test_load_data_returns_the_validated_data_when_there_is_no_problem(data_dir):
    data = load_data(data_dir)
    assert list(data.models) == ["alpha", "beta", "gamma"] and data.root == data_dir


def test_normalised_title():
    assert normalised_title("ViLBERT: Pretraining — Task-Agnostic!") == normalised_title(
        "vilbert pretraining task agnostic"
    )


def test_draft_says_why(data_dir):
    edit(data_dir / "models/gamma.yaml", "review_note: Authors, venue and objectives not yet confirmed.\n", "")
    assert problems(data_dir) == [
        "data/models/gamma.yaml:2:1: a record with `needs_review: true` says what is missing in `review_note`"
    ]


# --- values that must not pass (hardening items 10-14) --------------------------------------------


@pytest.mark.parametrize("flag", ["'false'", "'no'", "'off'", "0"])
def test_a_mistyped_needs_review_is_one_problem_not_false(data_dir, flag):
    (data_dir / "models/stub.yaml").write_text(
        f"id: stub\nname: Stub\ntitle: 'Stub: a paper'\nyear: 2021\nneeds_review: {flag}\n", encoding="utf-8"
    )
    shown = {"'false'": "'false'", "'no'": "'no'", "'off'": "'off'", "0": "the number 0"}[flag]
    assert problems(data_dir) == [
        f"data/models/stub.yaml:5:15: needs_review: `needs_review` is true or false (without quotes); got {shown}"
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (".nan", "`.nan` is not a finite number; write the number as the source prints it"),
        (".inf", "`.inf` is not a finite number; write the number as the source prints it"),
        ("-.inf", "`-.inf` is not a finite number; write the number as the source prints it"),
        ("1.0e+309", "`1.0e+309` is not a finite number; write the number as the source prints it"),
        ("1e309", "a number is expected here, written without quotes; got '1e309'"),  # YAML 1.1: text
        ("'99.9'", "a number is expected here, written without quotes; got '99.9'"),
        ("true", "a number is expected here; got the boolean true"),
    ],
)
def test_result_values_are_finite_numbers(data_dir, written, expected):
    edit(data_dir / "models/alpha.yaml", "value: 65.0", f"value: {written}")
    assert problems(data_dir) == [f"data/models/alpha.yaml:29:12: results[0].value: {expected}"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "parameters: 428M",
            "parameters: '1" + "0" * 400 + "'",
            "20:17: variants[0].parameters: this number is implausibly large; write counts such as 428000000, "
            "'428M' or '1.2B'",
        ),
        (
            "name: Alpha",
            'name: "Al\\x01pha"',
            "3:7: name: contains the control character U+0001 at character 3; remove it",
        ),
        (
            "name: Alpha",
            'name: "Alpha \\u202e"',
            "3:7: name: contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 7; remove it",
        ),
        (
            "authors: [Ada Lovelace, Alan Turing]",
            'authors: [Ada Lovelace, "Alan\\nTuring"]',
            "5:25: authors[1]: contains a line break (U+000A) at character 5; write this field on one line",
        ),
        (
            "added: 2026-01-15",
            "added: 2107-01-01",
            "36:8: added: 2107-01-01 is in the future; write the day it happened, as YYYY-MM-DD",
        ),
        (
            "reviewed: 2026-01-15",
            "reviewed: 1989-12-31",
            "37:11: reviewed: 1989-12-31 is before 1990; write the date as YYYY-MM-DD",
        ),
        (
            "  code:",
            "  doi: 10.1000/x}{\\relax\n  code:",
            "10:8: links.doi: '10.1000/x}{\\\\relax' is not a DOI such as '10.1109/CVPR52688.2022.01629' "
            "(without 'https://doi.org/')",
        ),
        (
            "official: true",
            "official: 'yes'",
            "12:17: links.code[0].official: `official` is true or false (without quotes); got 'yes'",
        ),
    ],
)
def test_values_that_crashed_later_are_located_problems(data_dir, old, new, expected):
    edit(data_dir / "models/alpha.yaml", old, new)
    assert problems(data_dir) == [f"data/models/alpha.yaml:{expected}"]


def test_summary_may_run_over_lines(data_dir):
    edit(data_dir / "models/alpha.yaml", "summary: A fixture", "summary: |\n  A fixture\n  ")
    data, found = validate(data_dir)
    assert found == []
    assert "\n" in data.models["alpha"].summary


def test_overlong_and_reserved_ids(data_dir):
    edit(data_dir / "models/beta.yaml", "aliases: [beta-old]", f"aliases: [{'b' * 300}, con]")
    (data_dir / "models/index.yaml").write_text(
        "id: index\nname: I\ntitle: 'Index: a paper'\nyear: 2021\nneeds_review: true\nreview_note: x\n",
        encoding="utf-8",
    )
    assert problems(data_dir) == [
        "data/models/beta.yaml:5:11: aliases[0]: string should have at most 64 characters",
        "data/models/beta.yaml:5:313: aliases[1]: `con` is a device name on Windows, where `con.yaml` cannot exist; "
        "choose another id",
        "data/models/index.yaml:1:5: id: `index` is the name of a page or folder of the site; choose another id",
    ]


def test_problems_per_file_are_capped_and_suggestions_bounded(data_dir, monkeypatch):
    calls = []
    close_matches = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: calls.append(1) or close_matches(*a, **k))
    unknown = ", ".join(f"nowhere-{n}" for n in range(2000))
    edit(data_dir / "models/alpha.yaml", "datasets: [web-pairs]", f"datasets: [{unknown}]")
    found = [p for p in validate(data_dir)[1] if p.path.name == "alpha.yaml"]
    assert len(found) == MAX_PROBLEMS_PER_FILE + 1
    assert all("unknown dataset `nowhere-" in p.message for p in found[:-1])
    assert found[-1].text() == (
        f"data/models/alpha.yaml:21:{found[-2].column + len('nowhere-48, ')}: … and 1,950 more problem(s) in this file"
    )
    assert len(calls) <= MAX_PROBLEMS_PER_FILE


def test_schema_problems_are_capped_too(data_dir):
    bad = ", ".join(f"Not_An_Id_{n}" for n in range(500))
    edit(data_dir / "models/alpha.yaml", "datasets: [web-pairs]", f"datasets: [{bad}]")
    found = validate(data_dir)[1]
    assert len(found) == MAX_PROBLEMS_PER_FILE + 1
    assert found[-1].message == "… and 450 more problem(s) in this file"


SYMLINKED_FOLDER = "data folders may not be symbolic links (nothing in it was read); replace it with the folder itself"


def test_a_symlinked_records_folder_is_refused_unread(data_dir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("id: secret\nname: AWS_SECRET_ACCESS_KEY=abc\n", encoding="utf-8")
    (outside / "id_rsa").write_text("x", encoding="utf-8")
    shutil.rmtree(data_dir / "datasets")
    (data_dir / "datasets").symlink_to(outside)
    found = problems(data_dir)
    assert found[0] == f"data/datasets:1:1: {SYMLINKED_FOLDER}"
    assert validate(data_dir)[1][0].field == ""  # the whole folder
    assert not any("secret" in p or "AWS" in p or "id_rsa" in p for p in found)
    assert all("unknown dataset `web-pairs`" in p for p in found[1:])  # the models' references to it


def test_a_symlinked_vocabulary_folder_is_refused_once(data_dir, tmp_path):
    elsewhere = tmp_path / "vocab-elsewhere"
    shutil.move(data_dir / "vocab", elsewhere)
    (data_dir / "vocab").symlink_to(elsewhere)
    found = problems(data_dir)
    assert [p for p in found if p.startswith("data/vocab")] == [f"data/vocab:1:1: {SYMLINKED_FOLDER}"]


def test_a_symlinked_data_root_is_followed(data_dir, tmp_path):
    link = tmp_path / "data-link"
    link.symlink_to(data_dir)
    assert validate(link)[1] == []


def test_a_number_is_recorded_once(data_dir):
    alpha = data_dir / "models/alpha.yaml"
    block = alpha.read_text(encoding="utf-8").split("results:\n")[1].split("sources:")[0]
    edit(alpha, "sources:", block.replace("65.0", "66.0") + "sources:")
    assert problems(data_dir) == [
        "data/models/alpha.yaml:35:5: results[1]: results[0] has the same benchmark, metric, split, protocol, "
        "variant, evaluator and flags; a number is recorded once"
    ]


def test_variant_ids_and_backbones(data_dir):
    edit(
        data_dir / "models/alpha.yaml",
        "    parameters: 428M\n",
        "    parameters: 428M\n  - id: large\n    name: Again\n    backbones: {smell: x}\n",
    )
    assert problems(data_dir) == [
        "data/models/alpha.yaml:21:9: variants[1].id: variant id `large` is also variants[0]",
        "data/models/alpha.yaml:23:24: variants[1].backbones.smell: unknown modality `smell` (see vocab/modalities.yaml)",
    ]


def test_results_need_a_variant_list(data_dir):
    edit(data_dir / "models/beta.yaml", "variants:\n  - id: base\n    name: Beta-Base\n", "")
    assert problems(data_dir) == [
        "data/models/beta.yaml:27:14: results[0].variant: the record lists no `variants`; add the variant this "
        "result is of, and name its id here"
    ]


def test_benchmark_declares_its_primary_metric_splits_and_versions(data_dir):
    benchmarks = data_dir / "vocab/benchmarks.yaml"
    edit(benchmarks, "primary_metric: error", "primary_metric: errors")
    edit(benchmarks, "    - id: 1k-test\n", "    - id: unknown\n      name: x\n    - id: 1k-test\n")
    found = problems(data_dir)
    assert any("[1]: `primary_metric` 'errors' is not one of its metrics: ['error']" in p for p in found)
    assert any(
        "[0]: `unknown` is what a result says when the split is not stated; choose another id" in p for p in found
    )


def test_versions_are_named_when_a_benchmark_has_them(data_dir):
    edit(
        data_dir / "vocab/benchmarks.yaml",
        "  primary_metric: error\n",
        "  primary_metric: error\n  versions:\n    - id: v1-0\n      name: v1.0\n",
    )
    assert problems(data_dir) == [
        "data/models/beta.yaml:25:5: results[0]: benchmark `toy-error` has versions (`v1-0`): name one, or `unknown`"
    ]
    edit(data_dir / "models/beta.yaml", "    evaluated_by: authors\n", "    evaluated_by: authors\n    version: v1.0\n")
    assert problems(data_dir) == [
        "data/models/beta.yaml:32:14: results[0].version: benchmark `toy-error` has no version `v1.0`; `v1.0` is "
        "`v1-0`: write `version: v1-0` (its versions: v1-0; `unknown` when the source does not say; see "
        "vocab/benchmarks.yaml)"
    ]


def test_words_results_use_are_not_vocabulary_ids(data_dir):
    edit(data_dir / "vocab/protocols.yaml", "- id: fine-tuned", "- id: unknown")
    edit(data_dir / "vocab/evaluators.yaml", "- id: toolkit", "- id: authors")
    with (data_dir / "vocab/evaluators.yaml").open("a", encoding="utf-8") as evaluators:
        evaluators.write(
            "- id: alpha-paper\n  name: A\n  description: The Alpha paper.\n  kind: paper\n  model: alfa\n"
        )
    found = problems(data_dir)
    assert (
        "data/vocab/protocols.yaml:5:7: [1].id: `unknown` is a word results use themselves; give this entry another id"
        in found
    )
    assert (
        "data/vocab/evaluators.yaml:2:7: [0].id: `authors` is a word results use themselves; give this entry another id"
        in found
    )
    assert any("[1].model: unknown model `alfa`; closest: `alpha` (see models/)" in p for p in found)


def test_primary_sources_when_the_data_has_a_source_policy(data_dir):
    (data_dir / "sources.yaml").write_text("primary_hosts: [arxiv.org]\n", encoding="utf-8")
    edit(data_dir / "models/beta.yaml", "sources: [https://example.org/beta]", "sources: [https://digest.example/beta]")
    edit(
        data_dir / "models/alpha.yaml", "source: https://example.org/alpha#results", "source: https://digest.example/x"
    )
    assert problems(data_dir) == [
        "data/models/alpha.yaml:34:13: results[0].source: a number's source is its primary publication: the paper, "
        "the authors' repository or model card, or the evaluator's own; replace this link, or mark the result "
        "`needs_review` and say why",
        "data/models/beta.yaml:33:10: sources: none of these confirms the record's facts: name a primary source (the "
        "arXiv abstract page, the DOI, the proceedings, OpenReview, or the authors' own repository, model card or "
        "project page); digests and aggregators may be listed beside it (primary hosts: sources.yaml)",
    ]
    # alpha's own code host (example.org/alpha is its official repository's page) and arXiv are primary
    edit(data_dir / "models/alpha.yaml", "source: https://digest.example/x", "source: https://arxiv.org/abs/2101.00001")
    edit(
        data_dir / "models/beta.yaml",
        "sources: [https://digest.example/beta]",
        "sources: [https://digest.example/beta, https://www.arxiv.org/abs/2202.00002]",
    )
    assert problems(data_dir) == []


def test_a_lists_own_rules_come_from_its_catalogue_yaml(data_dir):
    edit(data_dir / "vocab/objectives.yaml", "category: contrastive", "category: contrasting")
    edit(data_dir / "catalogue.yaml", "title: Test catalogue", "title: Test catalogue\nfeed_author: X")
    with (data_dir / "catalogue.yaml").open("a", encoding="utf-8") as settings:
        settings.write("  - {benchmark: flickr, metric: ir-r1, protocol: zero-shot, title: T}\n")
    found = problems(data_dir)
    assert any("`contrasting` is not one of catalogue.yaml's objective_categories" in p for p in found)
    assert any(p.startswith("data/catalogue.yaml:") and "unknown benchmark `flickr`" in p for p in found)


@pytest.mark.parametrize("broken", ["name: [unclosed\n", "- a list, not a mapping\n"])
def test_a_record_that_cannot_be_read_is_reported_once_not_wherever_it_is_named(data_dir, broken):
    (data_dir / "models/alpha.yaml").write_text(broken, encoding="utf-8")  # beta builds on alpha
    found = problems(data_dir)
    assert len(found) == 1 and found[0].startswith("data/models/alpha.yaml:"), found


def test_task_groups_are_checked_even_when_objective_categories_are_not_limited(data_dir):
    edit(
        data_dir / "catalogue.yaml",
        "objective_categories: [contrastive, matching, masked-modelling, generative, other]\n",
        "",
    )
    edit(data_dir / "vocab/tasks.yaml", "group: retrieval", "group: searching")
    edit(data_dir / "vocab/objectives.yaml", "category: contrastive", "category: any-group-at-all")
    [problem] = problems(data_dir)
    assert problem.startswith("data/vocab/tasks.yaml:")
    assert problem.endswith(
        "group: `searching` is not one of catalogue.yaml's task_groups: "
        "generative, classification, regression, retrieval, prompt-based"
    )


def test_without_a_catalogue_yaml_only_the_rules_every_list_has_apply(data_dir):
    (data_dir / "catalogue.yaml").unlink()
    (data_dir / "vocab/knowledge.yaml").unlink()  # no vocabulary is required: references to it are unknown
    edit(data_dir / "models/beta.yaml", "knowledge: [object-tags]", "knowledge: []")
    edit(data_dir / "models/alpha.yaml", "modalities: [image, text]", "modalities: [image]")  # one is enough
    edit(data_dir / "vocab/objectives.yaml", "category: contrastive", "category: any-group-at-all")
    assert problems(data_dir) == []
    assert validate(data_dir)[0].settings.title == "Catalogue"


# --- behaviour that mutation testing found unchecked (docs/mutation.md) -----------------------------


def test_model_at_follows_fields_and_list_items():
    assert model_at(schema.ModelRecord, ()) is schema.ModelRecord
    assert model_at(schema.ModelDraft, ("links",)) is schema.Links
    assert model_at(schema.ModelRecord, ("variants", 0, "weights")) is schema.Weights  # past a list index
    assert model_at(schema.ModelRecord, ("links", "code", 1)) is schema.CodeLink
    assert model_at(schema.ModelRecord, ("id",)) is None  # text, not a mapping
    assert model_at(schema.ModelRecord, ("id", "more")) is None
    assert model_at(schema.ModelRecord, ("nothing",)) is None

    class Holder(BaseModel):  # what the schema does not use yet: a list of annotated classes
        items: list[typing.Annotated[schema.Links, "why"]] | None = None

    assert model_at(Holder, ("items", 0)) is schema.Links


def test_unknown_field_in_a_mapping_inside_a_list_lists_that_mappings_fields(data_dir):
    edit(data_dir / "models/alpha.yaml", "    parameters: 428M\n", "    parameters: 428M\n    weights: {zzz: 1}\n")
    assert problems(data_dir) == [
        "data/models/alpha.yaml:21:14: variants[0].weights.availability: required field `availability` is missing",
        "data/models/alpha.yaml:21:15: variants[0].weights.zzz: unknown field `zzz`; allowed fields: availability, "
        "licence, url",
    ]


def test_a_draft_may_leave_links_out_but_not_misspell_them(data_dir):
    edit(data_dir / "models/gamma.yaml", "year: 2023", "year: 2023\nlinks: {arxv: '2301.00003'}")
    assert problems(data_dir) == ["data/models/gamma.yaml:6:9: links.arxv: unknown field `arxv`; did you mean `arxiv`?"]


def test_long_values_are_cut_in_messages(data_dir):
    edit(data_dir / "models/alpha.yaml", "arxiv: '2101.00001'", f"arxiv: '{'x' * 78}'")  # 80 with its quotes
    [whole] = problems(data_dir)
    assert f"links.arxiv: '{'x' * 78}' is not " in whole
    edit(data_dir / "models/alpha.yaml", f"arxiv: '{'x' * 78}'", f"arxiv: '{'x' * 79}'")
    [cut] = problems(data_dir)
    assert f"links.arxiv: '{'x' * 69}… (81 characters) is not " in cut


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "name: Alpha",
            "name: null",
            "3:7: name: YAML reads the unquoted `null` as null (nothing), but text is expected here; quote it: 'null'",
        ),
        ("name: Alpha", "name: [a, b]", "3:7: name: input should be a valid string"),
        ("authors: [Ada Lovelace, Alan Turing]", "authors: []", "5:10: authors: list at least 1 item here"),
        ("tasks: [image-text-retrieval]", "tasks: true", "24:8: tasks: input should be a valid list, got True"),
        (
            "parameters: 428M",
            "parameters: true",
            "20:17: variants[0].parameters: a number is expected here; got the boolean true",
        ),
        ("value: 65.0", "value: true", "29:12: results[0].value: a number is expected here; got the boolean true"),
        (
            "tasks: [image-text-retrieval]",
            "tasks: '" + "x" * 77 + "'",
            "24:8: tasks: input should be a valid list, got '" + "x" * 77 + "'",
        ),
        ("tasks: [image-text-retrieval]", "tasks: '" + "x" * 78 + "'", "24:8: tasks: input should be a valid list"),
        (
            "backbones: {image: ViT-L/14",
            "backbones: {Image: ViT-L/14",
            "16:15: architecture.backbones.Image: "
            "'Image' is not an id: lower-case letters and digits in groups joined by single hyphens, e.g. 'clip' or "
            "'vl-bert'",
        ),
    ],
)
def test_more_wrong_values(data_dir, old, new, expected):
    edit(data_dir / "models/alpha.yaml", old, new)
    assert problems(data_dir) == [f"data/models/alpha.yaml:{expected}"]


def test_a_missing_field_of_a_later_list_item_points_at_that_item(data_dir):
    alpha = data_dir / "models/alpha.yaml"
    block = alpha.read_text(encoding="utf-8").split("results:\n")[1].split("sources:")[0]
    edit(alpha, "sources:", block.replace("65.0", "66.0").replace("    metric: ir-r1\n", "") + "sources:")
    assert problems(data_dir) == ["data/models/alpha.yaml:35:5: results[1].metric: required field `metric` is missing"]


def test_suggestions_name_at_most_three_ids_that_are_at_least_half_alike(data_dir):
    def knowledge(*kinds: str) -> None:
        entries = "".join(f"- id: {kind}\n  name: {kind}\n  description: A kind.\n" for kind in ("object-tags", *kinds))
        (data_dir / "vocab/knowledge.yaml").write_text(entries, encoding="utf-8")

    edit(data_dir / "models/alpha.yaml", "knowledge: []", "knowledge: [abcd]")
    knowledge("abce", "abcf", "abcg", "abch")
    assert problems(data_dir) == [
        "data/models/alpha.yaml:23:13: knowledge[0]: unknown knowledge kind `abcd`; closest: `abch`, `abcg`, `abcf` "
        "(see vocab/knowledge.yaml)"
    ]
    knowledge("abxy")  # alike by exactly one half
    assert problems(data_dir)[0].endswith("`abcd`; closest: `abxy` (see vocab/knowledge.yaml)")
    knowledge("axyz")
    assert problems(data_dir)[0].endswith("`abcd` (see vocab/knowledge.yaml)")


def test_problems_of_a_whole_file_name_no_field(data_dir):
    (data_dir / "vocab/knowledge.yaml").unlink()
    (data_dir / "vocab/colours.yaml").write_text("- id: red\n", encoding="utf-8")
    (data_dir / "models/notes.txt").write_text("hello", encoding="utf-8")
    unknown = ", ".join(f"nowhere-{n}" for n in range(60))
    edit(data_dir / "models/alpha.yaml", "datasets: [web-pairs]", f"datasets: [{unknown}]")
    found = {p.message.split(";")[0]: p for p in validate(data_dir)[1] if p.path.name != "beta.yaml"}
    whole_file = [
        "the vocabulary file is missing (catalogue.yaml requires `knowledge`)",
        "unknown vocabulary file",
        "not a record: record files end in `.yaml`",
        "… and 10 more problem(s) in this file",
    ]
    assert [found[message].field for message in whole_file] == ["", "", "", ""]
    assert found["unknown vocabulary file"].message == (
        "unknown vocabulary file; the vocabularies are architectures.yaml, benchmarks.yaml, evaluators.yaml, "
        "flags.yaml, knowledge.yaml, modalities.yaml, objectives.yaml, protocols.yaml, tasks.yaml, venues.yaml"
    )


def test_a_records_folder_that_is_a_file(data_dir):
    shutil.rmtree(data_dir / "datasets")
    (data_dir / "datasets").write_text("web-pairs\n", encoding="utf-8")
    found = validate(data_dir)[1]
    assert found[0] == Problem(data_dir / "datasets", 1, 1, "", "expected a folder of records here")
    assert all("unknown dataset `web-pairs`" in p.message for p in found[1:])


def test_hidden_files_are_passed_over_and_the_rest_still_read(data_dir):
    (data_dir / "models/.DS_Store").write_bytes(b"\x00\x01")
    (data_dir / "models/.alpha.yaml.swp").write_text("id: x\n", encoding="utf-8")
    data, found = validate(data_dir)
    assert found == [] and list(data.models) == ["alpha", "beta", "gamma"]


def test_a_bad_record_does_not_stop_the_records_after_it(data_dir):
    (data_dir / "models/aaa-list.yaml").write_text("- a\n", encoding="utf-8")
    (data_dir / "models/aab.yaml").write_text(
        "id: other\nname: O\ntitle: 'O: a paper'\nyear: 2021\nneeds_review: true\nreview_note: x\n", encoding="utf-8"
    )
    (data_dir / "models/Ab_C.yaml").write_text(
        "id: ab-c\nname: A\ntitle: 'A: a paper'\nyear: 2021\nneeds_review: true\nreview_note: x\n", encoding="utf-8"
    )
    data, found = validate(data_dir)
    assert [p.text() for p in found] == [
        "data/models/Ab_C.yaml:1:5: id: id `ab-c` differs from the file name; rename the file to `ab-c.yaml` (file "
        "names are ids: lower-case letters, digits and hyphens)",
        "data/models/aaa-list.yaml:1:1: a record must be a mapping of fields (`key: value` lines)",
        "data/models/aab.yaml:1:5: id: id `other` differs from the file name; rename the file to `other.yaml` or set "
        "`id: aab`",
    ]
    assert list(data.models) == ["alpha", "beta", "gamma"]


def test_a_list_file_that_is_not_a_list(data_dir):
    (data_dir / "vocab/flags.yaml").write_text("id: external-llm\nname: x\n", encoding="utf-8")
    data, found = validate(data_dir)
    assert [p.text() for p in found] == [
        "data/vocab/flags.yaml:1:1: this file must be a list of entries, each starting with `- `"
    ]
    assert data.vocab["flags"] == {}


def test_a_duplicate_entry_does_not_hide_the_entries_after_it(data_dir):
    path = data_dir / "vocab/venues.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "- id: icml\n  name: X\n  description: Again.\n  type: conference\n"
        + "- id: cvpr\n  name: CVPR\n  description: A conference.\n  type: conference\n",
        encoding="utf-8",
    )
    data, found = validate(data_dir)
    assert [p.field for p in found] == ["[2].id"]
    assert list(data.vocab["venues"]) == ["arxiv", "icml", "cvpr"]


SURVEYS = """\
- id: the-survey
  title: 'A Survey: of everything'
  year: 2023
  url: https://example.org/survey
  arxiv: '2302.10035'
- id: another-survey
  title: Another survey
  year: 2024
  url: https://example.org/another
"""
NOT_MODELS = """\
- id: an-analysis
  title: An analysis of models
  kind: method
  reason: It trains no model of its own.
"""


def test_surveys_and_papers_that_are_not_models_are_read(data_dir):
    (data_dir / "surveys.yaml").write_text(SURVEYS, encoding="utf-8")
    (data_dir / "not-models.yaml").write_text(NOT_MODELS, encoding="utf-8")
    data, found = validate(data_dir)
    assert found == []
    assert [survey.id for survey in data.surveys] == ["the-survey", "another-survey"]
    assert data.surveys[0].arxiv == "2302.10035"
    assert [(paper.id, paper.kind) for paper in data.not_models] == [("an-analysis", "method")]
    (data_dir / "surveys.yaml").write_text(
        SURVEYS + "- id: the-survey\n  title: Again\n  year: 2023\n  url: https://example.org/s\n", "utf-8"
    )
    (data_dir / "not-models.yaml").write_text(NOT_MODELS.replace("kind: method", "kind: methd"), encoding="utf-8")
    found = [p.text() for p in validate(data_dir)[1]]
    assert found[0].startswith("data/not-models.yaml:3:9: [0].kind: ")
    assert found[1:] == ["data/surveys.yaml:10:7: [2].id: duplicate id `the-survey` (also entry 1); keep one"]


def test_a_source_policy_with_problems_is_located(data_dir):
    (data_dir / "sources.yaml").write_text("primary_hosts: [arxiv.org, 'Not A Host']\n", encoding="utf-8")
    data, found = validate(data_dir)
    assert [p.text() for p in found] == [
        "data/sources.yaml:1:28: primary_hosts[1]: 'Not A Host' is not a host name in lower case, such as 'arxiv.org'"
    ]
    assert data.source_policy is None


def test_the_fixture_datasets_are_read_in_id_order(data_dir):
    (data_dir / "datasets/a-first.yaml").write_text(
        "id: a-first\nname: A\nyear: 2020\nmodalities: [image, text]\nneeds_review: true\nreview_note: x\n",
        encoding="utf-8",
    )
    data, found = validate(data_dir)
    assert found == [] and list(data.datasets) == ["a-first", "web-pairs"]


def test_the_cap_counts_problems_across_the_entries_of_one_file(data_dir):
    entry = "- id: Bad_{n}\n  name: ''\n  descripton: x\n"  # four problems each, with `description` missing
    (data_dir / "vocab/flags.yaml").write_text("".join(entry.format(n=n) for n in range(20)), encoding="utf-8")
    found = [p for p in validate(data_dir)[1] if p.path.name == "flags.yaml"]
    [summary] = [p for p in found if p.message.startswith("…")]
    assert len(found) == MAX_PROBLEMS_PER_FILE + 1
    assert summary.message == f"… and {20 * 4 - MAX_PROBLEMS_PER_FILE:,} more problem(s) in this file"


def test_exactly_as_many_problems_as_are_shown_need_no_summary(data_dir):
    bad = ", ".join(f"Not_An_Id_{n}" for n in range(MAX_PROBLEMS_PER_FILE))
    edit(data_dir / "models/alpha.yaml", "datasets: [web-pairs]", f"datasets: [{bad}]")
    found = validate(data_dir)[1]
    assert len(found) == MAX_PROBLEMS_PER_FILE and all("is not an id" in p.message for p in found)


def test_nothing_is_read_through_a_symlinked_vocabulary_folder(data_dir, tmp_path):
    elsewhere = tmp_path / "vocab-elsewhere"
    shutil.move(data_dir / "vocab", elsewhere)
    (data_dir / "vocab").symlink_to(elsewhere)
    data, _ = validate(data_dir)
    assert all(entries == {} for entries in data.vocab.values())


def test_every_result_is_checked_after_one_with_an_unknown_benchmark(two_of_everything):
    data_dir = two_of_everything
    edit(
        data_dir / "models/beta.yaml",
        "results:\n",
        "results:\n  - {benchmark: nowhere, metric: m, value: 1, split: test, protocol: fine-tuned, variant: base,\n"
        "     evaluated_by: authors, source: paper}\n",
    )
    edit(data_dir / "models/beta.yaml", "    metric: error\n", "    metric: errors\n")
    found = problems(data_dir)
    assert found[0] == (
        "data/models/beta.yaml:27:17: results[0].benchmark: unknown benchmark `nowhere` (see vocab/benchmarks.yaml)"
    )
    assert found[1:] == [
        "data/models/beta.yaml:30:13: results[1].metric: benchmark `toy-error` has no metric `errors`; its metrics: "
        "error, error-5"
    ]


@pytest.fixture
def two_of_everything(data_dir: Path) -> Path:
    """toy-error with two metrics, splits and versions; beta with two variants."""
    edit(
        data_dir / "vocab/benchmarks.yaml",
        "      unit: '%'\n  primary_metric: error\n  splits:\n    - id: test\n      name: test\n",
        "      unit: '%'\n    - id: error-5\n      name: Top-5 error\n      direction: lower\n"
        "  primary_metric: error\n  splits:\n    - id: test\n      name: test\n    - id: val\n      name: Validation\n"
        "      aliases: [dev]\n  versions:\n    - id: v1\n      name: v1\n    - id: v2\n      name: v2\n",
    )
    edit(
        data_dir / "models/beta.yaml", "    name: Beta-Base\n", "    name: Beta-Base\n  - id: large\n    name: Beta-L\n"
    )
    edit(data_dir / "models/beta.yaml", "    evaluated_by: authors\n", "    evaluated_by: authors\n    version: v1\n")
    return data_dir


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "split: test",
            "split: tset",
            "30:12: results[0].split: benchmark `toy-error` has no split `tset`; closest: "
            "`test` (its splits: test, val; `unknown` when the source does not say; see vocab/benchmarks.yaml)",
        ),
        (
            "split: test",
            "split: ' Dev '",
            "30:12: results[0].split: benchmark `toy-error` has no split ` Dev `; "
            "` Dev ` is `val`: write `split: val` (its splits: test, val; `unknown` when the source does not say; see "
            "vocab/benchmarks.yaml)",
        ),
        (
            "split: test",
            "split: zzzzzz",
            "30:12: results[0].split: benchmark `toy-error` has no split `zzzzzz` (its "
            "splits: test, val; `unknown` when the source does not say; see vocab/benchmarks.yaml)",
        ),
        (
            "version: v1",
            "version: v3",
            "34:14: results[0].version: benchmark `toy-error` has no version `v3`; "
            "closest: `v2`, `v1` (its versions: v1, v2; `unknown` when the source does not say; see "
            "vocab/benchmarks.yaml)",
        ),
        (
            "    version: v1\n",
            "",
            "27:5: results[0]: benchmark `toy-error` has versions (`v1`, `v2`): name one, or `unknown`",
        ),
        (
            "variant: base",
            "variant: Beta-L",
            "32:14: results[0].variant: unknown variant `Beta-L`; `Beta-L` is the "
            "name of `large`: use its id (this record's variants: base, large)",
        ),
        (
            "variant: base",
            "variant: huge",
            "32:14: results[0].variant: unknown variant `huge` (this record's variants: base, large)",
        ),
    ],
)
def test_unknown_parts_of_a_benchmark_name_what_was_meant(two_of_everything, old, new, expected):
    assert problems(two_of_everything) == []
    edit(two_of_everything / "models/beta.yaml", old, new)
    assert problems(two_of_everything) == [f"data/models/beta.yaml:{expected}"]


def test_at_most_three_versions_are_suggested(data_dir):
    versions = "".join(f"    - id: v{n}\n      name: V{n}\n" for n in range(1, 6))
    edit(
        data_dir / "vocab/benchmarks.yaml",
        "  primary_metric: error\n",
        f"  primary_metric: error\n  versions:\n{versions}",
    )
    edit(data_dir / "models/beta.yaml", "    evaluated_by: authors\n", "    evaluated_by: authors\n    version: v6\n")
    [found] = problems(data_dir)
    assert "has no version `v6`; closest: `v5`, `v4`, `v3` (its versions: v1, v2, v3, v4, v5;" in found


def test_a_few_shot_result_gives_its_shots(data_dir):
    edit(data_dir / "models/alpha.yaml", "protocol: zero-shot", "protocol: few-shot\n    shots: 4")
    assert problems(data_dir) == []
    edit(data_dir / "models/alpha.yaml", "    shots: 4\n", "")
    assert problems(data_dir) == [
        "data/models/alpha.yaml:31:15: results[0].protocol: protocol `few-shot` needs `shots`: how many examples the "
        "model was given"
    ]


def test_a_former_id_claimed_by_two_records(data_dir):
    edit(data_dir / "models/alpha.yaml", "name: Alpha\n", "name: Alpha\naliases: [first-name]\n")
    edit(data_dir / "models/beta.yaml", "aliases: [beta-old]", "aliases: [beta-old, first-name]")
    assert problems(data_dir) == [
        "data/models/beta.yaml:5:21: aliases[1]: `first-name` is already the id or an alias of `alpha`; a former id "
        "can point to one record only"
    ]


def test_a_number_measured_by_others_may_come_from_the_evaluators_own_pages(data_dir):
    (data_dir / "sources.yaml").write_text("primary_hosts: [arxiv.org]\n", encoding="utf-8")
    edit(data_dir / "vocab/evaluators.yaml", "  kind: toolkit\n", "  kind: toolkit\n  url: https://tools.example/kit\n")
    with (data_dir / "vocab/evaluators.yaml").open("a", encoding="utf-8") as evaluators:
        evaluators.write(
            "- id: alpha-paper\n  name: A\n  description: The Alpha paper.\n  kind: paper\n  model: alpha\n"
        )
    measured = (
        "  - {{benchmark: toy-error, metric: error, value: {value}, split: test, protocol: {protocol}, variant: base,\n"
        "     evaluated_by: {by}, source: '{source}'}}\n"
    )
    edit(
        data_dir / "models/beta.yaml",
        "sources: [",
        measured.format(value=11, protocol="fine-tuned", by="toolkit", source="https://tools.example/kit/results")
        + measured.format(
            value=12, protocol="fine-tuned", by="alpha-paper", source="https://example.org/alpha/table"
        )  # alpha's code page
        + measured.format(value=13, protocol="zero-shot", by="toolkit", source="https://digest.example/x")
        + "sources: [",
    )
    edit(
        data_dir / "models/beta.yaml",
        "sources: [https://example.org/beta]",
        "sources: [https://arxiv.org/abs/2202.00002]",
    )
    assert problems(data_dir) == [
        "data/models/beta.yaml:38:37: results[3].source: a number's source is its primary publication: the paper, "
        "the authors' repository or model card, or the evaluator's own; replace this link, or mark the result "
        "`needs_review` and say why",
    ]


def test_a_cache_reads_and_checks_again_only_the_files_that_changed(data_dir, monkeypatch):
    from mmptm_site.data import validation_run

    cache = LoadCache()
    first, _ = validate(data_dir, cache)
    read: list[str] = []
    load_file = validation_run.load_file
    monkeypatch.setattr(validation_run, "load_file", lambda path: read.append(path.name) or load_file(path))
    again, found = validate(data_dir, cache)
    assert read == [] and found == [] and again.models == first.models
    assert again.models["beta"] is first.models["beta"]  # the record checked before, not a copy

    edit(data_dir / "models" / "alpha.yaml", "name: Alpha", "name: Alpha Two")
    changed, found = validate(data_dir, cache)
    assert read == ["alpha.yaml"] and found == []
    assert changed.models["alpha"].name == "Alpha Two"
    assert changed.models["beta"] is first.models["beta"]


def test_a_cache_never_hides_a_problem(data_dir):
    cache = LoadCache()
    validate(data_dir, cache)
    edit(data_dir / "models" / "alpha.yaml", "year: 2021", "year: 1021")
    for _ in range(2):  # the broken file is read again each time, and its problem reported each time
        assert any(
            "alpha.yaml:" in text and "year" in text for text in [p.text() for p in validate(data_dir, cache)[1]]
        )
    edit(data_dir / "models" / "alpha.yaml", "year: 1021", "year: 2021")
    assert validate(data_dir, cache)[1] == []
