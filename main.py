"""Run cs_planner from a source checkout: ``python main.py [PORTFOLIO]``."""

from cs_planner.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
