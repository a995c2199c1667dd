"""The `mmptm-site` command: argument parsing and exit codes; the work is done by the pipeline's steps.

Each sub-command is declared, arguments and handler together, in the module of its stage: `data_commands`,
`site_commands` and `source_commands`; `common` holds what they share.

Exit codes: 0 success, 1 problems in the data (or a check that failed), 2 wrong usage (including a site
directory that `build` must not or cannot replace, and a second build into the same site at once).
"""

from __future__ import annotations

import argparse
import os
import sys

from mmptm_site import __version__
from mmptm_site.cli import data_commands, site_commands, source_commands
from mmptm_site.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Command, UsageError, print_problems
from mmptm_site.data.problems import DataError, summary_line

__all__ = ["COMMANDS", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "build_parser", "main"]

COMMANDS: tuple[type[Command], ...] = (
    # the order in which `mmptm-site --help` lists them
    data_commands.Validate,
    data_commands.Schema,
    data_commands.Init,
    data_commands.Stats,
    site_commands.Build,
    site_commands.Serve,
    site_commands.Generate,
    data_commands.New,
    source_commands.Import,
    source_commands.Coverage,
    data_commands.Fmt,
    data_commands.Reference,
    source_commands.Discover,
    source_commands.Linkcheck,
    site_commands.Export,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mmptm-site",
        description="Validate and publish a curated catalogue of models: one YAML record per model, a website.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command_class in COMMANDS:
        command = command_class()
        sub = commands.add_parser(command.name, help=command.help, description=command.help)
        command.add_arguments(sub)
        sub.set_defaults(handler=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except UsageError as error:
        print(f"mmptm-site: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as error:
        print_problems(error.problems, "text")
        print(summary_line(error.problems, len({p.path for p in error.problems})), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`mmptm-site stats | head`): stop quietly, as cat does
        # Python would report the pipe again when it flushes stdout at exit: point stdout at nothing first
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
