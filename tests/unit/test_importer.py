"""The Markdown paper-list importer: each shape of list, venues, duplicates, names, ids, sections, dry runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from mmptm_site.data import schema, validate
from mmptm_site.sources.import_report import ImportReport
from mmptm_site.sources.importer import MarkdownImportError, UnknownSectionError, import_markdown


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
    # 'Technical Report' is no part of a name; 'Omega Ray' is two plain words, so no name: the title stands in
    assert report.imported == [("llava-onevision", 3), ("pegasus-v1", 8), ("omega-ray-another-model", 11)]
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
    second = _record(data_dir, "pegasus-v1")
    assert (second["name"], second["title"]) == ("Pegasus-v1", "Pegasus-v1 Technical Report")
    assert second["authors"] == ["Raehyuk Jung", "Hyojun Go"]
    assert second["links"] == {"paper": "https://example.org/pegasus.pdf", "project": "https://example.org/pegasus"}
    assert second["year"] == 2024  # from the heading
    third = _record(data_dir, "omega-ray-another-model")
    assert third["name"] == "Omega Ray: Another Model"
    assert "The list names no model: `name` is the paper's title for now" in third["review_note"]
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
    assert report.unreadable == [(5, "| | | 2023 | | |", "no title (only link labels, badges or nothing)")]
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
    assert [(line, why) for line, _, why in report.unreadable] == [
        (4, "only a model name, without its paper's title"),
        (6, "only a model name, without its paper's title"),
    ]
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


def test_a_nested_item_is_its_own_entry(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
- [CoCa: Contrastive Captioners](https://arxiv.org/abs/2205.01917), Jiahui Yu, Zirui Wang
  - see also [[Paper](https://arxiv.org/abs/2205.99999)]
""",
    )
    # the nested item is an entry of its own (GitHub renders it as a list item): a remark, not a paper
    assert report.imported == [("coca", 1)]
    assert report.unreadable == [
        (2, "- see also [[Paper](https://arxiv.org/abs/2205.99999)]", "no title (only link labels, badges or nothing)")
    ]
    coca = _record(data_dir, "coca")
    assert (coca["links"], coca["year"]) == ({"arxiv": "2205.01917"}, 2022)


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
## Misc
* **Pi: No Year Here**
* [NeurIPS 2021] **Rho: Its Tag Gives The Year**
""",
    )
    years = {record_id: _record(data_dir, record_id)["year"] for record_id, _ in report.imported}
    assert years == {"nu": 2023, "xi": 2023, "omicron": 2022, "rho": 2021}
    assert report.unreadable == [(9, "* **Pi: No Year Here**", "no year in the entry, its arXiv id or its headings")]
    assert "Venue 'NeurIPS 2021' is not in vocab/venues.yaml" in _record(data_dir, "rho")["review_note"]


def test_author_lists_in_bibtex_scholar_and_unseparated_forms(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
## 2023
* **Vid2Seq: BibTeX Authors**, ICML 2023, Yang, Antoine and Nagrani, Arsha and Seo, Paul Hongsuck,
* Song, Shezheng, et al. "**ScholarStyle: First Author Only.**" arXiv preprint arXiv:2301.00009 (2023).
* **Flava: Unseparated**, Amanpreet Singh* Ronghang Hu* Vedanuj Goswami* Douwe Kiela, ICML 2023
* **Medk: Affiliation Marks**, Chaoyi Wu1,2, Xiaoman Zhang1,2, Weidi Xie, Emu3 Team
""",
    )
    assert len(report.imported) == 4
    assert _record(data_dir, "vid2seq")["authors"] == ["Antoine Yang", "Arsha Nagrani", "Paul Hongsuck Seo"]
    scholar = _record(data_dir, "scholarstyle")
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
* Song, Shezheng, et al. "**HowToBridge: Full Name.**" IEEE Transactions on Knowledge and Data Engineering (2025).
* **Mir: A Name Is No Venue**, Mir Rayat, Ada Byron [[Paper](https://example.org/mir.pdf)]
* **Shu: Workshop**, Xiujun Shu, ECCVW-2022 [[Paper](https://arxiv.org/abs/2208.08608)]
""",
    )
    venues = {record_id: _record(real_vocab_dir, record_id).get("venue") for record_id, _ in report.imported}
    assert venues == {
        "vitron": {"id": "neurips", "year": 2024},
        "flava": {"id": "cvpr", "year": 2022},
        "howtobridge": {"id": "tkde", "year": 2025},
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
* [Ünïcode Módel] **Accents In The Title** [[Paper](https://arxiv.org/abs/2402.00004)]
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
    no_title = "no title (only link labels, badges or nothing)"
    assert report.unreadable == [(9, "* just words", no_title), (10, "*", no_title)]
    summary = report.summary()
    assert "9 entries (list items, table rows and one-paper paragraphs)" in summary
    assert "imported:   2 drafts written" in summary
    assert "duplicates: 5" in summary
    assert "skipped:    0" in summary
    assert "unreadable: 2" in summary
    assert "line 5: Sigma: Second Copy — same arXiv id as line 4" in summary
    assert f"line 9: * just words — {no_title}" in summary


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


# --- issue 21: real lists lose no entry and invent no model ---------------------------------------

NUMBERED = """\
## Papers

1. Learning Transferable Visual Models From Natural Language Supervision. Alec Radford, Jong Wook Kim. ICML 2021. [pdf](https://arxiv.org/pdf/2103.00020v1.pdf) [code](https://github.com/openai/CLIP)
2. Scaling Up Visual and Vision-Language Representation Learning With Noisy Text Supervision. Chao Jia, Yinfei Yang. ICML 2021. [pdf](https://arxiv.org/pdf/2102.05918.pdf)
3. ViLT: Vision-and-Language Transformer Without Convolution or Region Supervision. Wonjae Kim, Bokyung Son. ICML 2021. [pdf](https://arxiv.org/pdf/2102.03334.pdf) [code](https://github.com/dandelin/vilt)
4. Align before Fuse: Vision and Language Representation Learning with Momentum Distillation. Junnan Li, Ramprasaath R. Selvaraju. NeurIPS 2021. [pdf](https://arxiv.org/pdf/2107.07651.pdf)
5. SimVLM: Simple Visual Language Model Pretraining with Weak Supervision. Zirui Wang, Jiahui Yu. ICLR 2022. [pdf](https://arxiv.org/pdf/2108.10904.pdf)
6. Florence: A New Foundation Model for Computer Vision. Lu Yuan, Dongdong Chen. arXiv 2021. [pdf](https://arxiv.org/pdf/2111.11432.pdf)
7. FILIP: Fine-grained Interactive Language-Image Pre-Training. Lewei Yao, Runhui Huang. ICLR 2022. [pdf](https://arxiv.org/pdf/2111.07783.pdf)
8. BLIP: Bootstrapping Language-Image Pre-training for Unified Vision-Language Understanding and Generation. Junnan Li, Dongxu Li. ICML 2022. [pdf](https://arxiv.org/pdf/2201.12086.pdf) [code](https://github.com/salesforce/BLIP)
9. CoCa: Contrastive Captioners are Image-Text Foundation Models. Jiahui Yu, Zirui Wang. TMLR 2022. [pdf](https://arxiv.org/pdf/2205.01917.pdf)
10. Flamingo: a Visual Language Model for Few-Shot Learning. Jean-Baptiste Alayrac, Jeff Donahue. NeurIPS 2022. [pdf](https://arxiv.org/pdf/2204.14198.pdf)
11. OFA: Unifying Architectures, Tasks, and Modalities Through a Simple Sequence-to-Sequence Learning Framework. Peng Wang, An Yang. ICML 2022. [pdf](https://arxiv.org/pdf/2202.03052.pdf) [project](https://example.org/ofa)
12. PaLI: A Jointly-Scaled Multilingual Language-Image Model. Xi Chen, Xiao Wang. ICLR 2023. [pdf](https://arxiv.org/pdf/2209.06794.pdf)
"""


def test_a_numbered_list_in_the_common_style_imports_every_item(tmp_path: Path, data_dir: Path) -> None:
    """Regression: the link text 'pdf' was every item's title, so 11 of 12 became duplicates of the first."""
    report = _import(tmp_path, data_dir, NUMBERED)
    assert (len(report.imported), report.duplicates, report.unreadable) == (12, [], [])
    titles = [_record(data_dir, record_id)["title"] for record_id, _ in report.imported]
    assert "pdf" not in [title.casefold() for title in titles]
    assert titles[0] == "Learning Transferable Visual Models From Natural Language Supervision"
    first = _record(data_dir, report.imported[0][0])
    assert first["links"] == {
        "arxiv": "2103.00020",
        "code": [{"url": "https://github.com/openai/CLIP", "official": False}],
    }
    assert first["authors"] == ["Alec Radford", "Jong Wook Kim"]
    assert [record_id for record_id, _ in report.imported][2:4] == ["vilt", "align-before-fuse-vision-and-language"]
    assert _problems(data_dir) == []


def test_a_table_row_without_its_leading_pipe_is_a_row(tmp_path: Path, data_dir: Path) -> None:
    """Regression: one row without its leading `|` ended the table, and the 62 rows after it were lost."""
    report = _import(
        tmp_path,
        data_dir,
        """\
| Title | Venue | Date | Code |
|:------|:-----:|:----:|:----:|
| [**Upsilon: Before**](https://arxiv.org/pdf/2310.00001.pdf) | arXiv | 2023-10-01 | - |
![Star](https://img.shields.io/badge/x.svg) <br> [**Pink: Without Its Pipe**](https://arxiv.org/pdf/2310.00582.pdf) | arXiv | 2023-10-01 | [Github](https://github.com/SY-Xuan/Pink) |
| [**Phi: After**](https://arxiv.org/pdf/2310.00003.pdf) | arXiv | 2023-10-03 | - |
""",
    )
    assert report.imported == [("upsilon", 3), ("pink", 4), ("phi", 5)]


NAMED_CATALOGUE = {
    "yi-vl": "id: yi-vl\nname: Yi-VL\ntitle: 'Yi: Open Foundation Models by 01.AI'\nyear: 2024\n"
    "links: {arxiv: '2403.04652'}\nneeds_review: true\nreview_note: Test record.\n",
    "gpt-4o": "id: gpt-4o\nname: GPT-4o\ntitle: GPT-4o System Card\nyear: 2024\nlinks: {arxiv: '2410.21276'}\n"
    "needs_review: true\nreview_note: Test record.\n",
    "llama-3-2-vision": "id: llama-3-2-vision\nname: Llama 3.2 Vision\ntitle: The Llama 3 Herd of Models\n"
    "year: 2024\nlinks: {arxiv: '2407.21783'}\nneeds_review: true\nreview_note: Test record.\n",
}


def test_duplicates_by_name_announcement_and_alias(tmp_path: Path, data_dir: Path) -> None:
    """Regression: Yi-VL became `yi-vl-2` beside `yi-vl`; 'Hello GPT-4o' and the Llama 3.2 blog were not matched."""
    for record_id, text in NAMED_CATALOGUE.items():
        (data_dir / "models" / f"{record_id}.yaml").write_text(text, encoding="utf-8")
    assert _problems(data_dir) == []
    report = _import(
        tmp_path,
        data_dir,
        """\
| Title | Venue | Date | Code |
|:------|:-----:|:----:|:----:|
| ![Star](https://img.shields.io/x.svg) <br> [**Yi-VL**](https://github.com/01-ai/Yi/tree/main/VL) <br> | - | 2024-01-23 | - |
| [**Hello GPT-4o**](https://openai.com/index/hello-gpt-4o/) | OpenAI | 2024-05-13 | - |
| [**Llama 3.2: Revolutionizing edge AI and vision**](https://ai.meta.com/blog/llama-3-2/) | Meta | 2024-09-25 | - |
| [**Beta-Old**](https://example.org/beta) | - | 2022-01-01 | - |
| [**Alpha: Read On The Hub**](https://huggingface.co/papers/2101.00001) | - | 2021-01-01 | - |
| [**Again: Read On Alphaxiv**](https://www.alphaxiv.org/abs/2101.00001v2) | - | 2021-01-01 | - |
""",
    )
    assert report.imported == []
    assert [(line, why) for line, _, why in report.duplicates] == [
        (3, "same name as yi-vl (data/models/yi-vl.yaml)"),
        (4, "same name as gpt-4o (data/models/gpt-4o.yaml)"),
        (5, "same name as llama-3-2-vision (data/models/llama-3-2-vision.yaml)"),
        (6, "same name as beta (data/models/beta.yaml)"),
        (7, "same arXiv id as alpha (data/models/alpha.yaml)"),
        (8, "same arXiv id as alpha (data/models/alpha.yaml)"),
    ]


def test_openreview_links_match_a_record_with_the_same_forum(tmp_path: Path, data_dir: Path) -> None:
    (data_dir / "models" / "omega.yaml").write_text(
        "id: omega\nname: Omega\ntitle: 'Omega: On OpenReview'\nyear: 2023\n"
        "links: {paper: 'https://openreview.net/forum?id=AbC-123'}\nneeds_review: true\nreview_note: Test record.\n",
        encoding="utf-8",
    )
    report = _import(
        tmp_path,
        data_dir,
        "* **Other Words: Same Paper** [[Paper](https://openreview.net/pdf?id=AbC-123)], ICLR 2023\n",
    )
    assert [why for _, _, why in report.duplicates] == ["same OpenReview id as omega (data/models/omega.yaml)"]


SECTIONS = """\
# Papers
## Models
| Title | Venue | Date |
|:------|:-----:|:----:|
| [**Chi: A Model**](https://arxiv.org/pdf/2401.00011.pdf) | arXiv | 2024-01-01 |
| [**A Survey on Everything Multimodal**](https://arxiv.org/pdf/2401.00012.pdf) | arXiv | 2024-01-02 |
## Evaluation
| Title | Venue | Date |
|:------|:-----:|:----:|
| [**Psi: An Evaluated Model**](https://arxiv.org/pdf/2401.00013.pdf) | arXiv | 2024-01-03 |
# Awesome Datasets
## Others
| Name | Paper | Type | Modalities |
|:-----|:-----:|:----:|:----------:|
| **OmegaSet** | [Omega: A Model And Its Data](https://arxiv.org/pdf/2401.00014.pdf) | Caption | Image-Text |
"""


def test_sections_that_are_not_models_are_skipped_and_reported(tmp_path: Path, data_dir: Path) -> None:
    report = _import(tmp_path, data_dir, SECTIONS)
    assert report.imported == [("chi", 5)]
    assert report.skipped == [
        (6, "A Survey on Everything Multimodal", "surveys: the title says so"),
        (
            10,
            "| [**Psi: An Evaluated Model**](https://arxiv.org/pdf/2401.00013.pdf) | arXiv | 2024-01-03 |",
            "evaluation: section 'Evaluation' (line 7)",
        ),
        (
            15,
            "| **OmegaSet** | [Omega: A Model And Its Data](https://arxiv.org/pdf/2401.00014.pdf) | Caption | Image-Text |",
            "datasets: section 'Others' (line 12)",
        ),
    ]
    summary = report.summary()
    assert "skipped:    3" in summary
    assert "evaluation: section 'Evaluation' (line 7): 1, line(s) 10" in summary


def test_section_names_what_to_import(tmp_path: Path, data_dir: Path) -> None:
    report = _import_sections(tmp_path, data_dir, ["evaluation"])
    assert report.imported == [("psi", 10)]
    assert {why for _, _, why in report.skipped} == {"outside the sections named with --section"}
    report = _import_sections(tmp_path, data_dir, ["Awesome Datasets", "models"])
    assert [record_id for record_id, _ in report.imported] == ["chi", "a-survey-on-everything-multimodal", "omegaset"]
    omega = _record(data_dir, "omegaset")  # a section named on purpose is imported as it is, to be reviewed
    assert omega["title"] == "Omega: A Model And Its Data"
    with pytest.raises(UnknownSectionError, match="--section 'nowhere' matches no heading"):
        _import_sections(tmp_path, data_dir, ["nowhere"])


def _import_sections(tmp_path: Path, data_dir: Path, sections: list[str]) -> ImportReport:
    source = tmp_path / "list.md"
    source.write_text(SECTIONS, encoding="utf-8")
    return import_markdown(source, data_dir, sections=sections)


def test_a_list_item_nested_in_a_group_is_an_entry(tmp_path: Path, data_dir: Path) -> None:
    report = _import(
        tmp_path,
        data_dir,
        """\
* Image-text models
  * [Omicron Two: Nested Paper](https://arxiv.org/abs/2301.00021), ICML 2023
""",
    )
    assert report.imported == [("omicron-two-nested-paper", 2)]
    assert [(line, why) for line, _, why in report.unreadable] == [
        (1, "no year in the entry, its arXiv id or its headings")
    ]


def test_a_section_name_takes_the_headings_it_matches_most_closely(tmp_path: Path, data_dir: Path) -> None:
    # BradyFU's list has "Multimodal Instruction Tuning" and "Datasets of Multimodal Instruction Tuning".
    source = tmp_path / "list.md"
    source.write_text(
        "## Multimodal Instruction Tuning\n* **Rho: A Model** [[Paper](https://arxiv.org/abs/2401.00031)]\n"
        "## Datasets of Multimodal Instruction Tuning\n* **RhoSet: Data** [[Paper](https://arxiv.org/abs/2401.00032)]\n",
        encoding="utf-8",
    )
    exact = import_markdown(source, data_dir, dry_run=True, sections=["multimodal instruction tuning"])
    assert [record_id for record_id, _ in exact.imported] == ["rho"]
    source.write_text(source.read_text(encoding="utf-8").replace("Tuning\n*", "Tuning (& Latest Works)\n*", 1))
    start = import_markdown(source, data_dir, dry_run=True, sections=["multimodal instruction tuning"])
    assert [record_id for record_id, _ in start.imported] == ["rho"]
    part = import_markdown(source, data_dir, dry_run=True, sections=["instruction tuning"])
    assert [record_id for record_id, _ in part.imported] == ["rho", "rhoset"]


def test_section_never_matches_the_lists_title(tmp_path: Path, data_dir: Path) -> None:
    source = tmp_path / "list.md"
    source.write_text("# Awesome Models\n" + SECTIONS.replace("# Papers\n", "", 1), encoding="utf-8")
    report = import_markdown(source, data_dir, dry_run=True, sections=["awesome"])
    assert [record_id for record_id, _ in report.imported] == ["omegaset"]  # under 'Awesome Datasets' only


def test_papers_reviewed_as_not_models_are_skipped_and_not_counted_missing(tmp_path: Path, data_dir: Path) -> None:
    (data_dir / "not-models.yaml").write_text(
        "- id: toy-bench\n  title: 'ToyBench: A Benchmark'\n  arxiv: '2401.00009'\n  kind: benchmark\n"
        "  reason: It evaluates models and proposes none.\n",
        encoding="utf-8",
    )
    listing = tmp_path / "list.md"
    listing.write_text(
        "## 2024\n* **ToyNet: A Model** [[Paper](https://arxiv.org/abs/2401.00008)]\n"
        "* **Another Title For It** [[Paper](https://arxiv.org/abs/2401.00009)]\n",
        encoding="utf-8",
    )
    report = import_markdown(listing, data_dir, dry_run=True)
    assert [(line, why) for line, _, why in report.skipped] == [
        (3, "reviewed as not a model (benchmark, not-models.yaml)")
    ]
    from mmptm_site.sources.coverage import coverage

    text = coverage(listing, data_dir).text()
    assert "1 papers read as models, 0 of them in the catalogue" in text and "2401.00009" not in text


def test_an_entry_naming_several_models_is_covered_by_any_of_them(tmp_path: Path, data_dir: Path) -> None:
    from mmptm_site.sources.coverage import coverage

    alpha = data_dir / "models/alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8") + "other_names: [Alpha 2 Maverick]\n", encoding="utf-8")
    listing = tmp_path / "list.md"
    listing.write_text(
        "## Models\n| Model | Date |\n|---|---|\n"
        "| [Omega/Alpha](https://example.org/omega) | 06/10/2025 |\n"  # the second part is catalogued
        "| [ALPHA2-Scout/Maverick](https://example.org/alpha2) | 04/04/2025 |\n"  # 'Alpha2-Maverick' is
        "| [Alphabet/Zeta](https://example.org/zeta) | 04/04/2025 |\n",  # neither is
        encoding="utf-8",
    )
    text = coverage(listing, data_dir).text()
    assert "3 papers read as models, 2 of them in the catalogue" in text
    assert "Alphabet/Zeta" in text and "Omega/Alpha" not in text and "ALPHA2" not in text
