"""The closed vocabularies of the domain (DOMAIN.md). Values are what the database stores."""

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members read well in the interface and in workbooks."""

    @property
    def label(self) -> str:
        # Worked out once per member (a roll-up asks tens of thousands of times); by id, as
        # members of two enums with the same value are equal ("none").
        known = _LABEL_OF.get(id(self))
        if known is None:
            own = _LABELS.get(f"{type(self).__name__}.{self.value}")
            known = own or _LABELS.get(self.value, self.value.replace("_", " ").capitalize())
            _LABEL_OF[id(self)] = known
        return known

    @classmethod
    def parse(cls, text: str) -> "Labelled":
        """Accept a value or a label, case-insensitively (for imports and the command line)."""
        wanted = text.strip().lower()
        for member in cls:
            if wanted in (member.value, member.label.lower()):
                return member
        choices = ", ".join(m.label for m in cls)
        raise ValueError(f"'{text}' is not one of: {choices}")


_LABEL_OF: dict[int, str] = {}  # id(member) -> label
_LABELS = {
    "Engagement.none": "Not engaged",
    "ReferenceStatus.none": "Not a reference",
    "director_vp": "Director/VP",
    "end_user": "End user",
    "qbr": "QBR",
    "csm": "CSM",
    "csa": "CSA",
    "TeamRole.ae": "Account executive",
    "self_service": "Self-service",
    "favours_competitor": "Favours competitor",
    "case_study": "Case study",
    "presales": "Pre-sales diagnostic",
    "vendor_underwritten": "Vendor-underwritten",
    "customer_success": "Customer success",
    "use_cases": "Use cases",
    "product_usage": "Product usage",
    "customer_provided": "Customer-provided",
    "higher_is_better": "Higher is better",
    "lower_is_better": "Lower is better",
    "in_progress": "In progress",
    "not_relevant": "Not relevant",
    "changed_role": "Changed role",
    "left_company": "Left company",
    "license_utilization": "License utilization",
    "feature_adoption": "Breadth of feature adoption",
    "usage_trend": "Scale of use",
    "value_metrics": "Value metrics against plan",
    "relationships": "Relationship coverage",
    "stairway": "Stairway progress",
    "renewal": "Renewal proximity and risks",
    "department_head": "Department head",
    "ActionStatus.cancelled": "Dropped",
    "not_started": "Not started",
    "on_track": "On track",
    "at_risk": "At risk",
    "blog_post": "Blog post",
    "conference_talk": "Conference talk",
    "reference_call": "Reference call",
    "PaperSize.a4": "A4",
}


class Tier(Labelled):
    TOP = "top"
    LEVERAGED = "leveraged"
    SCALABLE = "scalable"


class LifecycleStage(Labelled):
    LAND = "land"
    ADOPT = "adopt"
    EXPAND = "expand"
    RENEW = "renew"


class MotionOwner(Labelled):
    """Who owns renewal or expansion for an account (DOMAIN.md section 9)."""

    SELF_SERVICE = "self_service"
    CSM = "csm"
    SALES = "sales"


class ReferenceStatus(Labelled):
    NONE = "none"
    WILLING = "willing"
    CASE_STUDY = "case_study"
    SPEAKER = "speaker"


class Engagement(Labelled):
    NONE = "none"
    EVALUATING = "evaluating"
    ADOPTED = "adopted"


class Level(Labelled):
    EXECUTIVE = "executive"
    DIRECTOR_VP = "director_vp"
    MANAGER = "manager"
    END_USER = "end_user"


class BuyingRole(Labelled):
    ECONOMIC_BUYER = "economic_buyer"
    CHAMPION = "champion"
    TECHNICAL_BUYER = "technical_buyer"
    USER = "user"
    COACH = "coach"
    BLOCKER = "blocker"
    EXECUTIVE_SPONSOR = "executive_sponsor"
    PROGRAM_MANAGER = "program_manager"


class Stance(Labelled):
    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    DETRACTOR = "detractor"
    FAVOURS_COMPETITOR = "favours_competitor"


class StakeholderStatus(Labelled):
    ACTIVE = "active"
    CHANGED_ROLE = "changed_role"
    LEFT_COMPANY = "left_company"


class TeamRole(Labelled):
    """A role on our side. One person has one role; a CSA is a team member with role CSA."""

    CSM = "csm"
    CSA = "csa"
    AE = "ae"
    EXECUTIVE_SPONSOR = "executive_sponsor"
    SUPPORT_LEAD = "support_lead"
    MANAGER = "manager"

    @property
    def short_label(self) -> str:
        """The label for narrow places (a person's role in brackets, a table cell)."""
        return _SHORT_ROLES.get(self.value, self.label)


_SHORT_ROLES = {"ae": "AE", "executive_sponsor": "Exec. sponsor"}


class StairStep(Labelled):
    REMEDIATION = "remediation"
    ENHANCEMENT = "enhancement"
    INNOVATION = "innovation"
    DISRUPTION = "disruption"


class UseCaseStatus(Labelled):
    IDENTIFIED = "identified"
    QUALIFIED = "qualified"
    PLANNED = "planned"
    IMPLEMENTING = "implementing"
    LIVE = "live"
    ADOPTED = "adopted"


class WhitespaceState(Labelled):
    LIVE = "live"
    IN_PROGRESS = "in_progress"
    OPPORTUNITY = "opportunity"
    NOT_RELEVANT = "not_relevant"


class Dimension(Labelled):
    """The six dimensions of expansion, in their three pairings."""

    USAGE = "usage"
    USE_CASES = "use_cases"
    USERS = "users"
    FUNCTIONALITY = "functionality"
    DIVISIONS = "divisions"
    GEOGRAPHIES = "geographies"


class OpportunityStatus(Labelled):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class AllocationPhase(Labelled):
    PRESALES = "presales"
    IMPLEMENTATION = "implementation"
    ADOPTION = "adoption"


class Funding(Labelled):
    CHARGEABLE = "chargeable"
    VENDOR_UNDERWRITTEN = "vendor_underwritten"


class RequestedBy(Labelled):
    SALES = "sales"
    CUSTOMER_SUCCESS = "customer_success"


class MetricDirection(Labelled):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class MetricSource(Labelled):
    PRODUCT_USAGE = "product_usage"
    CUSTOMER_PROVIDED = "customer_provided"


class HealthIndicator(Labelled):
    """The leading indicators a health score is made of (DOMAIN.md section 6)."""

    LICENSE_UTILIZATION = "license_utilization"
    FEATURE_ADOPTION = "feature_adoption"
    USAGE_TREND = "usage_trend"
    VALUE_METRICS = "value_metrics"
    RELATIONSHIPS = "relationships"
    STAIRWAY = "stairway"
    RENEWAL = "renewal"


class HealthBand(Labelled):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Audience(Labelled):
    """Who a value message speaks to."""

    DEPARTMENT_HEAD = "department_head"
    END_USER = "end_user"
    TECHNICAL_BUYER = "technical_buyer"


class ActivityKind(Labelled):
    QBR = "qbr"
    WORKSHOP = "workshop"
    CALL = "call"
    EMAIL = "email"
    TRAINING = "training"


class SnapshotKind(Labelled):
    MANUAL = "manual"  # Account > Take snapshot
    WORKSHOP = "workshop"  # taken when a workshop session starts


class ActionStatus(Labelled):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class Priority(Labelled):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ObjectiveStatus(Labelled):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    ACHIEVED = "achieved"
    MISSED = "missed"


class PlanArea(Labelled):
    """The four areas a new renewal cycle's plan starts from (DOMAIN.md section 8)."""

    RELATIONSHIPS = "relationships"
    ADOPTION = "adoption"
    MATURITY = "maturity"
    EVANGELISM = "evangelism"


class RiskCategory(Labelled):
    RELATIONSHIP = "relationship"
    ADOPTION = "adoption"
    VALUE = "value"
    COMMERCIAL = "commercial"
    TECHNICAL = "technical"
    COMPETITIVE = "competitive"


class RenewalOutcome(Labelled):
    RENEWED = "renewed"
    EXPANDED = "expanded"
    CONTRACTED = "contracted"
    CHURNED = "churned"


class StoryKind(Labelled):
    """How a champion tells their success story."""

    BLOG_POST = "blog_post"
    CASE_STUDY = "case_study"
    WEBINAR = "webinar"
    VIDEO = "video"
    CONFERENCE_TALK = "conference_talk"
    REFERENCE_CALL = "reference_call"


class PaperSize(Labelled):
    A4 = "a4"
    LETTER = "letter"


class RiskLevel(Labelled):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @classmethod
    def of_impact(cls, impact: int) -> "RiskLevel":
        """A risk's impact (1-5) read as a level: 1-2 low, 3 medium, 4 high, 5 critical."""
        return (cls.LOW, cls.LOW, cls.MEDIUM, cls.HIGH, cls.CRITICAL)[max(1, min(5, impact)) - 1]


class RiskStatus(Labelled):
    OPEN = "open"
    MITIGATED = "mitigated"
    CLOSED = "closed"


ALLOWED_FRACTIONS = (0.25, 0.5, 0.75, 1.0)


class Severity(Labelled):
    """How serious a finding is: the colour and word it gets on screen and on paper."""

    GOOD = "good"
    INFO = "info"
    WARN = "warn"
    BAD = "bad"
