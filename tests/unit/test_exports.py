"""exports: every format parses back (JSON Schema, csv, BibTeX, XML) to the records' values."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from pybtex.database import parse_string

from mmptm_site import exports
from mmptm_site.catalog import Catalog
from mmptm_site.cli import main
from mmptm_site.data.validate import load_data
from mmptm_site.exports.bibtex import entries_by_model
from mmptm_site.urls import SiteAddress

SITE_URL = "https://example.org/catalogue/"
SITE = SiteAddress(SITE_URL)
NO_ADDRESS = SiteAddress()


def bibtex_of(catalog: Catalog) -> dict[str, str]:
    return entries_by_model(catalog.models, catalog.data.vocab["venues"])


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def catalog(data_dir: Path) -> Catalog:
    hostile = data_dir / "models/delta.yaml"
    hostile.write_text(
        "id: delta\nname: '=HYPERLINK(\"http://evil.example\")'\ntitle: '+cmd|'' /C calc''!A0, \"quoted\"; more'\n"
        "year: 2020\nauthors: ['@alice', '-bob']\nneeds_review: true\nreview_note: test\nadded: 2026-03-01\n"
        "summary: 'Text with <b>tags</b>, *stars*, [a](javascript:x) and # hashes for the list.'\n",
        encoding="utf-8",
    )
    return Catalog(load_data(data_dir))


def test_json_is_valid_against_its_schema_and_equals_the_data(catalog):
    data = json.loads(exports.catalog_json(catalog, bibtex_of(catalog)))
    jsonschema.validate(data, exports.catalog_schema())
    assert [m["id"] for m in data["models"]] == [m.id for m in catalog.models]
    beta = next(m for m in data["models"] if m["id"] == "beta")
    assert beta["relations"]["builds_on"] == [{"id": "alpha", "name": "Alpha"}]
    assert beta["knowledge"] == [{"id": "object-tags", "name": "Object tags"}]
    assert [d["id"] for d in data["datasets"]] == ["web-pairs"]
    assert set(data["vocabularies"]) == set(catalog.data.vocab)


def test_committed_catalog_schema_is_current():
    from ..conftest import ROOT

    committed = json.loads((ROOT / "schema/catalog.schema.json").read_text(encoding="utf-8"))
    assert committed == exports.catalog_schema()


def test_csv_reads_back_and_has_no_formula_cells(catalog):
    text = exports.catalog_csv(catalog, SITE)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [row["id"] for row in rows] == [m.id for m in catalog.models]
    alpha = next(row for row in rows if row["id"] == "alpha")
    assert alpha["authors"] == "Ada Lovelace; Alan Turing" and alpha["parameters"] == "428000000"
    assert alpha["venue"] == "ICML" and alpha["official_code"] == "https://example.org/alpha"
    assert alpha["page"] == SITE_URL + "models/alpha/"
    delta = next(row for row in rows if row["id"] == "delta")
    assert delta["name"] == '\'=HYPERLINK("http://evil.example")'
    assert delta["title"].startswith("'+cmd") and delta["authors"] == "'@alice; -bob"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value


def test_exports_link_pages_as_the_site_names_them(catalog, data_dir, capsys):
    """With `use_directory_urls: false` mkdocs writes models/alpha.html, not models/alpha/: catalog.json, the
    CSV, the feed and the Markdown list all link there."""
    flat = SiteAddress(SITE_URL, use_directory_urls=False)
    data = json.loads(exports.catalog_json(catalog, bibtex_of(catalog), flat))
    assert {m["url"] for m in data["models"] if m["id"] == "alpha"} == {"models/alpha.html"}
    rows = list(csv.DictReader(io.StringIO(exports.catalog_csv(catalog, flat).removeprefix("\ufeff"))))
    assert next(row["page"] for row in rows if row["id"] == "alpha") == SITE_URL + "models/alpha.html"
    feed = ET.fromstring(exports.atom_feed(catalog, flat, "Catalogue"))
    assert all(e.find(f"{ATOM}link").get("href").endswith(".html") for e in feed.findall(f"{ATOM}entry"))
    assert f"[[Catalogue]({SITE_URL}models/alpha.html)]" in exports.paper_list_markdown(catalog, flat)

    config = data_dir.parent / "mkdocs.yml"
    config.write_text(f"site_name: T\nsite_url: {SITE_URL}\nuse_directory_urls: false\n", encoding="utf-8")
    assert main(["export", "--format", "csv", "--config", str(config), "--data", str(data_dir)]) == 0
    assert SITE_URL + "models/alpha.html" in capsys.readouterr().out


def test_bibtex_file_has_one_unique_entry_per_model(catalog):
    entries = parse_string(exports.papers_bib(catalog, bibtex_of(catalog)), "bibtex").entries
    assert len(entries) == len(catalog.models)


def test_feed_is_valid_atom_with_dates_from_the_data(catalog):
    root = ET.fromstring(exports.atom_feed(catalog, SITE, "Catalogue"))
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}updated").text == "2026-03-01T00:00:00+00:00"  # newest date in the data
    entries = root.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles[0].startswith("Added: =HYPERLINK") and "Added: Beta (2022)" in titles
    assert all(e.find(f"{ATOM}link").get("href").startswith(SITE_URL + "models/") for e in entries)
    assert len({e.find(f"{ATOM}id").text for e in entries}) == len(entries)
    assert root.find(f"{ATOM}author/{ATOM}name").text


def test_feed_lists_corrections(data_dir):
    path = data_dir / "models/alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("reviewed: 2026-01-15", "reviewed: 2026-04-02"))
    root = ET.fromstring(exports.atom_feed(Catalog(load_data(data_dir)), SITE, "Catalogue"))
    assert root.find(f"{ATOM}updated").text.startswith("2026-04-02")
    assert root.findall(f"{ATOM}entry")[0].find(f"{ATOM}title").text == "Updated: Alpha (2021)"


def test_feed_without_a_site_url_links_relative_to_itself_and_guesses_no_address(catalog):
    """A site built where its address is not known still has its feed (at its root): links relative to it,
    and ids (absolute in Atom) that are name-based UUIDs, never a made-up address."""
    text = exports.atom_feed(catalog, NO_ADDRESS, "Catalogue")
    root = ET.fromstring(text)
    assert "http" not in " ".join(link.get("href") for link in root.iter(f"{ATOM}link"))
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}link").get("href") for e in entries][:2] == ["models/delta/", "models/beta/"]
    ids = [root.find(f"{ATOM}id").text, *(e.find(f"{ATOM}id").text for e in entries)]
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == len(ids)
    assert text == exports.atom_feed(catalog, NO_ADDRESS, "Catalogue")  # the same data, the same bytes


def test_feed_is_newest_first_by_date_then_by_release(data_dir):
    """Records added on one day (a batch import) come newest release first, not by id."""
    alpha = data_dir / "models/alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("year: 2021", "year: 2024"), encoding="utf-8")
    for name, released in (("alpha", "2024-03"), ("beta", "2022-06")):
        path = data_dir / f"models/{name}.yaml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"added: .*", "added: 2026-02-01", text)
        text = re.sub(r"reviewed: .*", "reviewed: 2026-02-01", text)
        path.write_text(text.replace("\nyear:", f"\nreleased: '{released}'\nyear:"), encoding="utf-8")
    path = data_dir / "models/gamma.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "added: 2026-02-01\nreleased: '2023-01'\n", encoding="utf-8")
    root = ET.fromstring(exports.atom_feed(Catalog(load_data(data_dir)), SITE, "Catalogue"))
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert titles == ["Added: Alpha (2024)", "Added: Gamma (2023)", "Added: Beta (2022)"]


def test_feed_survives_characters_xml_cannot_hold(catalog):
    """The validator refuses control characters in names; a record built past it must not break the feed."""
    model = catalog.data.models["beta"]
    catalog.data.models["beta"] = model.model_copy(update={"name": "Beta\x00\x1b", "summary": "x\ufffey"})
    root = ET.fromstring(exports.atom_feed(Catalog(catalog.data), NO_ADDRESS, "Catalogue\x0b"))
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert "Added: Beta\ufffd\ufffd (2022)" in titles


def test_markdown_list_is_grouped_by_year_and_escapes_record_text(catalog):
    text = exports.paper_list_markdown(catalog, SITE)
    assert text.index("## 2023") < text.index("## 2022") < text.index("## 2021") < text.index("## 2020")
    assert "**Alpha**: Alpha: A Test Model for Contrastive Pre\\-training, Ada Lovelace, Alan Turing" in text
    assert "[[Paper](https://arxiv.org/abs/2101.00001)]" in text
    assert "[[Code](https://example.org/alpha)]" in text
    delta = next(line for line in text.splitlines() if "HYPERLINK" in line)
    assert "\\(" in delta and "javascript" not in delta  # the summary is not in the list; titles are escaped


def test_export_command_writes_atomically_and_refuses_to_overwrite(data_dir, capsys):
    out = data_dir.parent / "papers.bib"
    assert main(["export", "--format", "bibtex", "-o", str(out)]) == 0
    first = out.read_text(encoding="utf-8")
    assert "@inproceedings{lovelace2021alpha," in first
    assert main(["export", "--format", "bibtex", "-o", str(out)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert main(["export", "--format", "markdown", "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Test catalogue")
    assert main(["export", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["format_version"] == exports.FORMAT_VERSION
