"""Venue mentions in a list entry ('ICML 2021', 'CVPR-2023'), matched against the venues vocabulary."""

from __future__ import annotations

import re
from collections.abc import Mapping

from mmptm_site.data import schema
from mmptm_site.sources.entry_candidate import Candidate
from mmptm_site.sources.entry_text import YEAR

_VENUE_TAG = re.compile(r"(?<!\w)([A-Z][A-Za-z&]*[A-Z][A-Za-z&]*)[-_ ]?((?:19|20)\d{2})(?!\d)")  # 'KBS-2021'
_NEAR_YEAR = r"[\s,._()\-]*"


class Venues:
    """Venue ids, names, aliases and full names of the target vocabulary, matched case-insensitively."""

    def __init__(self, entries: Mapping[str, schema.Venue]):
        self.ids: dict[str, str] = {}
        for entry in entries.values():
            for key in filter(None, (entry.id, entry.name, *entry.aliases, getattr(entry, "full_name", None))):
                self.ids.setdefault(key.casefold(), entry.id)
        keys = sorted(self.ids, key=len, reverse=True)  # longest first: 'ACL-IJCNLP' before 'ACL'
        self.pattern = re.compile("|".join(rf"(?<![^\W_]){re.escape(k)}(?![^\W_])" for k in keys) or "(?!)", re.I)

    def find(self, text: str, fallback_year: int | None, candidate: Candidate) -> str:
        """Set the candidate's venue from `text`; return the text with venue mentions and years removed.

        A venue needs a year written right beside it (or the table's date): a venue's year cannot be
        guessed. Venue-like tags ('KBS-2021') that are not in the vocabulary go to the note.
        """
        found: list[tuple[str, int | None, str]] = []

        def take(match: re.Match[str]) -> str:
            after = re.match(rf"{_NEAR_YEAR}((?:19|20)\d{{2}})(?!\d)", match.string[match.end() :])
            before = re.search(rf"(?<!\d)((?:19|20)\d{{2}}){_NEAR_YEAR}$", match.string[: match.start()])
            year = int(after.group(1)) if after else int(before.group(1)) if before else fallback_year
            if year is None and len(match[0]) < 6:
                return match[0]  # a short word ('MIR', 'ACL') is a venue only with its year: 'Mir' may be a name
            found.append((self.ids[match[0].casefold()], year, match[0]))
            return " "

        text = self.pattern.sub(take, text)
        for match in _VENUE_TAG.finditer(text):
            candidate.notes.append(f"venue '{match.group(0)}' is not in vocab/venues.yaml")
            candidate.years.append(int(match.group(2)))
        if dated := [(venue, year) for venue, year, _ in found if year is not None]:
            candidate.venue = candidate.venue or schema.VenueRef(id=dated[0][0], year=dated[0][1])
            candidate.years.append(dated[0][1])
        elif found:
            candidate.notes.append(f"venue '{found[0][2]}' is named without a year")
        return YEAR.sub(" ", _VENUE_TAG.sub(" ", text))
