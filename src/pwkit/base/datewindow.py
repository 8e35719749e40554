"""The dates a project work can hold: declared once, for the schemas, the rules' texts, the Gantt.

Both days are included: from the law that opened local government to associated services
(L. 142/1990) to the end of the century. A date outside is a typing mistake (``9999-12-31``
for «no end», ``0001-01-01``, ``2206`` for ``2026``), and no document could draw a plan that
long.
"""

from __future__ import annotations

import datetime as dt

FIRST_DATE = dt.date(1990, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)
