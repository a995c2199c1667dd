"""Check every URL in the data and write an issue-ready report of the links to fix.

Run weekly by CI: a dead link is a task for a maintainer, not a reason to fail a build, so the command
reports and exits 0. The URLs come from pull requests, so the checker is careful about where it connects
(`link_addresses`) and how (`link_fetch`): a URL that cannot be parsed is one reported failure, never the end
of the run, and nothing a server sends reaches the report but its numeric status.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote, urlsplit

from pydantic import BaseModel

from mmptm_site.data.directory import Data
from mmptm_site.data.schema import URL_PATTERN, named_vocabularies
from mmptm_site.sources.link_fetch import CheckOptions, HostGate, LinkResult, Outcome, check_url


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
    groups: list[tuple[str, Mapping[str, BaseModel]]] = [("models", data.models), ("datasets", data.datasets)]
    for folder, records in groups:
        for record_id, record in records.items():
            for url, where in _urls_in(record.model_dump(mode="json"), ""):
                uses[url].append(f"{folder}/{record_id}.yaml: {where}")
    for kind, entries in named_vocabularies(data.vocab).items():
        for entry in entries.values():
            for url, where in _urls_in(entry.model_dump(mode="json"), ""):
                uses[url].append(f"vocab/{kind}.yaml: {entry.id}.{where}")
    for survey in data.surveys:
        for url, where in _urls_in(survey.model_dump(mode="json"), ""):
            uses[url].append(f"surveys.yaml: {survey.id}.{where}")
    return dict(sorted(uses.items()))


def _host_key(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def check_all(urls: list[str], options: CheckOptions | None = None, workers: int = 4) -> list[LinkResult]:
    """Results in the order of `urls`; hosts are checked in parallel, each host's URLs one after another."""
    options = options or CheckOptions()
    gate = HostGate(options.per_host_interval)
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[_host_key(url)].append(url)

    def check_host(host_urls: list[str]) -> list[LinkResult]:
        return [_check_guarded(url, options, gate) for url in host_urls]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        found = {result.url: result for results in pool.map(check_host, by_host.values()) for result in results}
    return [found[url] for url in urls]


def _check_guarded(url: str, options: CheckOptions, gate: HostGate) -> LinkResult:
    # The run must reach its report whatever one URL does: an error nobody foresaw is that URL's failure.
    try:
        return check_url(url, options, gate)
    except Exception as error:
        return LinkResult(url, Outcome.DEAD, f"checker error ({type(error).__name__})")


def _inert(text: str) -> str:
    """Printable ASCII only: anything else (line breaks, controls, bidi marks, non-ASCII) percent-encoded."""
    return "".join(char if " " <= char <= "~" else quote(char, safe="") for char in text)


def code(text: str) -> str:
    """`text` as a Markdown code span that nothing inside can close: links, autolinks, @mentions, HTML
    comments and emphasis inside it are shown, not interpreted."""
    text = _inert(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def report(results: list[LinkResult], uses: dict[str, list[str]]) -> str:
    """Markdown for an issue. Everything from the data is in code spans; everything from a server is a number."""
    dead = [r for r in results if r.outcome is Outcome.DEAD]
    refused = [r for r in results if r.outcome is Outcome.REFUSED]
    lines = [
        "# Dead links in the catalogue's data",
        "",
        f"{len(dead)} of {len(results)} links did not answer and {len(refused)} were not fetched. Replace each "
        "with a working address (an archived copy will do for a source), or remove it if the fact has another "
        "source.",
        "",
    ]
    if dead:
        lines += ["## Did not answer", ""]
        lines += _entries(dead, uses)
    if refused:
        lines += [
            "## Not fetched",
            "",
            "These point at a private or local address, use another scheme or carry a user name or password. "
            "The catalogue should link only to public http(s) pages.",
            "",
        ]
        lines += _entries(refused, uses)
    if not dead and not refused:
        lines.append("No dead links.")
    return "\n".join(lines) + "\n"


def _entries(results: list[LinkResult], uses: dict[str, list[str]]) -> list[str]:
    lines = []
    for result in results:
        lines.append(f"- [ ] {code(result.url)} — {result.status}")
        lines += [f"  - {code(use)}" for use in uses.get(result.url, [])]
    lines.append("")
    return lines
