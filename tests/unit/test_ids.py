"""ids: one id from one name, whichever command makes it (`new`, `import`, `discover`)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from mmptm_site.cli import main
from mmptm_site.data import schema
from mmptm_site.data.ids import MAX_ID_LENGTH, id_from_name
from mmptm_site.sources.arxiv import ArxivPaper
from mmptm_site.sources.discover import draft_id
from mmptm_site.sources.importer import import_markdown


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ünïcode Módel", "unicode-model"),
        ("✨Sparkles", "sparkles"),
        ("GPT-4o", "gpt-4o"),
        ("Llama 3.2", "llama-3-2"),
        ("Qwen2.5-VL", "qwen2-5-vl"),
        ("xGen-MM (BLIP-3)", "xgen-mm-blip-3"),
        ("  --  ", ""),
    ],
)
def test_names_become_readable_ascii_ids(name: str, expected: str) -> None:
    assert id_from_name(name) == expected
    assert expected == "" or re.fullmatch(schema.ID_PATTERN, expected)


def test_a_long_name_is_cut_at_a_hyphen() -> None:
    record_id = id_from_name("A Very Long Title Without Any Colon That Would Make A Very Long Identifier Indeed")
    assert record_id == "a-very-long-title-without-any-colon-that-would"
    assert len(record_id) <= MAX_ID_LENGTH


def test_new_import_and_discover_give_one_name_one_id(data_dir: Path, tmp_path: Path, capsys) -> None:
    """Regression: `new` and `discover` made 'n-code-m-del' of 'Ünïcode Módel', `import` made 'unicode-model'."""
    assert main(["new", "Ünïcode Módel"]) == 0
    made_by_new = yaml.safe_load((data_dir / "models" / "unicode-model.yaml").read_text(encoding="utf-8"))
    assert made_by_new["id"] == "unicode-model"

    paper = ArxivPaper("2402.00004", "Ünïcode Módel: Accents", ["Ada Byron"], dt.date(2024, 2, 1), "", ["cs.CV"])
    assert draft_id(paper, taken=set()) == "unicode-model"

    listing = tmp_path / "list.md"
    listing.write_text("* [Ünïcode Módel] **Accents In A Title** [[Paper](https://arxiv.org/abs/2402.00005)]\n")
    (data_dir / "models" / "unicode-model.yaml").unlink()
    report = import_markdown(listing, data_dir, dry_run=True)
    assert report.imported == [("unicode-model", 1)]
