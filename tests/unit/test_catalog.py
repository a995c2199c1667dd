"""catalog: indexes, relations, related models and leaderboards equal what the records say."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmptm_site.catalog import BoardKey, Catalog, ResultRow, leaderboards_of
from mmptm_site.data.schema import Benchmark, ModelDraft, Protocol, Result, ResultFlag
from mmptm_site.data.validate import load_data


def add(path: Path, text: str, after: str) -> None:
    content = path.read_text(encoding="utf-8")
    path.write_text(content.replace(after, after + text, 1) if after in content else content + after + text)


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
