"""`import` and `coverage` on real paper lists: every entry GitHub renders is accounted for, none is lost,
and no dataset, benchmark or survey becomes a model.

The lists are excerpts committed in tests/fixtures/lists/ (see its README for sources and licences); where
the survey's full upstream list is beside the project (../shared), it is checked the same way.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mmptm_site.data import validate
from mmptm_site.sources.coverage import coverage
from mmptm_site.sources.entry_kinds import title_kind
from mmptm_site.sources.entry_text import is_link_label
from mmptm_site.sources.import_report import IMPORTED, ImportReport
from mmptm_site.sources.importer import import_markdown

from ..conftest import REAL_DATA, SHARED

LISTS = Path(__file__).resolve().parent.parent / "fixtures" / "lists"
FIXTURES = sorted(LISTS.glob("*.md"))
FIXTURES = [path for path in FIXTURES if path.name != "README.md"]
UPSTREAM = SHARED / "upstream-list" / "paperList.md"
REAL_LISTS = FIXTURES + ([UPSTREAM] if UPSTREAM.is_file() else [])


def rendered_entries(text: str) -> list[int]:
    """The first lines of the list items, table body rows and one-paper paragraphs GitHub renders, counted
    from markdown-it's tokens on their own (not through the importer)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    found, items, quotes, body = [], 0, 0, False
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            found.append(token.map[0] + 1)
            items += 1
        elif token.type == "list_item_close":
            items -= 1
        elif token.type in ("blockquote_open", "blockquote_close"):
            quotes += 1 if token.type == "blockquote_open" else -1
        elif token.type in ("tbody_open", "tbody_close"):
            body = token.type == "tbody_open"
        elif token.type == "tr_open" and body:
            found.append(token.map[0] + 1)
        elif token.type == "paragraph_open" and not items and not quotes:
            content = tokens[index + 1].content
            if re.match(r"(\*\*[^*\n]+\*\*)?[\s:,\[]*\[[^!\]\[][^\]]*\]\(https?://", content):
                found.append(token.map[0] + 1)
    return sorted(found)


def _report(source: Path, data_dir: Path, **options) -> ImportReport:
    return import_markdown(source, data_dir, **options)


@pytest.mark.parametrize("source", REAL_LISTS, ids=lambda path: path.name)
def test_every_rendered_entry_is_accounted_for(source: Path, real_vocab_dir: Path) -> None:
    report = _report(source, real_vocab_dir, dry_run=True)
    counted = len(report.imported) + len(report.duplicates) + len(report.skipped) + len(report.unreadable)
    expected = rendered_entries(source.read_text(encoding="utf-8"))
    assert counted == report.total == len(expected)
    assert sorted(outcome.entry.line for outcome in report.outcomes) == expected  # none lost, none invented
    summary = report.summary()
    for line, _, _ in report.duplicates + report.unreadable:
        assert f"line {line}: " in summary


@pytest.mark.parametrize("source", REAL_LISTS, ids=lambda path: path.name)
def test_drafts_are_models_with_clean_names_and_validate(source: Path, real_vocab_dir: Path) -> None:
    report = _report(source, real_vocab_dir)
    assert report.imported
    assert validate.validate(real_vocab_dir)[1] == []  # every draft validates
    for outcome in report.outcomes:
        if outcome.status != IMPORTED:
            continue
        draft = outcome.draft
        assert outcome.entry.kind is None, (outcome.entry.line, outcome.entry.kind)
        assert title_kind(draft.title) is None, draft.title
        for text in (draft.name, draft.title):
            assert not any(unicodedata.category(char) == "So" for char in text), text
            assert not is_link_label(text), text
        assert not re.match(r"(hello|introducing)\b|the .* herd\b", draft.name, re.I), draft.name
        if draft.links and draft.links.paper:
            assert "/datasets/" not in draft.links.paper


def test_the_mllm_list_keeps_its_rows_and_skips_its_datasets(real_vocab_dir: Path) -> None:
    report = _report(LISTS / "awesome-mllm.md", real_vocab_dir)
    drafted = {outcome.draft.name: outcome.draft for outcome in report.outcomes if outcome.draft}
    # after the row without its leading `|`, nothing is lost
    for name in ("Pink", "Qwen-VL", "InstructBLIP", "Video-LLaMA", "LISA", "LLaMA-Adapter V2", "InternLM-XComposer"):
        assert name in drafted, name
    assert drafted["Pink"].links.arxiv == "2310.00582"
    assert "Sparkles" in drafted and drafted["Sparkles"].title.startswith("Sparkles: Unlocking")
    assert {"GPT-5", "Llama 4", "GPT-4o", "Yi-VL"} <= set(drafted)
    named_for_review = [d for d in drafted.values() if "The list names no model" in (d.review_note or "")]
    assert {d.title for d in named_for_review} >= {"Improved Baselines with Visual Instruction Tuning"}
    datasets = {"VSDial-CN", "MGVLID", "PF-1M", "MULTIS", "I4", "M3IT", "AISHELL-1", "AISHELL-2", "ShareGPT4Video"}
    assert not datasets & set(drafted)
    assert not any("AISHELL" in draft.title for draft in drafted.values())
    skipped = {why.split(":")[0] for _, _, why in report.skipped}
    assert skipped == {
        "surveys",
        "links to headings (a table of contents)",
        "hallucination",
        "evaluation",
        "datasets",
        "benchmarks",
    }


CATALOGUED = {  # id: (name, title, arXiv id), as in data/models/
    "qwen-vl": ("Qwen-VL", "Qwen-VL: A Versatile Vision-Language Model", "2308.12966"),
    "instructblip": ("InstructBLIP", "InstructBLIP: Towards General-purpose Vision-Language Models", "2305.06500"),
    "llava-1-5": ("LLaVA-1.5", "Improved Baselines with Visual Instruction Tuning", "2310.03744"),
    "yi-vl": ("Yi-VL", "Yi: Open Foundation Models by 01.AI", "2403.04652"),
    "gpt-4o": ("GPT-4o", "GPT-4o System Card", "2410.21276"),
    "llama-3-2-vision": ("Llama 3.2 Vision", "The Llama 3 Herd of Models", "2407.21783"),
}


def test_coverage_shows_what_the_list_has_that_the_catalogue_lacks(real_vocab_dir: Path) -> None:
    for record_id, (name, title, arxiv_id) in CATALOGUED.items():
        (real_vocab_dir / "models" / f"{record_id}.yaml").write_text(
            f"id: {record_id}\nname: {name}\ntitle: '{title}'\nyear: 2024\nlinks: {{arxiv: '{arxiv_id}'}}\n"
            "needs_review: true\nreview_note: Test record.\n",
            encoding="utf-8",
        )
    assert validate.validate(real_vocab_dir)[1] == []
    report = coverage(LISTS / "awesome-mllm.md", real_vocab_dir)
    shares = {section.heading: (len(section.present), len(section.missing)) for section in report.sections}
    assert shares == {"Multimodal Instruction Tuning (& Latest Works)": (4, 16), "Foundation Models": (2, 0)}
    text = report.text()
    assert "22 papers read as models, 6 of them in the catalogue (27%), 16 not" in text
    assert "Foundation Models                                  2 / 2    100%  (line 55)" in text
    assert (
        "line 35: Pink: Unveiling the Power of Referential Comprehension for Multi-modal LLMs — arXiv 2310.00582"
        in text
    )
    assert "Qwen-VL" not in text.split("Not in the catalogue:")[1]


def test_the_catalogue_has_the_surveys_own_list() -> None:
    # Issue 22 asks for 85-90% of each source list; the survey's list is the one every checkout can reach.
    if not UPSTREAM.is_file():
        pytest.skip(f"{UPSTREAM} is not beside the project")
    report = coverage(UPSTREAM, REAL_DATA)
    present = sum(len(section.present) for section in report.sections)
    missing = sum(len(section.missing) for section in report.sections)
    assert present / (present + missing) >= 0.9, report.text()
