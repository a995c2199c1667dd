"""The Atom feed of additions and corrections."""

from __future__ import annotations

import re

from mmptm_site.catalog import Catalog
from mmptm_site.catalog.highlights import changes
from mmptm_site.urls import SiteAddress

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold, which the feed's writer refuses. The validator keeps
    them out of records; a page or export must not fail on a record built past it."""
    return _NOT_XML.sub("\ufffd", text)


def atom_feed(catalog: Catalog, address: SiteAddress, title: str) -> str:
    """Additions (from `added`) and corrections (from `reviewed`, when later) as an Atom feed, newest first:
    by date, then by the model's release, newest first (`highlights.changes`).

    Its `updated` time is the newest date in the data, never the build time, so a rebuild of the same
    data gives the same feed. Without a `site_url` (a site built where its address is not known) the links
    are relative to the feed, which lies at the site's root, and the ids, which Atom wants absolute, are
    name-based UUIDs: no address is guessed.
    """
    import datetime as dt
    import uuid

    from feedgen.feed import FeedGenerator

    base = address.absolute("") or ""

    def atom_id(path: str) -> str:
        return base + path if base else uuid.uuid5(uuid.NAMESPACE_URL, "mmptm-site:" + path).urn

    events = changes(catalog)
    newest = max((event.day for event in events), default=dt.date(2000, 1, 1))

    def timestamp(day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)

    feed = FeedGenerator()
    feed.id(atom_id(""))
    feed.title(xml_text(title))
    feed.link(href=base or "./", rel="alternate")
    feed.link(href=base + "feed.xml", rel="self")
    feed.updated(timestamp(newest))
    feed.generator("mmptm-site")
    feed.author({"name": catalog.data.settings.feed_author})
    for event in events:
        model = event.model
        path = address.model_page(model.id)
        item = feed.add_entry(order="append")
        item.id(atom_id(f"{path}#{event.kind}-{event.day.isoformat()}"))
        item.title(xml_text(f"{'Added' if event.kind == 'added' else 'Updated'}: {model.name} ({model.year})"))
        item.link(href=base + path)
        item.updated(timestamp(event.day))
        item.published(timestamp(event.day))
        item.summary(xml_text(model.summary or model.title))
    atom: bytes = feed.atom_str(pretty=True)
    return atom.decode("utf-8")
