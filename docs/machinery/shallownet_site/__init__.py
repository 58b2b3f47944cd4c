"""The machinery of the shallownet site, as an importable, typed package.

- `shallownet_site.source`: the one reader of a page's Markdown source (fences, the
  directive comments, the ``pycon`` examples). Every feature below reads pages through it.
- `shallownet_site.equations`: the equations' anchors, captions and cross-checks.
- `shallownet_site.mathjax`: build-time MathJax, a step over each page's HTML.
- `shallownet_site.plots`, `shallownet_site.notebooks`, `shallownet_site.playground`: the
  generated files, which `python -m shallownet_site generate OUTDIR` also writes.
- `shallownet_site.search`: the search index in the course's notation.
- `shallownet_site.extension`: the page rewrites as Python-Markdown extensions.
- `shallownet_site.lazy_images`, `shallownet_site.image_sizes`: each image's ``loading`` and
  its file's ``width`` and ``height``, as Python-Markdown extensions.
- `shallownet_site.plugin`: the MkDocs plugin, the only module that imports MkDocs.
"""

from __future__ import annotations


class SiteError(Exception):
    """A problem in the site's sources that stops the build; the message names the place."""
