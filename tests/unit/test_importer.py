"""The Markdown paper-list importer: each shape of list, venues, duplicates, ids, dry runs, and the real list."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from mmptm_site import schema, validate
from mmptm_site.importer import ImportReport, MarkdownImportError, import_markdown

from ..conftest import REAL_DATA, SHARED

PAPER_LIST = SHARED / "upstream-list" / "paperList.md"


def _import(tmp_path: Path, data_dir: Path, text: str, *, dry_run: bool = False) -> ImportReport:
    source = tmp_path / "list.md"
    source.write_text(text, encoding="utf-8")
    return import_markdown(source, data_dir, dry_run=dry_run)


def _record(data_dir: Path, record_id: str) -> dict:
    return yaml.safe_load((data_dir / "models" / f"{record_id}.yaml").read_text(encoding="utf-8"))


def _problems(data_dir: Path) -> list[str]:
    return [problem.text() for problem in validate.validate(data_dir)[1]]


def _files(data_dir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((data_dir / "models").iterdir())}


@pytest.fixture
def real_vocab_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory with the catalogue's real vocabularies and datasets but no models."""
    target = tmp_path / "real"
    shutil.copytree(REAL_DATA / "vocab", target / "vocab")
    shutil.copytree(REAL_DATA / "datasets", target / "datasets")
    monkeypatch.chdir(tmp_path)
    return target


# --- list shapes ----------------------------------------------------------------------------------


def test_bullets_with_bold_titles_authors_and_link_lines(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
## 2024

* [arXiv:2408.03326] **LLaVA-OneVision: Easy Visual Task Transfer**,
  Bo Li, Yuanhan Zhang, Dong Guo
  [[Paper](https://arxiv.org/abs/2408.03326)]
  [[Code](https://github.com/LLaVA-VL/LLaVA-NeXT)]

- **Pegasus-v1 Technical Report**, Raehyuk Jung and Hyojun Go
  [[Paper](https://example.org/pegasus.pdf)] [[Project](https://example.org/pegasus)]

+ [ICML 2024] **Omega Ray: Another Model**, Ada Byron, Alan Turing
""",
    )
    assert report.imported == [("llava-onevision", 3), ("pegasus-v1-technical-report", 8), ("omega-ray", 11)]
    first = _record(data_dir, "llava-onevision")
    assert first["name"] == "LLaVA-OneVision"
    assert first["title"] == "LLaVA-OneVision: Easy Visual Task Transfer"
    assert first["year"] == 2024
    assert first["authors"] == ["Bo Li", "Yuanhan Zhang", "Dong Guo"]
    assert first["links"] == {
        "arxiv": "2408.03326",
        "code": [{"url": "https://github.com/LLaVA-VL/LLaVA-NeXT", "official": False}],
    }
    assert "venue" not in first  # an arXiv id says nothing about where the paper appeared
    assert first["needs_review"] is True
    assert "Still to fill: venue, modalities" in first["review_note"]
    assert "official: false" in first["review_note"]
    second = _record(data_dir, "pegasus-v1-technical-report")
    assert second["authors"] == ["Raehyuk Jung", "Hyojun Go"]
    assert second["links"] == {"paper": "https://example.org/pegasus.pdf", "project": "https://example.org/pegasus"}
    assert second["year"] == 2024  # from the heading
    third = _record(data_dir, "omega-ray")
    assert third["venue"] == {"id": "icml", "year": 2024}
    assert third["authors"] == ["Ada Byron", "Alan Turing"]
    assert _problems(data_dir) == []


def test_numbered_items_with_linked_bold_titles(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
### Year 2023
1. **[Delta: Numbered Items Work](https://arxiv.org/pdf/2305.01234v2.pdf)**, Ada Byron, ICML 2023
2) [**Epsilon Without Colon**](https://example.org/epsilon) [[Github](https://github.com/x/epsilon)]
""",
    )
    assert [record_id for record_id, _ in report.imported] == ["delta", "epsilon-without-colon"]
    delta = _record(data_dir, "delta")
    assert delta["links"] == {"arxiv": "2305.01234"}
    assert delta["venue"] == {"id": "icml", "year": 2023}
    assert delta["authors"] == ["Ada Byron"]
    epsilon = _record(data_dir, "epsilon-without-colon")
    assert epsilon["name"] == "Epsilon Without Colon"
    assert epsilon["links"]["paper"] == "https://example.org/epsilon"
    assert epsilon["links"]["code"] == [{"url": "https://github.com/x/epsilon", "official": False}]
    assert _problems(data_dir) == []


def test_a_bullet_runs_over_its_continuation_lines(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
## 2022
* **Zeta: Spans Lines**,
  Ada Byron,
  Alan Turing
[[Paper](https://arxiv.org/abs/2201.00003)]

  [[Code](https://github.com/x/zeta)]
* **Eta: Next Item**, [[Paper](https://arxiv.org/abs/2201.00004)]

A paragraph that is no item, with [[Paper](https://arxiv.org/abs/2201.00005)].
""",
    )
    assert report.imported == [("zeta", 2), ("eta", 8)]
    assert report.total == 2
    zeta = _record(data_dir, "zeta")
    assert zeta["authors"] == ["Ada Byron", "Alan Turing"]
    assert zeta["links"] == {
        "arxiv": "2201.00003",
        "code": [{"url": "https://github.com/x/zeta", "official": False}],
    }


def test_tables_with_badges_line_breaks_venue_date_and_code(tmp_path: Path, data_dir: Path) -> None:
    badge = "![Star](https://img.shields.io/github/stars/x/theta.svg?style=social&label=Star)"
    report = _import(
        tmp_path,
        data_dir,
        f"""\
| Title | Venue | Date | Code | Demo |
|:------|:-----:|:----:|:----:|:----:|
| {badge} <br> [**Theta: Badged Title**](https://arxiv.org/pdf/2310.16045.pdf) <br> | arXiv | 2023-10-24 | [Github](https://github.com/x/theta) | [Demo](https://example.org/demo) |
| [Iota: Plain Link](https://example.org/iota.pdf) | NeurIPS | 2023-05 | - | - |
| | | 2023 | | |
""",
    )
    assert report.imported == [("theta", 3), ("iota", 4)]
    assert report.unreadable == [(5, "| | | 2023 | | |")]
    theta = _record(data_dir, "theta")
    assert theta["title"] == "Theta: Badged Title"
    assert theta["year"] == 2023
    assert theta["venue"] == {"id": "arxiv", "year": 2023}  # the venue's year from the date column
    assert theta["links"] == {
        "arxiv": "2310.16045",
        "code": [{"url": "https://github.com/x/theta", "official": False}],
    }
    assert "Links not kept: Demo." in theta["review_note"]
    iota = _record(data_dir, "iota")
    assert "venue" not in iota  # NeurIPS is not in the fixture's vocabulary: noted, never invented
    assert "venue 'NeurIPS' is not in vocab/venues.yaml" in iota["review_note"].replace("Venue", "venue")
    assert iota["links"] == {"paper": "https://example.org/iota.pdf"}
    assert _problems(data_dir) == []


def test_summary_tables_that_give_only_a_model_name(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
### Year 2021
|**NO.** | **Model** | **Publish** | **Modality** | **Code** |
|:---|:---|:---|:---|:---|
|01 |Kappa |ICML-2021 |image-text |[[Code](https://github.com/x/kappa)]
|02 |Alpha |arXiv-2021 |image-text |-
|03 |Lambda |KBS-2020 |image-text |-
""",
    )
    # a name without its paper's title or link is matched against the catalogue, but never drafted:
    # the draft would need an invented title
    assert report.imported == []
    assert report.duplicates == [(5, "Alpha", "same name as alpha (data/models/alpha.yaml)")]
    assert [line for line, _ in report.unreadable] == [4, 6]
    assert not (data_dir / "models" / "kappa.yaml").exists()


@pytest.mark.parametrize(
    ("written", "arxiv_id", "year"),
    [
        ("[arXiv:2408.03326] **Mu: Tagged**", "2408.03326", 2024),
        ("**Mu: Abs Link** [[Paper](https://arxiv.org/abs/2103.00020v2)]", "2103.00020", 2021),
        ("**Mu: Pdf Link** [[Paper](https://arxiv.org/pdf/2103.00020.pdf)]", "2103.00020", 2021),
        ("**Mu: Versioned Pdf** [[Paper](http://arxiv.org/pdf/2103.00020v3.pdf)]", "2103.00020", 2021),
        ("**Mu: Bare Pdf** [[Paper](https://arxiv.org/pdf/2409.18869)]", "2409.18869", 2024),
        ("**Mu: Inline**, arXiv:2404.14687, Ada Byron", "2404.14687", 2024),
        ("**Mu: Bare URL**,\n  https://arxiv.org/abs/2408.04840", "2408.04840", 2024),
        ("**Mu: Old Style** [[Paper](https://arxiv.org/abs/cs/0112017)]", "cs/0112017", 2001),
    ],
)
def test_arxiv_ids_in_every_form_give_the_id_and_the_year(
    tmp_path: Path, data_dir: Path, written: str, arxiv_id: str, year: int
) -> None:
    report = _import(tmp_path, data_dir, f"* {written}\n")
    assert report.imported == [("mu", 1)]
    record = _record(data_dir, "mu")
    assert (record["links"]["arxiv"], record["year"]) == (arxiv_id, year)
    assert _problems(data_dir) == []


def test_the_title_link_gives_the_arxiv_id_when_an_item_names_several(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
- [CoCa: Contrastive Captioners](https://arxiv.org/abs/2205.01917), Jiahui Yu, Zirui Wang
  - see also [[Paper](https://arxiv.org/abs/2205.99999)]
""",
    )
    assert report.imported == [("coca", 1)]
    coca = _record(data_dir, "coca")
    assert (coca["links"], coca["year"]) == ({"arxiv": "2205.01917"}, 2022)
    assert "Several arXiv ids in the item (2205.01917, 2205.99999); kept the first." in coca["review_note"]


def test_code_blocks_rules_and_paragraphs_are_not_items(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
## 2024
```
* **Not: An Item In Code**
```
* * *
---
Some **Bold: Paragraph** text.
""",
    )
    assert report.total == 0


def test_headings_give_the_year_until_a_heading_of_their_level_without_one(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
# Papers
## 2023
* **Nu: In 2023**
### Image-text
* **Xi: Still 2023 Under A Subheading**
## Year 2022 and Before
* **Omicron: In 2022**
## Datasets
* **Pi: No Year Here**
* [NeurIPS 2021] **Rho: Its Tag Gives The Year**
""",
    )
    years = {record_id: _record(data_dir, record_id)["year"] for record_id, _ in report.imported}
    assert years == {"nu": 2023, "xi": 2023, "omicron": 2022, "rho": 2021}
    assert report.unreadable == [(9, "* **Pi: No Year Here**")]
    assert "Venue 'NeurIPS 2021' is not in vocab/venues.yaml" in _record(data_dir, "rho")["review_note"]


def test_author_lists_in_bibtex_scholar_and_unseparated_forms(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
## 2023
* **Vid2Seq: BibTeX Authors**, ICML 2023, Yang, Antoine and Nagrani, Arsha and Seo, Paul Hongsuck,
* Song, Shezheng, et al. "**Scholar Style: First Author Only.**" arXiv preprint arXiv:2301.00009 (2023).
* **Flava: Unseparated**, Amanpreet Singh* Ronghang Hu* Vedanuj Goswami* Douwe Kiela, ICML 2023
* **Medk: Affiliation Marks**, Chaoyi Wu1,2, Xiaoman Zhang1,2, Weidi Xie, Emu3 Team
""",
    )
    assert len(report.imported) == 4
    assert _record(data_dir, "vid2seq")["authors"] == ["Antoine Yang", "Arsha Nagrani", "Paul Hongsuck Seo"]
    scholar = _record(data_dir, "scholar-style")
    assert scholar["authors"] == ["Shezheng Song"]
    assert scholar["venue"] == {"id": "arxiv", "year": 2023}
    assert "first authors (et al.)" in scholar["review_note"]
    flava = _record(data_dir, "flava")
    assert "authors" not in flava
    assert "Could not split the author list" in flava["review_note"]
    medk = _record(data_dir, "medk")
    assert medk["authors"] == ["Chaoyi Wu", "Xiaoman Zhang", "Weidi Xie"]
    assert "Not read as an author: 'Emu3 Team'." in medk["review_note"]
    assert _problems(data_dir) == []


def test_venue_names_aliases_and_full_names_of_the_real_vocabulary(tmp_path: Path, real_vocab_dir: Path) -> None:
    report = _import(
        tmp_path,
        real_vocab_dir,
        """\
## 2025
* [NIPS 2024] **Vitron: Alias** [[Paper](https://arxiv.org/abs/2412.19806)]
* **Flava: Underscore**, Ada Byron, CVPR_2022 [[Paper](https://example.org/flava.pdf)]
* Song, Shezheng, et al. "**How to Bridge: Full Name.**" IEEE Transactions on Knowledge and Data Engineering (2025).
* **Mir: A Name Is No Venue**, Mir Rayat, Ada Byron [[Paper](https://example.org/mir.pdf)]
* **Shu: Workshop**, Xiujun Shu, ECCVW-2022 [[Paper](https://arxiv.org/abs/2208.08608)]
""",
    )
    venues = {record_id: _record(real_vocab_dir, record_id).get("venue") for record_id, _ in report.imported}
    assert venues == {
        "vitron": {"id": "neurips", "year": 2024},
        "flava": {"id": "cvpr", "year": 2022},
        "how-to-bridge": {"id": "tkde", "year": 2025},
        "mir": None,
        "shu": None,
    }
    assert _record(real_vocab_dir, "mir")["authors"] == ["Mir Rayat", "Ada Byron"]
    assert "Venue 'ECCVW-2022' is not in vocab/venues.yaml." in _record(real_vocab_dir, "shu")["review_note"]
    assert _problems(real_vocab_dir) == []


# --- duplicates, ids, dry runs, bad input ---------------------------------------------------------

DUPLICATES = """\
## 2024
* **Alpha Again: Other Words** [[Paper](https://arxiv.org/abs/2101.00001)]
* **Beta: A Single-stream Test Model** [[Paper](https://example.org/beta)]
* **Sigma: First** [[Paper](https://arxiv.org/abs/2401.00007)]
* **Sigma: Second Copy** [[Paper](https://arxiv.org/pdf/2401.00007v2.pdf)]
* **sigma -- first**
* **Tau: By DOI** [[Paper](https://doi.org/10.1000/xyz123)]
* **Tau: By DOI Again** [[DOI](https://doi.org/10.1000/XYZ123)]
"""


def test_duplicates_of_existing_records_and_within_the_list_are_reported_not_written(
    tmp_path: Path, data_dir: Path
) -> None:
    before = _files(data_dir)
    report = _import(tmp_path, data_dir, DUPLICATES)
    assert report.imported == [("sigma", 4), ("tau", 7)]
    assert report.duplicates == [
        (2, "Alpha Again: Other Words", "same arXiv id as alpha (data/models/alpha.yaml)"),
        (3, "Beta: A Single-stream Test Model", "same title as beta (data/models/beta.yaml)"),
        (5, "Sigma: Second Copy", "same arXiv id as line 4"),
        (6, "sigma -- first", "same title as line 4"),
        (8, "Tau: By DOI Again", "same DOI as line 7"),
    ]
    after = _files(data_dir)
    assert {name: after[name] for name in before} == before  # existing records untouched
    assert set(after) - set(before) == {"sigma.yaml", "tau.yaml"}
    assert _record(data_dir, "tau")["links"] == {"doi": "10.1000/xyz123"}
    assert _problems(data_dir) == []


def test_a_dry_run_writes_nothing_and_reports_the_same(tmp_path: Path, data_dir: Path) -> None:
    before = _files(data_dir)
    dry = _import(tmp_path, data_dir, DUPLICATES, dry_run=True)
    assert _files(data_dir) == before
    assert "dry run: nothing written" in dry.summary()
    real = _import(tmp_path, data_dir, DUPLICATES)
    assert (dry.imported, dry.duplicates, dry.unreadable) == (real.imported, real.duplicates, real.unreadable)


def test_ids_are_unique_among_existing_ids_former_ids_and_new_drafts(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
## 2024
* **Alpha: A Different Paper Named Alpha** [[Paper](https://arxiv.org/abs/2402.00001)]
* **Alpha: Yet Another** [[Paper](https://arxiv.org/abs/2402.00002)]
* **Beta-Old: Takes A Former Id** [[Paper](https://arxiv.org/abs/2402.00003)]
* **Ünïcode Módel: Accents** [[Paper](https://arxiv.org/abs/2402.00004)]
* **A Very Long Title Without Any Colon That Would Make A Very Long Identifier Indeed**
""",
    )
    ids = [record_id for record_id, _ in report.imported]
    assert ids == [
        "alpha-2",
        "alpha-3",
        "beta-old-2",
        "unicode-model",
        "a-very-long-title-without-any-colon-that-would",
    ]
    assert all(re.fullmatch(schema.ID_PATTERN, record_id) and len(record_id) <= 48 for record_id in ids)
    assert _problems(data_dir) == []


def test_the_summary_accounts_for_every_item(tmp_path: Path, data_dir: Path) -> None:
    report = _import(tmp_path, data_dir, DUPLICATES + "* just words\n* \n")
    assert report.total == 9
    assert report.unreadable == [(9, "* just words"), (10, "*")]
    summary = report.summary()
    assert "9 items (list items and table rows)" in summary
    assert "imported:   2 drafts written" in summary
    assert "duplicates: 5" in summary
    assert "unreadable: 2" in summary
    assert "line 5: Sigma: Second Copy — same arXiv id as line 4" in summary
    assert "line 9: * just words" in summary


def test_unreadable_input_raises_a_clear_error(tmp_path: Path, data_dir: Path) -> None:
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("* **Caf\u00e9: Latin-1**\n".encode("latin-1"))
    with pytest.raises(MarkdownImportError, match="is not UTF-8 text"):
        import_markdown(latin1, data_dir)
    with pytest.raises(MarkdownImportError, match="cannot read"):
        import_markdown(tmp_path / "missing.md", data_dir)
    with pytest.raises(MarkdownImportError, match="cannot read"):
        import_markdown(tmp_path, data_dir)
    readable = tmp_path / "readable.md"
    readable.write_text("* **Readable: Fine**\n", encoding="utf-8")
    with pytest.raises(MarkdownImportError, match="no data directory"):
        import_markdown(readable, tmp_path / "nowhere")
    assert not (data_dir / "models" / "cafe.yaml").exists()


# --- the real upstream list -----------------------------------------------------------------------


def _bullet_blocks(lines: list[str]) -> dict[int, str]:
    """Each top-level bullet's line number → its text up to the next bullet, heading, table or paragraph."""
    blocks: dict[int, str] = {}
    current = None
    for number, line in enumerate(lines, 1):
        if re.match(r"^ ?([*+-]|\d+[.)])\s", line):
            current = number
            blocks[current] = line
        elif line.startswith(("#", "|")):
            current = None
        elif current is not None:
            blocks[current] += "\n" + line
    return blocks


@pytest.mark.skipif(not PAPER_LIST.is_file(), reason="the upstream paperList.md is not in /work/shared")
def test_the_upstream_paper_list_imports_into_valid_drafts(tmp_path: Path, real_vocab_dir: Path) -> None:
    report = import_markdown(PAPER_LIST, real_vocab_dir)
    print(report.summary())
    assert _problems(real_vocab_dir) == []

    lines = PAPER_LIST.read_text(encoding="utf-8").splitlines()
    blocks = _bullet_blocks(lines)
    pipes = sum(1 for line in lines if line.lstrip().startswith("|"))
    delimiters = sum(1 for line in lines if re.fullmatch(r"\s*\|[\s:|-]*-[\s:|-]*", line))
    assert report.total == len(blocks) + pipes - 2 * delimiters  # every bullet and every data row

    imported = {line: record_id for record_id, line in report.imported}
    duplicates = {line: why for line, _, why in report.duplicates}
    with_paper = {n: b for n, b in blocks.items() if re.search(r"\[\[?(Paper|arXiv)\]?\]?\(https?://", b, re.I)}
    assert with_paper
    for number, block in with_paper.items():
        assert number in imported or duplicates[number].startswith("same arXiv id as line"), block
        arxiv = re.search(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", block)
        if number in imported and arxiv:
            assert _record(real_vocab_dir, imported[number])["links"]["arxiv"] == arxiv.group(1), block
