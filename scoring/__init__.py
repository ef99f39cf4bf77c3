"""Rolwijzer's domain: the content model, its validation, and scoring.

Pure and typed: no Streamlit, no database, no I/O beyond reading content.
"""

from scoring.conversation import Starter, starters
from scoring.engine import (
    Answers,
    Contribution,
    GroupScore,
    Score,
    aggregate,
    agreement_text,
    contributions,
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
from scoring.loader import (
    CONTENT_FILES,
    ContentSnapshot,
    load_model,
    load_model_from_texts,
    snapshot,
    validate,
)
from scoring.model import Model
from scoring.perspectives import ActionPlan, action_plan

__all__ = [
    "CONTENT_FILES",
    "FRAMES",
    "ActionPlan",
    "Answers",
    "ContentError",
    "ContentSnapshot",
    "Contribution",
    "Distribution",
    "Frame",
    "GroupResult",
    "GroupScore",
    "MemberInput",
    "MemberResult",
    "Model",
    "Problem",
    "Score",
    "Starter",
    "action_plan",
    "aggregate",
    "agreement_text",
    "clean_answers",
    "contributions",
    "disagreement",
    "distribution",
    "group_result",
    "item_score",
    "load_model",
    "load_model_from_texts",
    "member_result",
    "regroup",
    "role_gap",
    "score",
    "snapshot",
    "starters",
    "validate",
]
