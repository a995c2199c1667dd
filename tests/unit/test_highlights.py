"""highlights: a model's headline results, its results table with footnotes, and what the home page shows."""

from __future__ import annotations

import datetime as dt

import pytest

from mmptm_site.catalog import Catalog, highlights
from mmptm_site.data.directory import Data
from mmptm_site.data.schema import Result, Variant, Weights
from mmptm_site.data.validate import load_data

from ..conftest import FIXTURE_DATA


def result(benchmark: str, metric: str, value: float, split: str, protocol: str, variant: str, **extra) -> Result:
    return Result(
        benchmark=benchmark,
        metric=metric,
        value=value,
        split=split,
        protocol=protocol,
        variant=variant,
        evaluated_by=extra.pop("evaluated_by", "authors"),
        source=extra.pop("source", "paper, Table 1"),
        **extra,
    )


@pytest.fixture
def data() -> Data:
    return load_data(FIXTURE_DATA)


def with_results(data: Data, model_id: str, results: list[Result], **update) -> None:
    data.models[model_id] = data.models[model_id].model_copy(update={"results": results, **update})


def test_headlines_take_the_models_most_common_benchmarks_first(data):
    """toy-error has more results in the catalogue than flickr30k-retrieval, so it comes first for alpha,
    although alpha's record lists flickr30k-retrieval first."""
    with_results(
        data,
        "alpha",
        [
            result("flickr30k-retrieval", "ir-r1", 65.0, "1k-test", "zero-shot", "large"),
            result("toy-error", "error", 10.0, "test", "fine-tuned", "large"),
        ],
    )
    catalog = Catalog(data)
    headlines = highlights.headline_results(catalog, catalog.data.models["alpha"])
    assert [h.benchmark.id for h in headlines] == ["toy-error", "flickr30k-retrieval"]
    assert [h.result.value for h in headlines] == [10.0, 65.0]
    toy = headlines[0]
    assert toy.board is catalog.default_boards["toy-error"] and (toy.rank, toy.ranked) == (1, 2)  # 10 is below 12.5
    assert highlights.headline_results(catalog, catalog.data.models["alpha"], limit=1) == headlines[:1]


def test_headlines_prefer_the_benchmarks_default_board_and_skip_unconfirmed_and_others_numbers(data):
    data.models["alpha"] = data.models["alpha"].model_copy(
        update={"variants": [*data.models["alpha"].variants, Variant(id="base", name="Alpha-B")]}
    )
    with_results(
        data,
        "alpha",
        [
            result("toy-error", "error", 3.0, "test", "fine-tuned", "large", needs_review=True, review_note="?"),
            result("toy-error", "error", 1.0, "test", "fine-tuned", "large", evaluated_by="toolkit"),
            result("toy-error", "error", 9.0, "test", "zero-shot", "large"),  # a board of its own, alpha alone
            result("toy-error", "error", 11.0, "test", "fine-tuned", "base"),
            result("toy-error", "error", 10.0, "test", "fine-tuned", "large"),
        ],
    )
    catalog = Catalog(data)
    [headline] = highlights.headline_results(catalog, catalog.data.models["alpha"])
    default = catalog.default_boards["toy-error"]
    assert default.key.protocol == "fine-tuned"  # two models ranked by their authors' numbers there
    assert headline.board is default and headline.result.value == 10.0 and headline.variant.id == "large"


def test_a_number_that_cannot_be_ranked_is_still_a_headline_with_its_setting(data):
    with_results(data, "beta", [result("toy-error", "error", 12.5, "unknown", "fine-tuned", "base")])
    catalog = Catalog(data)
    [headline] = highlights.headline_results(catalog, catalog.data.models["beta"])
    assert headline.rank is None and headline.result.split == "unknown" and headline.metric.id == "error"
    assert headline.board is not None and not headline.board.key.comparable  # its label says "split not stated"
    assert "split not stated" in headline.board.label


def test_a_model_without_its_authors_numbers_has_no_headlines(data):
    with_results(
        data,
        "alpha",
        [result("flickr30k-retrieval", "ir-r1", 60.0, "1k-test", "zero-shot", "large", evaluated_by="toolkit")],
    )
    catalog = Catalog(data)
    assert highlights.headline_results(catalog, catalog.data.models["alpha"]) == []


def test_results_table_groups_by_benchmark_authors_first_with_numbered_footnotes(data):
    model = data.models["alpha"].model_copy(
        update={
            "results": [
                result(
                    "flickr30k-retrieval",
                    "ir-r1",
                    60.0,
                    "1k-test",
                    "zero-shot",
                    "large",
                    evaluated_by="toolkit",
                    note="Re-run with the released weights.",
                ),
                result("toy-error", "error", 10.0, "test", "fine-tuned", "large", note="Single crop."),
                result(
                    "flickr30k-retrieval",
                    "ir-r1",
                    65.0,
                    "1k-test",
                    "zero-shot",
                    "large",
                    note="Re-run with the released weights.",
                ),
                result(
                    "toy-error",
                    "error",
                    9.0,
                    "test",
                    "zero-shot",
                    "large",
                    needs_review=True,
                    review_note="Table 3 gives 9.1.",
                ),
            ]
        }
    )
    table = highlights.results_table(model)
    assert [group.benchmark_id for group in table.groups] == ["flickr30k-retrieval", "toy-error"]
    flickr, toy = table.groups
    assert [(r.value, r.evaluated_by) for r, _ in flickr.rows] == [(65.0, "authors"), (60.0, "toolkit")]
    assert [notes for _, notes in flickr.rows] == [[1], [1]]  # one note, one number
    assert [notes for _, notes in toy.rows] == [[2], [3]]
    assert table.footnotes == [
        "Re-run with the released weights.",
        "Single crop.",
        "Not yet confirmed at its source: Table 3 gives 9.1.",
    ]


def test_glance_names_the_paper_code_weights_sizes_and_release(data):
    model = data.models["alpha"].model_copy(
        update={
            "released": "2021-02",
            "weights": Weights(availability="open", licence="MIT", url="https://huggingface.co/org/alpha"),
            "variants": [
                *data.models["alpha"].variants,
                Variant(
                    id="xl",
                    name="Alpha-XL",
                    parameters=2_000_000_000,
                    weights=Weights(availability="restricted", url="https://example.org/alpha-xl"),
                ),
            ],
        }
    )
    catalog = Catalog(data)
    glance = highlights.glance(catalog, model)
    assert glance.paper == [("arXiv 2101.00001", "https://arxiv.org/abs/2101.00001")]
    assert glance.code == [("example.org", "https://example.org/alpha", True)]
    assert glance.released == "February 2021" and glance.sizes == (428_000_000, 2_000_000_000) and glance.variants == 2
    assert glance.weights == highlights.WeightsSummary(
        availability=["open", "restricted"],
        licences=["MIT"],
        links=[("model card", "https://huggingface.co/org/alpha"), ("example.org", "https://example.org/alpha-xl")],
    )
    beta = highlights.glance(catalog, data.models["beta"])
    assert beta.weights is None and beta.sizes is None and beta.released == "2022" and beta.code == []


def test_glance_links_only_http_addresses(data):
    """The schema admits only http(s) URLs; the box does not rely on it (a record built past the validator)."""
    links = data.models["alpha"].links.model_copy(update={"paper": "javascript:alert(1)", "project": "data:x"})
    model = data.models["alpha"].model_copy(update={"links": links})
    glance = highlights.glance(Catalog(data), model)
    assert all(not url.startswith(("javascript:", "data:")) for _, url in glance.paper) and glance.project is None


def test_changes_are_newest_first_then_by_release(data):
    data.models["gamma"] = data.models["gamma"].model_copy(update={"added": dt.date(2026, 2, 1), "released": "2023-05"})
    data.models["alpha"] = data.models["alpha"].model_copy(update={"reviewed": dt.date(2026, 3, 1)})
    catalog = Catalog(data)
    assert [(c.day.isoformat(), c.kind, c.model.id) for c in highlights.changes(catalog)] == [
        ("2026-03-01", "updated", "alpha"),
        ("2026-02-01", "added", "gamma"),  # released 2023, after beta (2022): first on their shared day
        ("2026-02-01", "added", "beta"),
        ("2026-01-15", "added", "alpha"),
    ]


def test_latest_releases_are_grouped_by_month(data):
    data.models["alpha"] = data.models["alpha"].model_copy(update={"released": "2021-02"})
    data.models["beta"] = data.models["beta"].model_copy(update={"released": "2022-11"})
    catalog = Catalog(data)
    assert [(label, [m.id for m in models]) for label, models in highlights.latest_releases(catalog)] == [
        ("2023", ["gamma"]),
        ("November 2022", ["beta"]),
        ("February 2021", ["alpha"]),
    ]
    assert [label for label, _ in highlights.latest_releases(catalog, limit=2)] == ["2023", "November 2022"]


def test_main_boards_are_the_benchmarks_with_most_results_and_a_current_best(data):
    with_results(
        data,
        "alpha",
        [
            result("toy-error", "error", 10.0, "test", "fine-tuned", "large"),
            result("flickr30k-retrieval", "ir-r1", 65.0, "1k-test", "zero-shot", "large"),
        ],
    )
    catalog = Catalog(data)
    assert [(board.benchmark.id, count) for board, count in highlights.main_boards(catalog)] == [
        ("toy-error", 2),
        ("flickr30k-retrieval", 1),
    ]
    assert highlights.main_boards(catalog)[0][0].best.best.result.value == 10.0  # lower is better
