"""Sources of new records and checks against the outside world: paper lists (import, coverage), arXiv (new,
discover) and the links of the data (linkcheck). Drafts only ever go into data/, never over a record."""
