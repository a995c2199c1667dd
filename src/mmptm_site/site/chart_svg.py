"""A chart's SVG (matplotlib), made deterministic (fixed hash salt, no date) and inlined into the page.

Every mark carries a `<title>` naming its model (a hover label), text and axes take the page's colour
(`currentColor`) so they stay legible in light and dark mode, and record text is never read as mathematics
(`text.parse_math` off) nor as markup (XML-escaped).

Charts are drawn for phones first: FIGURE_WIDTH units wide with FONT_SIZE-unit text, so that on a 390 px
screen, where the text column is 358 px, a unit is at least a pixel and no text is smaller than 11 px. A
legend goes under the plot, not beside it, and bars of named things (models) lie horizontally, their names
on the side, where names fit without turning.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from mmptm_site.site.charts import Chart
from mmptm_site.site.formatting import human_count

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not with the site
    from matplotlib.axes import Axes
    from matplotlib.typing import RcKeyType

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


def _style(chart: Chart) -> dict[RcKeyType, Any]:
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


def _draw(chart: Chart, axes: Axes) -> tuple[dict[str, str], dict[str, list[str]]]:
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
        collection = axes.scatter(
            [m.x for m in chart.marks],
            [m.y for m in chart.marks],
            s=22,
            color=PALETTE[0],
            alpha=0.85,
            zorder=3,
            linewidths=0,
        )
        collection.set_gid(f"{chart.id}-points")
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
