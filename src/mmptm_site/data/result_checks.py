"""A model's variants and results checked against each other and against its benchmark: each result's metric,
split and version are its benchmark's, its variant is the record's, `shots` goes with a few-shot protocol, and
no number is recorded twice. (The other references of a result are declared in the schema.)"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence

from mmptm_site.data import schema
from mmptm_site.data.problems import Loc
from mmptm_site.data.validation_run import Origin, ValidationRun


def check_variant_ids(run: ValidationRun, origin: Origin, model: schema.ModelDraft) -> None:
    """No two variants of a record share an id."""
    seen: dict[str, int] = {}
    for index, variant in enumerate(model.variants):
        first = seen.setdefault(variant.id, index)
        if first != index:
            run.report(origin, ("variants", index, "id"), f"variant id `{variant.id}` is also variants[{first}]")


def check_results(run: ValidationRun, origin: Origin, model: schema.ModelDraft) -> None:
    """Each result's metric, split and version are its benchmark's, its variant is the record's, `shots` goes
    with a few-shot protocol, and no number is recorded twice (the other references are declared)."""
    benchmarks = run.data.vocab.get("benchmarks", {})
    protocols = run.data.vocab.get("protocols", {})
    variant_names = {variant.name.casefold(): variant.id for variant in model.variants}
    seen: dict[tuple[Hashable, ...], int] = {}
    for index, result in enumerate(model.results):
        loc: Loc = ("results", index)
        benchmark = benchmarks.get(result.benchmark)
        if benchmark is None:
            continue  # reported as an unknown benchmark
        if benchmark.metric(result.metric) is None:
            metric_ids = ", ".join(m.id for m in benchmark.metrics)
            message = f"benchmark `{benchmark.id}` has no metric `{result.metric}`; its metrics: {metric_ids}"
            run.report(origin, (*loc, "metric"), message)
        if result.split != schema.UNKNOWN and benchmark.split(result.split) is None:
            run.report(origin, (*loc, "split"), _part_message("split", result.split, benchmark, benchmark.splits))
        if benchmark.versions and result.version is None:
            names = ", ".join(f"`{v.id}`" for v in benchmark.versions)
            message = f"benchmark `{benchmark.id}` has versions ({names}): name one, or `{schema.UNKNOWN}`"
            run.report(origin, loc, message)
        elif result.version is not None and not benchmark.versions:
            run.report(origin, (*loc, "version"), f"benchmark `{benchmark.id}` has no versions; remove it")
        elif result.version not in (None, schema.UNKNOWN) and result.version not in {v.id for v in benchmark.versions}:
            message = _part_message("version", result.version, benchmark, benchmark.versions)
            run.report(origin, (*loc, "version"), message)
        protocol = protocols.get(result.protocol)
        if protocol is not None and protocol.shots and result.shots is None:
            message = f"protocol `{protocol.id}` needs `shots`: how many examples the model was given"
            run.report(origin, (*loc, "protocol"), message)
        elif result.shots is not None and not (protocol is not None and protocol.shots):
            run.report(origin, (*loc, "shots"), "`shots` belongs to a few-shot protocol; remove it")
        if model.variant(result.variant) is None:
            run.report(origin, (*loc, "variant"), _variant_message(result.variant, model, variant_names))
        key = (
            result.benchmark,
            result.metric,
            result.split,
            result.version,
            result.protocol,
            result.shots,
            result.variant,
            result.evaluated_by,
            tuple(sorted(result.flags)),
        )
        first = seen.setdefault(key, index)
        if first != index:
            message = (
                f"results[{first}] has the same benchmark, metric, split, protocol, variant, evaluator and flags; "
                "a number is recorded once"
            )
            run.report(origin, loc, message)


def _part_message(
    what: str, value: str, benchmark: schema.Benchmark, parts: Sequence[schema.Split | schema.BenchmarkVersion]
) -> str:
    """An unknown split or version of a benchmark, with the id it most likely means."""
    ids = [part.id for part in parts]
    by_label = {label.casefold(): part.id for part in parts for label in [part.name, *part.aliases]}
    meant = by_label.get(value.casefold()) or by_label.get(value.strip().casefold())
    if meant:
        hint = f"; `{value}` is `{meant}`: write `{what}: {meant}`"
    else:
        close = difflib.get_close_matches(value, ids, n=3, cutoff=0.5)
        hint = "; closest: " + ", ".join(f"`{c}`" for c in close) if close else ""
    return (
        f"benchmark `{benchmark.id}` has no {what} `{value}`{hint} (its {what}s: {', '.join(ids)}; "
        f"`{schema.UNKNOWN}` when the source does not say; see vocab/benchmarks.yaml)"
    )


def _variant_message(value: str, model: schema.ModelDraft, by_name: dict[str, str]) -> str:
    if not model.variants:
        return "the record lists no `variants`; add the variant this result is of, and name its id here"
    meant = by_name.get(value.casefold())
    hint = f"; `{value}` is the name of `{meant}`: use its id" if meant else ""
    return f"unknown variant `{value}`{hint} (this record's variants: {', '.join(v.id for v in model.variants)})"
