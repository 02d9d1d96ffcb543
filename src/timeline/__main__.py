"""``python -m timeline``: see :mod:`timeline.cli`."""

from .cli import main

raise SystemExit(main())
