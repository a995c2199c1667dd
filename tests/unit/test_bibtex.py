"""bibtex: entries parse back, with a BibTeX parser, to the record's values."""

from __future__ import annotations

import codecs
import datetime as dt
from urllib.parse import unquote

import pytest
from pybtex.database import parse_string

from mmptm_site.catalog import Catalog
from mmptm_site.data import schema
from mmptm_site.data.validate import validate
from mmptm_site.exports import bibtex
from mmptm_site.exports.bibtex import papers_bib

from ..conftest import FIXTURE_DATA, REAL_DATA

VENUES = {
    "icml": schema.Venue(
        id="icml",
        name="ICML",
        description="x",
        type="conference",
        full_name="International Conference on Machine Learning",
    ),
    "tnnls": schema.Venue(
        id="tnnls",
        name="IEEE TNNLS",
        description="x",
        type="journal",
        full_name="IEEE Transactions on Neural Networks and Learning Systems",
    ),
    "arxiv": schema.Venue(id="arxiv", name="arXiv preprint", description="x", type="preprint"),
}


def model(**fields) -> schema.ModelDraft:
    base = {
        "id": "x-model",
        "name": "X",
        "title": "X: a title",
        "year": 2021,
        "needs_review": True,
        "review_note": "test",
        "added": dt.date(2026, 1, 1),
    }
    return schema.ModelDraft(**{**base, **fields})


def parse_back(text: str):
    [(key, entry)] = parse_string(text, "bibtex").entries.items()
    return key, entry


def author_names(entry) -> list[str]:
    """The authors as pybtex parsed them, each name's parts joined again in order."""
    names = [
        " ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names + p.lineage_names)
        for p in entry.persons.get("author", [])
    ]
    # a team name ("Gemini Team, Google") is written as one brace group
    return [bibtex.from_latex(name[1:-1] if name.startswith("{") and name.endswith("}") else name) for name in names]


def field(entry, name: str) -> str:
    value = entry.fields[name]
    return bibtex.from_latex(value[1:-1] if name == "title" else value)


@pytest.mark.parametrize(
    "text",
    [
        "Müller & Søren: 50% of $x_1$ {a} #1",
        "Ça va — 中文 naïve “quotes”",
        'a~b^c "q" \\ end',
        "R&D_a {unbalanced",
        "MDETR -- a --- b ''c'' ``d``",
    ],
)
def test_latex_round_trip(text):
    _, entry = parse_back(bibtex.entry_text(model(title=text, authors=[text]), VENUES))
    assert field(entry, "title") == text
    assert author_names(entry) == [text]


def test_entry_types():
    _, conference = parse_back(
        bibtex.entry_text(model(venue={"id": "icml", "year": 2022}, links={"arxiv": "2103.00020"}), VENUES)
    )
    assert conference.type == "inproceedings"
    assert conference.fields["booktitle"] == "International Conference on Machine Learning"
    assert conference.fields["year"] == "2022"  # the venue's year, not the preprint's
    assert conference.fields["eprint"] == "2103.00020" and conference.fields["archivePrefix"] == "arXiv"

    _, journal = parse_back(bibtex.entry_text(model(venue={"id": "tnnls", "year": 2023}), VENUES))
    assert journal.type == "article" and journal.fields["journal"].startswith("IEEE Transactions")

    _, preprint = parse_back(
        bibtex.entry_text(model(venue={"id": "arxiv", "year": 2021}, links={"arxiv": "2101.00001"}), VENUES)
    )
    assert preprint.type == "misc" and preprint.fields["eprint"] == "2101.00001"
    assert preprint.fields["url"] == "https://arxiv.org/abs/2101.00001"


def test_team_names_stay_whole():
    _, entry = parse_back(bibtex.entry_text(model(authors=["Gemini Team, Google", "Ada Lovelace"]), VENUES))
    assert author_names(entry) == ["Gemini Team, Google", "Ada Lovelace"]


def test_citation_key_is_stable_and_ascii():
    record = model(authors=["Łukasz Müller-Smith", "B"], year=2020)
    assert bibtex.citation_key(record) == "mullersmith2020x-model"
    assert bibtex.citation_key(model()) == "anonymous2021x-model"


def test_ids_that_differ_only_by_hyphens_get_distinct_keys():
    records = [model(id=i, authors=["Junnan Li"], year=2023) for i in ("blip-2", "blip2", "bli-p2")]
    assert len({bibtex.citation_key(record) for record in records}) == 3
    entries = parse_string(bibtex.entries_text(records, VENUES), "bibtex").entries
    assert len(entries) == 3


HOSTILE_DOIS = [
    "10.1234/{\\input{/etc/passwd}}\\immediate\\write18{id}",
    "10.1234/{unbalanced",
    "10.1234/unbalanced}",
    '10.1234/"quote"',
]


@pytest.mark.parametrize("doi", HOSTILE_DOIS)
def test_hostile_doi_cannot_break_the_entry_or_run_a_command(doi):
    """The schema refuses such links now (test_schema.py); the entry must hold whatever it is given."""
    links = schema.Links.model_construct(
        doi=doi, paper="https://example.org/a_b%20c/{x}\\y", arxiv="2101.00001", code=[]
    )
    record = model().model_copy(update={"links": links})
    text = bibtex.entry_text(record, VENUES)  # an unbalanced brace no longer raises here
    _, entry = parse_back(text)
    for name in ("doi", "url"):
        assert not set(entry.fields[name]) & set('{}\\" \t\n'), entry.fields[name]
    assert unquote(entry.fields["doi"]) == doi
    assert unquote(entry.fields["url"]) == "https://example.org/a_b c/{x}\\y"
    assert "\\input" not in text and "\\write18" not in text


def test_verbatim_fields_encode_what_the_schema_may_let_through():
    """Records made in Python skip validation: whitespace and controls in links are encoded too."""
    links = schema.Links.model_construct(doi="10.1/a b\x7f\x85\u2028\ufffe", paper="https://e.org/ x\ny\u202e")
    _, entry = parse_back(bibtex.entry_text(model().model_copy(update={"links": links}), VENUES))
    assert entry.fields["doi"] == "10.1/a%20b%7F%C2%85%E2%80%A8%EF%BF%BE"
    assert entry.fields["url"] == "https://e.org/%20x%0Ay%E2%80%AE"


@pytest.mark.parametrize("root", [REAL_DATA, FIXTURE_DATA], ids=["data", "fixtures"])
def test_every_record_parses_back(root):
    """Every entry of the published `papers.bib` parses back to its record's values."""
    data, problems = validate(root)
    assert problems == []
    venues = data.vocab["venues"]
    catalog = Catalog(data)
    text = papers_bib(catalog, bibtex.entries_by_model(catalog.models, venues))
    entries = parse_string(text, "bibtex").entries
    assert len(entries) == len(data.models)  # keys are unique
    for record in data.models.values():
        entry = entries[bibtex.citation_key(record)]
        assert field(entry, "title") == record.title
        assert author_names(entry) == record.authors
        links = record.links
        if links and links.arxiv:
            assert entry.fields["eprint"] == links.arxiv
        # url and doi are verbatim fields: written as the record has them, not encoded for LaTeX (`\_`)
        assert entry.fields.get("doi") == (links.doi if links else None)
        url = (links.paper or (f"https://arxiv.org/abs/{links.arxiv}" if links.arxiv else None)) if links else None
        assert entry.fields.get("url") == url
        if record.venue and venues[record.venue.id].type != "preprint":
            assert entry.fields["year"] == str(record.venue.year)
            container = entry.fields.get("booktitle") or entry.fields.get("journal")
            assert bibtex.from_latex(container) == (venues[record.venue.id].full_name or venues[record.venue.id].name)
        else:
            assert entry.type == "misc" and entry.fields["year"] == str(record.year)


def test_writer_passes_over_latexcodec_only_where_it_changes_nothing():
    """The writer skips latexcodec for ASCII text without `LATEXCODEC_ASCII`: true of latexcodec itself."""
    for code in range(32, 127):
        character = chr(code)
        unchanged = codecs.encode(character, "ulatex+UTF-8") == character
        assert unchanged == (not bibtex.LATEXCODEC_ASCII.search(character)), character
        assert bibtex._WRITER._encode(f"a {character}b") == codecs.encode(f"a {character}b", "ulatex+UTF-8")
