"""Generate fixtures/strategies/*.json from the seeds (../shared/seeds); the work is in the
strategy_fixtures package beside this file.
Run: .venv/bin/python scripts/build_strategy_fixtures.py"""

from strategy_fixtures.build import main

if __name__ == "__main__":
    main()
