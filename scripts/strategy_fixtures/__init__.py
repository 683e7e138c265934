"""Generate fixtures/strategies/*.json from the seeds (../shared/seeds); every quoted text must
occur verbatim in its seed. Run: .venv/bin/python scripts/build_strategy_fixtures.py"""
