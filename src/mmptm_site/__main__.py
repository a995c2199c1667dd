"""`python -m mmptm_site` runs the command line."""

from mmptm_site.cli import main

raise SystemExit(main())
