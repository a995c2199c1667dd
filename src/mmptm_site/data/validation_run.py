"""One validation run: files turned into records and entries, their references checked, every problem
collected (at most MAX_PROBLEMS_PER_FILE shown per file) at its file, line and column."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from mmptm_site.data import schema
from mmptm_site.data.directory import DATASETS_DIR, MODELS_DIR, RECORD_SUFFIX, VOCAB_DIR, Data
from mmptm_site.data.load import LoadedFile, load_file, symlinked_folder
from mmptm_site.data.problems import DataError, Loc, Problem, format_loc
from mmptm_site.data.references import references
from mmptm_site.data.schema_problems import schema_problems

MAX_PROBLEMS_PER_FILE = 50
"""Problems shown per file; the rest are counted in one more ("… and N more"). Beyond this many, no
suggestion is looked for either, so a file of 100,000 unknown ids costs linear time, not 100,000 searches."""


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
class Origin:
    """Where a record or vocabulary entry came from: its file, and its loc inside that file."""

    loaded: LoadedFile
    loc: Loc = ()


class LoadCache:
    """Files read and checked by earlier runs, reused while a file is unchanged (the same inode, size and
    modification time): a preview then reads and checks only the file that was edited, and the checks
    across files run on the whole as always. Problems are never cached: a file with one is read again."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[tuple[int, int, int], LoadedFile, dict[tuple[Any, ...], Any]]] = {}

    def load(self, path: Path) -> LoadedFile:
        stat = path.stat()
        stamp = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        known = self._files.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        loaded = load_file(path)  # raises DataError, and then nothing is kept
        self._files[path] = (stamp, loaded, {})
        return loaded

    def checked(self, loaded: LoadedFile) -> dict[tuple[Any, ...], Any]:
        """What was computed from `loaded` so far: its valid records by (the raw value's id, class, location),
        and the references of each record by ("references", the record's id)."""
        known = self._files.get(loaded.path)
        return known[2] if known is not None and known[1] is loaded else {}

    def references(self, loaded: LoadedFile, record: BaseModel) -> list[tuple[Loc, str, schema.Ref]]:
        """The ids `record` (checked from `loaded`) names, found once: the targets are checked every run."""
        checked = self.checked(loaded)
        key = ("references", id(record))
        if key not in checked or checked[key][0] is not record:
            checked[key] = (record, list(references(record)))
        found: list[tuple[Loc, str, schema.Ref]] = checked[key][1]
        return found


class ValidationRun:
    """One validation run over a data directory: the data so far, where each part came from, problems."""

    def __init__(self, root: Path, cache: LoadCache | None = None):
        self.cache = cache
        self.data = Data(root=root)
        self.problems: list[Problem] = []
        self.origins: dict[tuple[str, str], Origin] = {}
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

    def report(self, origin: Origin, loc: Loc, message: str | Callable[[], str]) -> None:
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
            return self.cache.load(path) if self.cache is not None else load_file(path)
        except DataError as error:
            for problem in error.problems:
                self.add(problem)
            return None

    def check(self, cls: type[BaseModel], raw: Any, loaded: LoadedFile, prefix: Loc = ()) -> Any:
        checked = self.cache.checked(loaded) if self.cache is not None else {}
        if (key := (id(raw), cls, prefix)) in checked:  # raw lives as long as its cached file: ids stay unique
            return checked[key]
        try:
            checked[key] = cls.model_validate(raw)
            return checked[key]
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
            # a record that cannot be read is reported once, at its own file: its id (the file's name) is
            # not also reported as unknown wherever other records name it
            if loaded is None:
                self.invalid.add((kind, path.stem))
                continue
            if not isinstance(loaded.data, dict):
                self.report(Origin(loaded), (), "a record must be a mapping of fields (`key: value` lines)")
                self.invalid.add((kind, path.stem))
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
                self.report(Origin(loaded), ("id",), message)
                self.invalid.add((kind, path.stem))
                continue
            self.origins[(kind, record.id)] = Origin(loaded)
            self.data.paths[(kind, record.id)] = path
            yield loaded, record

    def entries(self, path: Path, kind: str, entry: type[BaseModel]) -> dict[str, Any]:
        """The valid entries of a list file (a vocabulary or the surveys), by id."""
        loaded = self.load(path)
        if loaded is None:
            return {}
        if not isinstance(loaded.data, list):
            message = "this file must be a list of entries, each starting with `- `"
            self.report(Origin(loaded), (), message)
            return {}
        entries: dict[str, Any] = {}
        positions: dict[str, int] = {}
        aliases = self.aliases.setdefault(kind, {})
        for index, raw in enumerate(loaded.data):
            item = self.check(entry, raw, loaded, (index,))
            if item is None:
                continue
            origin = Origin(loaded, (index,))
            if item.id in entries:
                first = positions[item.id]
                self.report(origin, ("id",), f"duplicate id `{item.id}` (also entry {first + 1}); keep one")
                continue
            for alias_index, alias in enumerate(getattr(item, "aliases", [])):
                other = aliases.setdefault(alias.casefold(), item.id)
                if other != item.id:
                    message = f"alias `{alias}` also names `{other}`; an alias must name one entry"
                    self.report(origin, ("aliases", alias_index), message)
            entries[item.id] = item
            positions[item.id] = index
            self.origins[(kind, item.id)] = origin
        return entries

    # --- cross-references ---

    def targets(self, kind: str) -> tuple[Iterable[str], dict[str, str], str]:
        """The ids of `kind`, its aliases (for suggestions) and where they are defined."""
        if kind == MODELS_DIR:
            return self.data.models, self.aliases[kind], f"{MODELS_DIR}/"
        if kind == DATASETS_DIR:
            return self.data.datasets, self.aliases[kind], f"{DATASETS_DIR}/"
        vocabulary = schema.named_vocabularies(self.data.vocab).get(kind, {})
        return vocabulary, self.aliases.get(kind, {}), f"{VOCAB_DIR}/{kind}.yaml"

    def reference(self, origin: Origin, loc: Loc, value: str, kind: str, noun: str) -> bool:
        """Whether `value` is an id of `kind`; when not, report it with the closest ids."""
        ids, aliases, where = self.targets(kind)
        if value in ids:
            return True
        if (kind, value) in self.invalid:
            return False  # that record's own problems are reported already
        self.report(origin, loc, lambda: f"unknown {noun} `{value}`{_suggest(value, ids, aliases)} (see {where})")
        return False

    def declared_references(self, origin: Origin, record: BaseModel, own_kind: str | None = None) -> None:
        """Every id the record names (as its schema declares them, `references`) exists; none names itself."""
        found = self.cache.references(origin.loaded, record) if self.cache is not None else references(record)
        for loc, value, declared in found:
            if value in declared.words:
                continue
            if declared.kind == own_kind and value == getattr(record, "id", None):
                self.report(origin, loc, "a record cannot refer to itself")
            else:
                self.reference(origin, loc, value, declared.kind, declared.noun)
