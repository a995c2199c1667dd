"""charts and chart_svg: what each chart encodes equals the data; the SVG is deterministic, labelled and inert."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mmptm_site.catalog import Catalog
from mmptm_site.data.validate import load_data
from mmptm_site.site import chart_svg, charts

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def catalog(data_dir: Path) -> Catalog:
    (data_dir / "models/delta.yaml").write_text(
        "id: delta\nname: '$x^2$ <script>alert(1)</script>'\ntitle: 'Delta: a draft'\nyear: 2022\n"
        "needs_review: true\nreview_note: test\nmodalities: [image, text]\nobjectives: [masked-language-modelling]\n"
        "architecture: {interaction: single-stream}\n"
        "variants: [{id: d, name: Delta, parameters: 1.5B}]\n"
        "compute: {accelerator: V100 GPU, count: 64, days: 3}\n"
        "results:\n"
        "  - {benchmark: toy-error, metric: error, value: 8.0, split: test, protocol: fine-tuned, variant: d,\n"
        "     evaluated_by: authors, source: paper}\n",
        encoding="utf-8",
    )
    alpha = data_dir / "models/alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(
            "results:\n",
            "results:\n  - {benchmark: toy-error, metric: error, value: 10.0, split: test, protocol: fine-tuned,\n"
            "     variant: large, evaluated_by: authors, source: paper}\n",
        ),
        encoding="utf-8",
    )
    return Catalog(load_data(data_dir))


def test_models_per_year_counts(catalog):
    chart = charts.models_per_year(catalog)
    per_year = {}
    for mark in chart.marks:
        per_year[mark.x] = per_year.get(mark.x, 0) + mark.y
    assert per_year == {str(year): len(models) for year, models in catalog.by_year.items()}
    assert [row[0] for row in chart.table_rows] == sorted(catalog.by_year)
    assert all(row[-1] == len(catalog.by_year[row[0]]) for row in chart.table_rows)


def test_parameter_points_are_the_models_with_a_count(catalog):
    chart = charts.parameters_over_time(catalog)
    assert sorted((m.label.split(":")[0], m.y) for m in chart.marks) == [
        ("$x^2$ <script>alert(1)</script>", 1_500_000_000),
        ("Alpha", 428_000_000),
    ]
    assert chart.log_y


def test_accelerators_and_weights(catalog):
    assert [(m.x, m.y, m.series) for m in charts.accelerators(catalog).marks] == [
        ("$x^2$ <script>alert(1)</script>", 64, "V100 GPU")
    ]
    weights = charts.weights_per_year(catalog)
    assert sum(m.y for m in weights.marks) == len(catalog.models)


def test_objective_shares(catalog):
    chart = charts.objectives_per_year(catalog)
    share = {(m.x, m.series): m.y for m in chart.marks}
    assert share[(2021, "contrastive")] == 100.0  # alpha
    assert share[(2022, "masked-modelling")] == 100.0  # beta and delta
    assert share[(2022, "contrastive")] == 50.0  # beta only


def test_benchmark_bars_take_each_models_best_verified_result(catalog):
    chart = charts.benchmark_bars(catalog, "flickr30k-retrieval", "ir-r1", "zero-shot", "Flickr30K")
    assert [(m.x, m.y) for m in chart.marks] == [("Alpha", 65.0)]
    assert "1K test" in chart.title


def test_best_over_time_is_a_running_best(catalog):
    [board] = catalog.leaderboards["toy-error"]  # lower is better
    chart = charts.best_over_time(board)
    assert [(row[0], row[2], row[3]) for row in chart.table_rows] == [
        ("Alpha", 10.0, 10.0),
        ("Beta", 12.5, 10.0),
        ("$x^2$ <script>alert(1)</script>", 8.0, 8.0),
    ]
    assert chart.title == "Best over time: Error rate · test · fine-tuned"


def test_best_over_time_keeps_the_highest_when_higher_is_better(catalog, data_dir):
    """The running best follows the metric's direction both ways: a worse later number never lowers it."""
    for name, variant, value in (("beta", "base", 60.0), ("delta", "d", 70.0)):
        path = data_dir / f"models/{name}.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "results:\n",
                f"results:\n  - {{benchmark: flickr30k-retrieval, metric: ir-r1, value: {value}, split: 1k-test,\n"
                f"     protocol: zero-shot, variant: {variant}, evaluated_by: authors, source: paper}}\n",
            ),
            encoding="utf-8",
        )
    catalog = Catalog(load_data(data_dir))
    [board] = [b for b in catalog.leaderboards["flickr30k-retrieval"] if b.key.slug == "ir-r1.1k-test.zero-shot"]
    chart = charts.best_over_time(board)
    assert [(row[0], row[2], row[3]) for row in chart.table_rows] == [
        ("Alpha", 65.0, 65.0),
        ("Beta", 60.0, 65.0),
        ("$x^2$ <script>alert(1)</script>", 70.0, 70.0),
    ]


def test_svg_is_deterministic_labelled_and_inert(catalog):
    chart = charts.parameters_over_time(catalog)
    first, second = chart_svg.render_svg(chart), chart_svg.render_svg(chart)
    assert first == second
    root = ET.fromstring(first)
    marks = [g for g in root.iter(f"{SVG}g") if g.get("class") == "mmptm-mark"]
    assert sorted(g.find(f"{SVG}title").text for g in marks) == sorted(m.label for m in chart.marks)
    assert "<script>" not in first and "&lt;script&gt;" in first
    assert "$x^2$" in first  # shown as written, not typeset as mathematics
    assert "currentColor" in first and "#010203" not in first
    ids = re.findall(r' id="([^"]+)"', first)
    assert len(ids) == len(set(ids)) and all(i.startswith(chart.id) for i in ids)


def test_empty_chart_has_no_marks(data_dir):
    catalog = Catalog(load_data(data_dir))
    assert charts.accelerators(catalog).marks == []


def test_each_point_keeps_its_own_label_whatever_the_labels_hold():
    """A newline in a name once split its label in two and moved every later label onto the next point."""
    labels = ["A\nname on two lines", "B: 1\n\n", "C\r\nD", "E"]
    marks = [charts.Mark(label, 2020.5 + i, 10.0**i) for i, label in enumerate(labels)]
    chart = charts.Chart("p", "Points", "Year", "Count", "points", marks, log_y=True)
    root = ET.fromstring(chart_svg.render_svg(chart))
    drawn = []
    for group in (g for g in root.iter(f"{SVG}g") if g.get("class") == "mmptm-mark"):
        [point] = group.iter(f"{SVG}use")
        drawn.append((float(point.get("x")), group.find(f"{SVG}title").text))
    assert [label for _, label in sorted(drawn)] == [label.replace("\r\n", "\n") for label in labels]


def test_parameters_table_names_the_models_as_written(catalog):
    model = catalog.data.models["alpha"]
    catalog.data.models["alpha"] = model.model_copy(update={"name": "Alpha: two\nlines"})
    chart = charts.parameters_over_time(Catalog(catalog.data))
    assert sorted(row[0] for row in chart.table_rows) == ["$x^2$ <script>alert(1)</script>", "Alpha: two\nlines"]


def test_text_is_at_least_11_px_on_a_390_px_phone(catalog):
    """On a 390 px phone the text column is 358 px wide and a chart fills it: a chart no wider than 358 units
    is drawn at least a pixel per unit, so text of 11 units is at least 11 px. (Charts were 576 units wide
    with 7- and 9-unit text: 3 to 6 px on a phone.)"""
    drawn = [chart for chart in charts.stats_charts(catalog) if chart.marks]
    assert {chart.kind for chart in drawn} >= {"bars", "points", "lines"} and any(c.horizontal for c in drawn)
    for chart in drawn:
        root = ET.fromstring(chart_svg.render_svg(chart))
        width = float(root.get("viewBox").split()[2])
        assert width <= 358, chart.id
        sizes = [
            float(re.search(r"font-size: ([\d.]+)px", text.get("style")).group(1)) for text in root.iter(f"{SVG}text")
        ]
        assert sizes and min(sizes) >= 11, chart.id


def test_bars_of_models_lie_horizontally_with_every_name_on_the_axis(catalog):
    chart = charts.benchmark_bars(catalog, "toy-error", "error", "fine-tuned", "Toy")
    delta = catalog.data.models["delta"].name
    assert chart.horizontal and [mark.x for mark in chart.marks] == [delta, "Alpha", "Beta"]  # lower is better
    svg = chart_svg.render_svg(chart)
    texts = ["".join(text.itertext()) for text in ET.fromstring(svg).iter(f"{SVG}text")]
    assert {"$x^2$ <script>alert(1…", "Alpha", "Beta"} <= set(texts)  # a long name cut, as text
    assert "<script>" not in svg


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("page", ["#ffffff", "#1e2129"], ids=["light", "dark"])
def test_marks_keep_a_three_to_one_contrast_with_the_page(page):
    for colour in chart_svg.PALETTE:
        high, low = sorted((_luminance(colour), _luminance(page)), reverse=True)
        assert (high + 0.05) / (low + 0.05) >= 3, colour
