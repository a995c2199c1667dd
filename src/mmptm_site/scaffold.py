"""`mmptm-site init`: a new catalogue in a folder, from the files that ship with the package
(templates/scaffold): mkdocs.yml, data/ with its settings, minimal vocabularies and an example record, a
hand-written page, the GitHub workflows and a pre-commit configuration. Nothing that exists is replaced."""

from __future__ import annotations

from pathlib import Path

from mmptm_site.data.writer import write_atomically
from mmptm_site.site.resources import packaged_templates

SCAFFOLD = "scaffold"


def scaffold_files() -> dict[str, Path]:
    """Path in the new catalogue → the packaged file it is copied from."""
    root = packaged_templates() / SCAFFOLD
    return {path.relative_to(root).as_posix(): path for path in sorted(root.rglob("*")) if path.is_file()}


def init(target: Path) -> list[str]:
    """Write a new catalogue into `target`; FileExistsError naming every file that exists (nothing written)."""
    files = scaffold_files()
    existing = [name for name in files if (target / name).exists()]
    if existing:
        raise FileExistsError(", ".join(existing))
    for name, source in files.items():
        write_atomically(target / name, source.read_text(encoding="utf-8"))  # exclusive: a race loses nothing
    return list(files)
