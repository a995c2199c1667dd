"""Values that once validated and then broke a later step (the feed, the sitemap, catalog.json, file
names, the page title): `mmptm-site build` now stops at a located problem, exit 1, and never a traceback.
See docs/security.md, "Values"."""

from __future__ import annotations

import pytest

from ..sitebuild import build

STUB = "id: stub\nname: Stub\ntitle: 'Stub: a paper'\nyear: 2021\n"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        # a draft published as reviewed, its 99.9 ranked "current best"
        ("stub.yaml", None, STUB + "needs_review: 'false'\n", "data/models/stub.yaml:5:15: needs_review:"),
        # NaN in catalog.json: invalid JSON for the compare page and the BibTeX download
        ("alpha.yaml", "value: 65.0", "value: .nan", "data/models/alpha.yaml:29:12: results[0].value:"),
        ("alpha.yaml", "value: 65.0", "value: .inf", "data/models/alpha.yaml:29:12: results[0].value:"),
        # OverflowError inside validate
        (
            "alpha.yaml",
            "parameters: 428M",
            "parameters: '1" + "0" * 400 + "'",
            "alpha.yaml:20:17: variants[0].parameters",
        ),
        # lxml refused the feed
        ("alpha.yaml", "name: Alpha", 'name: "Al\\x01pha"', "data/models/alpha.yaml:3:7: name: contains"),
        # the rest of <title> reversed
        ("alpha.yaml", "name: Alpha", 'name: "Alpha\\u202e"', "data/models/alpha.yaml:3:7: name: contains U+202E"),
        # "File name too long" when writing the redirect page
        ("beta.yaml", "aliases: [beta-old]", f"aliases: [{'b' * 300}]", "data/models/beta.yaml:5:11: aliases[0]:"),
        # "remove it from docs": the record's page and the models index are the same file
        ("index.yaml", None, STUB.replace("stub", "index") + "needs_review: true\nreview_note: x\n", "index.yaml:1:5"),
        # struct.error in the gzip header of sitemap.xml.gz
        ("alpha.yaml", "added: 2026-01-15", "added: 2107-01-01", "data/models/alpha.yaml:36:8: added:"),
    ],
)
def test_build_stops_at_a_located_problem(data_dir, tmp_path, file, old, new, expected):
    path = data_dir / "models" / file
    if old is None:
        path.write_text(new, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    site = tmp_path / "site"
    result = build(data_dir, site)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 1, output
    assert expected in output
    assert not site.exists()
