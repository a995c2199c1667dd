"""Check every URL in the data and write an issue-ready report of the dead ones.

Run weekly by CI: a dead link is a task for a maintainer, not a reason to fail a build, so the command
reports and exits 0. Requests are bounded: a timeout each, a few at a time, one per URL.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from mmptm_site.schema import URL_PATTERN
from mmptm_site.validate import Data

USER_AGENT = "mmptm-site link check (+https://github.com/mmptm-site/mmptm-site)"


@dataclass(frozen=True)
class LinkResult:
    url: str
    ok: bool
    status: str


def _urls_in(value: object, where: str) -> Iterator[tuple[str, str]]:
    """(url, field path) for every http(s) URL inside a record's values."""
    if isinstance(value, str):
        if re.match(URL_PATTERN, value):
            yield value, where
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _urls_in(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _urls_in(item, f"{where}[{index}]")


def collect(data: Data) -> dict[str, list[str]]:
    """URL → where it is used ('models/clip.yaml: links.code[0].url', …)."""
    uses: dict[str, list[str]] = defaultdict(list)
    groups = [("models", data.models), ("datasets", data.datasets)]
    for folder, records in groups:
        for record_id, record in records.items():
            for url, where in _urls_in(record.model_dump(mode="json"), ""):
                uses[url].append(f"{folder}/{record_id}.yaml: {where}")
    for kind, entries in data.vocab.items():
        for entry in entries.values():
            for url, where in _urls_in(entry.model_dump(mode="json"), ""):
                uses[url].append(f"vocab/{kind}.yaml: {entry.id}.{where}")
    for survey in data.surveys:
        for url, where in _urls_in(survey.model_dump(mode="json"), ""):
            uses[url].append(f"surveys.yaml: {survey.id}.{where}")
    return dict(sorted(uses.items()))


def check_url(url: str, timeout: float) -> LinkResult:
    """HEAD first (cheap), GET when a server refuses HEAD; any status below 400 counts as alive."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return LinkResult(url, True, str(response.status))
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return LinkResult(url, False, f"HTTP {error.code}")
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            return LinkResult(url, False, f"unreachable ({reason})")
    return LinkResult(url, False, "refused")


def check_all(urls: list[str], timeout: float = 10.0, workers: int = 4) -> list[LinkResult]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda url: check_url(url, timeout), urls))


def report(results: list[LinkResult], uses: dict[str, list[str]]) -> str:
    dead = [r for r in results if not r.ok]
    lines = [
        "# Dead links in the catalogue's data",
        "",
        f"{len(dead)} of {len(results)} links did not answer. Replace each with a working address (an archived "
        "copy will do for a source), or remove it if the fact has another source.",
        "",
    ]
    for result in dead:
        lines.append(f"- [ ] <{result.url}> — {result.status}")
        lines += [f"  - {use}" for use in uses[result.url]]
    if not dead:
        lines.append("No dead links.")
    return "\n".join(lines) + "\n"
