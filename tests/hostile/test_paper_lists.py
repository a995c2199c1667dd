"""Broken and hostile paper lists for `import` and `coverage`: a report or a clear error, never a traceback,
and every entry still accounted for. See docs/security.md ("Nothing is lost")."""

from __future__ import annotations

from pathlib import Path

import pytest

from mmptm_site.cli import main
from mmptm_site.sources.importer import MAX_INPUT_BYTES, import_markdown

from ..integration.test_import_real_lists import rendered_entries

HOSTILE = {
    "deeply nested lists": "".join("  " * depth + "- **Deep: Item**\n" for depth in range(400)),
    "deeply nested quotes": ">" * 400 + " * [Quoted: Title](https://arxiv.org/abs/2101.00009)\n",
    "a row of many cells": "| Title | Date |\n|---|---|\n" + "| x " * 5000 + "|\n",
    "unbalanced brackets": "* " + "[" * 3000 + "**Brackets: Title** " + "](" * 3000 + "\n",
    "rows without pipes": "| Title | Date |\n|---|---|\n" + "[**Rho: Row**](https://example.org) | 2023\n" * 50,
    "html and fences": "<table><tr><td>- not an item</td></tr></table>\n\n```\n* not an item\n```\n<!-- * no -->\n",
    "empty items and cells": "*\n-\n1.\n| |\n|-|\n| |\n",
    "paragraphs that open with links": "**Bold: Title**  [[Paper](https://arxiv.org/abs/2304.00685)]\n\n"
    "[![badge](https://img.shields.io/x.svg)](https://arxiv.org/abs/2304.00685)\n\nSee [this](https://x.org).\n",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_lists_give_a_full_account(text: str, data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "list.md"
    source.write_text(text, encoding="utf-8")
    report = import_markdown(source, data_dir, dry_run=True)
    assert sorted(outcome.entry.line for outcome in report.outcomes) == rendered_entries(text)
    assert report.summary()


def test_an_oversized_or_undecodable_list_is_refused_with_exit_1(data_dir: Path, tmp_path: Path, capsys) -> None:
    large = tmp_path / "large.md"
    large.write_bytes(b"* x\n" * (MAX_INPUT_BYTES // 4 + 1))
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"* \xff\xfe **Title: X**\n")
    for path in (large, binary):
        for command in ("import", "coverage"):
            assert main([command, str(path)]) == 1
    err = capsys.readouterr().err
    assert "larger than 10 MB, so not a paper list" in err
    assert "is not UTF-8 text (byte 2 is 0xff); save it as UTF-8" in err
