"""The catalogue stage: the validated data with its indexes, leaderboards and the figures drawn from them.

It knows nothing of Jinja2 or mkdocs: pages and exports ask it; it asks the data stage."""

from __future__ import annotations

from mmptm_site.catalog.catalog import FACETS, Catalog
from mmptm_site.catalog.leaderboards import (
    BoardEntry,
    BoardKey,
    Leaderboard,
    ResultRow,
    default_board,
    leaderboards_of,
    rank_entries,
)

__all__ = [
    "FACETS",
    "BoardEntry",
    "BoardKey",
    "Catalog",
    "Leaderboard",
    "ResultRow",
    "default_board",
    "leaderboards_of",
    "rank_entries",
]
