"""Results of trios, walls and role groups, and the sentences pages and PDFs share. No Streamlit, no SQL.

Pages and exports read records and answers from ``storage`` and hand them here;
``trio_result`` is the one place a trio's members are named and scored; ``results.cache`` keeps its
results between refreshes and rebuilds only the trios whose version moved.
"""

from results.cache import (
    CacheStats,
    LoadTrios,
    ResultCache,
    cached_trio_results,
    cached_werkplaats_groups,
)
from results.groups import role_groups, wijk_and_sector
from results.labels import Member, member_labels
from results.trio import MemberAnswers, trio_result
from results.wall import (
    DIFFERENCE_EXPLAINED,
    Trio,
    TrioGroup,
    TrioWithMembers,
    difference,
    letter_for,
    trio_letter,
    wall_table,
    werkplaats_groups,
)

__all__ = [
    "DIFFERENCE_EXPLAINED",
    "CacheStats",
    "LoadTrios",
    "Member",
    "MemberAnswers",
    "ResultCache",
    "Trio",
    "TrioGroup",
    "TrioWithMembers",
    "cached_trio_results",
    "cached_werkplaats_groups",
    "difference",
    "letter_for",
    "member_labels",
    "role_groups",
    "trio_letter",
    "trio_result",
    "wall_table",
    "werkplaats_groups",
    "wijk_and_sector",
]
