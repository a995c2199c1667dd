"""import_report: the summary of an import, each entry counted once."""

from __future__ import annotations

from mmptm_site.sources.import_report import EXISTING, ImportReport, Outcome
from mmptm_site.sources.list_entries import Entry


def _entry(line: int, raw: str) -> Entry:
    return Entry(line=line, shape="list item", raw=raw, headings=())


def test_a_draft_whose_file_appeared_meanwhile_is_counted_once() -> None:
    report = ImportReport(
        [Outcome(_entry(4, "- BLIP"), EXISTING, "data/models/blip.yaml exists; nothing was written")],
        source="list.md",
    )
    assert report.summary().splitlines() == [
        "list.md: 1 entries (list items, table rows and one-paper paragraphs)",
        "  imported:   0 drafts written",
        "  duplicates: 0",
        "  skipped:    0 (not models, or outside --section: why below)",
        "  unreadable: 0",
        "  not written (file appeared meanwhile): 1",
        "Not imported: a file of the draft's name appeared meanwhile (it was left as it is):",
        "  line 4: data/models/blip.yaml exists; nothing was written",
    ]
