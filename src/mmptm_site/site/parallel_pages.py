"""mkdocs' page loop on two cores: a forked child writes a share of the generated pages through the theme.

mkdocs renders every page through the theme one after another in one process, and at 5,000 records that
loop is most of a build while the machine's second core idles. When every page has been read (`on_env`),
the plugin forks: the child runs mkdocs' own `_build_page` for its share of the generated pages, writing
them into the site directory, and exits; the parent runs the same loop for every page, but for the child's
share with an empty template, so that it still runs every plugin's `on_page_context` (the search index is
built in the parent, from every page) and writes nothing for them (mkdocs skips an empty output). The
parent waits for the child before `on_post_build`, and a failed child fails the build.

Only `mkdocs build` forks: `serve` has threads of its own, which a fork does not carry over safely.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from jinja2 import Environment, Template

_SKIPPED_MESSAGE = "Page skipped: '"
_BUILD_LOGGER = "mkdocs.commands.build"


ONE_CORE_VARIABLE = "MMPTM_ONE_CORE"
"""Set (to anything) to build in one process, as mkdocs does by itself."""


def can_fork() -> bool:
    """Whether work may go to a forked process: a second core, fork, and no MMPTM_ONE_CORE."""
    return (
        (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and not os.environ.get(ONE_CORE_VARIABLE)
    )


class _QuietSkips(logging.Filter):
    """Drops mkdocs' "Page skipped … empty output" notice for the pages the child writes."""

    def __init__(self, sources: set[str]):
        super().__init__()
        self.sources = sources

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith(_SKIPPED_MESSAGE):
            return message[len(_SKIPPED_MESSAGE) :].split("'", 1)[0] not in self.sources
        return True


class PageShare:
    """The child process writing its share of pages, from `start` in `on_env` until `finish`."""

    def __init__(self) -> None:
        self.child: int | None = None
        self._filter: _QuietSkips | None = None

    def start(self, pages: Sequence[Any], config: Any, doc_files: Sequence[Any], nav: Any, env: Environment) -> None:
        """Fork; the child builds `pages` and exits, the parent gives them an empty template."""
        if not pages:
            return
        from mkdocs.commands.build import _build_page

        from mmptm_site.site.build import _die_with_parent

        die_with_parent = _die_with_parent()  # asked for in the child: no page is written after the build died
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the forked child, which leaves with os._exit
            code = 0
            try:
                if die_with_parent is not None:
                    die_with_parent()
                for page in pages:
                    _build_page(page, config, doc_files, nav, env)
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        self.child = child
        blank: Template = env.from_string("")
        for page in pages:
            page.meta["template"] = blank  # jinja's get_template returns a Template it is given
        self._filter = _QuietSkips({page.file.src_uri for page in pages})
        logging.getLogger(_BUILD_LOGGER).addFilter(self._filter)

    def finish(self) -> int:
        """Wait for the child; its exit status (0 when there was none)."""
        if self._filter is not None:
            logging.getLogger(_BUILD_LOGGER).removeFilter(self._filter)
            self._filter = None
        if self.child is None:
            return 0
        _, status = os.waitpid(self.child, 0)
        self.child = None
        return os.waitstatus_to_exitcode(status)

    def abandon(self) -> None:
        """The build failed elsewhere: stop the child, whose pages would be thrown away."""
        if self.child is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child, signal.SIGKILL)
        self.finish()
