"""``python -m shallownet_site generate OUTDIR``: see `shallownet_site.generate`."""

from __future__ import annotations

from shallownet_site.generate import main

raise SystemExit(main())
