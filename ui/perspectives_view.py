"""The results page's handelingsperspectieven: first the cards that follow the trio's gaps, the rest a
switch away, in tabs per audience that open on the member's own.

The plan comes from :func:`scoring.focused_plan` for the member's audience (their level). A ticked
"Nemen we mee" is saved at once for the whole trio; the page's next read shows it to everyone.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import streamlit as st

import storage
from results.influence import first_heading, focus_sentence, rest_toggle
from results.words import route, staying_in
from scoring import ActionPlan, Model
from scoring.schema import Perspective
from ui.explain import bold
from ui.state import engine

REST_KEY = "perspectives_rest"


Where = tuple[int, int | None]
"""The trio id, and the round a choice is saved in (``None``: the trio's current round)."""


def _toggle_choice(where: Where, perspective_id: str) -> None:
    chosen = bool(st.session_state[f"choose_{perspective_id}"])
    trio_id, round_id = where
    storage.set_perspective_choice(
        engine(), trio_id=trio_id, perspective_id=perspective_id, chosen=chosen, round_id=round_id
    )


def _card(p: Perspective, where: Where, chosen_ids: Collection[str], kicker: str = "") -> None:
    with st.container(border=True, key=f"card_{p.id}"):
        if kicker:
            st.caption(kicker)
        st.markdown(f"**{p.title}**")
        st.write(p.text)
        key = f"choose_{p.id}"
        st.session_state[key] = p.id in chosen_ids
        st.checkbox("Nemen we mee", key=key, on_change=_toggle_choice, args=(where, p.id))


def _introduction(model: Model, plan: ActionPlan) -> None:
    here, there = model.quadrant(plan.current), model.quadrant(plan.desired)
    if plan.staying:
        st.markdown(f"{staying_in(here.name, bold)} Zo versterk je die werkwijze:")
        if plan.strengthen:
            st.markdown(plan.strengthen)
    else:
        st.markdown(f"{route(here.name, there.name, bold)}.")
        if plan.transition:
            st.markdown(plan.transition.text)
    st.markdown(f"**De rol van de gemeente in {there.name}:** {there.government_role}")


def _first(model: Model, plan: ActionPlan, audience: str | None, where: Where, chosen_ids: Collection[str]) -> None:
    audiences = {a.id: a.name for a in model.audiences}
    spheres = {s.id: s.name for s in model.spheres}
    st.subheader(first_heading(model, audience))
    st.markdown(focus_sentence(model, plan))
    per_row = 3
    for start in range(0, len(plan.first), per_row):
        row = plan.first[start : start + per_row]
        for col, p in zip(st.columns(per_row), row, strict=False):
            with col:
                kicker = spheres.get(p.sphere, p.sphere)
                if audience is None:
                    kicker = f"{audiences.get(p.audience, p.audience)} · {kicker}"
                _card(p, where, chosen_ids, kicker)


def _by_audience(model: Model, cards: Sequence[Perspective], audience: str | None, where: Where,
                 chosen_ids: Collection[str]) -> None:
    """Tabs per audience (opening on the member's), a column per sphere."""
    spheres = model.spheres
    st.markdown(
        "Per doelgroep, geordend naar **beïnvloedingssfeer**: "
        + " · ".join(f"**{s.name}**" + (f" ({s.description})" if s.description else "") for s in spheres)
    )
    names = {a.id: a.name for a in model.audiences}
    tabs = st.tabs([a.name for a in model.audiences], default=names.get(audience or ""), key="audience_tabs")
    for tab, a in zip(tabs, model.audiences, strict=True):
        with tab:
            for col, sphere in zip(st.columns(len(spheres)), spheres, strict=True):
                with col:
                    st.markdown(f"### {sphere.name}")
                    items = [p for p in cards if p.audience == a.id and p.sphere == sphere.id]
                    if not items:
                        st.caption("Geen perspectieven in deze sfeer.")
                    for p in items:
                        _card(p, where, chosen_ids)


def _at_a_glance(model: Model, plan: ActionPlan, chosen_ids: Collection[str]) -> None:
    spheres = model.spheres
    by_sphere = {s.id: [p for p in plan.perspectives if p.id in chosen_ids and p.sphere == s.id] for s in spheres}
    st.subheader("Jullie keuzes per sfeer")
    for col, sphere in zip(st.columns(len(spheres)), spheres, strict=True):
        col.metric(sphere.name, len(by_sphere[sphere.id]), help=sphere.description)
        for p in by_sphere[sphere.id]:
            col.caption(f"✓ {p.title}")


def show_perspectives(
    model: Model, plan: ActionPlan, *, audience: str | None, trio_id: int, chosen_ids: Collection[str],
    round_id: int | None = None,
) -> None:
    """The plan's introduction, ``plan.first`` (when any), the rest behind a switch, and the chosen cards
    per sphere. Without first cards every card shows, as tabs per audience. A choice is saved in
    ``round_id`` (default: the trio's current round when it is saved)."""
    where = (trio_id, round_id)
    _introduction(model, plan)
    if plan.first:
        _first(model, plan, audience, where, chosen_ids)
        if st.toggle(rest_toggle(len(plan.rest)), key=REST_KEY):
            _by_audience(model, plan.rest, audience, where, chosen_ids)
    else:
        _by_audience(model, plan.perspectives, audience, where, chosen_ids)
    _at_a_glance(model, plan, chosen_ids)
