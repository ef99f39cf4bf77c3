"""Storage: trios and their members, a member's context by token, duplicates, removing and merging.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import scoring
import storage
from storage.models import Action, Answer, Member, PerspectiveChoice
from tests.sql_support import count_statements
from tests.storage_support import make_member, make_trio, make_werkplaats, row_count

# --- Trios and members ---------------------------------------------------------


def test_member_context_joins_member_trio_and_werkplaats(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    other = make_werkplaats(engine, content, name="Werkplaats West")
    trio = make_trio(engine, werkplaats)
    make_trio(engine, other)
    member = storage.create_member(engine, trio_id=trio.id, role="wijkambtenaar", display_name="  Bram ")
    with count_statements(engine) as statements:
        context = storage.member_context(engine, member.token)
    assert len(statements) == 1
    assert context == storage.MemberContext(member=member, trio=trio, werkplaats=werkplaats)
    assert context is not None and context.member.display_name == "Bram"
    assert member.token not in repr(member)  # secrets stay out of logs


def test_trios_and_members_are_listed_in_order(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    trios = [make_trio(engine, werkplaats, f"Gemeente {name}") for name in ("A", "B", "C")]
    assert storage.list_trios(engine, werkplaats.id) == trios
    assert storage.get_trio(engine, trios[1].id) == trios[1]
    assert storage.get_trio(engine, 999_999) is None
    members = [make_member(engine, trios[0], role) for role in ("wijkambtenaar", "sociaal", "fysiek")]
    assert storage.list_members(engine, trios[0].id) == members
    assert storage.list_members(engine, trios[1].id) == []


def test_werkplaats_members_includes_empty_trios_in_one_query(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    werkplaats = make_werkplaats(engine, content)
    full, empty = make_trio(engine, werkplaats), make_trio(engine, werkplaats, "Gemeente Leeg")
    members = [make_member(engine, full, role) for role in ("wijkambtenaar", "veiligheid")]
    with count_statements(engine) as statements:
        grouped = storage.werkplaats_members(engine, werkplaats.id)
    assert len(statements) == 1
    assert grouped == [
        storage.TrioMembers(trio=full, members=tuple(members)),
        storage.TrioMembers(trio=empty, members=()),
    ]


def test_member_role_must_come_from_the_werkplaats_content(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    trio = make_trio(engine, make_werkplaats(engine, content))
    with pytest.raises(storage.InputError, match="Onbekende rol"):
        storage.create_member(engine, trio_id=trio.id, role="burgemeester")
    with pytest.raises(storage.InputError, match="Rol"):
        storage.create_member(engine, trio_id=trio.id, role="Sociaal Domein")


def test_references_to_missing_rows_raise_not_found(engine: Engine) -> None:
    with pytest.raises(storage.NotFound, match="werkplaats"):
        storage.create_trio(engine, werkplaats_id=424242, municipality="Gemeente X")
    with pytest.raises(storage.NotFound, match="trio"):
        storage.create_member(engine, trio_id=424242, role="sociaal")
    with pytest.raises(storage.NotFound, match="trio"):
        storage.add_action(engine, trio_id=424242, what="Iets")
    with pytest.raises(storage.NotFound, match="trio"):
        storage.set_perspective_choice(engine, trio_id=424242, perspective_id="p", chosen=True)


# --- Duplicate names ------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "Gemeente 's-Hertogenbosch",
        "gemeente ’s-hertogenbosch",  # the curly apostrophe a phone types
        "  GEMEENTE  ‘s-Hertogenbosch ",
        "Gemeente `s-Hertogenbosch",
        "Gemeente ´s-Hertogenbosch",
        "Gemeente\u00a0's\u2011Hertogenbosch",  # no-break space and non-breaking hyphen
        "Ｇemeente 's-Hertogenbosch",  # a full-width letter (NFKC)
    ],
)
def test_normalise_trio_name_treats_case_quotes_and_spaces_alike(typed: str) -> None:
    assert storage.normalise_trio_name(typed) == "gemeente 's-hertogenbosch"


def test_normalise_trio_name_keeps_different_names_apart() -> None:
    assert storage.normalise_trio_name("Gemeente Oss") != storage.normalise_trio_name("Gemeente Os")
    assert storage.normalise_trio_name("Bergen (NH)") != storage.normalise_trio_name("Bergen (L)")
    assert storage.normalise_trio_name("   ") == ""


def test_find_similar_trio_finds_the_first_match_in_this_werkplaats_only(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    werkplaats, other = make_werkplaats(engine, content), make_werkplaats(engine, content, name="Werkplaats West")
    make_trio(engine, other, "Gemeente 's-Hertogenbosch")  # another werkplaats: never a match
    assert storage.find_similar_trio(engine, werkplaats.id, "Gemeente 's-Hertogenbosch") is None
    first = make_trio(engine, werkplaats, "Gemeente 's-Hertogenbosch")
    make_trio(engine, werkplaats, "gemeente 's-hertogenbosch")  # an earlier duplicate already made
    make_trio(engine, werkplaats, "Gemeente Oss")
    assert storage.find_similar_trio(engine, werkplaats.id, "gemeente  ’S-Hertogenbosch ") == first
    assert storage.find_similar_trio(engine, werkplaats.id, "Gemeente Breda") is None
    assert storage.find_similar_trio(engine, werkplaats.id, "  ") is None


# --- Removing and merging ---------------------------------------------------------


def answer_everything(engine: Engine, model: scoring.Model, member: storage.MemberRecord, value: int) -> None:
    for frame in storage.FRAMES:
        storage.save_answers(
            engine, member_id=member.id, frame=frame, answers={q.id: value for q in model.questions}
        )


def test_delete_member_removes_the_member_and_their_answers_only(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    trio = make_trio(engine, make_werkplaats(engine, content))
    stays, goes = make_member(engine, trio, "wijkambtenaar"), make_member(engine, trio, "sociaal")
    answer_everything(engine, model, stays, 2)
    answer_everything(engine, model, goes, 4)
    assert storage.delete_member(engine, goes.id) is True
    assert storage.list_members(engine, trio.id) == [stays]
    assert row_count(engine, Answer, Answer.member_id == goes.id) == 0
    assert list(storage.trio_answers(engine, trio.id)) == [stays.id]
    assert storage.member_context(engine, goes.token) is None  # the link no longer works
    assert storage.delete_member(engine, goes.id) is False


def test_delete_trio_removes_members_answers_choices_and_actions(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    werkplaats = make_werkplaats(engine, content)
    stays, goes = make_trio(engine, werkplaats, "Gemeente Blijft"), make_trio(engine, werkplaats, "Gemeente Weg")
    for trio in (stays, goes):
        answer_everything(engine, model, make_member(engine, trio), 3)
        storage.set_perspective_choice(engine, trio_id=trio.id, perspective_id=model.perspectives[0].id, chosen=True)
        storage.add_action(engine, trio_id=trio.id, what="Wijkwandeling")
    assert storage.delete_trio(engine, goes.id) is True
    assert storage.list_trios(engine, werkplaats.id) == [stays]
    assert storage.find_trio_by_code(engine, goes.code) is None
    for table, column in ((Member, Member.trio_id), (PerspectiveChoice, PerspectiveChoice.trio_id), (Action, Action.trio_id)):
        assert row_count(engine, table, column == goes.id) == 0
        assert row_count(engine, table, column == stays.id) == 1
    assert row_count(engine, Answer) == 2 * len(model.questions)  # only the remaining member's
    assert storage.delete_trio(engine, goes.id) is False


def test_merge_trios_moves_members_answers_choices_and_actions_and_removes_the_empty_trio(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    werkplaats = make_werkplaats(engine, content)
    keep = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality="Gemeente 's-Hertogenbosch")
    merge = storage.create_trio(
        engine, werkplaats_id=werkplaats.id, municipality="gemeente ’s-Hertogenbosch", casus="Het buurthuis"
    )
    bystander = make_trio(engine, werkplaats, "Gemeente Oss")
    kept_member = make_member(engine, keep, "wijkambtenaar")
    moved = [make_member(engine, merge, "sociaal"), make_member(engine, merge, "fysiek")]
    for value, member in enumerate([kept_member, *moved], start=1):
        answer_everything(engine, model, member, value)
    both, only_merged, only_kept = (p.id for p in model.perspectives[:3])
    for trio, chosen in ((keep, (only_kept, both)), (merge, (both, only_merged))):
        for perspective_id in chosen:
            storage.set_perspective_choice(engine, trio_id=trio.id, perspective_id=perspective_id, chosen=True)
    storage.add_action(engine, trio_id=keep.id, what="Eerst")
    storage.add_action(engine, trio_id=merge.id, what="Daarna")
    answers_before = {m.id: storage.member_answers(engine, m.id) for m in (kept_member, *moved)}

    merged = storage.merge_trios(engine, keep.id, merge.id)

    assert merged.id == keep.id and merged.code == keep.code and merged.municipality == keep.municipality
    assert merged.casus == "Het buurthuis"  # the kept trio had none
    assert storage.list_trios(engine, werkplaats.id) == [merged, bystander]
    assert storage.find_trio_by_code(engine, merge.code) is None
    assert [m.id for m in storage.list_members(engine, keep.id)] == [kept_member.id, *(m.id for m in moved)]
    assert {m: storage.member_answers(engine, m) for m in answers_before} == answers_before
    assert sorted(storage.chosen_perspectives(engine, keep.id)) == sorted({both, only_merged, only_kept})
    assert [a.what for a in storage.list_actions(engine, keep.id)] == ["Eerst", "Daarna"]
    context = storage.member_context(engine, moved[0].token)  # their link still works, now in the kept trio
    assert context is not None and context.trio == merged
    assert storage.list_members(engine, bystander.id) == []


def test_merge_trios_refuses_and_changes_nothing(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats, other = make_werkplaats(engine, content), make_werkplaats(engine, content, name="Werkplaats West")
    trio, elsewhere = make_trio(engine, werkplaats), make_trio(engine, other)
    member = make_member(engine, trio)
    with pytest.raises(storage.InputError, match="twee verschillende"):
        storage.merge_trios(engine, trio.id, trio.id)
    with pytest.raises(storage.InputError, match="dezelfde werkplaats"):
        storage.merge_trios(engine, elsewhere.id, trio.id)
    with pytest.raises(storage.NotFound):
        storage.merge_trios(engine, trio.id, 424242)
    with pytest.raises(storage.NotFound):
        storage.merge_trios(engine, 424242, trio.id)
    assert storage.list_trios(engine, werkplaats.id) == [trio]
    assert storage.list_members(engine, trio.id) == [member]
    assert storage.list_trios(engine, other.id) == [elsewhere]


def test_merge_trios_is_all_or_nothing(
    engine: Engine, content: scoring.ContentSnapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure halfway (here: removing the emptied trio) leaves both trios as they were."""
    werkplaats = make_werkplaats(engine, content)
    keep, merge = make_trio(engine, werkplaats, "Gemeente A"), make_trio(engine, werkplaats, "Gemeente B")
    member = make_member(engine, merge)
    storage.add_action(engine, trio_id=merge.id, what="Iets")

    def fail(self: Session, instance: object) -> None:
        raise RuntimeError("stroomstoring")

    monkeypatch.setattr(Session, "delete", fail)
    with pytest.raises(RuntimeError, match="stroomstoring"):
        storage.merge_trios(engine, keep.id, merge.id)
    assert storage.list_trios(engine, werkplaats.id) == [keep, merge]
    assert storage.list_members(engine, merge.id) == [member]
    assert [a.what for a in storage.list_actions(engine, merge.id)] == ["Iets"]
