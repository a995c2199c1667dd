"""Turn the files of a data directory into validated records, collecting every problem on the way.

Each file is loaded (`load`), checked against its schema class (`schema`), and then checked
against the others: references to vocabularies, datasets and models must exist, a metric must be
one its benchmark defines, and no paper may be catalogued twice. Nothing stops at the first
problem: a contributor sees all of them at once, each at its file, line and column.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from mmptm_site.data import provenance, schema
from mmptm_site.data.load import LoadedFile, load_file, symlinked_folder
from mmptm_site.data.problems import DataError, Loc, Problem, display_path, format_loc
from mmptm_site.data.references import references
from mmptm_site.data.rules import check_rules

MODELS_DIR = "models"
DATASETS_DIR = "datasets"
VOCAB_DIR = "vocab"
SURVEYS_FILE = "surveys.yaml"
SOURCES_FILE = "sources.yaml"
NOT_MODELS_FILE = "not-models.yaml"
SETTINGS_FILE = "catalogue.yaml"
RECORD_SUFFIX = ".yaml"
MAX_PROBLEMS_PER_FILE = 50
"""Problems shown per file; the rest are counted in one more ("… and N more"). Beyond this many, no
suggestion is looked for either, so a file of 100,000 unknown ids costs linear time, not 100,000 searches."""


@dataclass
class Data:
    """Everything in a data directory, validated. Records are keyed by id, in id order."""

    root: Path
    models: dict[str, schema.ModelDraft] = field(default_factory=dict)
    datasets: dict[str, schema.DatasetRecord] = field(default_factory=dict)
    vocab: dict[str, dict[str, schema.VocabEntry]] = field(default_factory=dict)
    surveys: list[schema.Survey] = field(default_factory=list)
    settings: schema.CatalogueSettings = field(default_factory=schema.CatalogueSettings)
    """What the list says about itself (data/catalogue.yaml): its subject as pages name it, its own rules."""
    not_models: list[schema.NotAModel] = field(default_factory=list)
    """Papers of paper lists reviewed as not models (data/not-models.yaml)."""
    source_policy: schema.SourcePolicy | None = None
    """Which sources are primary (data/sources.yaml); without it, every source counts."""
    paths: dict[tuple[str, str], Path] = field(default_factory=dict)
    """(kind, id) → the file a record came from; kind is 'models' or 'datasets'."""
    files_checked: int = 0


# --- turning pydantic's errors into located problems ----------------------------------------------


def _unwrap(annotation: Any) -> Iterator[Any]:
    """The classes an annotation may hold: list[X] → X, X | None → X, Annotated[X, …] → X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _unwrap(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType, list, dict):
        for argument in typing.get_args(annotation):
            yield from _unwrap(argument)
    else:
        yield annotation


def model_at(cls: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The schema class of the mapping at `loc` inside a `cls` document, if it is one."""
    current: type[BaseModel] | None = cls
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = next((c for c in _unwrap(info.annotation) if isinstance(c, type) and issubclass(c, BaseModel)), None)
    return current


SHOWN_LIMIT = 80


def _shown(value: Any) -> str:
    """A value as a message quotes it: its repr, cut short (a value may be a whole file long)."""
    text = repr(value)
    return text if len(text) <= SHOWN_LIMIT else f"{text[: SHOWN_LIMIT - 10]}… ({len(text):,} characters)"


def _yaml_reading(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, dt.date):
        return f"the date {value}"
    if value is None:
        return "null (nothing)"
    return _shown(value)


def _message(error: dict[str, Any], cls: type[BaseModel], loc: Loc, written: str | None) -> str:
    """What is wrong at `loc`; `written` is the source text of a plain scalar there that YAML did not read as text."""
    kind = error["type"]
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        message = f"required field `{name}` is missing"
        if cls is schema.ModelRecord and len(loc) == 1 and not schema.ModelDraft.model_fields[name].is_required():
            message += "; if it is not known yet, set `needs_review: true` and say what is missing in `review_note`"
        return message
    if kind == "extra_forbidden":
        parent = model_at(cls, loc[:-1])
        allowed = list(parent.model_fields) if parent else []
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        if close:
            return f"unknown field `{name}`; did you mean `{close[0]}`?"
        return f"unknown field `{name}`; allowed fields: {', '.join(allowed)}"
    if kind == "string_type" and written is not None:
        reading = _yaml_reading(error["input"])
        return f"YAML reads the unquoted `{written}` as {reading}, but text is expected here; quote it: '{written}'"
    if kind == "string_pattern_mismatch":
        hint = schema.PATTERN_HINTS.get(error["ctx"]["pattern"], f"of the form {error['ctx']['pattern']}")
        return f"{_shown(error['input'])} is not {hint}"
    if kind == "bool_type":  # strict: 'false', 'no' or 0 is never read as false
        return f"`{name}` is true or false (without quotes); got {_yaml_reading(error['input'])}"
    if kind == "finite_number":
        return f"`{written or error['input']}` is not a finite number; write the number as the source prints it"
    if kind in ("float_type", "int_type") and isinstance(error["input"], str):
        return f"a number is expected here, written without quotes; got {_shown(error['input'])}"
    if kind in ("float_type", "int_type") and isinstance(error["input"], bool):
        return f"a number is expected here; got {_yaml_reading(error['input'])}"
    if kind == "too_short" and isinstance(error["input"], list):
        least = error["ctx"]["min_length"]
        return f"list at least {least} item{'s' if least > 1 else ''} here"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    message = error["msg"]
    message = message[0].lower() + message[1:]
    shown = repr(error["input"])
    if not isinstance(error["input"], dict | list) and len(shown) < 80:
        message += f", got {shown}"
    return message


def schema_problems(
    error: ValidationError, cls: type[BaseModel], loaded: LoadedFile, prefix: Loc = (), limit: int | None = None
) -> list[Problem]:
    """The located problems of a validation error: all of them, or the first `limit`."""
    problems = []
    for item in error.errors()[:limit]:
        loc: Loc = tuple(item["loc"])
        on_key = bool(loc) and loc[-1] == "[key]"
        if on_key:
            loc = loc[:-1]
        full = prefix + loc
        if item["type"] == "missing":
            mark = loaded.positions.of_value(full[:-1])
        elif item["type"] == "extra_forbidden" or on_key:
            mark = loaded.positions.of_key(full)
        else:
            mark = loaded.positions.of_value(full)
        message = _message(item, cls, loc, loaded.positions.plain.get(full))
        problems.append(Problem(loaded.path, mark.line, mark.column, format_loc(full), message))
    return problems


# --- loading each kind of file --------------------------------------------------------------------


def _problem_at(loaded: LoadedFile, loc: Loc, message: str) -> Problem:
    mark = loaded.positions.of_value(loc)
    return Problem(loaded.path, mark.line, mark.column, format_loc(loc), message)


def _symlinked_folder_problem(folder: Path) -> Problem:
    message = "data folders may not be symbolic links (nothing in it was read); replace it with the folder itself"
    return Problem(folder, 1, 1, "", message)


def _suggest(value: str, ids: Iterable[str], aliases: dict[str, str]) -> str:
    alias_of = aliases.get(value.casefold())
    if alias_of:
        return f"; `{value}` is another name of `{alias_of}`: use the id `{alias_of}`"
    close = difflib.get_close_matches(value, list(ids), n=3, cutoff=0.5)
    if close:
        return "; closest: " + ", ".join(f"`{c}`" for c in close)
    return ""


@dataclass(frozen=True)
class _Origin:
    """Where a record or vocabulary entry came from: its file, and its loc inside that file."""

    loaded: LoadedFile
    loc: Loc = ()


class _Validator:
    """One validation run over a data directory: the data so far, where each part came from, problems."""

    def __init__(self, root: Path):
        self.data = Data(root=root)
        self.problems: list[Problem] = []
        self.origins: dict[tuple[str, str], _Origin] = {}
        self.aliases: dict[str, dict[str, str]] = {}
        """kind → case-folded alias → id, for suggestions."""
        self.invalid: set[tuple[str, str]] = set()
        """(kind, file stem) of records that failed their own checks: references to them are not errors too."""
        self.seen: set[Problem] = set()
        self.shown: Counter[Path] = Counter()
        self.omitted: dict[Path, tuple[Problem, int]] = {}
        """file → the first problem not shown, and how many were not."""

    def has_room(self, path: Path) -> bool:
        """Whether another problem of this file is still shown (see MAX_PROBLEMS_PER_FILE)."""
        return self.shown[path] < MAX_PROBLEMS_PER_FILE

    def add(self, problem: Problem) -> None:
        if problem in self.seen:  # e.g. a symlinked vocab folder, met by each of its files
            return
        self.seen.add(problem)
        if self.has_room(problem.path):
            self.shown[problem.path] += 1
            self.problems.append(problem)
        else:
            self.omit(problem, 1)

    def omit(self, first: Problem, count: int) -> None:
        earlier, omitted = self.omitted.get(first.path, (first, 0))
        self.omitted[first.path] = (earlier, omitted + count)

    def report(self, origin: _Origin, loc: Loc, message: str | Callable[[], str]) -> None:
        """A problem at `loc` of a record or entry; a costly message is given as a function, called only
        when the problem is shown."""
        path = origin.loaded.path
        if self.has_room(path):
            self.add(_problem_at(origin.loaded, origin.loc + loc, message if isinstance(message, str) else message()))
        else:
            self.omit(_problem_at(origin.loaded, origin.loc + loc, ""), 1)

    def summaries_of_omitted(self) -> list[Problem]:
        """One problem per file with more than MAX_PROBLEMS_PER_FILE, where the first one not shown stands."""
        return [
            Problem(path, first.line, first.column, "", f"… and {count:,} more problem(s) in this file")
            for path, (first, count) in self.omitted.items()
        ]

    def load(self, path: Path) -> LoadedFile | None:
        self.data.files_checked += 1
        folder = symlinked_folder(path, self.data.root)
        if folder is not None:
            self.add(_symlinked_folder_problem(folder))
            return None
        try:
            return load_file(path)
        except DataError as error:
            for problem in error.problems:
                self.add(problem)
            return None

    def check(self, cls: type[BaseModel], raw: Any, loaded: LoadedFile, prefix: Loc = ()) -> Any:
        try:
            return cls.model_validate(raw)
        except ValidationError as error:
            room = MAX_PROBLEMS_PER_FILE - self.shown[loaded.path]
            located = schema_problems(error, cls, loaded, prefix, limit=room + 1)  # the rest are only counted
            for problem in located[:room]:
                self.add(problem)
            if error.error_count() > room:
                self.omit(located[room], error.error_count() - room)
            return None

    def record_files(self, folder: Path) -> list[Path]:
        """The record files of a folder, reporting anything in it that is not one."""
        if folder.is_symlink():  # not listed: the names of files outside the data are not for messages either
            self.add(_symlinked_folder_problem(folder))
            return []
        if not folder.exists():
            return []
        if not folder.is_dir():
            self.add(Problem(folder, 1, 1, "", "expected a folder of records here"))
            return []
        files = []
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue
            if path.suffix != RECORD_SUFFIX:
                message = f"not a record: record files end in `{RECORD_SUFFIX}`"
                self.add(Problem(path, 1, 1, "", message))
            else:
                files.append(path)
        return files

    def records(self, kind: str, choose: Any) -> Iterator[tuple[LoadedFile, Any]]:
        """Each valid record of `root/kind/`, after checking it names itself after its file."""
        for path in self.record_files(self.data.root / kind):
            loaded = self.load(path)
            if loaded is None:
                continue
            if not isinstance(loaded.data, dict):
                self.report(_Origin(loaded), (), "a record must be a mapping of fields (`key: value` lines)")
                continue
            record = self.check(choose(loaded.data), loaded.data, loaded)
            if record is None:
                self.invalid.add((kind, path.stem))
                continue
            if record.id != path.stem:
                message = f"id `{record.id}` differs from the file name; rename the file to `{record.id}.yaml`"
                if re.match(schema.ID_PATTERN, path.stem):
                    message += f" or set `id: {path.stem}`"
                else:
                    message += " (file names are ids: lower-case letters, digits and hyphens)"
                self.report(_Origin(loaded), ("id",), message)
                self.invalid.add((kind, path.stem))
                continue
            self.origins[(kind, record.id)] = _Origin(loaded)
            self.data.paths[(kind, record.id)] = path
            yield loaded, record

    def entries(self, path: Path, kind: str, entry: type[BaseModel]) -> dict[str, Any]:
        """The valid entries of a list file (a vocabulary or the surveys), by id."""
        loaded = self.load(path)
        if loaded is None:
            return {}
        if not isinstance(loaded.data, list):
            message = "this file must be a list of entries, each starting with `- `"
            self.report(_Origin(loaded), (), message)
            return {}
        entries: dict[str, Any] = {}
        aliases = self.aliases.setdefault(kind, {})
        for index, raw in enumerate(loaded.data):
            item = self.check(entry, raw, loaded, (index,))
            if item is None:
                continue
            origin = _Origin(loaded, (index,))
            if item.id in entries:
                first = self.origins[(kind, item.id)].loc[0]
                self.report(origin, ("id",), f"duplicate id `{item.id}` (also entry {first + 1}); keep one")
                continue
            for alias_index, alias in enumerate(getattr(item, "aliases", [])):
                other = aliases.setdefault(alias.casefold(), item.id)
                if other != item.id:
                    message = f"alias `{alias}` also names `{other}`; an alias must name one entry"
                    self.report(origin, ("aliases", alias_index), message)
            entries[item.id] = item
            self.origins[(kind, item.id)] = origin
        return entries

    # --- cross-references ---

    def targets(self, kind: str) -> tuple[Iterable[str], dict[str, str], str]:
        """The ids of `kind`, its aliases (for suggestions) and where they are defined."""
        if kind == MODELS_DIR:
            return self.data.models, self.aliases[kind], f"{MODELS_DIR}/"
        if kind == DATASETS_DIR:
            return self.data.datasets, self.aliases[kind], f"{DATASETS_DIR}/"
        return self.data.vocab.get(kind, {}), self.aliases.get(kind, {}), f"{VOCAB_DIR}/{kind}.yaml"

    def reference(self, origin: _Origin, loc: Loc, value: str, kind: str, noun: str) -> bool:
        """Whether `value` is an id of `kind`; when not, report it with the closest ids."""
        ids, aliases, where = self.targets(kind)
        if value in ids:
            return True
        if (kind, value) in self.invalid:
            return False  # that record's own problems are reported already
        self.report(origin, loc, lambda: f"unknown {noun} `{value}`{_suggest(value, ids, aliases)} (see {where})")
        return False

    def declared_references(self, origin: _Origin, record: BaseModel, own_kind: str | None = None) -> None:
        """Every id the record names (as its schema declares them, `references`) exists; none names itself."""
        for loc, value, declared in references(record):
            if value in declared.words:
                continue
            if declared.kind == own_kind and value == getattr(record, "id", None):
                self.report(origin, loc, "a record cannot refer to itself")
            else:
                self.reference(origin, loc, value, declared.kind, declared.noun)

    def model_references(self, model: schema.ModelDraft) -> None:
        origin = self.origins[(MODELS_DIR, model.id)]
        self.declared_references(origin, model, MODELS_DIR)
        self.variant_references(origin, model)
        self.result_references(origin, model)

    def variant_references(self, origin: _Origin, model: schema.ModelDraft) -> None:
        seen: dict[str, int] = {}
        for index, variant in enumerate(model.variants):
            first = seen.setdefault(variant.id, index)
            if first != index:
                self.report(origin, ("variants", index, "id"), f"variant id `{variant.id}` is also variants[{first}]")

    def result_references(self, origin: _Origin, model: schema.ModelDraft) -> None:
        """Each result's metric, split and version are its benchmark's, its variant is the record's, `shots` goes
        with a few-shot protocol, and no number is recorded twice (the other references are declared)."""
        benchmarks = self.data.vocab.get("benchmarks", {})
        protocols = self.data.vocab.get("protocols", {})
        variant_names = {variant.name.casefold(): variant.id for variant in model.variants}
        seen: dict[tuple, int] = {}
        for index, result in enumerate(model.results):
            loc: Loc = ("results", index)
            benchmark = benchmarks.get(result.benchmark)
            if benchmark is None:
                continue  # reported as an unknown benchmark
            if benchmark.metric(result.metric) is None:
                metric_ids = ", ".join(m.id for m in benchmark.metrics)
                message = f"benchmark `{benchmark.id}` has no metric `{result.metric}`; its metrics: {metric_ids}"
                self.report(origin, (*loc, "metric"), message)
            if result.split != schema.UNKNOWN and benchmark.split(result.split) is None:
                self.report(origin, (*loc, "split"), _part_message("split", result.split, benchmark, benchmark.splits))
            if benchmark.versions and result.version is None:
                names = ", ".join(f"`{v.id}`" for v in benchmark.versions)
                message = f"benchmark `{benchmark.id}` has versions ({names}): name one, or `{schema.UNKNOWN}`"
                self.report(origin, loc, message)
            elif result.version is not None and not benchmark.versions:
                self.report(origin, (*loc, "version"), f"benchmark `{benchmark.id}` has no versions; remove it")
            elif result.version not in (None, schema.UNKNOWN) and result.version not in {
                v.id for v in benchmark.versions
            }:
                message = _part_message("version", result.version, benchmark, benchmark.versions)
                self.report(origin, (*loc, "version"), message)
            protocol = protocols.get(result.protocol)
            if protocol is not None and protocol.shots and result.shots is None:
                message = f"protocol `{protocol.id}` needs `shots`: how many examples the model was given"
                self.report(origin, (*loc, "protocol"), message)
            elif result.shots is not None and not (protocol is not None and protocol.shots):
                self.report(origin, (*loc, "shots"), "`shots` belongs to a few-shot protocol; remove it")
            if model.variant(result.variant) is None:
                self.report(origin, (*loc, "variant"), _variant_message(result.variant, model, variant_names))
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
                self.report(origin, loc, message)


def _part_message(what: str, value: str, benchmark: schema.Benchmark, parts: list) -> str:
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


def normalised_title(title: str) -> str:
    """Lower case, letters and digits only: 'ViLBERT: Pretraining …' and 'vilbert pretraining …' match."""
    return re.sub(r"[\W_]+", " ", title.casefold()).strip()


def _check_duplicates(run: _Validator) -> None:
    """The same paper twice (by arXiv id, DOI or title), and former ids claimed twice."""
    data = run.data
    first: dict[tuple[str, str], str] = {}
    for model_id, model in data.models.items():
        keys = [("title", normalised_title(model.title), ("title",))]
        if model.links and model.links.arxiv:
            keys.append(("arXiv id", model.links.arxiv, ("links", "arxiv")))
        if model.links and model.links.doi:
            keys.append(("DOI", model.links.doi.casefold(), ("links", "doi")))
        for what, key, loc in keys:
            other = first.setdefault((what, key), model_id)
            if other != model_id:
                message = (
                    f"same {what} as `{other}` ({display_path(data.paths[(MODELS_DIR, other)])}): "
                    "a paper is catalogued once; merge the two records"
                )
                run.report(run.origins[(MODELS_DIR, model_id)], loc, message)
    owners: dict[str, str] = {}
    for model_id, model in data.models.items():
        for index, alias in enumerate(model.aliases):
            other = alias if alias in data.models else owners.setdefault(alias, model_id)
            if other != model_id:
                message = (
                    f"`{alias}` is already the id or an alias of `{other}`; a former id can point to one record only"
                )
                run.report(run.origins[(MODELS_DIR, model_id)], ("aliases", index), message)


def _check_primary_sources(run: _Validator, policy: schema.SourcePolicy) -> None:
    """A reviewed record names a primary source; a number's source link is its primary publication."""
    data = run.data
    evaluators = data.vocab.get("evaluators", {})
    for model in data.models.values():
        origin = run.origins[(MODELS_DIR, model.id)]
        if not model.needs_review and model.sources and not provenance.primary_sources(model, policy):
            message = (
                "none of these confirms the record's facts: name a primary source (the arXiv abstract page, the "
                "DOI, the proceedings, OpenReview, or the authors' own repository, model card or project page); "
                f"digests and aggregators may be listed beside it (primary hosts: {SOURCES_FILE})"
            )
            run.report(origin, ("sources",), message)
        for index, result in enumerate(model.results):
            if result.needs_review or not re.match(schema.URL_PATTERN, result.source):
                continue
            evaluator = evaluators.get(result.evaluated_by)
            evaluator_model = data.models.get(evaluator.model) if evaluator and evaluator.model else None
            if not provenance.is_primary_for_result(
                result.source, model, result.evaluated_by, evaluator, evaluator_model, policy
            ):
                message = (
                    "a number's source is its primary publication: the paper, the authors' repository or model "
                    "card, or the evaluator's own; replace this link, or mark the result `needs_review` and say why"
                )
                run.report(origin, ("results", index, "source"), message)


# --- the whole directory --------------------------------------------------------------------------


def validate(root: Path) -> tuple[Data, list[Problem]]:
    """Validate every file under `root`; return what is valid and every problem found, sorted."""
    run = _Validator(root)
    data = run.data

    settings_path = root / SETTINGS_FILE
    settings_origin = None
    if settings_path.exists() and (loaded := run.load(settings_path)) is not None:
        data.settings = run.check(schema.CatalogueSettings, loaded.data, loaded) or schema.CatalogueSettings()
        settings_origin = _Origin(loaded)
    vocab_dir = root / VOCAB_DIR
    for kind, entry in schema.VOCABULARIES.items():
        path = vocab_dir / f"{kind}.yaml"
        if path.exists():
            data.vocab[kind] = run.entries(path, kind, entry)
        else:
            data.vocab[kind] = {}
            if kind in data.settings.required_vocabularies:
                message = f"the vocabulary file is missing (catalogue.yaml requires `{kind}`); create it"
                run.add(Problem(path, 1, 1, "", message))
    known = {f"{kind}{RECORD_SUFFIX}" for kind in schema.VOCABULARIES}
    for path in run.record_files(vocab_dir):
        if path.name not in known:
            message = f"unknown vocabulary file; the vocabularies are {', '.join(sorted(known))}"
            run.add(Problem(path, 1, 1, "", message))

    data.datasets = {d.id: d for _, d in run.records(DATASETS_DIR, lambda _: schema.DatasetRecord)}
    data.models = {m.id: m for _, m in run.records(MODELS_DIR, schema.model_class)}
    for kind, records in ((MODELS_DIR, data.models), (DATASETS_DIR, data.datasets)):
        run.aliases[kind] = {alias: record.id for record in records.values() for alias in record.aliases}
    surveys_path = root / SURVEYS_FILE
    if surveys_path.exists():
        data.surveys = list(run.entries(surveys_path, "surveys", schema.Survey).values())
    not_models_path = root / NOT_MODELS_FILE
    if not_models_path.exists():
        data.not_models = list(run.entries(not_models_path, "not-models", schema.NotAModel).values())
    sources_path = root / SOURCES_FILE
    if sources_path.exists() and (loaded := run.load(sources_path)) is not None:
        data.source_policy = run.check(schema.SourcePolicy, loaded.data, loaded)

    for model in data.models.values():
        run.model_references(model)
    for dataset in data.datasets.values():
        run.declared_references(run.origins[(DATASETS_DIR, dataset.id)], dataset, DATASETS_DIR)
    for kind, entries in data.vocab.items():
        for entry in entries.values():
            run.declared_references(run.origins[(kind, entry.id)], entry, kind)
    for survey in data.surveys:
        run.declared_references(run.origins[("surveys", survey.id)], survey)
    for kind, word in (("protocols", schema.UNKNOWN), ("evaluators", schema.AUTHORS)):
        if word in data.vocab[kind]:
            message = f"`{word}` is a word results use themselves; give this entry another id"
            run.report(run.origins[(kind, word)], ("id",), message)
    _check_duplicates(run)
    check_rules(run, data.settings)
    if settings_origin is not None:
        run.declared_references(settings_origin, data.settings)
    if data.source_policy is not None:
        _check_primary_sources(run, data.source_policy)

    data.models = dict(sorted(data.models.items()))
    data.datasets = dict(sorted(data.datasets.items()))
    return data, sorted(run.problems + run.summaries_of_omitted())


def load_data(root: Path) -> Data:
    """The validated data of `root`; raise DataError with every problem when there is any."""
    data, problems = validate(root)
    if problems:
        raise DataError(problems)
    return data
