"""discover: recent arXiv papers not yet catalogued, ranked, reported, and optionally drafted."""

from __future__ import annotations

import requests

from mmptm_site.cli import main
from mmptm_site.data.validate import validate


def test_report_ranks_new_papers_and_leaves_out_known_and_old(data_dir, arxiv_api, capsys):
    assert main(["discover", "--since", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert "ToyVLM" in out and "2611.00001" in out
    assert "Alpha: A Test Model" not in out  # already catalogued
    assert "An Older Vision-Language Paper" not in out  # before --since
    assert out.index("ToyVLM") < out.index("2611.00001")  # more phrases matched ranks first
    assert "\\<b\\>Markup\\</b\\> in \\*Titles\\*" in out  # paper text is escaped in the report
    assert len(arxiv_api) == 10 and "cat%3Acs.CV" in arxiv_api[0]  # one query per phrase


def test_drafts_are_valid_and_never_overwrite(data_dir, arxiv_api, capsys):
    taken = "id: toyvlm\nname: Toy\ntitle: Another toy\nyear: 2020\nneeds_review: true\nreview_note: x\n"
    (data_dir / "models" / "toyvlm.yaml").write_text(taken, encoding="utf-8")  # an id already in use
    assert main(["discover", "--since", "2026-11-01", "--drafts", "--out", str(data_dir.parent / "r.md")]) == 0
    assert (data_dir / "models" / "toyvlm.yaml").read_text(encoding="utf-8") == taken
    assert validate(data_dir)[1] == []
    assert (data_dir / "models" / "toyvlm-2.yaml").is_file()
    assert (data_dir.parent / "r.md").read_text(encoding="utf-8").startswith("# New papers since 2026-11-01")


def test_offline_says_so(data_dir, monkeypatch, capsys):
    def offline(self, url, **kwargs):
        raise requests.exceptions.ConnectionError("offline")

    monkeypatch.setattr(requests.Session, "get", offline)
    assert main(["discover"]) == 1
    assert "could not be reached" in capsys.readouterr().err


def test_bad_since_is_a_usage_error(data_dir, capsys):
    assert main(["discover", "--since", "last week"]) == 2
