"""Write N synthetic but valid model records (plus the real vocabularies and datasets) into a data directory.

Deterministic for a given N and seed, so benchmark runs are comparable. Records go through the canonical
writer, so they look like contributor-written files.

    python bench/generate_records.py 5000 /tmp/bench-data
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

from mmptm_site.data.schema import ModelRecord
from mmptm_site.data.validate import load_data
from mmptm_site.data.writer import write_record

WORDS = [
    "vision",
    "language",
    "unified",
    "contrastive",
    "masked",
    "generative",
    "video",
    "audio",
    "scalable",
    "efficient",
    "dense",
    "grounded",
    "multilingual",
    "instruction",
    "large",
    "sparse",
    "hierarchical",
    "region",
    "aligned",
    "bootstrapped",
    "pre-training",
    "transformer",
]


MARKER = ".mmptm-bench"


def synthetic_record(index: int, rng: random.Random, vocab: dict, datasets: list[str], earlier: list[str]):
    year = rng.randint(2019, 2025)
    name = f"{rng.choice(WORDS).title()}{rng.choice(WORDS).title()}-{index}"
    benchmark = rng.choice(list(vocab["benchmarks"].values()))
    return ModelRecord(
        id=f"synthetic-{index}",
        name=name,
        title=f"{name}: {' '.join(rng.choice(WORDS) for _ in range(9)).capitalize()} {index}",
        authors=[f"Author {rng.randint(1, 5000)}" for _ in range(rng.randint(2, 12))],
        year=year,
        released=f"{year}-{rng.randint(1, 12):02d}",
        venue={"id": rng.choice(list(vocab["venues"])), "year": year},
        links={
            "arxiv": f"{year % 100:02d}{rng.randint(1, 12):02d}.{index:05d}",
            "code": [{"url": f"https://github.com/example/model-{index}", "official": True}],
        },
        modalities=["image", "text"] + (["video"] if rng.random() < 0.2 else []),
        architecture={
            "interaction": rng.choice(list(vocab["architectures"])),
            "backbones": {"image": "ViT-L/14", "text": "Transformer"},
        },
        variants=[{"id": "base", "name": f"Model {index}", "parameters": rng.randint(50, 80_000) * 1_000_000}],
        datasets=rng.sample(datasets, k=min(len(datasets), rng.randint(1, 4))),
        objectives=rng.sample(list(vocab["objectives"]), k=rng.randint(1, 4)),
        knowledge=[],
        tasks=rng.sample(list(vocab["tasks"]), k=rng.randint(1, 5)),
        summary=" ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + ".",
        results=[
            {
                "benchmark": benchmark.id,
                "metric": metric.id,
                "value": round(rng.uniform(20, 95), 2),
                "split": benchmark.splits[0].id,
                **({"version": benchmark.versions[0].id} if benchmark.versions else {}),
                "protocol": rng.choice(["zero-shot", "fine-tuned"]),
                "variant": "base",
                "evaluated_by": "authors",
                "source": f"https://arxiv.org/abs/{year % 100:02d}01.{index:05d}",
            }
            for metric in benchmark.metrics
        ],
        relations={"builds_on": rng.sample(earlier, k=min(len(earlier), 2))} if earlier else None,
        sources=[f"https://arxiv.org/abs/{year % 100:02d}01.{index:05d}"],
        added=dt.date(2026, 1, 1) + dt.timedelta(days=index % 300),
        reviewed=dt.date(2026, 11, 1),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--source", type=Path, default=Path("data"), help="where the real vocabularies are")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    real = load_data(args.source)
    if args.out.exists():
        if not (args.out / MARKER).is_file():  # only ever replace a directory this script made
            raise SystemExit(f"{args.out} exists and was not made by this script; choose a new directory")
        shutil.rmtree(args.out)
    shutil.copytree(args.source / "vocab", args.out / "vocab")
    shutil.copytree(args.source / "datasets", args.out / "datasets")
    # the catalogue's settings and its surveys page: the site's nav names every page the real catalogue has
    for name in ("catalogue.yaml", "surveys.yaml"):
        if (args.source / name).is_file():
            shutil.copy2(args.source / name, args.out / name)
    (args.out / MARKER).write_text("synthetic records of bench/generate_records.py\n", encoding="utf-8")
    # evaluators that are a real model's paper would point at models the synthetic data does not hold
    evaluators = yaml.safe_load((args.out / "vocab/evaluators.yaml").read_text(encoding="utf-8"))
    (args.out / "vocab/evaluators.yaml").write_text(
        yaml.safe_dump([e for e in evaluators if "model" not in e], sort_keys=False), encoding="utf-8"
    )
    rng = random.Random(args.seed)
    ids: list[str] = []
    for index in range(args.count):
        record = synthetic_record(index, rng, real.vocab, list(real.datasets), ids[-50:])
        write_record(record, "models", args.out)
        ids.append(record.id)
    print(f"{args.count} records written to {args.out}")


if __name__ == "__main__":
    main()
