"""Rolwijzer's domain: the content model, its validation, and scoring.

Pure and typed: no Streamlit, no database, no I/O beyond reading content.
"""

from scoring.conversation import REASONS, Starter, starters
from scoring.engine import (
    Answers,
    Contribution,
    GroupScore,
    Score,
    aggregate,
    agreement_text,
    contributions,
    desired_changes,
    disagreement,
    item_score,
    score,
)
from scoring.errors import ContentError, Problem
from scoring.groups import (
    FRAMES,
    Distribution,
    Frame,
    GroupResult,
    MemberInput,
    MemberResult,
    clean_answers,
    distribution,
    group_result,
    member_result,
    regroup,
    role_gap,
)
from scoring.influence import (
    InfluenceChoices,
    InfluenceMap,
    InfluenceRow,
    clean_choices,
    influence_map,
)
from scoring.loader import (
    CONTENT_FILES,
    ContentSnapshot,
    load_model,
    load_model_from_texts,
    snapshot,
    validate,
)
from scoring.model import Model
from scoring.perspectives import ActionPlan, action_plan, focus_statements, focused_plan
from scoring.placement import Placement, placement

__all__ = [
    "CONTENT_FILES",
    "FRAMES",
    "REASONS",
    "ActionPlan",
    "Answers",
    "ContentError",
    "ContentSnapshot",
    "Contribution",
    "Distribution",
    "Frame",
    "GroupResult",
    "GroupScore",
    "InfluenceChoices",
    "InfluenceMap",
    "InfluenceRow",
    "MemberInput",
    "MemberResult",
    "Model",
    "Placement",
    "Problem",
    "Score",
    "Starter",
    "action_plan",
    "aggregate",
    "agreement_text",
    "clean_answers",
    "clean_choices",
    "contributions",
    "desired_changes",
    "disagreement",
    "distribution",
    "focus_statements",
    "focused_plan",
    "group_result",
    "influence_map",
    "item_score",
    "load_model",
    "load_model_from_texts",
    "member_result",
    "placement",
    "regroup",
    "role_gap",
    "score",
    "snapshot",
    "starters",
    "validate",
]
