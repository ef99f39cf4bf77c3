"""Trios and their members: create, find, list, remove and merge them, a member's level, and a member's context by token."""

from __future__ import annotations

import unicodedata

from sqlalchemy import ColumnElement, Engine, delete, select, update
from sqlalchemy.orm import Session, aliased

import scoring
from storage._rounds import BESTUURDER_KIND, in_round, lock_trio, trio_members_only
from storage._session import as_utc, free_code, retry_on_conflict, transaction
from storage.codes import looks_like_token, new_token, parse_code
from storage.errors import InputError, NotFound
from storage.limits import MAX_LEERVRAGEN, check_display_name, check_ident, check_trio_texts
from storage.models import Action, Leervraag, Member, PerspectiveChoice, Trio, TrioRound, Werkplaats
from storage.records import MemberContext, MemberRecord, TrioMembers, TrioRecord
from storage.werkplaatsen import model_from_content, werkplaats_record


def trio_record(row: Trio) -> TrioRecord:
    return TrioRecord(
        id=row.id,
        werkplaats_id=row.werkplaats_id,
        municipality=row.municipality,
        casus=row.casus,
        code=row.code,
        created_at=as_utc(row.created_at),
    )


def member_record(row: Member) -> MemberRecord:
    return MemberRecord(
        id=row.id,
        trio_id=row.trio_id,
        role=row.role,
        display_name=row.display_name,
        created_at=as_utc(row.created_at),
        token=row.token,
        level=row.level,
        kind=row.kind,
    )


def raise_revision(s: Session, *, trio_id: int | None = None, member_id: int | None = None) -> None:
    """Raise the revision of a trio (by id, or the trio of a member) by 1, in the caller's transaction.

    Called by every change to what a trio's result is built from (its members and their answers).
    One atomic ``UPDATE ... SET revision = revision + 1``: two writers at once (two replicas) never
    lose an increment. On PostgreSQL it locks the trio row until the transaction ends. Nothing
    happens for a trio or member that is gone.
    """
    if member_id is not None:
        target: ColumnElement[bool] = Trio.id == select(Member.trio_id).where(Member.id == member_id).scalar_subquery()
    else:
        target = Trio.id == trio_id
    s.execute(update(Trio).where(target).values(revision=Trio.revision + 1))


def create_trio(engine: Engine, *, werkplaats_id: int, municipality: str, casus: str = "") -> TrioRecord:
    """A new trio in a werkplaats (its first round), with a code of its own to rejoin or invite colleagues."""
    clean_municipality, clean_casus = check_trio_texts(municipality=municipality, casus=casus)

    def insert_once() -> TrioRecord:
        with transaction(engine) as s:
            if s.get(Werkplaats, werkplaats_id) is None:
                raise NotFound("Deze werkplaats bestaat niet (meer).")
            row = Trio(
                werkplaats_id=werkplaats_id,
                municipality=clean_municipality,
                casus=clean_casus,
                code=free_code(s),
            )
            s.add(row)
            s.flush()
            s.add(TrioRound(trio_id=row.id, werkplaats_id=werkplaats_id))
            s.flush()
            return trio_record(row)

    return retry_on_conflict(insert_once)


def get_trio(engine: Engine, trio_id: int) -> TrioRecord | None:
    with transaction(engine) as s:
        row = s.get(Trio, trio_id)
        return trio_record(row) if row is not None else None


def find_trio_by_code(engine: Engine, code: str) -> TrioRecord | None:
    normalised = parse_code(code)
    if normalised is None:
        return None
    with transaction(engine) as s:
        row = s.scalar(select(Trio).where(Trio.code == normalised))
        return trio_record(row) if row is not None else None


def list_trios(engine: Engine, werkplaats_id: int) -> list[TrioRecord]:
    """The trios of a werkplaats (its round, also trios carried over) in the order they were made."""
    with transaction(engine) as s:
        rows = s.scalars(select(Trio).where(in_round(werkplaats_id)).order_by(Trio.id))
        return [trio_record(row) for row in rows]


def create_member(
    engine: Engine, *, trio_id: int, role: str, display_name: str = "", level: str | None = None
) -> MemberRecord:
    """A new member of a trio, with the secret token that is their way back in.

    ``level`` is the level the member works at (a ``levels`` id of the werkplaats's content), or
    ``None`` when not given.
    """
    check_ident(role, field="Rol")
    if level is not None:
        check_ident(level, field="Niveau")
    clean_name = check_display_name(display_name)

    def insert_once() -> MemberRecord:
        with transaction(engine) as s:
            model = _trio_model(s, trio_id)
            _check_in_content(model, role=role, level=level)
            raise_revision(s, trio_id=trio_id)
            row = Member(trio_id=trio_id, role=role, display_name=clean_name, level=level, token=new_token())
            s.add(row)
            s.flush()
            return member_record(row)

    return retry_on_conflict(insert_once)


def bestuurder_of(engine: Engine, trio_id: int) -> MemberRecord | None:
    """The trio's bestuurder (who answers beside the trio with a link of their own), if invited."""
    with transaction(engine) as s:
        row = s.scalar(
            select(Member).where(Member.trio_id == trio_id, Member.kind == BESTUURDER_KIND).order_by(Member.id)
        )
        return member_record(row) if row is not None else None


def invite_bestuurder(engine: Engine, *, trio_id: int) -> MemberRecord:
    """The trio's bestuurder with a personal link: made once, the same one when asked again.

    A bestuurder answers the same statements, is shown beside the trio and never counts in the
    trio's mean; they see the trio's result only once the trio shares it
    (:func:`storage.share_with_bestuur`).
    """
    existing = bestuurder_of(engine, trio_id)
    if existing is not None:
        return existing

    def insert_once() -> MemberRecord:
        with transaction(engine) as s:
            lock_trio(s, trio_id)
            found = s.scalar(select(Member).where(Member.trio_id == trio_id, Member.kind == BESTUURDER_KIND))
            if found is not None:
                return member_record(found)
            row = Member(trio_id=trio_id, role=BESTUURDER_KIND, kind=BESTUURDER_KIND, token=new_token())
            s.add(row)
            s.flush()
            return member_record(row)

    return retry_on_conflict(insert_once)


def set_member_level(engine: Engine, *, member_id: int, level: str | None) -> MemberRecord:
    """Set or change the level a member works at; ``None`` removes it. Returns the updated member.

    Raises :class:`NotFound` for a member that is gone, :class:`InputError` for a level the
    werkplaats's content does not know.
    """
    if level is not None:
        check_ident(level, field="Niveau")
    with transaction(engine) as s:
        row = s.get(Member, member_id)
        if row is None:
            raise NotFound("Deze deelnemer bestaat niet (meer).")
        _check_in_content(_trio_model(s, row.trio_id), role=row.role, level=level)
        raise_revision(s, trio_id=row.trio_id)  # a member's level is part of what a result may show
        row.level = level
        s.flush()
        return member_record(row)


def _trio_model(s: Session, trio_id: int) -> scoring.Model:
    """The content model of the trio's werkplaats, which may differ from today's content."""
    content = s.execute(
        select(Werkplaats.content_hash, Werkplaats.content_json)
        .join(Trio, Trio.werkplaats_id == Werkplaats.id)
        .where(Trio.id == trio_id)
    ).one_or_none()
    if content is None:
        raise NotFound("Dit trio bestaat niet (meer).")
    return model_from_content(content.content_hash, content.content_json)


def _check_in_content(model: scoring.Model, *, role: str, level: str | None) -> None:
    """Roles and levels come from the werkplaats's own content."""
    if role not in {r.id for r in model.roles}:
        raise InputError(f"Onbekende rol '{role}'.")
    if level is not None and level not in {lv.id for lv in model.levels}:
        raise InputError(f"Onbekend niveau '{level}'.")


def member_context(engine: Engine, token: str) -> MemberContext | None:
    """The member with this token, with their trio and werkplaats, in one query.

    ``None`` for an unknown token and, without touching the database, for anything
    that cannot be a token (wrong length or characters, too long).
    """
    if not looks_like_token(token):
        return None
    with transaction(engine) as s:
        row = s.execute(
            select(Member, Trio, Werkplaats)
            .join(Trio, Member.trio_id == Trio.id)
            .join(Werkplaats, Trio.werkplaats_id == Werkplaats.id)
            .where(Member.token == token)
        ).one_or_none()
        if row is None:
            return None
        member, trio, werkplaats = row
        return MemberContext(
            member=member_record(member),
            trio=trio_record(trio),
            werkplaats=werkplaats_record(werkplaats),
        )


def list_members(engine: Engine, trio_id: int) -> list[MemberRecord]:
    """The members of a trio (not its bestuurder) in the order they joined."""
    with transaction(engine) as s:
        rows = s.scalars(select(Member).where(Member.trio_id == trio_id, trio_members_only()).order_by(Member.id))
        return [member_record(row) for row in rows]


def werkplaats_members(engine: Engine, werkplaats_id: int) -> list[TrioMembers]:
    """Every trio of a werkplaats's round with its members (also trios without any yet; not their
    bestuurders), in one query."""
    query = (
        select(Trio, Member)
        .outerjoin(Member, (Member.trio_id == Trio.id) & trio_members_only())
        .where(in_round(werkplaats_id))
        .order_by(Trio.id, Member.id)
    )
    with transaction(engine) as s:
        trios: dict[int, TrioRecord] = {}
        members: dict[int, list[MemberRecord]] = {}
        for trio, member in s.execute(query):
            if trio.id not in trios:
                trios[trio.id] = trio_record(trio)
                members[trio.id] = []
            if member is not None:
                members[trio.id].append(member_record(member))
    return [TrioMembers(trio=trio, members=tuple(members[trio_id])) for trio_id, trio in trios.items()]



# --- Duplicates: the same municipality typed twice --------------------------------

# Apostrophes and dashes as phones and keyboards type them; mapped before NFKC, which would
# turn the acute accent into a space and a combining mark.
_SAME_CHARACTER = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    }
)


def normalise_trio_name(name: str) -> str:
    """A trio's name as compared for duplicates: one kind of apostrophe and dash, Unicode NFKC,
    case folded, and every run of whitespace one space (none at the ends).

    "Gemeente \u2019s-Hertogenbosch" and "gemeente  's-hertogenbosch " give the same result.
    """
    text = unicodedata.normalize("NFKC", name.translate(_SAME_CHARACTER))
    return " ".join(text.casefold().split())


def find_similar_trio(engine: Engine, werkplaats_id: int, municipality: str) -> TrioRecord | None:
    """The first trio of the werkplaats whose name equals ``municipality`` after
    :func:`normalise_trio_name`, so that a second "Gemeente X" can be offered to join it.

    ``None`` when there is no such trio.
    """
    wanted = normalise_trio_name(municipality)
    if not wanted:
        return None
    with transaction(engine) as s:
        rows = s.scalars(select(Trio).where(in_round(werkplaats_id)).order_by(Trio.id))
        for row in rows:
            if normalise_trio_name(row.municipality) == wanted:
                return trio_record(row)
    return None


# --- Removing and merging (the facilitator cleans up) ------------------------------


def delete_trio(engine: Engine, trio_id: int) -> bool:
    """Remove a trio with its members, their answers, its chosen perspectives and its actions.

    Returns whether there was such a trio. The foreign keys cascade, so it is one statement.
    """
    with transaction(engine) as s:
        result = s.execute(delete(Trio).where(Trio.id == trio_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def delete_member(engine: Engine, member_id: int) -> bool:
    """Remove one member with all their answers. Returns whether there was such a member."""
    with transaction(engine) as s:
        raise_revision(s, member_id=member_id)
        result = s.execute(delete(Member).where(Member.id == member_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def merge_trios(engine: Engine, keep_id: int, merge_id: int) -> TrioRecord:
    """Move everything of trio ``merge_id`` into trio ``keep_id`` and remove the emptied trio.

    Members move with their answers; actions and chosen perspectives move too (a perspective
    both chose stays once, with the kept trio's moment). The kept trio keeps its name, code and
    casus (it takes the other's casus when it had none). One transaction: all or nothing.
    Raises :class:`NotFound` when either trio is gone, :class:`InputError` for one trio twice
    or trios of different werkplaatsen.
    """
    if keep_id == merge_id:
        raise InputError("Kies twee verschillende trio's om samen te voegen.")
    with transaction(engine) as s:
        # Locked in id order, so two merges at once cannot deadlock; on PostgreSQL the lock also makes
        # a member joining the merged trio right now wait, and then fail instead of being removed with it.
        both = select(Trio).where(Trio.id.in_((keep_id, merge_id))).order_by(Trio.id).with_for_update()
        rows = {row.id: row for row in s.scalars(both)}
        keep, merge = rows.get(keep_id), rows.get(merge_id)
        if keep is None or merge is None:
            raise NotFound("Dit trio bestaat niet (meer).")
        if keep.werkplaats_id != merge.werkplaats_id:
            raise InputError("Alleen trio's van dezelfde werkplaats kunnen worden samengevoegd.")
        for trio_id in sorted((keep_id, merge_id)):
            raise_revision(s, trio_id=trio_id)  # the removed trio too: a reader may still hold its version
        s.execute(update(Member).where(Member.trio_id == merge_id).values(trio_id=keep_id))
        s.execute(update(Action).where(Action.trio_id == merge_id).values(trio_id=keep_id))
        kept = aliased(PerspectiveChoice)
        already_chosen = (
            select(kept.perspective_id)
            .where(
                kept.trio_id == keep_id,
                kept.round_id == PerspectiveChoice.round_id,
                kept.perspective_id == PerspectiveChoice.perspective_id,
            )
            .exists()
        )
        s.execute(
            delete(PerspectiveChoice)
            .where(PerspectiveChoice.trio_id == merge_id, already_chosen)
            .execution_options(synchronize_session=False)
        )
        s.execute(
            update(PerspectiveChoice).where(PerspectiveChoice.trio_id == merge_id).values(trio_id=keep_id)
        )
        _merge_rounds_and_leervragen(s, keep_id, merge_id)
        if not keep.casus and merge.casus:
            keep.casus = merge.casus
        s.delete(merge)
        s.flush()
        return trio_record(keep)


def _merge_rounds_and_leervragen(s: Session, keep_id: int, merge_id: int) -> None:
    """The kept trio takes part in every round either did; the merged trio's leervragen follow the
    kept trio's own (at most three stay; notes move with their leervraag)."""
    kept_rounds = set(s.scalars(select(TrioRound.werkplaats_id).where(TrioRound.trio_id == keep_id)))
    for round_ in s.scalars(select(TrioRound).where(TrioRound.trio_id == merge_id)):
        if round_.werkplaats_id not in kept_rounds:
            s.add(TrioRound(trio_id=keep_id, werkplaats_id=round_.werkplaats_id, joined_at=round_.joined_at))
    count = len(list(s.scalars(select(Leervraag.id).where(Leervraag.trio_id == keep_id))))
    for leervraag in s.scalars(select(Leervraag).where(Leervraag.trio_id == merge_id).order_by(Leervraag.position)):
        if count >= MAX_LEERVRAGEN:
            break
        count += 1
        leervraag.trio_id = keep_id
        leervraag.position = count
    s.flush()
