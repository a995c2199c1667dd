"""What every command shares: exit codes, the usage error, the `--data` and `--config` options, printing
problems, and `Command`, the shape every sub-command is declared in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import ClassVar

from mmptm_site.data.problems import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong usage: `main` prints the message and exits 2."""


class Command:
    """One sub-command, declared in one place: its name, its one-line help, its arguments and what it does.

    Handlers import what they need when they run, so that `--help` and quick commands stay quick.
    """

    name: ClassVar[str]
    help: ClassVar[str]

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Declare the command's arguments (none by default)."""

    def run(self, args: argparse.Namespace) -> int:
        """Do the work; return the exit code."""
        raise NotImplementedError


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", default="data", metavar="DIR", help="the data directory (default: data)")


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="mkdocs.yml (default: mkdocs.yml)")


def data_dir(args: argparse.Namespace) -> Path:
    data = Path(args.data)
    if not data.is_dir():
        raise UsageError(f"no data directory at {data}; pass --data DIR or run from the repository's root")
    return data


def config_file(args: argparse.Namespace) -> Path:
    config = Path(args.config)
    if not config.is_file():
        raise UsageError(f"no mkdocs configuration at {config}; pass --config FILE")
    return config


def print_problems(problems: list[Problem], output_format: str) -> None:
    for problem in problems:
        print(problem.github() if output_format == "github" else problem.text())


def report_exists(path: Path) -> int:
    """A file a command would have created exists: it is left as it is."""
    print(f"mmptm-site: {path} exists; nothing was written", file=sys.stderr)
    return EXIT_PROBLEMS
