"""Demonstration and synthetic data: what `make run` loads (`manage.py setup_demo`) and the
national data set of the benchmarks (`manage.py generate_national_data`).

It sits on top of the product apps, as the project's settings and URLs do: it imports
strategies, facilities and reporting and writes through their services; no product app
imports it, so the product runs (and is deployed) the same without it.

- `accounts`: the demo people, one per role;
- `facilities`: a handful of illustrative Thanh Hóa facilities;
- `history`: 2018–2020 of the Thanh Hóa plan, replayed with reports in every state;
- `current_plan`, `current_year`: a demonstration plan under QĐ 889/QĐ-TTg and the
  reporting year of today;
- `synthetic`: the national data set at full size, written in bulk.
"""
