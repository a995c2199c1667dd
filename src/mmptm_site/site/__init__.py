"""The site stage: pages rendered through Jinja2 from the catalogue, charts, the site-search index, the thin
mkdocs plugin, `build` (atomic) and `generate` (plain mkdocs sources). Only this stage knows mkdocs."""
