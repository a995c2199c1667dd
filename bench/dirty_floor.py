"""The rejected design's floor: how long mkdocs' own `--dirty` rebuild takes when only one page changed.

A prototype of the preview we did not choose (docs/performance.md, "Preview"): `mkdocs serve --dirty` with
generated files whose `is_modified()` is true for the edited page alone. Our rendering is made free here
(the pages of the first build are handed over again, as if rendering knew which pages changed) and
validation reuses unchanged files as the preview's does (`LoadCache`); what is left is mkdocs' work per
rebuild: the files, the navigation, a Page per file, the sitemap, the anchor checks, the search index,
and the one page through the theme. That is a lower bound of that design's latency.

    python bench/dirty_floor.py DATA_DIR     # prints seconds of the full build and of the dirty rebuild
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import File

    from mmptm_site.data.validation_run import LoadCache
    from mmptm_site.site import plugin

    os.environ["MMPTM_DATA_DIR"] = str(Path(sys.argv[1]).resolve())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    rendered: dict[str, list] = {}
    render_site = plugin.render_site

    def remembered(*args, **kwargs):  # our step made free after the first build
        if "files" not in rendered:
            rendered["files"] = render_site(*args, **kwargs)
        return rendered["files"]

    plugin.render_site = remembered
    cache = LoadCache()
    with tempfile.TemporaryDirectory() as site:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site)
        config["strict"] = False
        config.plugins.on_startup(command="serve", dirty=True)
        config.plugins["mmptm"].load_cache = cache
        start = time.perf_counter()
        build(config, serve_url="http://127.0.0.1:8000/")
        full = time.perf_counter() - start
        edited = next(path for path in rendered["files"] if path.path.startswith("models/")).path
        File.is_modified = lambda self: self.src_uri == edited  # type: ignore[method-assign]
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site)
        config["strict"] = False
        config.plugins.on_startup(command="serve", dirty=True)
        config.plugins["mmptm"].load_cache = cache
        start = time.perf_counter()
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        print(f"full build {full:.2f} s; dirty rebuild of one page {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
