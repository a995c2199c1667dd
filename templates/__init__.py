"""The site's Jinja2 templates, CSS and JavaScript, mkdocs-material overrides and what `mmptm-site init` writes.

This folder stays at the repository's top level; the wheel ships it as the package mmptm_site.templates, so a
list that installs the generator gets the whole site (see pyproject.toml)."""
