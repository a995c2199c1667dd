"""Charts drawn on the second core while pages are rendered on the first."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from markupsafe import Markup

from mmptm_site.site.chart_svg import render_svg
from mmptm_site.site.charts import Chart

_DRAWN: dict[str, str] = {}
"""SVGs drawn in this process, by a hash of their chart's data: a preview redraws only charts that changed."""
_DRAWN_KEPT = 512


def remembered_svg(chart: Chart) -> str:
    key = hashlib.sha256(repr(chart).encode()).hexdigest()
    if key not in _DRAWN:
        if len(_DRAWN) >= _DRAWN_KEPT:
            _DRAWN.pop(next(iter(_DRAWN)))
        _DRAWN[key] = render_svg(chart)
    return _DRAWN[key]


class ChartDrawings:
    """Charts drawn on another core while pages are rendered on this one; `svg` waits for a drawing.

    Drawing is most of the time our step takes that mkdocs does not, and a build machine has a second
    core that mkdocs leaves idle. On a single core the charts are drawn here, when asked for.
    """

    def __init__(self, charts: list[Chart]):
        self._pool = None
        self._drawings: dict[str, Any] = {}
        self._charts = {chart.id: chart for chart in charts}
        self._drawn_here: dict[str, str] = {}
        if (os.cpu_count() or 1) > 1 and charts:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method))
            self._drawings = {chart.id: self._pool.submit(render_svg, chart) for chart in charts}

    def svg(self, chart: Chart) -> Markup:
        if chart.id in self._drawn_here:
            return Markup(self._drawn_here[chart.id])
        drawing = self._drawings.get(chart.id)
        # a drawing the other core has not begun is drawn here rather than waited for; while waiting for
        # one it has begun, this core draws from the other end of the queue: pages ask for charts in the
        # order they were queued, so waiting alone would keep this core idle behind the other
        if drawing is None or drawing.cancel():
            return Markup(remembered_svg(chart))
        while not drawing.done() and self._draw_the_last_one_waiting():
            pass
        return Markup(drawing.result())

    def _draw_the_last_one_waiting(self) -> bool:
        """Draw here the last queued chart the other core has not begun; False when there is none."""
        for chart_id in reversed(self._drawings):
            if chart_id not in self._drawn_here and self._drawings[chart_id].cancel():
                self._drawn_here[chart_id] = remembered_svg(self._charts[chart_id])
                return True
        return False

    def __enter__(self) -> ChartDrawings:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
