"""Commands on the data: validate, schema, init, stats, new, fmt and reference."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from mmptm_site.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Command,
    UsageError,
    add_data_option,
    data_dir,
    print_problems,
    report_exists,
)
from mmptm_site.data.problems import DataError, Problem, summary_line


class Validate(Command):
    name = "validate"
    help = "Check every data file; report each problem at its file and line."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_data_option(parser)
        parser.add_argument(
            "--format",
            choices=("text", "github"),
            default="text",
            help="text (path:line:column: field: message) or github (GitHub Actions annotations)",
        )

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.data.validate import validate

        data, problems = validate(data_dir(args))
        print_problems(problems, args.format)
        print(summary_line(problems, data.files_checked), file=sys.stderr if args.format == "github" else sys.stdout)
        return EXIT_PROBLEMS if problems else EXIT_OK


class Schema(Command):
    name = "schema"
    help = "Write the JSON Schemas of the data files (for editors) into schema/."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_data_option(parser)
        parser.add_argument("--out", metavar="DIR", help="where to write them (default: schema/ beside the data dir)")
        parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file is out of date")

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.data.schema import json_schemas
        from mmptm_site.exports.catalog_json import catalog_schema

        out = Path(args.out) if args.out else Path(args.data).parent / "schema"
        stale = []
        for name, content in {**json_schemas(), "catalog.schema.json": catalog_schema()}.items():
            path = out / name
            text = json.dumps(content, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            if path.exists() and path.read_text(encoding="utf-8") == text:
                continue
            stale.append(path)
            if not args.check:
                out.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        if args.check:
            for path in stale:
                print(f"{os.path.relpath(path)}: out of date; run `mmptm-site schema`")
            return EXIT_PROBLEMS if stale else EXIT_OK
        print(f"{len(stale)} schema file(s) written to {out}" if stale else f"schemas in {out} are up to date")
        return EXIT_OK


class Init(Command):
    name = "init"
    help = "Start a new catalogue in a folder: mkdocs.yml, data/, docs/, workflows."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("dir", nargs="?", default=".", metavar="DIR", help="the folder (default: this one)")

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.scaffold import init

        target = Path(args.dir)
        if target.exists() and not target.is_dir():
            raise UsageError(f"{target} is a file; name a folder (nothing was written)")
        try:
            written = init(target)
        except FileExistsError as error:
            raise UsageError(f"these files exist already in {target}: {error}; nothing was written") from None
        print(f"{len(written)} files written to {target}: mkdocs.yml, data/, docs/, .github/workflows/ and more.")
        print(f"Next: cd {target} && mmptm-site validate && mmptm-site build (the site goes to site/).")
        return EXIT_OK


class Stats(Command):
    name = "stats"
    help = "Print counts of models per year, modality and objective."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_data_option(parser)
        parser.add_argument(
            "--quality", action="store_true", help="completeness per year instead: review, sizes, licences, results"
        )

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.catalog import Catalog
        from mmptm_site.catalog.quality import quality_text
        from mmptm_site.catalog.stats import stats_text
        from mmptm_site.data.validate import load_data

        catalog = Catalog(load_data(data_dir(args)))
        print(quality_text(catalog) if args.quality else stats_text(catalog))
        return EXIT_OK


class New(Command):
    name = "new"
    help = "Scaffold a model record, optionally filled from the arXiv API."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name", help="the model's display name, e.g. 'BLIP-3'")
        parser.add_argument("--arxiv", metavar="ID", help="fill title, authors, year and links from this arXiv paper")
        parser.add_argument("--id", help="the record's id (default: from the name)")
        add_data_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        import datetime as dt
        import re

        from pydantic import ValidationError

        from mmptm_site.data.ids import id_from_name
        from mmptm_site.data.schema import ID_PATTERN, ModelDraft
        from mmptm_site.data.writer import dump_record_with_guide, write_atomically

        data = data_dir(args)
        model_id = args.id or id_from_name(args.name)
        if not re.match(ID_PATTERN, model_id):
            raise UsageError(
                f"cannot make an id from {args.name!r}; pass --id ID (lower-case letters, digits, hyphens)"
            )
        path = data / "models" / f"{model_id}.yaml"
        if path.exists():  # early, to spare the arXiv request; the write below is what guarantees it
            return report_exists(path)
        today = dt.date.today()
        fields: dict[str, Any] = {"id": model_id, "name": args.name, "title": args.name, "year": today.year}
        missing = "the paper's title, year, authors and the other facts"
        if args.arxiv:
            from mmptm_site.sources.arxiv import ArxivUnavailable, fetch_paper

            try:
                paper = fetch_paper(args.arxiv)
            except ArxivUnavailable as error:
                print(f"mmptm-site: {error}; writing the skeleton without the paper's metadata", file=sys.stderr)
            else:
                fields.update(paper.record_fields())
                missing = "the venue, modalities, architecture, data, objectives, tasks and a summary"
        try:
            record = ModelDraft(
                **fields, added=today, needs_review=True, review_note=f"New record: still to fill in {missing}."
            )
        except ValidationError as error:  # e.g. a reserved or overlong id, or a control character in the name
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            message = first["msg"].removeprefix("Value error, ")
            raise UsageError(f"cannot make a record: {where}: {message}; nothing was written") from None
        try:
            write_atomically(path, dump_record_with_guide(record, "models"))
        except FileExistsError:  # created while we fetched: never replaced
            return report_exists(path)
        print(f"{path} written; fill it in, then run `mmptm-site validate`")
        return EXIT_OK


class Fmt(Command):
    name = "fmt"
    help = "Rewrite records into canonical form, keeping comments and values."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("paths", nargs="*", metavar="PATH", help="files to format (default: every record)")
        parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a file would change")
        add_data_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.data.fmt import format_file

        if args.paths:
            paths = [Path(p) for p in args.paths]
        else:
            data = data_dir(args)
            paths = sorted((data / "models").glob("*.yaml")) + sorted((data / "datasets").glob("*.yaml"))
        changed: list[Path] = []
        problems: list[Problem] = []
        for path in paths:
            try:
                if format_file(path, check=args.check):
                    changed.append(path)
            except DataError as error:
                problems.extend(error.problems)
        print_problems(problems, "text")
        for path in changed:
            print(f"{path}: {'not in canonical form' if args.check else 'reformatted'}")
        summary = f"{len(changed)} of {len(paths)} files {'would change' if args.check else 'reformatted'}"
        print(summary, file=sys.stderr)
        return EXIT_PROBLEMS if problems or (args.check and changed) else EXIT_OK


class Reference(Command):
    name = "reference"
    help = "Regenerate the field reference in CONTRIBUTING.md."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--file", default="CONTRIBUTING.md", help="the file holding the reference")
        parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when it is stale")

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.data.reference import update_file

        path = Path(args.file)
        try:
            stale = update_file(path, check=args.check)
        except (OSError, ValueError) as error:
            raise UsageError(f"{path}: {error}") from None
        if args.check and stale:
            print(f"{path}: the field reference is out of date; run `mmptm-site reference`")
            return EXIT_PROBLEMS
        print(f"{path}: field reference {'up to date' if not stale else 'updated'}")
        return EXIT_OK
