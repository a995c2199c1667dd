"""entry_reader (with entry_text, entry_kinds, paper_ids and model_names): how one entry of a paper list is read,
and what kind of entry it is."""

from __future__ import annotations

import pytest

from mmptm_site.sources.entry_candidate import Candidate
from mmptm_site.sources.entry_kinds import (
    BENCHMARKS,
    CONTENTS,
    DATASETS,
    EVALUATION,
    HALLUCINATION,
    POSITION,
    SURVEYS,
    heading_kind,
    table_kind,
    title_kind,
)
from mmptm_site.sources.entry_reader import read_item
from mmptm_site.sources.entry_text import clean, is_link_label
from mmptm_site.sources.model_names import model_name
from mmptm_site.sources.paper_ids import arxiv_ids, openreview_id
from mmptm_site.sources.venues import Venues

VENUES = Venues({})


def _item(text: str, year: int | None = None) -> Candidate:
    return read_item(text, 1, year, VENUES)


@pytest.mark.parametrize("label", ["pdf", "Paper", "arXiv", "[code]", "Project", "link", "📄 Paper", "2103.00020", ""])
def test_link_labels_are_labels(label: str) -> None:
    assert is_link_label(label)


@pytest.mark.parametrize(
    "text",
    [
        "Learning Transferable Visual Models From Natural Language Supervision. Alec Radford, Jong Wook Kim. "
        "ICML 2021. [pdf](https://arxiv.org/pdf/2103.00020v1.pdf) [code](https://github.com/openai/CLIP)",
        "Learning Transferable Visual Models From Natural Language Supervision [[pdf]](https://arxiv.org/pdf/2103.00020)",
        "[pdf](https://arxiv.org/pdf/2103.00020) Learning Transferable Visual Models From Natural Language Supervision",
        "[![arXiv](https://img.shields.io/badge/arXiv-2103.00020-b31b1b.svg)](https://arxiv.org/abs/2103.00020) "
        "**Learning Transferable Visual Models From Natural Language Supervision**",
    ],
)
def test_the_title_is_never_a_link_label_or_a_badge(text: str) -> None:
    candidate = _item(text)
    assert candidate.title == "Learning Transferable Visual Models From Natural Language Supervision"
    assert candidate.arxiv == ["2103.00020"]


def test_title_authors_venue_year_then_labelled_links() -> None:
    candidate = _item(
        "Learning Transferable Visual Models From Natural Language Supervision. Alec Radford, Jong Wook Kim. "
        "ICML 2021. [pdf](https://arxiv.org/pdf/2103.00020v1.pdf) [code](https://github.com/openai/CLIP)"
    )
    assert candidate.authors == ["Alec Radford", "Jong Wook Kim"]
    assert candidate.code == ["https://github.com/openai/CLIP"]
    assert candidate.years[0] == 2021


def test_a_bold_topic_before_a_linked_title_is_no_title_and_a_trailing_bold_is_the_name() -> None:
    candidate = _item(
        "**VCR**: [Fusion of Detected Objects in Text for Visual Question Answering](https://arxiv.org/abs/1908.05054)"
        ", EMNLP 2019, [[code]](https://github.com/google-research/language), (**B2T2**)"
    )
    assert candidate.title == "Fusion of Detected Objects in Text for Visual Question Answering"
    assert candidate.name == "B2T2"
    assert candidate.code == ["https://github.com/google-research/language"]


@pytest.mark.parametrize(
    ("url", "arxiv_id"),
    [
        ("https://arxiv.org/pdf/2310.03744v2.pdf", "2310.03744"),
        ("https://arxiv.org/html/2310.03744v1", "2310.03744"),
        ("https://huggingface.co/papers/2310.03744", "2310.03744"),
        ("https://www.alphaxiv.org/abs/2310.03744", "2310.03744"),
        ("https://www.alphaxiv.org/overview/2310.03744v3", "2310.03744"),
    ],
)
def test_arxiv_ids_from_every_kind_of_link(url: str, arxiv_id: str) -> None:
    assert arxiv_ids(f"[Paper]({url})") == [arxiv_id]


def test_openreview_ids() -> None:
    assert openreview_id("https://openreview.net/forum?id=Wg2PSpLZiH") == "Wg2PSpLZiH"
    assert openreview_id("https://openreview.net/pdf?id=ThjDCZOljE") == "ThjDCZOljE"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Qwen-VL: A Frontier Large Vision-Language Model with Versatile Abilities", "Qwen-VL"),
        ("LLaMA-Adapter V2: Parameter-Efficient Visual Instruction Model", "LLaMA-Adapter V2"),
        ("Sparkles: Unlocking Chats Across Multiple Images", "Sparkles"),
        ("Qwen2.5-VL Technical Report", "Qwen2.5-VL"),
        ("Seed2.0 Model Card: Towards Intelligence Frontier", "Seed2.0"),
        ("Yi-VL", "Yi-VL"),
        ("GPT-5.5 (OpenAI)", "GPT-5.5"),
        ("Hello GPT-4o", "GPT-4o"),
        ("Introducing GPT-5", "GPT-5"),
        ("Introducing GPT-4.1 in the API", "GPT-4.1"),
        ("The Llama 4 herd: The beginning of a new era of natively multimodal AI innovation", "Llama 4"),
        ("The Dawn of LMMs: Preliminary Explorations with GPT-4V(vision)", None),
        ("Improved Baselines with Visual Instruction Tuning", None),
        ("Pretrained to Imagine, Fine-Tuned to Act: The Rise of World-Action Models", None),
        ("Large-scale Multi-modal Pre-trained Models: A Comprehensive Survey", None),
        ("Introducing Muse Spark: Scaling Towards Personal Superintelligence", "Muse Spark"),
        ("Introducing the next generation of our models", None),
    ],
)
def test_a_name_is_taken_only_where_the_title_gives_one(title: str, name: str | None) -> None:
    assert model_name(title) == name


def test_emoji_are_stripped_from_titles() -> None:
    assert clean("✨Sparkles: Unlocking Chats") == "Sparkles: Unlocking Chats"
    assert clean("🔥 **Video-MME** 🏆") == "Video-MME"
    assert clean("M<sup>3</sup>IT: A Dataset") == "M3IT: A Dataset"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Awesome Datasets", DATASETS),
        ("Datasets for VLM Evaluation", DATASETS),
        ("Benchmarks for Evaluation", BENCHMARKS),
        ("2. 🗂️ Benchmarks and Evaluation", BENCHMARKS),
        ("Surveys", SURVEYS),
        ("Evaluation", EVALUATION),
        ("Multimodal Hallucination", HALLUCINATION),
        ("Position Papers", POSITION),
        ("Table of Contents", CONTENTS),
        ("Multimodal Instruction Tuning (& Latest Works)", None),
        ("Year 2023", None),
        ("Benchmark and Evaluations, RL Alignment, Applications, and Challenges of Large VLMs", None),
    ],
)
def test_heading_kinds(heading: str, kind: str | None) -> None:
    assert heading_kind(heading) == kind


def test_table_and_title_kinds() -> None:
    assert table_kind(["Dataset", "Year", "Num of Image-Text Paris", "Language", "Project"]) == DATASETS
    assert table_kind(["Dataset", "Task", "Eval Protocol", "Annotators", "Size (K)"]) == DATASETS
    assert table_kind(["Title", "Venue", "Date", "Code", "Demo"]) is None
    assert title_kind("A Survey on Multimodal Large Language Models") == SURVEYS
    assert title_kind("MME: A Comprehensive Evaluation Benchmark for MLLMs") == BENCHMARKS
    assert title_kind("COYO-700M: Image-Text Pair Dataset") == DATASETS
    assert title_kind("Position: Multimodal Models Need X") == POSITION
    assert title_kind("Qwen-VL: A Frontier Large Vision-Language Model") is None
