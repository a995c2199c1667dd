"""catalog: indexes, relations, related models and leaderboards equal what the records say."""

from __future__ import annotations

from pathlib import Path

import pytest

from mmptm_site.catalog import Catalog
from mmptm_site.validate import load_data


def add_results(path: Path, results: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("results:\n", "results:\n" + results, 1), encoding="utf-8")


def result(benchmark: str, metric: str, value: float, **extra: str) -> str:
    lines = [f"  - benchmark: {benchmark}", f"    metric: {metric}", f"    value: {value}", "    source: paper"]
    lines += [f"    {key}: {val}" for key, val in extra.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def catalog(data_dir: Path) -> Catalog:
    add_results(data_dir / "models/alpha.yaml", result("toy-error", "error", 10.0) + result("toy-error", "error", 7.5))
    add_results(
        data_dir / "models/beta.yaml",
        result("flickr30k-retrieval", "ir-r1", 65.0, split="1K test", setting="zero-shot")
        + result("flickr30k-retrieval", "ir-r1", 70.0, split="1K test", setting="fine-tuned")
        + result("flickr30k-retrieval", "ir-r1", 50.0, split="5K test", setting="zero-shot"),
    )
    gamma = data_dir / "models/gamma.yaml"
    gamma.write_text(
        gamma.read_text(encoding="utf-8")
        + "results:\n"
        + result("flickr30k-retrieval", "ir-r1", 99.0, split="1K test", setting="zero-shot")
        + result("toy-error", "error", 1.0),
        encoding="utf-8",
    )
    return Catalog(load_data(data_dir))


def board(catalog: Catalog, benchmark: str, setting: str | None, split: str | None):
    [found] = [b for b in catalog.leaderboards[benchmark] if b.setting == setting and b.split == split]
    return found


def test_higher_is_better_order_and_ties(catalog):
    zero_shot = board(catalog, "flickr30k-retrieval", "zero-shot", "1K test")
    assert [(r.rank, r.row.model.id, r.row.result.value) for r in zero_shot.ranked] == [
        (1, "alpha", 65.0),
        (1, "beta", 65.0),  # a tie shares the rank
    ]


def test_lower_is_better_order(catalog):
    errors = board(catalog, "toy-error", None, None)
    assert [(r.rank, r.row.model.id, r.row.result.value) for r in errors.ranked] == [
        (1, "alpha", 7.5),
        (2, "alpha", 10.0),
        (3, "beta", 12.5),
    ]
    assert errors.best.row.result.value == 7.5


def test_settings_and_splits_are_separate_boards(catalog):
    keys = [(b.metric.id, b.setting, b.split) for b in catalog.leaderboards["flickr30k-retrieval"]]
    assert keys == [
        ("ir-r1", "fine-tuned", "1K test"),
        ("ir-r1", "zero-shot", "1K test"),
        ("ir-r1", "zero-shot", "5K test"),
    ]


def test_unverified_results_are_listed_apart(catalog):
    zero_shot = board(catalog, "flickr30k-retrieval", "zero-shot", "1K test")
    assert [row.model.id for row in zero_shot.unverified] == ["gamma"]
    assert "gamma" not in [r.row.model.id for r in zero_shot.ranked]
    assert board(catalog, "toy-error", None, None).best.row.model.id == "alpha"  # gamma's 1.0 is not ranked


def test_current_best_over_settings(catalog):
    best = catalog.current_best("flickr30k-retrieval")
    assert (best.setting, best.best.row.model.id, best.best.row.result.value) == ("fine-tuned", "beta", 70.0)
    assert catalog.current_best("toy-error").best.row.result.value == 7.5


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
