"""The one way to make a record id from a name, shared by `new`, `import` and `discover`.

Three hand-written versions used to disagree ('Ünïcode Módel' became `n-code-m-del` in two commands and
`unicode-model` in the third), so the same model could get two ids depending on how it arrived.
python-slugify transliterates to ASCII first, which keeps accented and non-Latin names readable.
"""

from __future__ import annotations

from slugify import slugify

MAX_ID_LENGTH = 48


def id_from_name(name: str, max_length: int = MAX_ID_LENGTH) -> str:
    """A record id for `name`: ASCII, lower case, hyphens; '' when nothing of it is left.

    A long name is cut at a hyphen, so a title used as a placeholder still reads as words.
    """
    slug = slugify(name)
    while len(slug) > max_length and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:max_length].strip("-")
