"""What happens to each entry of an imported list (`Outcome`: imported, a duplicate, skipped or unreadable,
and why), and the report of them all."""

from __future__ import annotations

from dataclasses import dataclass, field

from mmptm_site.data import schema
from mmptm_site.sources.entry_candidate import Candidate
from mmptm_site.sources.entry_text import shorten
from mmptm_site.sources.list_entries import Entry

IMPORTED, DUPLICATE, SKIPPED, UNREADABLE = "imported", "duplicate", "skipped", "unreadable"
EXISTING = "existing"
"""A draft whose file appeared while we worked: never replaced, so not imported."""


@dataclass
class Outcome:
    """What happens to one entry: imported (with its draft), a duplicate, skipped or unreadable, and why."""

    entry: Entry
    status: str
    why: str = ""
    candidate: Candidate | None = None
    draft: schema.ModelDraft | None = None
    record: str | None = None  # for a duplicate of a catalogued record: its id

    @property
    def title(self) -> str:
        return self.candidate.title if self.candidate and self.candidate.title else self.entry.raw


def _line_ranges(lines: list[int]) -> str:
    """'12–14, 20' for lines 12, 13, 14 and 20."""
    ranges: list[list[int]] = []
    for line in sorted(lines):
        if ranges and line == ranges[-1][1] + 1:
            ranges[-1][1] = line
        else:
            ranges.append([line, line])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)


@dataclass
class ImportReport:
    """What happened to every entry of one input file."""

    outcomes: list[Outcome] = field(default_factory=list)
    source: str = ""
    dry_run: bool = False

    def _with(self, status: str) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == status]

    @property
    def imported(self) -> list[tuple[str, int]]:
        return [(o.draft.id, o.entry.line) for o in self._with(IMPORTED) if o.draft]

    @property
    def duplicates(self) -> list[tuple[int, str, str]]:
        return [(o.entry.line, o.title, o.why) for o in self._with(DUPLICATE)]

    @property
    def skipped(self) -> list[tuple[int, str, str]]:
        return [(o.entry.line, o.title, o.why) for o in self._with(SKIPPED)]

    @property
    def unreadable(self) -> list[tuple[int, str, str]]:
        return [(o.entry.line, o.entry.raw, o.why) for o in self._with(UNREADABLE)]

    @property
    def existing(self) -> list[tuple[int, str]]:
        return [(o.entry.line, o.why) for o in self._with(EXISTING)]

    @property
    def total(self) -> int:
        return len(self.outcomes)

    def summary(self) -> str:
        """Counts first, then each entry that was not imported, at its line and why, so nothing goes unnoticed."""
        written = "would be written (dry run: nothing written)" if self.dry_run else "written"
        lines = [f"{self.source}: {self.total} entries (list items, table rows and one-paper paragraphs)"]
        lines += [f"  imported:   {len(self.imported)} drafts {written}", f"  duplicates: {len(self.duplicates)}"]
        lines += [f"  skipped:    {len(self.skipped)} (not models, or outside --section: why below)"]
        lines += [f"  unreadable: {len(self.unreadable)}"]
        if self.existing:
            lines.append(f"  not written (file appeared meanwhile): {len(self.existing)}")
        if self.duplicates:
            lines.append("Duplicates (not imported):")
            lines += [f"  line {line}: {shorten(title)} — {why}" for line, title, why in self.duplicates]
        if self.skipped:
            lines.append("Skipped (not imported):")
            groups: dict[str, list[int]] = {}
            for line, _, why in self.skipped:
                groups.setdefault(why, []).append(line)
            lines += [f"  {why}: {len(found)}, line(s) {_line_ranges(found)}" for why, found in groups.items()]
        if self.unreadable:
            lines.append("Unreadable (not imported):")
            lines += [f"  line {line}: {shorten(text)} — {why}" for line, text, why in self.unreadable]
        if self.existing:
            lines.append("Not imported: a file of the draft's name appeared meanwhile (it was left as it is):")
            lines += [f"  line {line}: {why}" for line, why in self.existing]
        return "\n".join(lines)
