"""Measure the whole pipeline on synthetic catalogues of several sizes and print a table.

For each size N: validation time; the full `mmptm-site build` split into our generation (load,
validate, catalogue, render) and mkdocs' own work; a bare `mkdocs build` of the same pages written out
by `mmptm-site generate` (so our overhead is a ratio measured in the same run); the peak memory of the
build; the site's size; the size of a model page, the catalogue page and the search index (also per
record, since every page loads the index); with `--preview`, the latency of `mmptm-site serve` after edits.

    python bench/run.py                 # N = 300, 1000, 5000
    python bench/run.py --sizes 300     # the CI smoke run
    python bench/run.py --browser       # also time sorting and filtering the catalogue in Chromium
    python bench/run.py --preview       # also the preview's latency: 20 edits, each from the file's write
                                        # to its page served with the edit by a running `mmptm-site serve`

Figures go in docs/performance.md, with the machine they came from.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def run(command: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, result


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def child_peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def generation_seconds(data: Path) -> float:
    """Our step alone, in a fresh process: load, validate, catalogue and render every page."""
    code = (
        "import time; from pathlib import Path; t=time.perf_counter();"
        "from mmptm_site.data.validate import load_data; from mmptm_site.catalog import Catalog;"
        "from mmptm_site.site.render import render_site; from mmptm_site.site.files import SiteOptions;"
        f"render_site(Catalog(load_data(Path({str(data)!r}))), Path({str(ROOT / 'templates')!r}),"
        "SiteOptions(site_url='https://example.org/'));print(time.perf_counter()-t)"
    )
    _, result = run([PYTHON, "-c", code])
    return float(result.stdout.strip())


def measure(size: int, workdir: Path) -> dict:
    data = workdir / f"data-{size}"
    run([PYTHON, str(ROOT / "bench" / "generate_records.py"), str(size), str(data), "--source", str(ROOT / "data")])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MMPTM_DATA_DIR": str(data)}
    validate_s, _ = run([PYTHON, "-m", "mmptm_site", "validate", "--data", str(data)])
    ours_s = generation_seconds(data)
    site = workdir / f"site-{size}"
    build_s, _ = run(
        [
            PYTHON,
            "-m",
            "mmptm_site",
            "build",
            "--data",
            str(data),
            "--site-dir",
            str(site),
            "--config",
            str(ROOT / "mkdocs.yml"),
        ],
        cwd=ROOT,
    )
    peak = child_peak_rss_mib()
    sources = workdir / f"generated-{size}"
    run(
        [
            PYTHON,
            "-m",
            "mmptm_site",
            "generate",
            "--data",
            str(data),
            "--out",
            str(sources),
            "--config",
            str(ROOT / "mkdocs.yml"),
        ],
        cwd=ROOT,
    )
    bare_s, _ = run(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(sources / "mkdocs.yml"), "-d", str(workdir / f"bare-{size}")],
        env=env,
    )
    record = next(iter(sorted((data / "models").glob("*.yaml"))))
    model_page = site / "models" / record.stem / "index.html"
    index_bytes = (site / "search" / "search_index.json").stat().st_size  # every page loads it
    return {
        "records": size,
        "validate_s": round(validate_s, 2),
        "build_s": round(build_s, 2),
        "ours_s": round(ours_s, 2),
        "mkdocs_s": round(build_s - ours_s, 2),
        "bare_mkdocs_s": round(bare_s, 2),
        "ratio": round(build_s / bare_s, 2),
        "ours_to_bare": round(ours_s / bare_s, 2),
        "peak_mib": round(peak),
        "site_mib": round(size_of(site) / 2**20, 1),
        "model_page_kib": round(model_page.stat().st_size / 1024, 1),
        "catalogue_kib": round((site / "models" / "index.html").stat().st_size / 1024),
        "search_index_kib": round(index_bytes / 1024),
        "search_index_b_per_record": round(index_bytes / size),
    }


def browser_timing(site: Path, size: int) -> dict:
    """Sorting and filtering the catalogue page of `site` in headless Chromium, in milliseconds."""
    sys.path.insert(0, str(ROOT))
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # the browser tests' own set-up

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    timings = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/models/")
            page.wait_for_selector("#mmptm-controls:not([hidden])")

            def timed(action: str) -> float:
                return page.evaluate(
                    f"() => {{ const t = performance.now(); {action}; return performance.now() - t; }}"
                )

            timings["sort_ms"] = round(timed("document.querySelector('th[data-key=year] button').click()"), 1)
            timings["sort_again_ms"] = round(
                timed("document.querySelector('th[data-key=parameters] button').click()"), 1
            )
            timings["filter_ms"] = round(
                timed(
                    "const s = document.getElementById('f-modality'); s.value = 'video';"
                    "s.dispatchEvent(new Event('change', {bubbles: true}))"
                ),
                1,
            )
            timings["text_ms"] = round(
                timed(
                    "const q = document.getElementById('f-q'); q.value = 'vision';"
                    "q.dispatchEvent(new Event('input', {bubbles: true}))"
                ),
                1,
            )
            browser.close()
    finally:
        server.shutdown()
    return {"records": size, **timings}


PREVIEW_EDITS = 20


def fetch(url: str) -> str:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # the local preview
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


def served_after(write, url: str, marker: str, timeout: float = 600.0) -> float:
    """Seconds from `write()` to `url` serving a page with `marker`, asked for as a browser showing the page
    asks: it waits on the server's live-reload poll, then loads the page again."""
    import re

    page = fetch(url)
    start = time.perf_counter()
    write()
    while marker not in page:
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"{url} did not show the edit within {timeout:.0f} s")
        found = re.search(r"livereload\((\d+), (\d+)\)", page)
        if found:
            fetch(f"{url.split('/', 3)[0]}//{url.split('/', 3)[2]}/livereload/{found[1]}/{found[2]}")
        else:
            time.sleep(0.05)
        page = fetch(url)
    return time.perf_counter() - start


def preview_latency(size: int, workdir: Path) -> dict:
    """A running `mmptm-site serve` on a copy of the size's data; PREVIEW_EDITS edits of different records,
    each timed from the write to the edited model page being served with it; then one edit of a name, timed
    to the catalogue page (which lists every model) showing it."""
    import socket
    import statistics

    data = workdir / f"preview-data-{size}"
    shutil.copytree(workdir / f"data-{size}", data)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [PYTHON, "-m", "mmptm_site", "serve", "--data", str(data), "--address", f"127.0.0.1:{port}"]
    log = (workdir / f"serve-{size}.log").open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        start = time.perf_counter()
        while "</html>" not in fetch(base):
            if server.poll() is not None:
                raise SystemExit(f"mmptm-site serve exited: see {log.name}")
            time.sleep(0.1)
        first_build_s = time.perf_counter() - start
        records = sorted((data / "models").glob("*.yaml"))
        step = max(1, len(records) // PREVIEW_EDITS)
        latencies = []
        for number, record in enumerate(records[::step][:PREVIEW_EDITS]):
            marker = f"Edit{number}x{size}."
            text = record.read_text(encoding="utf-8")
            edited = text.replace("summary: ", f"summary: {marker} ", 1)
            url = f"{base}models/{record.stem}/"
            latencies.append(served_after(lambda r=record, e=edited: r.write_text(e, encoding="utf-8"), url, marker))
        record = records[len(records) // 2]
        text = record.read_text(encoding="utf-8")
        renamed = text.replace("\nname: ", "\nname: Renamed", 1)
        catalogue_s = served_after(lambda: record.write_text(renamed, encoding="utf-8"), f"{base}models/", "Renamed")
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    return {
        "records": size,
        "first_build_s": round(first_build_s, 1),
        "edit_median_s": round(statistics.median(latencies), 2),
        "edit_worst_s": round(max(latencies), 2),
        "catalogue_after_edit_s": round(catalogue_s, 2),
    }


def print_table(rows: list[dict]) -> None:
    headers = list(rows[0])
    print("\n| " + " | ".join(headers) + " |")
    print("|" + "---|" * len(headers))
    for row in rows:
        print("| " + " | ".join(str(row[h]) for h in headers) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 5000])
    parser.add_argument("--browser", action="store_true", help="also time the catalogue in Chromium")
    parser.add_argument("--preview", action="store_true", help="also time the preview after edits")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="mmptm-bench-"))
    rows, browser_rows, preview_rows = [], [], []
    try:
        for size in args.sizes:
            rows.append(measure(size, workdir))
            print(json.dumps(rows[-1]), file=sys.stderr)
            if args.browser:
                browser_rows.append(browser_timing(workdir / f"site-{size}", size))
            if args.preview:
                preview_rows.append(preview_latency(size, workdir))
                print(json.dumps(preview_rows[-1]), file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    for table in (rows, browser_rows, preview_rows):
        if table:
            print_table(table)
    if args.json:
        figures = {"build": rows, "browser": browser_rows, "preview": preview_rows}
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
