"""The catalogue as a GitHub-readable Markdown paper list, by year."""

from __future__ import annotations

from mmptm_site.catalog import Catalog
from mmptm_site.markdown import markdown_text, markdown_url
from mmptm_site.urls import UNKNOWN_ADDRESS, SiteAddress


def paper_list_markdown(catalog: Catalog, address: SiteAddress = UNKNOWN_ADDRESS) -> str:
    """A GitHub-readable paper list, by year, newest first, one line per paper."""
    vocab = catalog.data.vocab
    lines = [
        f"# {markdown_text(catalog.data.settings.title)}",
        "",
        f"{len(catalog.models)} models. Generated from the catalogue's data by `mmptm-site export --format markdown`;"
        " edit the YAML records, not this file.",
        "",
    ]
    for year, models in catalog.by_year.items():
        lines += [f"## {year}", ""]
        for model in sorted(models, key=lambda m: m.name.casefold()):
            venue = vocab["venues"][model.venue.id].name + f" {model.venue.year}" if model.venue else "venue not stated"
            authors = ", ".join(model.authors) if model.authors else "authors not stated"
            links = []
            if model.links and model.links.arxiv:
                links.append(f"[[Paper](https://arxiv.org/abs/{model.links.arxiv})]")
            elif model.links and model.links.paper:
                links.append(f"[[Paper]({markdown_url(model.links.paper)})]")
            for code in model.links.code if model.links else []:
                links.append(f"[[{'Code' if code.official else 'Code (unofficial)'}]({markdown_url(code.url)})]")
            page = address.absolute(address.model_page(model.id))
            if page:
                links.append(f"[[Catalogue]({markdown_url(page)})]")
            unverified = " *(unverified)*" if model.needs_review else ""
            lines.append(
                f"* \\[{markdown_text(venue)}\\] **{markdown_text(model.name)}**: {markdown_text(model.title)}, "
                f"{markdown_text(authors)}{unverified} {' '.join(links)}".rstrip()
            )
        lines.append("")
    return "\n".join(lines)
