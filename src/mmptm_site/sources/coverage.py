"""Which papers of a Markdown list the catalogue has, and which it lacks: `mmptm-site coverage LIST.md`.

A maintainer who knows a list wants to see at once what it has that the catalogue does not, section by
section. This reads the list exactly as `import` does (same entries, same sections skipped, same matching)
and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mmptm_site.data.problems import display_path
from mmptm_site.sources import import_report, importer
from mmptm_site.sources.entry_text import shorten


@dataclass
class SectionCoverage:
    heading: str
    line: int
    present: list[import_report.Outcome] = field(default_factory=list)
    missing: list[import_report.Outcome] = field(default_factory=list)

    @property
    def share(self) -> float:
        read = len(self.present) + len(self.missing)
        return len(self.present) / read if read else 0.0


@dataclass
class CoverageReport:
    source: str
    outcomes: list[import_report.Outcome]

    @property
    def sections(self) -> list[SectionCoverage]:
        """Sections in the list's order, each with its papers in the catalogue and those missing.

        A paper the list repeats counts once, where it first stands; entries skipped or unreadable are in
        no share (the summary counts them).
        """
        found: dict[tuple[str, int], SectionCoverage] = {}
        for outcome in self.outcomes:
            entry = outcome.entry
            section = found.setdefault(
                (entry.section, entry.section_line), SectionCoverage(entry.section, entry.section_line)
            )
            if outcome.status == import_report.DUPLICATE and outcome.record:
                section.present.append(outcome)
            elif outcome.status == import_report.IMPORTED or _missing_name_only(outcome):
                section.missing.append(outcome)
        return [section for section in found.values() if section.present or section.missing]

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    def text(self) -> str:
        sections = self.sections
        repeats = sum(1 for o in self.outcomes if o.status == import_report.DUPLICATE and not o.record)
        present = sum(len(section.present) for section in sections)
        missing = sum(len(section.missing) for section in sections)
        read = present + missing
        share = f"{present / read:.0%}" if read else "–"
        lines = [
            f"{self.source}: {len(self.outcomes)} entries; {read} papers read as models, {present} of them in the "
            f"catalogue ({share}), {missing} not",
            f"  not counted: {self.count(import_report.SKIPPED)} skipped (sections and titles that are not models), "
            f"{self.count(import_report.UNREADABLE)} unreadable, {repeats} repeated within the list",
            "",
            "Per section (in the catalogue / papers read):",
        ]
        width = max((len(shorten(s.heading, 60)) for s in sections), default=0)
        for section in sections:
            total = len(section.present) + len(section.missing)
            heading = shorten(section.heading, 60).ljust(width)
            lines.append(
                f"  {heading}  {len(section.present):>4} / {total:<4} {section.share:>4.0%}  (line {section.line})"
            )
        if missing:
            lines += ["", "Not in the catalogue:"]
            for section in sections:
                for outcome in section.missing:
                    arxiv = _arxiv(outcome)
                    lines.append(f"  line {outcome.entry.line}: {shorten(outcome.title, 90)} — {arxiv}")
        return "\n".join(lines) + "\n"


def _missing_name_only(outcome: import_report.Outcome) -> bool:
    """A model the list names without its paper, and the catalogue lacks: missing, though `import` cannot draft it."""
    return outcome.status == import_report.UNREADABLE and bool(outcome.candidate and outcome.candidate.name_only)


def _arxiv(outcome: import_report.Outcome) -> str:
    candidate = outcome.candidate
    if candidate and candidate.arxiv:
        return f"arXiv {candidate.arxiv[0]}"
    return "no arXiv id in the list"


def coverage(source: Path, data_dir: Path, sections: Iterable[str] = ()) -> CoverageReport:
    """How much of the list `source` the catalogue in `data_dir` has; raises importer.MarkdownImportError."""
    text = importer.read_list(source)
    data, taken = importer.load_catalogue(data_dir)
    return CoverageReport(display_path(source), importer.plan(text, data, source.name, sections, taken))
