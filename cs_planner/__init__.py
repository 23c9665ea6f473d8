"""cs_planner: account planning for Customer Success Managers and Architects."""

__version__ = "0.1.0"
APP_NAME = "cs-planner"
PORTFOLIO_SUFFIX = ".csplan"
