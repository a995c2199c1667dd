"""catalog: indexes, relations, related models and leaderboards equal what the records say."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmptm_site.catalog import FACETS, BoardKey, Catalog, ResultRow, default_board, leaderboards_of
from mmptm_site.data.schema import Benchmark, ModelDraft, Protocol, Result, ResultFlag
from mmptm_site.data.validate import Data, load_data


def add(path: Path, text: str, after: str) -> None:
    content = path.read_text(encoding="utf-8")
    path.write_text(content.replace(after, after + text, 1) if after in content else content + after + text)


def change(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def result(benchmark: str, metric: str, value: float, variant: str, **extra: object) -> str:
    fields = {"split": "test", "protocol": "fine-tuned", "evaluated_by": "authors", **extra}
    if benchmark == "flickr30k-retrieval" and "split" not in extra:
        fields["split"] = "1k-test"
    lines = [f"  - benchmark: {benchmark}", f"    metric: {metric}", f"    value: {value}", f"    variant: {variant}"]
    lines += [f"    {key}: {val}" for key, val in fields.items()]
    return "\n".join(lines) + "\n    source: paper\n"


@pytest.fixture
def catalog(data_dir: Path) -> Catalog:
    alpha, beta, gamma = (data_dir / f"models/{name}.yaml" for name in ("alpha", "beta", "gamma"))
    add(alpha, "  - id: small\n    name: Alpha-S\n    parameters: 100M\n", "variants:\n")
    add(
        alpha,
        result("toy-error", "error", 10.0, "large") + result("toy-error", "error", 7.5, "small"),
        "results:\n",
    )
    add(
        beta,
        result("flickr30k-retrieval", "ir-r1", 65.0, "base", protocol="zero-shot")
        + result("flickr30k-retrieval", "ir-r1", 70.0, "base")
        + result("flickr30k-retrieval", "ir-r1", 80.0, "base", protocol="zero-shot", split="unknown")
        + result("flickr30k-retrieval", "ir-r1", 90.0, "base", protocol="zero-shot", evaluated_by="toolkit")
        + result("flickr30k-retrieval", "ir-r1", 95.0, "base", protocol="zero-shot", flags="[external-llm]"),
        "results:\n",
    )
    # a draft record: its confirmed number is ranked, its doubtful one is not
    add(
        gamma,
        "variants:\n  - id: g\n    name: Gamma\nresults:\n"
        + result("flickr30k-retrieval", "ir-r1", 99.0, "g", protocol="zero-shot")
        + result("toy-error", "error", 1.0, "g", needs_review="true", review_note="not found in the paper"),
        "",
    )
    return Catalog(load_data(data_dir))


def board(catalog: Catalog, benchmark: str, slug: str):
    [found] = [b for b in catalog.leaderboards[benchmark] if b.key.slug == slug]
    return found


def ranking(entries) -> list[tuple]:
    return [(e.rank, e.best.model.id, e.best.result.value) for e in entries]


def test_higher_is_better_order_and_ties(catalog):
    zero_shot = board(catalog, "flickr30k-retrieval", "ir-r1.1k-test.zero-shot")
    assert ranking(zero_shot.authors) == [(1, "gamma", 99.0), (2, "alpha", 65.0), (2, "beta", 65.0)]


def test_one_entry_per_model_its_best_variant_with_the_others_under_it(catalog):
    errors = board(catalog, "toy-error", "error.test.fine-tuned")
    assert ranking(errors.authors) == [(1, "alpha", 7.5), (2, "beta", 12.5)]  # lower is better
    alpha = errors.authors[0]
    assert alpha.best.variant.name == "Alpha-S" and alpha.best.variant.parameters == 100_000_000
    assert [(row.variant.name, row.result.value) for row in alpha.others] == [("Alpha-L", 10.0)]


def test_numbers_measured_by_others_rank_only_when_asked_for(catalog):
    zero_shot = board(catalog, "flickr30k-retrieval", "ir-r1.1k-test.zero-shot")
    assert "beta" in [e.best.model.id for e in zero_shot.authors]
    assert zero_shot.authors[2].best.result.value == 65.0
    assert ranking(zero_shot.everyone) == [(1, "gamma", 99.0), (2, "beta", 90.0), (3, "alpha", 65.0)]
    assert zero_shot.everyone[1].best.result.evaluated_by == "toolkit"
    assert zero_shot.measured_by_others


def test_protocols_splits_and_flags_are_separate_boards(catalog):
    slugs = [b.key.slug for b in catalog.leaderboards["flickr30k-retrieval"]]
    assert slugs == [
        "ir-r1.1k-test.fine-tuned",
        "ir-r1.1k-test.zero-shot",
        "ir-r1.1k-test.zero-shot.external-llm",
        "ir-r1.unknown.zero-shot",
    ]


def test_unknown_split_is_listed_never_ranked(catalog):
    unknown = board(catalog, "flickr30k-retrieval", "ir-r1.unknown.zero-shot")
    assert not unknown.key.comparable and unknown.authors == () and unknown.everyone == ()
    assert [row.result.value for row in unknown.unranked] == [80.0]
    assert "split not stated" in unknown.label


def test_review_is_per_result(catalog):
    errors = board(catalog, "toy-error", "error.test.fine-tuned")
    assert [row.model.id for row in errors.unranked] == ["gamma"]  # its 1.0 needs review
    assert catalog.data.models["gamma"].needs_review  # yet gamma's confirmed 99.0 leads the zero-shot board
    assert board(catalog, "flickr30k-retrieval", "ir-r1.1k-test.zero-shot").best.best.model.id == "gamma"


def test_default_board_and_current_best(catalog):
    # the primary metric, then most models ranked by their authors; a flagged board (95.0) never leads
    best = catalog.current_best("flickr30k-retrieval")
    assert best.key.slug == "ir-r1.1k-test.zero-shot"
    assert best.best.best.result.value == 99.0
    assert best.label == "Image retrieval R@1 · 1K test · zero-shot"
    assert catalog.current_best("toy-error").best.best.result.value == 7.5


def test_sizes_come_from_variants(catalog):
    alpha = catalog.data.models["alpha"]
    assert alpha.parameter_range == (100_000_000, 428_000_000)
    assert catalog.data.models["beta"].parameter_range is None


# --- no board ever mixes results that differ in what decides comparability --------------------------

_BENCHMARK = Benchmark(
    id="b",
    name="B",
    description="A benchmark.",
    dataset="B",
    task="t",
    metrics=[{"id": "m1", "name": "M1", "direction": "higher"}, {"id": "m2", "name": "M2", "direction": "lower"}],
    primary_metric="m1",
    splits=[{"id": "s1", "name": "S1"}, {"id": "s2", "name": "S2"}],
)
_VOCAB = {
    "protocols": {p: Protocol(id=p, name=p, description="d", shots=p == "few-shot") for p in ("zs", "ft", "few-shot")},
    "flags": {f: ResultFlag(id=f, name=f, description="d") for f in ("x", "y")},
}
_results = st.builds(
    lambda metric, split, protocol, flags, value, variant, evaluator, review: Result(
        benchmark="b",
        metric=metric,
        split=split,
        protocol=protocol,
        shots=4 if protocol == "few-shot" else None,
        flags=flags,
        value=value,
        variant=variant,
        evaluated_by=evaluator,
        source="paper",
        needs_review=review,
        review_note="doubt" if review else None,
    ),
    st.sampled_from(["m1", "m2"]),
    st.sampled_from(["s1", "s2", "unknown"]),
    st.sampled_from(["zs", "ft", "few-shot", "unknown"]),
    st.lists(st.sampled_from(["x", "y"]), unique=True, max_size=2),
    st.floats(0, 100, allow_nan=False),
    st.sampled_from(["v1", "v2"]),
    st.sampled_from(["authors", "someone"]),
    st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p", "q", "r"]), _results), max_size=30))
def test_no_board_mixes_metric_split_protocol_or_flags(rows):
    models = {
        name: ModelDraft(
            id=name, name=name, title=name, year=2024, variants=[{"id": "v1", "name": "V1"}, {"id": "v2", "name": "V2"}]
        )
        for name in "pqr"
    }
    result_rows = [ResultRow(models[name], result) for name, result in rows]
    boards = leaderboards_of(_BENCHMARK, result_rows, _VOCAB)
    listed = []
    for one in boards:
        ranked = [row for entry in one.everyone for row in (entry.best, *entry.others)]
        for row in ranked + list(one.unranked):
            assert BoardKey.of(row.result) == one.key
        for row in ranked:
            assert one.key.comparable and not row.result.needs_review
        assert all(entry.best.by_authors for entry in one.authors)
        assert len({entry.best.model.id for entry in one.everyone}) == len(one.everyone)  # one entry per model
        listed += ranked + list(one.unranked)
    assert sorted(map(id, listed)) == sorted(map(id, result_rows))  # every row once, none dropped


def test_indexes_and_relations(catalog):
    assert [m.id for m in catalog.models] == ["gamma", "beta", "alpha"]  # newest year first
    assert [m.id for m in catalog.by_facet["modalities"]["video"]] == ["beta"]
    assert [m.id for m in catalog.built_upon_by["alpha"]] == ["beta"]
    assert [m.id for m in catalog.related["alpha"]] == ["beta"]
    assert [m.id for m in catalog.newest] == ["beta", "alpha", "gamma"]
    assert [(month, [m.id for m in models]) for month, models in catalog.added_by_month()] == [
        ("2026-02", ["beta"]),
        ("2026-01", ["alpha"]),
    ]


# --- board order, keys and defaults, on hand-made results --------------------------------------------

_VERSIONED = Benchmark(
    id="v",
    name="V",
    description="A benchmark whose primary metric is listed second.",
    dataset="V",
    task="t",
    metrics=[{"id": "m2", "name": "M2", "direction": "lower"}, {"id": "m1", "name": "M1", "direction": "higher"}],
    primary_metric="m1",
    splits=[{"id": "s2", "name": "S2"}, {"id": "s1", "name": "S1"}],
    versions=[{"id": "v1", "name": "V1"}, {"id": "v2", "name": "V2"}],
)
_MODELS = {
    name: ModelDraft(id=name, name=name.upper(), title=name, year=2024, variants=[{"id": "v1", "name": "V1"}])
    for name in "pqr"
}


def _row(model: str, metric: str, split: str, version: str | None, protocol: str, value: float = 1.0, **extra):
    fields = {"shots": None, "flags": [], "evaluated_by": "authors", **extra}
    result = Result(
        benchmark="v",
        metric=metric,
        split=split,
        version=version,
        protocol=protocol,
        value=value,
        variant="v1",
        source="paper",
        **fields,
    )
    return ResultRow(_MODELS[model], result)


def test_result_key_holds_everything_that_decides_comparability():
    row = _row("p", "m1", "s1", "v2", "few-shot", shots=4, flags=["y", "x"])
    assert BoardKey.of(row.result) == BoardKey("m1", "s1", "v2", "few-shot", 4, ("x", "y"))


def test_boards_are_ordered_primary_metric_then_listed_split_version_protocol_shots_and_flags():
    rows = [
        _row("p", "m2", "s1", "v1", "ft"),
        _row("p", "m1", "s1", "v1", "ft"),
        _row("p", "m1", "s2", "v1", "zs"),
        _row("p", "m1", "s1", "v2", "few-shot", shots=4),
        _row("p", "m1", "s1", "v1", "few-shot", shots=4),
        _row("p", "m1", "s1", "v1", "few-shot", shots=2, flags=["x"]),
    ]
    boards = leaderboards_of(_VERSIONED, rows, _VOCAB)
    assert [board.key.slug for board in boards] == [
        "m1.s2.v1.zs",  # the split listed first, though its protocol sorts last
        "m1.s1.v1.few-shot.2-shot.x",  # fewer shots first, though flagged
        "m1.s1.v1.few-shot.4-shot",
        "m1.s1.v1.ft",
        "m1.s1.v2.few-shot.4-shot",  # a later version after every board of an earlier one
        "m2.s1.v1.ft",  # the primary metric's boards first, though it is listed second
    ]
    assert [board.version.name for board in boards] == ["V1", "V1", "V1", "V1", "V2", "V1"]
    assert boards[2].label == "M1 · S1 · V1 · few-shot, 4 shots"


def test_the_default_board_is_the_primary_metrics_even_with_fewer_models():
    rows = [_row(name, "m2", "s1", "v1", "ft") for name in "pqr"] + [_row("p", "m1", "s1", "v1", "ft")]
    boards = leaderboards_of(_VERSIONED, rows, _VOCAB)
    assert default_board(boards).key.slug == "m1.s1.v1.ft"
    assert default_board(boards[1:]).key.slug == "m2.s1.v1.ft"  # without one, any board
    assert default_board([]) is None


# --- the catalogue's indexes and look-ups --------------------------------------------------------------


def ids(models) -> list[str]:
    return [model.id for model in models]


def test_every_facet_indexes_the_models_that_name_an_entry(catalog):
    assert {
        kind: {entry: ids(models) for entry, models in index.items()} for kind, index in catalog.by_facet.items()
    } == {
        "objectives": {"masked-language-modelling": ["beta"], "image-text-contrastive": ["beta", "alpha"]},
        "datasets": {"web-pairs": ["beta", "alpha"]},
        "tasks": {"visual-question-answering": ["beta"], "image-text-retrieval": ["alpha"]},
        "benchmarks": {"flickr30k-retrieval": ["gamma", "beta", "alpha"], "toy-error": ["gamma", "beta", "alpha"]},
        "modalities": {"image": ["beta", "alpha"], "text": ["beta", "alpha"], "video": ["beta"]},
        "architectures": {"single-stream": ["beta"], "dual-encoder": ["alpha"]},
        "knowledge": {"object-tags": ["beta"]},
        "venues": {"arxiv": ["beta"], "icml": ["alpha"]},
    }
    assert tuple(catalog.by_facet) == FACETS
    assert ids(catalog.models_with("objectives", "image-text-contrastive")) == ["beta", "alpha"]
    assert catalog.models_with("objectives", "nothing-uses-this") == []


def test_years_newest_first(catalog):
    assert {year: ids(models) for year, models in catalog.by_year.items()} == {
        2023: ["gamma"],
        2022: ["beta"],
        2021: ["alpha"],
    }
    assert list(catalog.by_year) == [2023, 2022, 2021]


def test_entries_and_relations_look_ups(catalog):
    assert catalog.entries("datasets") is catalog.data.datasets
    assert catalog.entries("objectives") is catalog.data.vocab["objectives"]
    assert ids(catalog.builds_on(catalog.data.models["beta"])) == ["alpha"]
    assert catalog.builds_on(catalog.data.models["alpha"]) == []
    assert catalog.builds_on(catalog.data.models["gamma"]) == []  # no `relations` at all


def test_an_empty_catalogue(tmp_path):
    empty = Catalog(Data(root=tmp_path))
    assert empty.models == [] and empty.leaderboards == {} and empty.default_boards == {}
    assert empty.newest_date is None and empty.result_count == 0 and empty.added_by_month() == []


def test_a_benchmark_without_results_has_no_board(data_dir):
    beta = data_dir / "models/beta.yaml"
    change(beta, beta.read_text(encoding="utf-8").split("results:\n")[1].split("sources:")[0], "")
    change(beta, "results:\n", "")
    catalog = Catalog(load_data(data_dir))
    assert catalog.leaderboards["toy-error"] == [] and "toy-error" not in catalog.default_boards
    assert catalog.current_best("toy-error") is None


def test_no_current_best_from_others_numbers_or_from_a_flagged_board(data_dir):
    change(data_dir / "models/beta.yaml", "evaluated_by: authors", "evaluated_by: toolkit")
    change(
        data_dir / "models/alpha.yaml", "evaluated_by: authors\n", "evaluated_by: authors\n    flags: [external-llm]\n"
    )
    catalog = Catalog(load_data(data_dir))
    assert catalog.default_boards["toy-error"].best is None  # only a toolkit's number
    assert catalog.current_best("toy-error") is None
    assert catalog.default_boards["flickr30k-retrieval"].key.flags == ("external-llm",)
    assert catalog.default_boards["flickr30k-retrieval"].best is not None
    assert catalog.current_best("flickr30k-retrieval") is None


def test_confirmations_follow_the_source_policy(data_dir):
    (data_dir / "sources.yaml").write_text("primary_hosts: [arxiv.org]\n", encoding="utf-8")
    change(
        data_dir / "models/beta.yaml",
        "sources: [https://example.org/beta]",
        "sources: [https://digest.example/beta, https://arxiv.org/abs/2202.00002]",
    )
    catalog = Catalog(load_data(data_dir))
    assert catalog.confirmations["beta"] == ["https://arxiv.org/abs/2202.00002"]


def test_newest_is_by_date_added_not_by_year(data_dir):
    change(data_dir / "models/alpha.yaml", "added: 2026-01-15", "added: 2026-03-01")
    catalog = Catalog(load_data(data_dir))
    assert ids(catalog.newest) == ["alpha", "beta", "gamma"]


def test_related_models_share_the_most_first(data_dir):
    (data_dir / "models/delta.yaml").write_text(
        "id: delta\nname: Delta\ntitle: 'Delta: shares only data'\nyear: 2024\nneeds_review: true\nreview_note: x\n"
        "datasets: [web-pairs]\nobjectives: [masked-language-modelling]\n",
        encoding="utf-8",
    )
    catalog = Catalog(load_data(data_dir))
    assert ids(catalog.models) == ["delta", "gamma", "beta", "alpha"]
    assert ids(catalog.related["alpha"]) == ["beta", "delta"]  # beta shares two keys, delta one
    assert ids(catalog.related["delta"]) == ["beta", "alpha"]  # beta shares two, alpha one
    assert catalog.related["gamma"] == []


def test_related_models_are_those_sharing_most_objectives_and_datasets_then_catalogue_order(catalog):
    """The related models, computed when asked, against their definition counted out in full."""
    for model in catalog.models:
        shared = {
            other.id: len(set(model.objectives) & set(other.objectives))
            + len(set(model.datasets) & set(other.datasets))
            for other in catalog.models
            if other.id != model.id
        }
        expected = sorted(
            (other for other in catalog.models if shared.get(other.id)),
            key=lambda other: (-shared[other.id], catalog.models.index(other)),
        )[:5]
        assert catalog.related[model.id] == expected
    assert list(catalog.related) == [model.id for model in catalog.models]
