"""Papers already catalogued, and those drafted by an import, by what identifies them: how an entry of a list
is found to be a duplicate."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mmptm_site.data import schema
from mmptm_site.data.directory import MODELS_DIR, Data
from mmptm_site.data.duplicate_papers import normalised_title
from mmptm_site.data.ids import id_from_name
from mmptm_site.data.problems import display_path
from mmptm_site.sources.entry_candidate import Candidate
from mmptm_site.sources.paper_ids import openreview_id


def name_key(name: str) -> str:
    """Names compare as ids, with a number always set apart from the letters before it: 'GPT-4o', 'gpt 4o'
    and 'GPT 4o' are one name, and so are 'LLaMA4' and 'Llama 4', 'BLIP2' and 'BLIP-2'."""
    return re.sub(r"(?<=[a-z])(?=[0-9])", "-", id_from_name(name, max_length=200))


def _name_keys(name: str) -> list[str]:
    """A name's keys: itself, and without a trailing 'Vision' ('Llama 3.2 Vision' is what 'Llama 3.2' released)."""
    key = name_key(name)
    shorter = re.sub(r"-vision$", "", key)
    return [k for k in dict.fromkeys([key, shorter]) if k]


def _entry_name_keys(name: str) -> list[str]:
    """An entry's name may join several models' ('GPT-o3/o4-mini', 'LLaMA4-Scout/Maverick'): the keys of the
    whole name and of each part, a later part also under the first part's family ('LLaMA4-Maverick')."""
    parts = [part.strip() for part in name.split("/")]
    names = [name]
    if len(parts) > 1 and all(parts):
        family = parts[0].rsplit("-", 1)[0] if "-" in parts[0] else ""
        names += parts + [f"{family}-{part}" for part in parts[1:] if family]
    return [key for text in names for key in _name_keys(text)]


@dataclass
class PaperKeys:
    """What identifies a paper: its normalised title, its names' keys, arXiv id, DOI and OpenReview id."""

    title: str
    names: list[str]
    arxiv: str | None
    doi: str | None
    openreview: str | None

    def pairs(self) -> list[tuple[str, str]]:
        """(what, key) for each key it has, strongest evidence first: the ids, then the title, then names."""
        pairs = [("arXiv id", self.arxiv), ("DOI", self.doi), ("OpenReview id", self.openreview)]
        found = [(what, value) for what, value in pairs if value]
        found += [("title", self.title)] if self.title else []
        return found + [("name", key) for key in self.names]


class CatalogueIndex:
    """Papers already catalogued, and those drafted by this run, by what identifies them: arXiv id, DOI,
    OpenReview id, normalised title, and normalised name, id or former id."""

    def __init__(self, data: Data):
        self.places: dict[tuple[str, str], str] = {}
        self.arxiv_of: dict[str, str | None] = {}
        self.record_of: dict[str, str] = {}  # place → record id, for the catalogue's records
        for model_id, model in data.models.items():
            place = f"{model_id} ({display_path(data.paths[(MODELS_DIR, model_id)])})"
            links = model.links
            urls = " ".join(filter(None, [links.paper, links.project] if links else []))
            names = [k for name in (model.name, model_id, *model.aliases, *model.other_names) for k in _name_keys(name)]
            keys = PaperKeys(
                normalised_title(model.title),
                list(dict.fromkeys(names)),
                links.arxiv if links else None,
                links.doi.casefold() if links and links.doi else None,
                openreview_id(urls),
            )
            self._add(keys, place, links.arxiv if links else None)
            self.record_of[place] = model_id
        self.judged: dict[tuple[str, str], schema.NotAModel] = {}
        for paper in data.not_models:
            self.judged[("title", normalised_title(paper.title))] = paper
            if paper.arxiv:
                self.judged[("arXiv id", paper.arxiv)] = paper

    def _add(self, keys: PaperKeys, place: str, arxiv: str | None) -> None:
        for pair in keys.pairs():
            self.places.setdefault(pair, place)
        self.arxiv_of[place] = arxiv

    def match(self, keys: PaperKeys) -> tuple[str, str] | None:
        """(what matched, where) for the first key seen before, or None.

        A name alone does not make a duplicate when both sides have arXiv ids and they differ: two papers
        may give their models one name (Emu and Emu), and the paper is the stronger evidence.
        """
        for pair in keys.pairs():
            if (place := self.places.get(pair)) is None:
                continue
            if pair[0] == "name" and keys.arxiv and self.arxiv_of.get(place) not in (None, keys.arxiv):
                continue
            return pair[0], place
        return None

    def not_a_model(self, keys: PaperKeys) -> schema.NotAModel | None:
        """The review that judged this paper not a model, found by its arXiv id or title."""
        return self.judged.get(("arXiv id", keys.arxiv or "")) or self.judged.get(("title", keys.title))

    def name_clash(self, keys: PaperKeys) -> str | None:
        """Where a record of the same name but another paper is, if there is one (to say so in the note)."""
        return next((self.places[("name", key)] for key in keys.names if ("name", key) in self.places), None)

    def add(self, keys: PaperKeys, line: int) -> None:
        self._add(keys, f"line {line}", keys.arxiv)


def candidate_keys(candidate: Candidate, name: str | None, record_id: str) -> PaperKeys:
    names = [k for text in filter(None, (name, candidate.name)) for k in _entry_name_keys(text)]
    names += [name_key(record_id)] if record_id and (name or candidate.name_only) else []
    return PaperKeys(
        normalised_title(candidate.title),
        list(dict.fromkeys(names)),
        next(iter(candidate.arxiv), None),
        candidate.doi.casefold() if candidate.doi else None,
        candidate.openreview,
    )
