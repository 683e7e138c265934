"""The dashboards' pages, .xlsx and PDF (dashboards.py) and the open data files (opendata.py)."""
