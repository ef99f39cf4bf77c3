"""The facilitator cleans up a werkplaats: remove a trio or a triolid, or merge two trios.

Every action asks first, in a box that says what will be lost, and runs only after "Ja, …".
The action waiting for that answer is kept in the session (:data:`PENDING_KEY`); the ids in it
are checked against the open werkplaats again when it is carried out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import streamlit as st

import storage
from results import TrioGroup
from scoring import MemberResult, Model
from storage import WerkplaatsRecord
from ui.reads import read_werkplaats_groups
from ui.state import engine
from ui.text import md

PENDING_KEY = "trio_admin_pending"
DONE_KEY = "trio_admin_done"
NO_UNDO = "Dit kan niet ongedaan worden gemaakt."
ALL_ROUNDS = "Dit geldt voor alle rondes van het leertraject, niet alleen voor deze."


@dataclass(frozen=True)
class Pending:
    """An action the facilitator asked for and still has to confirm."""

    kind: Literal["member", "trio", "merge"]
    werkplaats_id: int
    ids: tuple[int, ...]
    """The member's id; the trio's id; or the kept trio's id and the merged trio's id."""


def trioleden(count: int) -> str:
    return "1 triolid" if count == 1 else f"{count} trioleden"


def trio_name(group: TrioGroup, *, first: bool = False) -> str:
    """Markdown: "trio C (Gemeente Oss)", the letter as on the wall and the name as typed;
    "Trio C (…)" as the ``first`` word of a sentence."""
    return f"{'Trio' if first else 'trio'} {group.letter} ({md(group.trio.municipality)})"


def _ask(pending: Pending) -> None:
    st.session_state[PENDING_KEY] = pending


def _cancel() -> None:
    st.session_state.pop(PENDING_KEY, None)


def _carry_out(pending: Pending) -> None:
    """Button callback: do what was confirmed, if the trios and members are still in this werkplaats."""
    st.session_state.pop(PENDING_KEY, None)
    current = storage.werkplaats_members(engine(), pending.werkplaats_id)
    trio_ids = {entry.trio.id for entry in current}
    member_ids = {member.id for entry in current for member in entry.members}
    gone = "Dit was al verwijderd of samengevoegd, misschien door een andere begeleider."
    outcome: tuple[bool, str] = (False, gone)
    try:
        if pending.kind == "member" and pending.ids[0] in member_ids:
            storage.delete_member(engine(), pending.ids[0])
            outcome = (True, "Het triolid is verwijderd, met alle antwoorden.")
        elif pending.kind == "trio" and pending.ids[0] in trio_ids:
            storage.delete_trio(engine(), pending.ids[0])
            outcome = (True, "Het trio is verwijderd.")
        elif pending.kind == "merge" and set(pending.ids) <= trio_ids:
            kept = storage.merge_trios(engine(), *pending.ids)
            outcome = (True, f"De trio's zijn samengevoegd in {md(kept.municipality)}.")
    except (storage.NotFound, storage.InputError) as exc:
        outcome = (False, md(str(exc)))
    st.session_state[DONE_KEY] = outcome


def _confirm(pending: Pending, question: str, consequence: str, yes: str) -> None:
    """The confirmation box: what will happen and be lost, "Ja, …" and "Annuleren"."""
    key = f"{pending.kind}_{'_'.join(map(str, pending.ids))}"
    with st.container(border=True, key=f"trio_admin_confirm_{key}"):
        st.warning(f"**{question}** {consequence} {NO_UNDO}")
        with st.container(horizontal=True):
            st.button(yes, type="primary", key=f"trio_admin_yes_{key}", on_click=_carry_out, args=(pending,))
            st.button("Annuleren", key=f"trio_admin_no_{key}", on_click=_cancel)


def _member_row(group: TrioGroup, member: MemberResult, pending: Pending | None, werkplaats_id: int,
                rounds_note: str) -> None:
    member_id = int(member.member_id)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(f"{md(member.label)} · {member.answered} van {member.total} antwoorden")
        st.button("Triolid verwijderen", key=f"trio_admin_member_{member_id}", icon=":material/person_remove:",
                  on_click=_ask, args=(Pending("member", werkplaats_id, (member_id,)),))
    if pending == Pending("member", werkplaats_id, (member_id,)):
        _confirm(
            pending,
            f"{md(member.label)} uit {trio_name(group)} verwijderen?",
            "De antwoorden van dit triolid worden ook verwijderd. De persoonlijke link van dit triolid werkt "
            f"daarna niet meer.{rounds_note}",
            "Ja, triolid verwijderen",
        )


def _trio_box(group: TrioGroup, pending: Pending | None, werkplaats_id: int, rounds_note: str) -> None:
    result = group.result
    label = (f"Trio {group.letter} · {md(group.trio.municipality)} · {trioleden(len(result.members))} · "
             f"{round(100 * result.progress)}% ingevuld")
    with st.expander(label, key=f"trio_admin_box_{group.trio.id}"):
        if group.trio.casus:
            st.caption(f"Casus: {md(group.trio.casus)}")
        if not result.members:
            st.caption("Nog geen trioleden.")
        for member in result.members:
            _member_row(group, member, pending, werkplaats_id, rounds_note)
        st.button("Trio verwijderen", key=f"trio_admin_trio_{group.trio.id}", icon=":material/delete:",
                  on_click=_ask, args=(Pending("trio", werkplaats_id, (group.trio.id,)),))
        if pending == Pending("trio", werkplaats_id, (group.trio.id,)):
            members = (f"De {trioleden(len(result.members))} en hun antwoorden worden ook verwijderd, net als "
                       "de gekozen handelingsperspectieven en acties van dit trio." if result.members
                       else "Het trio heeft nog geen trioleden.")
            _confirm(pending, f"{trio_name(group, first=True)} verwijderen?",
                     f"{members} De code van dit trio werkt daarna niet meer.{rounds_note}", "Ja, trio verwijderen")


def same_names(groups: list[TrioGroup]) -> list[list[TrioGroup]]:
    """Trios whose names are the same after :func:`storage.normalise_trio_name`, in the wall's order."""
    by_name: dict[str, list[TrioGroup]] = {}
    for group in groups:
        by_name.setdefault(storage.normalise_trio_name(group.trio.municipality), []).append(group)
    return [found for found in by_name.values() if len(found) > 1]


def _merge_form(groups: list[TrioGroup], pending: Pending | None, werkplaats_id: int) -> None:
    st.markdown("**Twee trio's samenvoegen**")
    st.caption("Bijvoorbeeld als één gemeente per ongeluk twee trio's heeft aangemaakt. De trioleden van het "
               "tweede trio gaan met hun antwoorden naar het eerste; er gaat niets verloren.")
    doubles = same_names(groups)
    for double in doubles:
        letters = ", ".join(f"trio {g.letter}" for g in double[:-1]) + f" en trio {double[-1].letter}"
        st.info(f"{letters[0].upper()}{letters[1:]} hebben dezelfde naam: "
                f"{md(double[0].trio.municipality)}. Gaat het om hetzelfde trio? Voeg ze dan samen.",
                icon=":material/content_copy:")
    by_id = {g.trio.id: g for g in groups}
    ids = list(by_id)
    suggested = (doubles[0][0].trio.id, doubles[0][1].trio.id) if doubles else (ids[0], ids[1])

    def plain(trio_id: int) -> str:  # a selectbox shows plain text, so no escaping here
        return f"Trio {by_id[trio_id].letter} · {by_id[trio_id].trio.municipality}"

    keep_col, merge_col = st.columns(2)
    keep_id = keep_col.selectbox("Dit trio blijft", ids, index=ids.index(suggested[0]), format_func=plain,
                                 key="trio_admin_keep")
    others = [i for i in ids if i != keep_id]
    merge_id = merge_col.selectbox("Dit trio gaat erin op", others, format_func=plain, key="trio_admin_merge",
                                   index=others.index(suggested[1]) if suggested[1] in others else 0)
    if merge_id is None:
        return
    asked = Pending("merge", werkplaats_id, (keep_id, merge_id))
    st.button("Samenvoegen", key="trio_admin_merge_ask", icon=":material/merge:", on_click=_ask, args=(asked,))
    if pending == asked:
        keep, merge = by_id[keep_id], by_id[merge_id]
        moved = len(merge.result.members)
        _confirm(
            pending,
            f"{trio_name(merge, first=True)} samenvoegen met {trio_name(keep)}?",
            (f"{'Het triolid' if moved == 1 else 'De ' + trioleden(moved)} van trio {merge.letter} "
             f"{'gaat' if moved == 1 else 'gaan'} met {'zijn' if moved == 1 else 'hun'} antwoorden naar trio "
             f"{keep.letter}, net als de gekozen handelingsperspectieven en acties." if moved else
             f"Trio {merge.letter} heeft nog geen trioleden. De gekozen handelingsperspectieven en acties gaan naar "
             f"trio {keep.letter}.")
            + f" Daarna bestaat trio {merge.letter} niet meer en werkt de code van dat trio niet meer. "
            "De letters op de groepsmuur kunnen veranderen.",
            "Ja, samenvoegen",
        )


def manage_trios(werkplaats: WerkplaatsRecord, model: Model) -> None:
    """Every trio of the werkplaats with its trioleden and their progress, and the clean-up actions."""
    st.markdown("#### Trio's en trioleden")
    done = st.session_state.pop(DONE_KEY, None)
    if done is not None:
        succeeded, message = done
        (st.success if succeeded else st.warning)(message)
    groups = read_werkplaats_groups(model, werkplaats.id)
    if not groups:
        st.caption("Nog geen trio's in deze werkplaats.")
        return
    st.caption("Is een trio dubbel aangemaakt, of doet iemand per ongeluk twee keer mee? Ruim het hier op. "
               "De letters zijn die van de groepsmuur.")
    pending = st.session_state.get(PENDING_KEY)
    if not isinstance(pending, Pending) or pending.werkplaats_id != werkplaats.id:
        pending = None
    rounds_note = f" {ALL_ROUNDS}" if werkplaats.traject_id is not None else ""
    for group in groups:
        _trio_box(group, pending, werkplaats.id, rounds_note)
    if len(groups) >= 2:
        _merge_form(groups, pending, werkplaats.id)
