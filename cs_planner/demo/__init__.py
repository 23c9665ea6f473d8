"""A deterministic, fictional demo portfolio for trying the app and for load testing."""

from cs_planner.demo.generator import DemoSummary, generate

__all__ = ["DemoSummary", "generate"]
