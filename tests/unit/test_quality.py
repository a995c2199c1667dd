"""quality: the completeness figures equal what the records say."""

from __future__ import annotations

from mmptm_site.catalog import Catalog
from mmptm_site.catalog.quality import dataset_gaps, quality_text, shares
from mmptm_site.cli import main
from mmptm_site.data.validate import load_data


def by_name(catalog: Catalog) -> dict[str, tuple[int, int]]:
    return {share.figure.name: (share.satisfied, share.of) for share in shares(catalog.models)}


def test_figures_count_the_records(data_dir):
    catalog = Catalog(load_data(data_dir))  # alpha and beta reviewed, gamma a draft; alpha states a size
    figures = by_name(catalog)
    assert figures["under review (needs_review)"] == (1, 3)
    assert figures["size stated (a variant's parameters)"] == (1, 3)
    assert figures["weights availability stated"] == (0, 3)
    assert figures["licence named, of open-weight models"] == (0, 0)
    assert figures["3+ authors' results, of models from 2023 on"] == (0, 1)  # gamma (2023) has none


def result(benchmark: str, protocol: str, by: str = "authors", doubtful: bool = False) -> str:
    metric, split = ("error", "test") if benchmark == "toy-error" else ("ir-r1", "1k-test")
    review = ", needs_review: true, review_note: not seen" if doubtful else ""
    return (
        f"  - {{benchmark: {benchmark}, metric: {metric}, value: 1, split: {split}, protocol: {protocol},"
        f" variant: g, evaluated_by: {by}, source: paper{review}}}\n"
    )


def test_results_count_only_confirmed_authors_numbers(data_dir):
    gamma = data_dir / "models/gamma.yaml"
    rows = result("toy-error", "fine-tuned") + result("toy-error", "zero-shot")
    rows += result("toy-error", "fine-tuned", by="toolkit") + result("flickr30k-retrieval", "zero-shot", doubtful=True)
    gamma.write_text(gamma.read_text() + "variants: [{id: g, name: G}]\nresults:\n" + rows, encoding="utf-8")
    assert by_name(Catalog(load_data(data_dir)))["3+ authors' results, of models from 2023 on"] == (0, 1)
    gamma.write_text(gamma.read_text() + result("flickr30k-retrieval", "fine-tuned"), encoding="utf-8")
    assert by_name(Catalog(load_data(data_dir)))["3+ authors' results, of models from 2023 on"] == (1, 1)


def test_dataset_gaps_and_the_report(data_dir, capsys):
    catalog = Catalog(load_data(data_dir))
    assert dataset_gaps(catalog.data.datasets.values())["licence"] == ["web-pairs"]
    text = quality_text(catalog)
    line = next(line for line in text.splitlines() if line.startswith("  under review"))
    assert line.split()[-6:] == ["33%", "(1/3)", "!", "target", "≤", "5%"]
    assert main(["stats", "--quality"]) == 0 and capsys.readouterr().out == text + "\n"
