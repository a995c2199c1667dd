"""Charts regenerated from the data at every build: what each chart shows (`Chart`) and its SVG.

Each chart is computed from the catalogue as plain data first — the points or bars it draws and the
table printed under it — so tests can check that what is drawn equals the data. Drawing uses
matplotlib's SVG backend, made deterministic (fixed hash salt, no date) and inlined into the page:
every mark carries a `<title>` naming its model (a hover label), text and axes take the page's colour
(`currentColor`) so they stay legible in light and dark mode, and record text is never read as
mathematics (`text.parse_math` off) nor as markup (XML-escaped).

Charts are drawn for phones first: FIGURE_WIDTH units wide with FONT_SIZE-unit text, so that on a 390 px
screen, where the text column is 358 px, a unit is at least a pixel and no text is smaller than 11 px. A
legend goes under the plot, not beside it, and bars of named things (models) lie horizontally, their names
on the side, where names fit without turning.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from mmptm_site.catalog import Catalog, Leaderboard
from mmptm_site.data.schema import Direction, ModelDraft
from mmptm_site.site.formatting import human_count, human_count_range

FONT_SIZE = 11
"""Every text of a chart, in SVG units; see FIGURE_WIDTH."""
FIGURE_WIDTH = 4.8
"""Inches (72 units each): 345.6 units, drawn at least 358 px wide on a 390 px phone (mmptm.css)."""
_CHAR_WIDTH = 0.62 * FONT_SIZE  # a generous average advance of a sans-serif character, in units
_LINE = 1.3 * FONT_SIZE / 72  # one line of text, in inches
_NAME_CHARS = 22  # longer names are cut (with "…") on a chart's axis; its table and labels have them whole
# Marks keep a 3:1 contrast (WCAG 1.4.11) against both the light and the dark (slate) page
PALETTE = ("#4e79a7", "#d4621a", "#3f8f3a", "#d9443f", "#2b8f8a", "#a262a0", "#a88300", "#9a6b52", "#d9577a")
_INK = "#010203"  # a colour no chart uses, replaced by currentColor in the SVG
_MAX_BARS = 40


@dataclass(frozen=True)
class Mark:
    """One drawn mark: a point or a bar segment, with the label shown when hovering it."""

    label: str
    x: float | str
    y: float
    series: str = ""


@dataclass
class Chart:
    id: str
    title: str
    x_label: str
    y_label: str
    kind: str  # "bars" (stacked by series), "points", or "points-and-best" (points plus a running best)
    marks: list[Mark] = field(default_factory=list)
    horizontal: bool = False
    """Bars lie horizontally, one named category (a model) per row."""
    log_y: bool = False
    table_header: tuple[str, ...] = ()
    table_rows: list[tuple] = field(default_factory=list)
    empty_message: str = "No data recorded yet."


def _year_position(model: ModelDraft) -> float:
    """A point in time for a model: its release month when known, mid-year otherwise."""
    if model.released:
        year, month = model.released.split("-")
        return int(year) + (int(month) - 0.5) / 12
    return model.year + 0.5


def _modality_group(model: ModelDraft, names: dict) -> str:
    return " + ".join(names[m].name for m in sorted(model.modalities)) or "not stated"


def _stacked_marks(years: list[int], series: list[str], counts: Counter, prefix: str) -> list[Mark]:
    """One bar segment per (year, series) with models, labelled with its count."""
    return [
        Mark(f"{year}, {prefix}{name}: {counts[(year, name)]} models", str(year), counts[(year, name)], name)
        for year in years
        for name in series
        if counts[(year, name)]
    ]


def models_per_year(catalog: Catalog) -> Chart:
    names = catalog.data.vocab["modalities"]
    groups = Counter(_modality_group(m, names) for m in catalog.models)
    common = [group for group, _ in groups.most_common(6)]
    counts: dict[tuple[int, str], int] = Counter()
    for model in catalog.models:
        group = _modality_group(model, names)
        counts[(model.year, group if group in common else "other combinations")] += 1
    series = [*common, "other combinations"]
    years = sorted(catalog.by_year)
    marks = _stacked_marks(years, series, counts, "")
    rows = [(year, *[counts[(year, group)] for group in series], len(catalog.by_year[year])) for year in years]
    return Chart(
        "models-per-year",
        "Models per year, by modalities",
        "Year of first version",
        "Models",
        "bars",
        marks,
        table_header=("Year", *series, "All"),
        table_rows=rows,
    )


def parameters_over_time(catalog: Catalog) -> Chart:
    """Each model's largest variant with a stated size, by date (the table gives the whole range)."""
    models = sorted((m for m in catalog.models if m.parameter_range), key=lambda m: (_year_position(m), m.id))
    largest = {m.id: m.parameter_range[1] for m in models if m.parameter_range}
    marks = [Mark(f"{m.name}: {largest[m.id]:,} parameters", _year_position(m), largest[m.id]) for m in models]
    rows = [(m.name, mark.x, human_count_range(m.parameter_range)) for m, mark in zip(models, marks, strict=True)]
    return Chart(
        "parameters",
        "Parameters per model over time (largest variant)",
        "Date of first version",
        "Parameters (log scale)",
        "points",
        marks,
        log_y=True,
        table_header=("Model", "When", "Sizes of its variants"),
        table_rows=rows,
        empty_message="No parameter count recorded yet.",
    )


def accelerators(catalog: Catalog) -> Chart:
    models = [m for m in catalog.models if m.compute and m.compute.count]
    marks = [
        Mark(f"{m.name}: {m.compute.count} × {m.compute.accelerator}", m.name, m.compute.count, m.compute.accelerator)
        for m in sorted(models, key=lambda m: (-m.compute.count, m.name))[:_MAX_BARS]
    ]
    rows = [(m.name, m.compute.accelerator, m.compute.count, m.compute.days) for m in models]
    return Chart(
        "accelerators",
        "Accelerators used in pre-training",
        "Model",
        "Accelerators",
        "bars",
        marks,
        horizontal=True,
        table_header=("Model", "Accelerator", "Count", "Days"),
        table_rows=rows,
        empty_message="No record states its pre-training compute yet.",
    )


def objectives_per_year(catalog: Catalog) -> Chart:
    objectives = catalog.data.vocab["objectives"]
    categories = sorted({str(o.category) for o in objectives.values()})
    years = sorted(catalog.by_year)
    marks, rows = [], []
    for year in years:
        models = catalog.by_year[year]
        shares = []
        for category in categories:
            using = sum(1 for m in models if any(str(objectives[o].category) == category for o in m.objectives))
            share = round(100 * using / len(models), 1)
            shares.append(share)
            marks.append(Mark(f"{year}, {category}: {share}% of {len(models)} models", year, share, category))
        rows.append((year, len(models), *shares))
    return Chart(
        "objectives-per-year",
        "Share of models using each kind of objective",
        "Year",
        "Models using it (%)",
        "lines",
        marks,
        table_header=("Year", "Models", *categories),
        table_rows=rows,
    )


def dataset_sizes(catalog: Catalog) -> Chart:
    datasets = sorted((d for d in catalog.data.datasets.values() if d.size), key=lambda d: (d.year, d.id))
    marks = [
        Mark(f"{d.name}: {d.size:,} {d.size_unit or 'items'}", d.year + 0.5, d.size, d.size_unit or "")
        for d in datasets
    ]
    rows = [(d.name, d.year, d.size, d.size_unit or "") for d in datasets]
    return Chart(
        "dataset-sizes",
        "Pre-training data size over time",
        "Year",
        "Size (log scale)",
        "points",
        marks,
        log_y=True,
        table_header=("Dataset", "Year", "Size", "Unit"),
        table_rows=rows,
    )


def weights_per_year(catalog: Catalog) -> Chart:
    states = ("open", "restricted", "closed", "not stated")
    counts: Counter = Counter()
    for model in catalog.models:
        counts[(model.year, str(model.weights.availability) if model.weights else "not stated")] += 1
    years = sorted(catalog.by_year)
    marks = _stacked_marks(years, list(states), counts, "weights ")
    rows = [(year, *[counts[(year, state)] for state in states]) for year in years]
    return Chart(
        "weights-per-year",
        "Open and closed weights per year",
        "Year",
        "Models",
        "bars",
        marks,
        table_header=("Year", *states),
        table_rows=rows,
    )


def _largest_board(catalog: Catalog, benchmark: str, metric: str, protocol: str) -> Leaderboard | None:
    """The board of a metric and protocol (without flags) that ranks most models by their authors' numbers."""
    boards = [
        b
        for b in catalog.leaderboards.get(benchmark, [])
        if b.key.metric == metric and b.key.protocol == protocol and not b.key.flags and b.authors
    ]
    return max(boards, key=lambda b: (len(b.authors), b.key.slug), default=None)


def benchmark_bars(catalog: Catalog, benchmark: str, metric: str, protocol: str, title: str) -> Chart:
    """The best authors' result of each model on one leaderboard, in the style of the survey's figure."""
    board = _largest_board(catalog, benchmark, metric, protocol)
    entries = list(board.authors)[:_MAX_BARS] if board else []
    unit = (board.metric.unit or "") if board else ""
    marks = [
        Mark(f"{e.best.model.name}: {e.best.result.value:g}{unit}", e.best.model.name, e.best.result.value)
        for e in entries
    ]
    rows = [(e.best.model.name, e.best.variant.name, e.best.result.value, e.best.result.source) for e in entries]
    metric_name = board.metric.name if board else metric
    return Chart(
        f"benchmark-{benchmark}-{metric}",
        f"{title} ({board.label if board else 'no results yet'})",
        "Model",
        f"{metric_name}{' (' + unit.strip() + ')' if unit else ''}",
        "bars",
        marks,
        horizontal=True,
        table_header=("Model", "Variant", metric_name, "Source"),
        table_rows=rows,
    )


def best_over_time(board: Leaderboard) -> Chart:
    """Every model's best authors' result on one board by the model's date, and the best so far as a step line."""
    entries = sorted(board.authors, key=lambda e: (_year_position(e.best.model), e.best.model.id))
    marks = [
        Mark(
            f"{e.best.model.name}: {e.best.result.value:g}", _year_position(e.best.model), e.best.result.value, "result"
        )
        for e in entries
    ]
    better = max if board.metric.direction == Direction.higher else min
    running: float | None = None
    table = []
    for mark, entry in zip(marks, entries, strict=True):
        running = mark.y if running is None else better(running, mark.y)
        table.append(
            (
                entry.best.model.name,
                entry.best.model.released or entry.best.model.year,
                entry.best.result.value,
                running,
            )
        )
    return Chart(
        f"best-{board.benchmark.id}-{board.key.slug.replace('.', '--')}",
        f"Best over time: {board.label}",
        "Date of first version",
        board.metric.name,
        "points-and-best",
        marks,
        table_header=("Model", "Released", board.metric.name, "Best so far"),
        table_rows=table,
    )


def stats_charts(catalog: Catalog) -> list[Chart]:
    return [
        models_per_year(catalog),
        parameters_over_time(catalog),
        accelerators(catalog),
        objectives_per_year(catalog),
        dataset_sizes(catalog),
        weights_per_year(catalog),
        *(
            benchmark_bars(catalog, board.benchmark, board.metric, board.protocol, board.title)
            for board in catalog.data.settings.charts
        ),
    ]


# --- drawing -------------------------------------------------------------------------------------


def _style(chart: Chart) -> dict:
    return {
        "svg.hashsalt": chart.id,
        "svg.fonttype": "none",  # text stays text: smaller, selectable, and inherits the page's font
        "text.parse_math": False,
        "text.usetex": False,
        "font.family": "sans-serif",
        "font.size": FONT_SIZE,
        "legend.fontsize": FONT_SIZE,
        "xtick.labelsize": FONT_SIZE,
        "ytick.labelsize": FONT_SIZE,
        "axes.labelsize": FONT_SIZE,
        "text.color": _INK,
        "axes.labelcolor": _INK,
        "axes.edgecolor": _INK,
        "xtick.color": _INK,
        "ytick.color": _INK,
        "axes.facecolor": "none",
        "figure.facecolor": "none",
        "legend.frameon": False,
    }


def _draw(chart: Chart, axes) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Draw the marks; return gid → hover label of each mark drawn as its own artist, and gid → the
    labels of the points of a collection, in the order it draws them."""
    labels: dict[str, str] = {}
    point_labels: dict[str, list[str]] = {}
    series = list(dict.fromkeys(mark.series for mark in chart.marks))
    colour = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}
    if chart.kind == "bars":
        categories = _categories(chart)
        bottoms: dict[str, float] = defaultdict(float)
        seen: set[str] = set()
        for index, mark in enumerate(chart.marks):
            position = categories.index(str(mark.x))
            label = mark.series if mark.series and mark.series not in seen else None
            if chart.horizontal:
                bar = axes.barh(
                    position, mark.y, left=bottoms[str(mark.x)], color=colour[mark.series], height=0.7, label=label
                )
            else:
                bar = axes.bar(
                    position, mark.y, bottom=bottoms[str(mark.x)], color=colour[mark.series], width=0.7, label=label
                )
            seen.add(mark.series)
            bottoms[str(mark.x)] += mark.y
            gid = f"{chart.id}-mark-{index}"
            bar.patches[0].set_gid(gid)
            labels[gid] = mark.label
        names = [_short(category) for category in categories]
        if chart.horizontal:
            axes.set_yticks(range(len(categories)), names)
            axes.invert_yaxis()  # the first (best, or largest) at the top
        else:
            turned = _turned(chart)
            axes.set_xticks(
                range(len(categories)), names, rotation=45 if turned else 0, ha="right" if turned else "center"
            )
    elif chart.kind == "lines":
        for name in series:
            points = [m for m in chart.marks if m.series == name]
            axes.plot([m.x for m in points], [m.y for m in points], color=colour[name], label=name, linewidth=1.5)
        for index, mark in enumerate(chart.marks):
            (line,) = axes.plot([mark.x], [mark.y], "o", color=colour[mark.series], markersize=4)
            gid = f"{chart.id}-mark-{index}"
            line.set_gid(gid)
            labels[gid] = mark.label
    else:
        # one collection for all points (one artist per point is slow with thousands of models);
        # render_svg gives each drawn point its label afterwards, in the same order
        points = axes.scatter(
            [m.x for m in chart.marks],
            [m.y for m in chart.marks],
            s=22,
            color=PALETTE[0],
            alpha=0.85,
            zorder=3,
            linewidths=0,
        )
        points.set_gid(f"{chart.id}-points")
        # a list, never text joined by a separator: a label may hold any character, a newline too
        point_labels[f"{chart.id}-points"] = [mark.label for mark in chart.marks]
        if chart.kind == "points-and-best" and chart.marks:
            best = [row[3] for row in chart.table_rows]
            axes.step(
                [m.x for m in chart.marks], best, where="post", color=PALETTE[1], linewidth=1.5, label="best so far"
            )
    if chart.kind in ("points", "points-and-best", "lines"):
        from matplotlib.ticker import MaxNLocator

        axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, not 2019.5
    if chart.log_y:
        from matplotlib.ticker import FuncFormatter, NullFormatter

        axes.set_yscale("log")
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: human_count(round(value))))
        axes.yaxis.set_minor_formatter(NullFormatter())
    if chart.horizontal:  # the value runs along x; the names need no axis title
        axes.set_xlabel(chart.y_label)
    else:
        axes.set_xlabel(chart.x_label)
        axes.set_ylabel(chart.y_label)
    axes.grid(axis="x" if chart.horizontal else "y", color="#888888", alpha=0.3, linewidth=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    return labels, point_labels


def _categories(chart: Chart) -> list[str]:
    return list(dict.fromkeys(str(mark.x) for mark in chart.marks))


def _short(name: str) -> str:
    """A name as an axis shows it: on one line, cut at _NAME_CHARS."""
    name = " ".join(name.split())
    return name if len(name) <= _NAME_CHARS else name[: _NAME_CHARS - 1] + "…"


def _legend_entries(chart: Chart) -> list[str]:
    if chart.kind == "points":
        return []
    series = [name for name in dict.fromkeys(mark.series for mark in chart.marks) if name]
    return ["best so far"] if chart.kind == "points-and-best" else series


def _turned(chart: Chart) -> bool:
    """Whether the names under vertical bars must turn to fit side by side."""
    categories = _categories(chart)
    widest = max((len(_short(c)) for c in categories), default=0) * _CHAR_WIDTH
    return len(categories) * (widest + FONT_SIZE) > (FIGURE_WIDTH - 1.0) * 72


@dataclass(frozen=True)
class _Layout:
    """A chart's size and margins in inches, worked out from its texts (cheaper than measuring them)."""

    height: float
    left: float
    bottom: float
    top: float = 0.12
    right: float = 0.15
    legend_columns: int = 1

    def fractions(self) -> dict[str, float]:
        return {
            "left": self.left / FIGURE_WIDTH,
            "right": 1 - self.right / FIGURE_WIDTH,
            "bottom": self.bottom / self.height,
            "top": 1 - self.top / self.height,
        }


def _layout(chart: Chart) -> _Layout:
    entries = _legend_entries(chart)
    widest_entry = max((len(entry) for entry in entries), default=0) * _CHAR_WIDTH + 30  # with its swatch
    columns = 2 if widest_entry * 2 <= (FIGURE_WIDTH - 0.3) * 72 else 1
    legend = (-(-len(entries) // columns) * _LINE + 0.15) if entries else 0.0
    axis_title = _LINE + 0.08
    if chart.horizontal:
        names = _categories(chart)
        widest = max((len(_short(name)) for name in names), default=0) * _CHAR_WIDTH
        plot = max(len(names), 3) * 0.24
        left = widest / 72 + 0.15
    else:
        plot = 2.2
        left = 6 * _CHAR_WIDTH / 72 + axis_title + 0.1  # tick labels such as '100 B', then the axis title
    below = _LINE + 0.08 + axis_title  # tick labels, then the axis title
    if chart.kind == "bars" and not chart.horizontal and _turned(chart):
        widest = max(len(_short(c)) for c in _categories(chart)) * _CHAR_WIDTH
        below = widest * 0.72 / 72 + 0.1 + axis_title  # names turned by 45°
    bottom = below + legend + 0.05
    return _Layout(height=0.12 + plot + bottom, left=left, bottom=bottom, legend_columns=columns)


def _label_points(svg: str, gid: str, labels: list[str]) -> str:
    """Wrap each point drawn by a collection (a `<use>` in its group, in data order) with its label."""
    start = svg.index(f'<g id="{gid}">')
    end = svg.index("</g>", svg.index("<use", start))
    uses = iter(labels)
    group = re.sub(
        r"<use [^>]*/>",
        lambda match: f'<g class="mmptm-mark"><title>{escape(next(uses))}</title>{match.group(0)}</g>',
        svg[start:end],
    )
    return svg[:start] + group + svg[end:]


def render_svg(chart: Chart) -> str:
    """The chart as an SVG element to inline into a page; identical data gives identical bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    layout = _layout(chart)
    with matplotlib.rc_context(_style(chart)):
        figure, axes = plt.subplots(figsize=(FIGURE_WIDTH, layout.height))
        labels, point_labels = _draw(chart, axes)
        # margins worked out from the texts instead of tight_layout, which measures every text and costs
        # more than drawing; the legend sits under the plot, across the figure
        figure.subplots_adjust(**layout.fractions())
        if _legend_entries(chart):
            figure.legend(
                loc="lower left",
                bbox_to_anchor=(0.02, 0.01),
                ncol=layout.legend_columns,
                handlelength=1.2,
                columnspacing=1.0,
                borderaxespad=0.2,
            )
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration and doctype: the SVG is inlined in HTML
    svg = svg.replace(_INK, "currentColor")
    for gid, label in labels.items():
        svg = svg.replace(f'<g id="{gid}">', f'<g id="{gid}" class="mmptm-mark"><title>{escape(label)}</title>', 1)
    for gid, point_label_list in point_labels.items():
        svg = _label_points(svg, gid, point_label_list)
    # ids unique on a page holding several charts
    svg = re.sub(r'id="(?!' + re.escape(chart.id) + r')([^"]+)"', lambda m: f'id="{chart.id}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#(?!" + re.escape(chart.id) + r")([^)]+)\)", lambda m: f"url(#{chart.id}-{m.group(1)})", svg)
    svg = re.sub(
        r'xlink:href="#(?!' + re.escape(chart.id) + r')([^"]+)"',
        lambda m: f'xlink:href="#{chart.id}-{m.group(1)}"',
        svg,
    )
    title = f'<title id="{chart.id}-title">{escape(chart.title)}</title>'
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{chart.id}-title" class="mmptm-chart" ', 1)
    return svg.replace(">", ">" + title, 1)
