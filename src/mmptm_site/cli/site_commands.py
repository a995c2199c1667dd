"""Commands that publish the catalogue: build, serve, generate and export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mmptm_site.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Command,
    UsageError,
    add_config_option,
    add_data_option,
    config_file,
    data_dir,
)


class Build(Command):
    name = "build"
    help = "Validate, then build the website; the old site stays if anything fails."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_data_option(parser)
        add_config_option(parser)
        parser.add_argument(
            "--site-dir",
            default="site",
            metavar="DIR",
            help="where the site goes: new, empty, or made by an earlier build (default: site)",
        )

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.site.build import BuildRefused, build_site

        # the plugin validates first, inside the build: a problem stops it with located messages
        try:
            code = build_site(config_file(args), data_dir(args), Path(args.site_dir))
        except BuildRefused as error:  # where the site goes is the caller's choice: a usage error
            raise UsageError(f"{error}; nothing was touched") from None
        if code != 0:
            print(f"mmptm-site: nothing was built; {args.site_dir} is unchanged", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"site built in {args.site_dir}")
        return EXIT_OK


class Serve(Command):
    name = "serve"
    help = "Preview the website, rebuilding when data, templates or docs change."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_data_option(parser)
        add_config_option(parser)
        parser.add_argument("--address", default="127.0.0.1:8000", help="host:port (default: 127.0.0.1:8000)")

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.site.preview import serve_preview

        host, colon, port = args.address.rpartition(":")
        if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise UsageError(f"--address {args.address!r}: give HOST:PORT, e.g. 127.0.0.1:8000")
        return serve_preview(config_file(args), data_dir(args), args.address)


class Generate(Command):
    name = "generate"
    help = "Write the pages as Markdown with a plugin-free mkdocs.yml, for other builders."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_data_option(parser)
        add_config_option(parser)
        parser.add_argument("--out", required=True, metavar="DIR", help="a new or empty directory")

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site.site.generate import ConfigError, generate

        data = data_dir(args)
        try:
            count = generate(config_file(args), data, Path(args.out))
        except ConfigError as error:
            raise UsageError(str(error)) from None
        print(
            f"{count} generated files and mkdocs.yml written to {args.out}; build them with `mkdocs build -f "
            f"{Path(args.out) / 'mkdocs.yml'}`"
        )
        return EXIT_OK


class Export(Command):
    name = "export"
    help = "Write the catalogue as JSON, CSV, BibTeX or a Markdown paper list."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_data_option(parser)
        add_config_option(parser)
        parser.add_argument("--format", required=True, choices=("json", "csv", "results-csv", "bibtex", "markdown"))
        parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of to standard output")
        parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
        parser.add_argument("--site-url", help="for absolute links (default: site_url in mkdocs.yml)")

    def run(self, args: argparse.Namespace) -> int:
        from mmptm_site import exports
        from mmptm_site.catalog import Catalog
        from mmptm_site.data.validate import load_data
        from mmptm_site.exports.bibtex import entries_by_model
        from mmptm_site.site.generate import ConfigError, read_config
        from mmptm_site.urls import SiteAddress

        config: dict[str, Any] = {}
        if Path(args.config).is_file():
            try:
                config = read_config(Path(args.config))
            except ConfigError as error:
                raise UsageError(str(error)) from None
        # pages are linked as the site names them (mkdocs.yml), at the address given or configured
        address = SiteAddress(args.site_url or config.get("site_url"), config.get("use_directory_urls", True))
        catalog = Catalog(load_data(data_dir(args)))
        bibtex = entries_by_model(catalog.models, catalog.data.vocab["venues"])
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
            raise UsageError(f"{args.output} exists; pass --force to replace it (nothing was written)") from None
        print(f"{args.format} written to {args.output}", file=sys.stderr)
        return EXIT_OK
