"""BibTeX entries for model records, written with pybtex.

Entry types follow the venue: `@inproceedings` (with `booktitle`) for conferences and workshops,
`@article` (with `journal`) for journals, and `@misc` with `eprint`/`archivePrefix` for papers known
only from arXiv. pybtex's writer encodes text for LaTeX with latexcodec (`&`, `%`, `_`, `#`, `~`…),
keeping other non-ASCII characters as UTF-8, which biber and bibtex8 read. The characters it leaves
as LaTeX syntax (braces, backslash, `$`, `^`, `"`) are turned into commands first, so that record text
prints as written and can never unbalance an entry; names go through pybtex's name parser.

`url`, `doi` and `eprint` are verbatim fields (biblatex reads them as they stand: an underscore escaped
for LaTeX would be two characters of the address), so they are not encoded for LaTeX; instead every
character that cannot stand in a verbatim field (braces, which BibTeX counts even there, backslash, `"`,
whitespace, controls) is percent-encoded (`verbatim`), so that no address or DOI can unbalance an entry
or smuggle in a command.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Mapping
from typing import TextIO

import latexcodec  # noqa: F401 - registers the 'ulatex' codec
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer as BibTeXWriter

from mmptm_site.catalog import Catalog
from mmptm_site.data.schema import ModelDraft, Venue, VenueType

# Characters latexcodec leaves as LaTeX syntax; in record text they are meant literally. Braces become
# commands because BibTeX counts even escaped braces, so `\{` alone would unbalance an entry.
_SPECIAL = {
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "\\": r"\textbackslash{}",
    "$": r"\$",
    "^": r"\textasciicircum{}",
    '"': r"\textquotedbl{}",
    "~": r"\textasciitilde{}",  # a tie (a space) in names
}
_SPECIAL_SPLIT = re.compile(r"([{}\\$^\"~])")


# `--`, `''` and ``` `` ``` are ligatures in LaTeX (a dash, curly quotes): an empty group keeps them apart.
_LIGATURE = re.compile(r"([-'`])(?=\1)")


def protect(text: str) -> str:
    """`text` with the characters that latexcodec would leave as LaTeX syntax turned into commands."""
    return "".join(_SPECIAL.get(part, _LIGATURE.sub(r"\1{}", part)) for part in _SPECIAL_SPLIT.split(text) if part)


_ESCAPED_SPLIT = re.compile("(" + "|".join(re.escape(escaped) for escaped in _SPECIAL.values()) + ")")
_UNESCAPE = {escaped: character for character, escaped in _SPECIAL.items()}
_SEPARATED_LIGATURE = re.compile(r"(?<=[-'`])\{\}(?=[-'`])")


def from_latex(source: str) -> str:
    """The text that `latex` encoded: the inverse of `latex`."""
    return "".join(
        _UNESCAPE[part] if part in _UNESCAPE else _decode_keeping_spaces(part)
        for part in _ESCAPED_SPLIT.split(source)
        if part
    )


def _decode_keeping_spaces(part: str) -> str:
    """latexcodec's decoding of a piece, keeping the spaces at its ends (LaTeX would swallow them)."""
    if _SEPARATED_LIGATURE.search(part):
        return "".join(_decode_keeping_spaces(piece) for piece in _SEPARATED_LIGATURE.split(part) if piece)
    core = part.strip(" ")
    if not core:
        return part
    lead, trail = part[: len(part) - len(part.lstrip(" "))], part[len(part.rstrip(" ")) :]
    # latexcodec's 'ulatex' decodes text to text; typeshed types codecs.decode of a str for a few codecs only
    decoded: str = codecs.decode(core, "ulatex")  # type: ignore[call-overload]
    return lead + decoded + trail


def citation_key(model: ModelDraft) -> str:
    """A stable key: first author's surname, year, and the record's id, e.g. `radford2021clip`, `li2023blip-2`.

    The id is kept whole, hyphens too, so that keys are unique: the surname has only letters and the year
    four digits, so a key tells its id apart (`blip-2` and `blip2` once shared one), whatever else is in
    the catalogue.
    """
    surname = model.authors[0].split()[-1] if model.authors else "anonymous"
    ascii_surname = unicodedata.normalize("NFKD", surname).encode("ascii", "ignore").decode().lower()
    ascii_surname = re.sub(r"[^a-z]", "", ascii_surname) or "anonymous"
    return f"{ascii_surname}{model.year}{model.id}"


VERBATIM_FIELDS = frozenset({"url", "doi", "eprint"})
"""Fields that BibTeX styles and biblatex read verbatim (as URLs): written as they stand, not as LaTeX."""


def _verbatim_character(character: str) -> str:
    if character.isprintable() and not character.isspace() and character not in '{}\\"':
        return character
    return "".join(f"%{byte:02X}" for byte in character.encode("utf-8", "surrogatepass"))


def verbatim(value: str) -> str:
    """`value` fit for a verbatim field: each character that cannot stand there percent-encoded.

    Braces (BibTeX counts them even in a verbatim field: one alone breaks the file), backslash (a LaTeX
    command where a style prints the field as text), `"`, whitespace, controls and other unprintable
    characters; none of them belongs in a URL, and doi.org reads a DOI percent-encoded. Other characters
    stay, so a real address or DOI is written exactly as the record has it.
    """
    return "".join(_verbatim_character(character) for character in value)


def _person(name: str) -> Person:
    """A pybtex name; one with a comma is a team ('Gemini Team, Google'), kept whole in braces."""
    return Person("{" + protect(name) + "}" if "," in name else protect(name))


def entry(model: ModelDraft, venues: dict[str, Venue]) -> Entry:
    """The pybtex entry of a model's paper."""
    fields: dict[str, str] = {"title": "{" + protect(model.title) + "}"}  # outer braces keep the capitals
    venue = venues.get(model.venue.id) if model.venue else None
    year = model.venue.year if model.venue and venue and venue.type != VenueType.preprint else model.year
    fields["year"] = str(year)
    kind = "misc"
    if venue and venue.type in (VenueType.conference, VenueType.workshop):
        kind = "inproceedings"
        fields["booktitle"] = protect(venue.full_name or venue.name)
    elif venue and venue.type == VenueType.journal:
        kind = "article"
        fields["journal"] = protect(venue.full_name or venue.name)
    links = model.links
    if links and links.doi:
        fields["doi"] = verbatim(links.doi)
    if links and links.arxiv:
        fields["eprint"] = verbatim(links.arxiv)
        fields["archivePrefix"] = "arXiv"
    url = (links.paper if links and links.paper else None) or (
        f"https://arxiv.org/abs/{links.arxiv}" if links and links.arxiv else None
    )
    if url:
        fields["url"] = verbatim(url)
    persons = {"author": [_person(name) for name in model.authors]} if model.authors else None
    return Entry(kind, fields=fields, persons=persons)


# The printable ASCII characters that latexcodec changes; it keeps every other one as it is.
LATEXCODEC_ASCII = re.compile(r"[#%&_~]")


class _Writer(BibTeXWriter):  # type: ignore[misc]  # pybtex has no types: its Writer is Any to mypy
    """pybtex's BibTeX writer, writing verbatim fields as they stand (`entry` made them fit, with
    `verbatim`), and passing over latexcodec where it would change nothing: latexcodec reads text one
    character at a time, and was most of the time spent writing entries."""

    def _write_field(self, stream: TextIO, type: str, value: str) -> None:
        if type in VERBATIM_FIELDS:
            stream.write(f",\n    {type} = {self.quote(value)}")
        else:
            super()._write_field(stream, type, value)

    def _encode(self, text: str) -> str:
        if text.isascii() and not LATEXCODEC_ASCII.search(text):
            return text
        encoded: str = super()._encode(text)
        return encoded


# pybtex finds its writer through package entry points on every `to_string` call, which costs ~10 ms;
# one writer made up front serves every entry.
_WRITER = _Writer()


def entries_text(models: list[ModelDraft], venues: dict[str, Venue]) -> str:
    """Several models' entries as one BibTeX file, keyed by `citation_key`."""
    data = BibliographyData(entries={citation_key(m): entry(m, venues) for m in models})
    text: str = _WRITER.to_string(data)
    return text


def entry_text(model: ModelDraft, venues: dict[str, Venue]) -> str:
    return entries_text([model], venues)


def entries_by_model(models: list[ModelDraft], venues: dict[str, Venue]) -> dict[str, str]:
    """Model id → its entry's text: computed once per build, shared by pages and exports."""
    return {model.id: entry_text(model, venues) for model in models}


def papers_bib(catalog: Catalog, bibtex: Mapping[str, str]) -> str:
    """Every model's entry, in catalogue order, as one file (`papers.bib`)."""
    return "\n".join(bibtex[model.id] for model in catalog.models)
