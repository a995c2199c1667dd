"""The `mmptm-site` command: argument parsing and exit codes; the work is done by the pipeline's steps.

Exit codes: 0 success, 1 problems in the data (or a check that failed), 2 wrong usage (including a site
directory that `build` must not or cannot replace, and a second build into the same site at once).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from mmptm_site import __version__
from mmptm_site.data.problems import DataError, Problem, summary_line

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _data_dir(args: argparse.Namespace) -> Path:
    data = Path(args.data)
    if not data.is_dir():
        raise _UsageError(f"no data directory at {data}; pass --data DIR or run from the repository's root")
    return data


class _UsageError(Exception):
    pass


def _print_problems(problems: list[Problem], output_format: str) -> None:
    for problem in problems:
        print(problem.github() if output_format == "github" else problem.text())


def cmd_validate(args: argparse.Namespace) -> int:
    from mmptm_site.data.validate import validate

    data, problems = validate(_data_dir(args))
    _print_problems(problems, args.format)
    print(summary_line(problems, data.files_checked), file=sys.stderr if args.format == "github" else sys.stdout)
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
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


def cmd_init(args: argparse.Namespace) -> int:
    from mmptm_site.scaffold import init

    target = Path(args.dir)
    if target.exists() and not target.is_dir():
        raise _UsageError(f"{target} is a file; name a folder (nothing was written)")
    try:
        written = init(target)
    except FileExistsError as error:
        raise _UsageError(f"these files exist already in {target}: {error}; nothing was written") from None
    print(f"{len(written)} files written to {target}: mkdocs.yml, data/, docs/, .github/workflows/ and more.")
    print(f"Next: cd {target} && mmptm-site validate && mmptm-site build (the site goes to site/).")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from mmptm_site.catalog import Catalog
    from mmptm_site.catalog.quality import quality_text
    from mmptm_site.catalog.stats import stats_text
    from mmptm_site.data.validate import load_data

    catalog = Catalog(load_data(_data_dir(args)))
    print(quality_text(catalog) if args.quality else stats_text(catalog))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from mmptm_site.site.build import BuildRefused, build_site

    # the plugin validates first, inside the build: a problem stops it with located messages
    try:
        code = build_site(_config_file(args), _data_dir(args), Path(args.site_dir))
    except BuildRefused as error:  # where the site goes is the caller's choice: a usage error
        raise _UsageError(f"{error}; nothing was touched") from None
    if code != 0:
        print(f"mmptm-site: nothing was built; {args.site_dir} is unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"site built in {args.site_dir}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from mmptm_site.site.build import serve_site

    return serve_site(_config_file(args), _data_dir(args), args.address)


def cmd_generate(args: argparse.Namespace) -> int:
    from mmptm_site.site.generate import ConfigError, generate

    data_dir = _data_dir(args)
    try:
        count = generate(_config_file(args), data_dir, Path(args.out))
    except ConfigError as error:
        raise _UsageError(str(error)) from None
    print(
        f"{count} generated files and mkdocs.yml written to {args.out}; build them with `mkdocs build -f "
        f"{Path(args.out) / 'mkdocs.yml'}`"
    )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from mmptm_site import exports
    from mmptm_site.catalog import Catalog
    from mmptm_site.data.validate import load_data
    from mmptm_site.exports.bibtex import entries_by_model
    from mmptm_site.site.generate import ConfigError, read_config
    from mmptm_site.urls import SiteAddress

    config = {}
    if Path(args.config).is_file():
        try:
            config = read_config(Path(args.config))
        except ConfigError as error:
            raise _UsageError(str(error)) from None
    # pages are linked as the site names them (mkdocs.yml), at the address given or configured
    address = SiteAddress(args.site_url or config.get("site_url"), config.get("use_directory_urls", True))
    catalog = Catalog(load_data(_data_dir(args)))
    bibtex = entries_by_model(catalog.models, catalog.data.vocab["venues"])  # type: ignore[arg-type]
    text = {
        "json": lambda: exports.catalog_json(catalog, bibtex, address),
        "csv": lambda: exports.catalog_csv(catalog, address),
        "results-csv": lambda: exports.results_csv(catalog),
        "bibtex": lambda: exports.papers_bib(catalog, bibtex),
        "markdown": lambda: exports.paper_list_markdown(catalog, address),
    }[args.format]()
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from mmptm_site.data.writer import write_atomically

    try:
        write_atomically(Path(args.output), text, overwrite=args.force)
    except FileExistsError:
        raise _UsageError(f"{args.output} exists; pass --force to replace it (nothing was written)") from None
    print(f"{args.format} written to {args.output}", file=sys.stderr)
    return EXIT_OK


def _exists(path: Path) -> int:
    print(f"mmptm-site: {path} exists; nothing was written", file=sys.stderr)
    return EXIT_PROBLEMS


def cmd_new(args: argparse.Namespace) -> int:
    import datetime as dt
    import re

    from pydantic import ValidationError

    from mmptm_site.data.ids import id_from_name
    from mmptm_site.data.schema import ID_PATTERN, ModelDraft
    from mmptm_site.data.writer import dump_record_with_guide, write_atomically

    data_dir = _data_dir(args)
    model_id = args.id or id_from_name(args.name)
    if not re.match(ID_PATTERN, model_id):
        raise _UsageError(f"cannot make an id from {args.name!r}; pass --id ID (lower-case letters, digits, hyphens)")
    path = data_dir / "models" / f"{model_id}.yaml"
    if path.exists():  # early, to spare the arXiv request; the write below is what guarantees it
        return _exists(path)
    today = dt.date.today()
    fields: dict = {"id": model_id, "name": args.name, "title": args.name, "year": today.year}
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
        raise _UsageError(f"cannot make a record: {where}: {message}; nothing was written") from None
    try:
        write_atomically(path, dump_record_with_guide(record, "models"))
    except FileExistsError:  # created while we fetched: never replaced
        return _exists(path)
    print(f"{path} written; fill it in, then run `mmptm-site validate`")
    return EXIT_OK


def cmd_fmt(args: argparse.Namespace) -> int:
    from mmptm_site.data.fmt import format_file

    if args.paths:
        paths = [Path(p) for p in args.paths]
    else:
        data_dir = _data_dir(args)
        paths = sorted((data_dir / "models").glob("*.yaml")) + sorted((data_dir / "datasets").glob("*.yaml"))
    changed, problems = [], []
    for path in paths:
        try:
            if format_file(path, check=args.check):
                changed.append(path)
        except DataError as error:
            problems.extend(error.problems)
    _print_problems(problems, "text")
    for path in changed:
        print(f"{path}: {'not in canonical form' if args.check else 'reformatted'}")
    print(f"{len(changed)} of {len(paths)} files {'would change' if args.check else 'reformatted'}", file=sys.stderr)
    return EXIT_PROBLEMS if problems or (args.check and changed) else EXIT_OK


def cmd_reference(args: argparse.Namespace) -> int:
    from mmptm_site.data.reference import update_file

    path = Path(args.file)
    try:
        stale = update_file(path, check=args.check)
    except (OSError, ValueError) as error:
        raise _UsageError(f"{path}: {error}") from None
    if args.check and stale:
        print(f"{path}: the field reference is out of date; run `mmptm-site reference`")
        return EXIT_PROBLEMS
    print(f"{path}: field reference {'up to date' if not stale else 'updated'}")
    return EXIT_OK


def cmd_discover(args: argparse.Namespace) -> int:
    import datetime as dt

    from mmptm_site.data.validate import load_data
    from mmptm_site.data.writer import write_atomically, write_record
    from mmptm_site.sources.arxiv import ArxivUnavailable
    from mmptm_site.sources.discover import discover, draft, draft_id, read_config, report

    data_dir = _data_dir(args)
    try:
        since = dt.date.fromisoformat(args.since) if args.since else dt.date.today() - dt.timedelta(days=7)
    except ValueError:
        raise _UsageError(f"--since takes a date written YYYY-MM-DD, not {args.since!r}") from None
    data = load_data(data_dir)
    config = read_config(data_dir)
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
    if args.drafts:
        taken = set(data.models) | {p.stem for p in (data_dir / "models").glob("*.yaml")}
        written, code = 0, EXIT_OK
        for candidate in candidates:
            model_id = draft_id(candidate.paper, taken)
            taken.add(model_id)
            try:
                write_record(draft(candidate.paper, model_id, dt.date.today()), "models", data_dir)
            except FileExistsError:  # created since we listed the folder: never replaced
                code = _exists(data_dir / "models" / f"{model_id}.yaml")
                continue
            written += 1
        print(f"{written} drafts written to {data_dir / 'models'}", file=sys.stderr)
        return code
    return EXIT_OK


def cmd_linkcheck(args: argparse.Namespace) -> int:
    from mmptm_site.data.validate import load_data
    from mmptm_site.data.writer import write_atomically
    from mmptm_site.sources.linkcheck import CheckOptions, Outcome, check_all, collect, report

    uses = collect(load_data(_data_dir(args)))
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


def cmd_import(args: argparse.Namespace) -> int:
    from mmptm_site.sources.importer import MarkdownImportError, UnknownSectionError, import_markdown

    try:
        report = import_markdown(Path(args.file), _data_dir(args), dry_run=args.dry_run, sections=args.section)
    except UnknownSectionError as error:
        raise _UsageError(str(error)) from None
    except MarkdownImportError as error:
        print(f"mmptm-site: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(report.summary())
    return EXIT_PROBLEMS if report.existing else EXIT_OK


def cmd_coverage(args: argparse.Namespace) -> int:
    from mmptm_site.sources.coverage import coverage
    from mmptm_site.sources.importer import MarkdownImportError, UnknownSectionError

    try:
        report = coverage(Path(args.file), _data_dir(args), sections=args.section)
    except UnknownSectionError as error:
        raise _UsageError(str(error)) from None
    except MarkdownImportError as error:
        print(f"mmptm-site: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    sys.stdout.write(report.text())
    return EXIT_OK


def _add_section_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--section",
        action="append",
        default=[],
        metavar="NAME",
        help="only entries under a heading containing NAME, or of a kind such as 'datasets' (repeatable; by "
        "default sections of datasets, benchmarks, surveys, evaluation, hallucination and position papers are "
        "skipped)",
    )


def _config_file(args: argparse.Namespace) -> Path:
    config = Path(args.config)
    if not config.is_file():
        raise _UsageError(f"no mkdocs configuration at {config}; pass --config FILE")
    return config


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="mkdocs.yml (default: mkdocs.yml)")


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", default="data", metavar="DIR", help="the data directory (default: data)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mmptm-site",
        description="Validate and publish a curated catalogue of models: one YAML record per model, a website.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    validate = command("validate", cmd_validate, "Check every data file; report each problem at its file and line.")
    _add_data_option(validate)
    validate.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text (path:line:column: field: message) or github (GitHub Actions annotations)",
    )

    schema = command("schema", cmd_schema, "Write the JSON Schemas of the data files (for editors) into schema/.")
    _add_data_option(schema)
    schema.add_argument("--out", metavar="DIR", help="where to write them (default: schema/ beside the data dir)")
    schema.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file is out of date")

    init = command("init", cmd_init, "Start a new catalogue in a folder: mkdocs.yml, data/, docs/, workflows.")
    init.add_argument("dir", nargs="?", default=".", metavar="DIR", help="the folder (default: this one)")

    stats = command("stats", cmd_stats, "Print counts of models per year, modality and objective.")
    _add_data_option(stats)
    stats.add_argument(
        "--quality", action="store_true", help="completeness per year instead: review, sizes, licences, results"
    )

    build = command("build", cmd_build, "Validate, then build the website; the old site stays if anything fails.")
    _add_data_option(build)
    _add_config_option(build)
    build.add_argument(
        "--site-dir",
        default="site",
        metavar="DIR",
        help="where the site goes: new, empty, or made by an earlier build (default: site)",
    )

    serve = command("serve", cmd_serve, "Preview the website, rebuilding when data, templates or docs change.")
    _add_data_option(serve)
    _add_config_option(serve)
    serve.add_argument("--address", default="127.0.0.1:8000", help="host:port (default: 127.0.0.1:8000)")

    generate = command(
        "generate", cmd_generate, "Write the pages as Markdown with a plugin-free mkdocs.yml, for other builders."
    )
    _add_data_option(generate)
    _add_config_option(generate)
    generate.add_argument("--out", required=True, metavar="DIR", help="a new or empty directory")

    new = command("new", cmd_new, "Scaffold a model record, optionally filled from the arXiv API.")
    new.add_argument("name", help="the model's display name, e.g. 'BLIP-3'")
    new.add_argument("--arxiv", metavar="ID", help="fill title, authors, year and links from this arXiv paper")
    new.add_argument("--id", help="the record's id (default: from the name)")
    _add_data_option(new)

    importer = command("import", cmd_import, "Draft records from a Markdown paper list; never overwrites.")
    importer.add_argument("file", metavar="FILE.md", help="the Markdown list")
    importer.add_argument("--dry-run", action="store_true", help="print the summary, write nothing")
    _add_section_option(importer)
    _add_data_option(importer)

    coverage = command(
        "coverage", cmd_coverage, "Report which papers of a Markdown list the catalogue has, per section."
    )
    coverage.add_argument("file", metavar="LIST.md", help="the Markdown list")
    _add_section_option(coverage)
    _add_data_option(coverage)

    fmt = command("fmt", cmd_fmt, "Rewrite records into canonical form, keeping comments and values.")
    fmt.add_argument("paths", nargs="*", metavar="PATH", help="files to format (default: every record)")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 when a file would change")
    _add_data_option(fmt)

    reference = command("reference", cmd_reference, "Regenerate the field reference in CONTRIBUTING.md.")
    reference.add_argument("--file", default="CONTRIBUTING.md", help="the file holding the reference")
    reference.add_argument("--check", action="store_true", help="change nothing; exit 1 when it is stale")

    discover = command("discover", cmd_discover, "Report recent arXiv papers of the field that are not catalogued.")
    _add_data_option(discover)
    discover.add_argument(
        "--since", metavar="DATE", help="first submission date to report, YYYY-MM-DD (default: 7 days ago)"
    )
    discover.add_argument("--out", metavar="FILE", help="write the Markdown report here (default: standard output)")
    discover.add_argument("--drafts", action="store_true", help="also write a needs_review draft per candidate")

    linkcheck = command("linkcheck", cmd_linkcheck, "Check every URL in the data; write a report of dead ones.")
    _add_data_option(linkcheck)
    linkcheck.add_argument("--out", metavar="FILE", help="write the Markdown report here (default: standard output)")
    linkcheck.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default: 10)")

    export = command("export", cmd_export, "Write the catalogue as JSON, CSV, BibTeX or a Markdown paper list.")
    _add_data_option(export)
    _add_config_option(export)
    export.add_argument("--format", required=True, choices=("json", "csv", "results-csv", "bibtex", "markdown"))
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of to standard output")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument("--site-url", help="for absolute links (default: site_url in mkdocs.yml)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except _UsageError as error:
        print(f"mmptm-site: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        _print_problems(error.problems, "text")
        print(summary_line(error.problems, len({p.path for p in error.problems})), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`mmptm-site stats | head`): stop quietly, as cat does
        # Python would report the pipe again when it flushes stdout at exit: point stdout at nothing first
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
