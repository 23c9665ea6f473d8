"""The portfolio's tables as SQLAlchemy typed models (no Qt)."""

# Checks every column by its type (installed when the mappers are configured).
from cs_planner.domain.model import column_checks  # noqa: F401
from cs_planner.domain.model.activity import ActionItem, Activity, ActivityStakeholder, Risk
from cs_planner.domain.model.base import Base
from cs_planner.domain.model.change_log import ChangeEntry
from cs_planner.domain.model.csa import CsaAllocation
from cs_planner.domain.model.expansion import DimensionPlan, Opportunity, WhitespaceCell
from cs_planner.domain.model.health import HealthWeight, UsageSnapshot
from cs_planner.domain.model.imports import ImportMapping
from cs_planner.domain.model.plan import (
    AccountTeamMember,
    Objective,
    Promotion,
    Renewal,
    RiskDismissal,
    Story,
)
from cs_planner.domain.model.portfolio import Account, Division, Geography, TeamMember
from cs_planner.domain.model.relationships import InfluenceLink, Stakeholder, StakeholderRole
from cs_planner.domain.model.settings import Settings
from cs_planner.domain.model.stairway import (
    Product,
    StairwayTemplate,
    TemplateUseCase,
    UseCase,
    UseCaseProduct,
)
from cs_planner.domain.model.value import (
    AccountMetric,
    ArrHistory,
    MaturityChange,
    MaturityLevel,
    MetricDefinition,
    MetricTarget,
    MetricValue,
    ValueMessage,
)
from cs_planner.domain.model.workshop import AccountSnapshot

__all__ = [
    "Account",
    "AccountMetric",
    "AccountSnapshot",
    "AccountTeamMember",
    "ActionItem",
    "Activity",
    "ActivityStakeholder",
    "ArrHistory",
    "Base",
    "ChangeEntry",
    "CsaAllocation",
    "DimensionPlan",
    "Division",
    "Geography",
    "HealthWeight",
    "ImportMapping",
    "InfluenceLink",
    "MaturityChange",
    "MaturityLevel",
    "MetricDefinition",
    "MetricTarget",
    "MetricValue",
    "Objective",
    "Opportunity",
    "Product",
    "Promotion",
    "Renewal",
    "Risk",
    "RiskDismissal",
    "Settings",
    "StairwayTemplate",
    "Stakeholder",
    "StakeholderRole",
    "Story",
    "TeamMember",
    "TemplateUseCase",
    "UsageSnapshot",
    "UseCase",
    "UseCaseProduct",
    "ValueMessage",
    "WhitespaceCell",
]
