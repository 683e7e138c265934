"""Strategies, their phases and targets, the indicator catalogue, and the provinces' action
plans with their tasks, funding, assigned agencies and reporting rule."""

from .documents import Phase, Scheme, SolutionGroup, SolutionItem, Strategy, Task
from .indicators import Indicator, Target
from .plans import ActionPlan, AgencyAssignment, FundingSource, ReportingRule, ReviewFigure
from .versions import PlanVersion

__all__ = [
    "ActionPlan",
    "AgencyAssignment",
    "FundingSource",
    "Indicator",
    "Phase",
    "PlanVersion",
    "ReportingRule",
    "ReviewFigure",
    "Scheme",
    "SolutionGroup",
    "SolutionItem",
    "Strategy",
    "Target",
    "Task",
]
