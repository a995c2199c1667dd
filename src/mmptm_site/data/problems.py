"""Problems found in the data, each at a file, line and column, and the ways of printing them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

Loc = tuple[str | int, ...]
"""A path into a record: ('links', 'code', 0, 'url')."""


def format_loc(loc: Loc) -> str:
    """('results', 2, 'metric') → 'results[2].metric'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def display_path(path: Path) -> str:
    """A path relative to the current directory, as editors and terminals link it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file. Line and column are 1-based; `field` is '' for the whole file."""

    path: Path
    line: int
    column: int
    field: str
    message: str

    def display_path(self) -> str:
        return display_path(self.path)

    def text(self) -> str:
        where = f"{self.display_path()}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions annotation, so the problem shows on the offending line of a pull request."""
        message = f"{self.field}: {self.message}" if self.field else self.message
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.display_path().replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},col={self.column}::{message}"


class DataError(Exception):
    """Raised by a step that cannot go on; carries every problem it found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data")


def summary_line(problems: list[Problem], files_checked: int) -> str:
    files = len({p.path for p in problems})
    if not problems:
        return f"{files_checked} files checked, no problems"
    return f"{len(problems)} problem(s) in {files} of {files_checked} files"
