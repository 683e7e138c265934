"""The dashboards: national (Ministry), province (DOIT), unit and public; each a page, an
.xlsx and a PDF.

An app of its own on top of the reporting cycle: it has no tables, and reads the cycle
through the consolidation (reporting.consolidation), the registry through the facilities'
selectors and the strategies' targets through theirs. selectors/ builds each dashboard
once (`*_dashboard`), and the page, the charts' JSON, exports.py's .xlsx and PDF all read
that one object.
"""
