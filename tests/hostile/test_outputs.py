"""Record text is shown as text in every output, builds are atomic and reproducible.

The hostile record below tries the usual tricks in every field that reaches an output. After building,
every page, chart, export and feed is scanned for executable content that did not come from our own
templates or from mkdocs-material.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import html
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pybtex.database import parse_string

from mmptm_site.data.directory import Data
from mmptm_site.data.validate import load_data
from mmptm_site.site import generate as generate_module

from ..conftest import FIXTURE_DATA, ROOT
from ..sitebuild import PUBLISHED, build

PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>{{ 7*7 }}{% raw %}$x^2$=HYPERLINK("http://e")'
HOSTILE = f"""\
id: hostile
name: {json.dumps("=cmd|" + PAYLOAD)}
title: {json.dumps("</title><script>alert(3)</script> [x](javascript:alert(4)) {: onclick=alert(5)} " + PAYLOAD)}
authors: [{json.dumps("@" + PAYLOAD)}, "Bob }} {{ Unbalanced"]
year: 2024
released: '2024-03'
organisations: [{json.dumps(PAYLOAD)}]
links:
  paper: https://example.org/?q=<b>&x="y"'onmouseover=alert(6)
  code:
    - url: https://example.org/"><script>alert(7)</script>
      official: true
modalities: [image, text]
architecture:
  interaction: dual-encoder
  backbones: {{image: {json.dumps(PAYLOAD)}}}
variants:
  - id: v
    name: {json.dumps(PAYLOAD)}
    parameters: 2B
    parameters_note: {json.dumps(PAYLOAD)}
summary: {json.dumps("-2+3 " + PAYLOAD + " ]]> <![CDATA[")}
results:
  - benchmark: flickr30k-retrieval
    metric: ir-r1
    value: 70.5
    split: 1k-test
    protocol: zero-shot
    variant: v
    evaluated_by: authors
    source: {json.dumps("paper <script>alert(8)</script>")}
    note: {json.dumps(PAYLOAD)}
tags: [x]
added: 2026-03-01
needs_review: true
review_note: {json.dumps(PAYLOAD)}
"""

# Executable content our templates and mkdocs-material put on pages; anything else is a finding.
ALLOWED_SCRIPT_SOURCES = re.compile(
    r"(^|/)(assets/javascripts/bundle\.[0-9a-f]+\.min\.js|assets/(mmptm|catalogue|compare|leaderboards)\.js)$"
)
ALLOWED_INLINE = ("__md_scope=new URL(", 'var palette=__md_get("__palette")', "var target=document.getElementById(")


class Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…>")
            if (
                name in ("href", "src", "action", "formaction", "xlink:href")
                and value
                and value.strip().lower().startswith(("javascript:", "data:text/html", "vbscript:"))
            ):
                self.findings.append(f"<{tag} {name}={value[:30]}>")
        if tag in ("iframe", "object", "embed", "base"):
            self.findings.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.findings.append("<meta refresh>")
        if tag == "script":
            self._script = values
            if values.get("src") and not ALLOWED_SCRIPT_SOURCES.search(values["src"]):
                self.findings.append(f"<script src={values['src']}>")

    def handle_data(self, data):
        if self._script is not None and not self._script.get("src") and data.strip():
            kind = self._script.get("type", "")
            if kind == "application/json":
                json.loads(data)  # data, not code; must parse as JSON
            elif not data.strip().startswith(ALLOWED_INLINE):
                self.findings.append(f"inline script {data.strip()[:40]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURE_DATA, work / "data")
    (work / "data" / "models" / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    result = build(work / "data", work / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return work


def executable_content(site: Path) -> list[str]:
    """What the Scanner finds on every page of a built site."""
    findings = []
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[:1] == ("models",) and page.parent.name == "beta-old":
            continue  # the alias redirect page: our own template, a meta refresh by design
        scanner = Scanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        findings += [f"{page.relative_to(site)}: {finding}" for finding in scanner.findings]
    return findings


def test_no_executable_content_on_any_page(built):
    assert executable_content(built / "site") == []


def test_payload_shows_literally_on_the_model_page(built):
    html = (built / "site/models/hostile/index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html)
    import html as html_module

    text = html_module.unescape(text)
    assert PAYLOAD in " ".join(text.split()) or PAYLOAD.replace("  ", " ") in " ".join(text.split())
    assert "{{ 7*7 }}" in text and "49" not in text.split("{{ 7*7 }}")[0][-5:]


def test_page_title_is_inert(built):
    html = (built / "site/models/hostile/index.html").read_text(encoding="utf-8")
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "alert(3)" in title


def test_charts_are_inert(built):
    html = (built / "site/stats/index.html").read_text(encoding="utf-8")
    charts = re.findall(r"<svg.*?</svg>", html, re.S)
    assert charts
    for svg in charts:
        for element in ET.fromstring(svg).iter():
            assert not element.tag.endswith("script") and not element.tag.endswith("foreignObject")
            assert [name for name in element.attrib if name.lower().startswith("on")] == []
    assert "&lt;script&gt;alert(1)" in html  # the hostile model's name, as text in its mark's label


def test_exports_keep_the_payload_as_data(built):
    site = built / "site"
    data = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    hostile = next(m for m in data["models"] if m["id"] == "hostile")
    assert hostile["name"] == "=cmd|" + PAYLOAD
    rows = list(csv.DictReader(io.StringIO((site / "catalog.csv").read_text(encoding="utf-8").removeprefix("\ufeff"))))
    row = next(r for r in rows if r["id"] == "hostile")
    assert row["name"] == "'=cmd|" + PAYLOAD and row["authors"].startswith("'@")
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    entries = parse_string((site / "papers.bib").read_text(encoding="utf-8"), "bibtex").entries
    assert len(entries) == 4  # the hostile entry parses: no brace or quote in it broke the file
    feed = ET.fromstring((site / "feed.xml").read_text(encoding="utf-8"))
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(title and title.startswith("Added: =cmd|<script>") for title in titles)  # text, escaped in XML


def test_markdown_list_escapes_the_payload(data_dir, capsys):
    from mmptm_site.cli import main

    (data_dir / "models" / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    assert main(["export", "--format", "markdown"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if "cmd" in line)
    assert "<script>" not in line and "\\<script\\>" in line
    assert "](javascript" not in line and "{{" not in line


def test_builds_are_reproducible(built, tmp_path):
    again = tmp_path / "site"
    assert build(built / "data", again).returncode == 0
    first = {p.relative_to(built / "site"): p.read_bytes() for p in (built / "site").rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(name) for name in first if first[name] != second[name]] == []


def test_the_build_date_is_the_datas_newest_date_not_the_days(tmp_path, monkeypatch):
    """Two builds on one day are alike whatever the build date is; what makes builds on different days
    alike is that the date comes from the data. So the sitemap's dates and its gzip header's time must be the
    data's newest `added`/`reviewed` date (set here to days no test runs on), not the build's own day."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the plugin leaves a date set by the caller alone
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    for path in (data / "models").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("2026-01-15", "2023-04-05").replace("2026-02-01", "2024-03-06"), encoding="utf-8")
    result = build(data, tmp_path / "site", environment=PUBLISHED)
    assert result.returncode == 0, result.stdout + result.stderr
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {"2024-03-06"}
    packed = (tmp_path / "site" / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == sitemap
    stamp = int.from_bytes(packed[4:8], "little")  # MTIME of the gzip header (RFC 1952)
    assert dt.datetime.fromtimestamp(stamp, dt.UTC) == dt.datetime(2024, 3, 6, tzinfo=dt.UTC)


def test_failed_render_or_mkdocs_leaves_the_old_site(built, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    site = tmp_path / "site"
    shutil.copytree(built / "site", site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    (project / "templates" / "model.html.j2").write_text("{% if %}broken", encoding="utf-8")
    result = build(built / "data", site, project / "mkdocs.yml")
    assert result.returncode == 1 and "is unchanged" in result.stderr
    assert "cannot render the pages" in result.stdout + result.stderr and "Traceback" not in result.stderr

    shutil.copy(ROOT / "templates" / "model.html.j2", project / "templates" / "model.html.j2")
    (project / "docs" / "about.md").write_text("[broken](missing-page.md)\n", encoding="utf-8")  # strict fails
    result = build(built / "data", site, project / "mkdocs.yml")
    assert result.returncode == 1 and "is unchanged" in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


# Characters YAML may not hold unescaped (DEL, C1 controls, U+FFFE, U+FFFF, and NEL, which YAML reads as
# a line break), next to Markdown that would become live markup if a page's front matter were read as text.
MARKDOWN_PAYLOAD = "[x](javascript:alert(1)) ![x](x){: onerror=alert(1)}"
UNYAML = ["\x7f", "\x85", "\x9b", "\ufffe", "\uffff", "\u2028"]


def _hostile_name(character: str) -> str:
    return f"N{character}{MARKDOWN_PAYLOAD}\n---\n"


def _with_hostile_names(data: Data) -> Data:
    """The data with names holding the characters in a model, a dataset and vocabulary entries. The schema
    refuses them since (`test_values.py`); they are put in after validation, because the front matter must be
    safe for any text, whatever the validator lets through."""
    names = iter(_hostile_name(c) for c in UNYAML)
    data.models["hostile"] = data.models["hostile"].model_copy(update={"name": next(names), "title": next(names)})
    data.datasets["web-pairs"] = data.datasets["web-pairs"].model_copy(update={"name": next(names)})
    for kind, entry in (
        ("modalities", "image"),
        ("objectives", "image-text-contrastive"),
        ("objectives", "masked-language-modelling"),
    ):
        data.vocab[kind][entry] = data.vocab[kind][entry].model_copy(update={"name": next(names)})
    return data


def test_generated_sources_build_with_plain_mkdocs_to_inert_pages(tmp_path, monkeypatch):
    """`generate --out` writes each page's title with a YAML emitter: plain mkdocs reads every front matter
    (none is left as page text for Python-Markdown to turn into links or attributes)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    (data / "models" / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    monkeypatch.setattr(generate_module, "load_data", lambda root: _with_hostile_names(load_data(root)))
    out, site = tmp_path / "out", tmp_path / "site"
    generate_module.generate(ROOT / "mkdocs.yml", data, out)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(mkdocs, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert executable_content(site) == []
    model = (site / "models/hostile/index.html").read_text(encoding="utf-8")
    title = html.unescape(model.split("<title>", 1)[1].split("</title>", 1)[0])
    assert title.startswith(_hostile_name("\x7f")) and "---\ntitle:" not in model
    for page, name in [("datasets/web-pairs", "\x9b"), ("modalities/image", "\ufffe")]:
        text = (site / page / "index.html").read_text(encoding="utf-8")
        assert html.unescape(text.split("<title>", 1)[1]).startswith(_hostile_name(name)), page
