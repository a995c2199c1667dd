"""Commands that compare the catalogue with its sources: import, coverage, discover and linkcheck."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from mmptm_site.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Command,
    UsageError,
    add_data_option,
    data_dir,
    report_exists,
)

Report = TypeVar("Report")


def _read_list(read: Callable[[], Report]) -> Report | None:
    """`read()`'s report, or None once the reason the list could not be read is printed; a --section that
    names nothing in the list is a usage error."""
    from mmptm_site.sources.importer import MarkdownImportError, UnknownSectionError

    try:
        return read()
    except UnknownSectionError as error:
        raise UsageError(str(error)) from None
    except MarkdownImportError as error:
        print(f"mmptm-site: {error}", file=sys.stderr)
        return None


def _add_section_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--section",
        action="append",
        default=[],
        metavar="NAME",
        help="only entries under the heading NAME (else under headings beginning with NAME, else containing it), "
        "or of a kind such as 'datasets' (repeatable; by default sections of datasets, benchmarks, surveys, "
        "evaluation, hallucination and position papers are skipped)",
    )


class Import(Command):
    name = "import"
    help = "Draft records from a Markdown paper list; never overwrites."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", metavar="FILE.md", help="the Markdown list")
        parser.add_argument("--dry-run", action="store_true", help="print the summary, write nothing")
        _add_section_option(parser)
        add_data_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.sources.importer import import_markdown

        source, target = Path(args.file), data_dir(args)
        report = _read_list(lambda: import_markdown(source, target, dry_run=args.dry_run, sections=args.section))
        if report is None:
            return EXIT_PROBLEMS
        print(report.summary())
        return EXIT_PROBLEMS if report.existing else EXIT_OK


class Coverage(Command):
    name = "coverage"
    help = "Report which papers of a Markdown list the catalogue has, per section."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", metavar="LIST.md", help="the Markdown list")
        _add_section_option(parser)
        add_data_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.sources.coverage import coverage

        report = _read_list(lambda: coverage(Path(args.file), data_dir(args), sections=args.section))
        if report is None:
            return EXIT_PROBLEMS
        sys.stdout.write(report.text())
        return EXIT_OK


class Discover(Command):
    name = "discover"
    help = "Report recent arXiv papers of the field that are not catalogued."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_data_option(parser)
        parser.add_argument(
            "--since", metavar="DATE", help="first submission date to report, YYYY-MM-DD (default: 7 days ago)"
        )
        parser.add_argument("--out", metavar="FILE", help="write the Markdown report here (default: standard output)")
        parser.add_argument("--drafts", action="store_true", help="also write a needs_review draft per candidate")

    def run(self, args: argparse.Namespace) -> int:
        import datetime as dt

        from mmptm_site.data.validate import load_data
        from mmptm_site.data.writer import write_atomically, write_record
        from mmptm_site.sources.arxiv import ArxivUnavailable
        from mmptm_site.sources.discover import discover, draft, draft_id, read_config, report

        data_path = data_dir(args)
        try:
            since = dt.date.fromisoformat(args.since) if args.since else dt.date.today() - dt.timedelta(days=7)
        except ValueError:
            raise UsageError(f"--since takes a date written YYYY-MM-DD, not {args.since!r}") from None
        data = load_data(data_path)
        config = read_config(data_path)
        try:
            candidates = discover(data, since, config)
        except ArxivUnavailable as error:
            print(f"mmptm-site: {error}; no report written", file=sys.stderr)
            return EXIT_PROBLEMS
        text = report(candidates, since)
        if args.out:
            write_atomically(Path(args.out), text, overwrite=True)
            print(f"{len(candidates)} candidates written to {args.out}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        if not args.drafts:
            return EXIT_OK
        taken = set(data.models) | {p.stem for p in (data_path / "models").glob("*.yaml")}
        written, code = 0, EXIT_OK
        for candidate in candidates:
            model_id = draft_id(candidate.paper, taken)
            taken.add(model_id)
            try:
                write_record(draft(candidate.paper, model_id, dt.date.today()), "models", data_path)
            except FileExistsError:  # created since we listed the folder: never replaced
                code = report_exists(data_path / "models" / f"{model_id}.yaml")
                continue
            written += 1
        print(f"{written} drafts written to {data_path / 'models'}", file=sys.stderr)
        return code


class Linkcheck(Command):
    name = "linkcheck"
    help = "Check every URL in the data; write a report of dead ones."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_data_option(parser)
        parser.add_argument("--out", metavar="FILE", help="write the Markdown report here (default: standard output)")
        parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default: 10)")

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.data.validate import load_data
        from mmptm_site.data.writer import write_atomically
        from mmptm_site.sources.link_fetch import CheckOptions, Outcome
        from mmptm_site.sources.linkcheck import check_all, collect, report

        uses = collect(load_data(data_dir(args)))
        results = check_all(list(uses), CheckOptions(timeout=args.timeout))
        text = report(results, uses)
        if args.out:
            write_atomically(Path(args.out), text, overwrite=True)
        else:
            sys.stdout.write(text)
        dead = sum(1 for result in results if result.outcome is Outcome.DEAD)
        refused = sum(1 for result in results if result.outcome is Outcome.REFUSED)
        print(f"{dead} dead and {refused} refused of {len(results)} links", file=sys.stderr)
        return EXIT_OK  # a report for a maintainer, not a failure
