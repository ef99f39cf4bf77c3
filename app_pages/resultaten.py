"""Resultaten: the trio side by side, conversation starters, perspectives and the take-home report."""

from __future__ import annotations

import datetime as dt

import streamlit as st

import storage
from charts.heatmap import side_by_side_figure
from charts.quadrant import CONFIG, Style, trio_figure
from results.words import frame_sentence, route, staying_in
from scoring import FRAMES, Model, action_plan, agreement_text, disagreement, starters
from storage import MemberContext
from ui.common import member_caption, page_links, require_member
from ui.explain import bold, show
from ui.links import page_url, show_link
from ui.reads import read_trio_result
from ui.reports import trio_report_pdf
from ui.state import engine
from ui.text import md

member, model = require_member()
trio = member.trio

FRESH_RESULT_KEY = "_trio_result_this_run"
FRAME_CHOICES = {"Nu en gewenst": ("nu", "gewenst"), "Nu": ("nu",), "Gewenst": ("gewenst",)}

st.title(f"Resultaten · {md(trio.municipality)}")
st.caption(member_caption(member, model) + (f" · casus: {md(trio.casus)}" if trio.casus else ""))
page_links(member)


@st.fragment(run_every=10)
def live_overview(member: MemberContext, model: Model) -> None:
    """Refreshes itself, so the picture fills in while colleagues are still answering."""
    # A full page run hands over the result it already computed; a timer rerun reads afresh.
    result = st.session_state.pop(FRESH_RESULT_KEY, None) or read_trio_result(model, member.trio.id)
    if not result.members:
        st.info("Nog niemand in dit trio heeft antwoorden gegeven.")
        return
    if all(m.complete for m in result.members):
        st.caption(f"Alle {len(result.members)} leden hebben alles ingevuld.")
    else:
        progress_cols = st.columns(len(result.members))
        for col, m in zip(progress_cols, result.members, strict=True):
            col.progress(m.answered / m.total if m.total else 0.0, text=f"{md(m.label)}: {m.answered} van {m.total}")
    chart_col, words_col = st.columns([3, 2], gap="large")
    with chart_col:
        choice = st.segmented_control(
            "Toon", list(FRAME_CHOICES), default="Nu en gewenst", key="trio_frames", required=True
        )
        frames = FRAME_CHOICES[choice or "Nu en gewenst"]
        st.plotly_chart(trio_figure(model, result, frames=frames, style=Style(height=600)), config=CONFIG, key="trio_quadrant")
        st.caption(
            "Gevulde vorm (blauw) = nu, open vorm (oranje rand) = gewenst. Kleine vormen: de leden, "
            "elke rol een eigen vorm. Groot rondje en grote ruit: het trio gemiddeld, de dikke pijl de gewenste "
            "beweging. Ovaal van stippen (nu) of streepjes (gewenst): hoe ver jullie uit elkaar liggen. "
            "Achter wie nog niet klaar is, staat hoeveel stellingen die al heeft beantwoord."
        )
    with words_col:
        st.header("In woorden")
        show([frame_sentence(model, "Jullie trio nu", result.nu), frame_sentence(model, "Gewenst", result.gewenst)])
        for label, group in (("Over nu", result.nu), ("Over gewenst", result.gewenst)):
            words = agreement_text(model, group.spread)
            if words and len(result.members) > 1:
                st.markdown(f"**{label}:** {words}")
        unfinished = [m for m in result.members if not m.complete]
        if unfinished:
            st.caption(
                "Nog bezig: " + ", ".join(f"{md(m.label)} ({m.answered} van {m.total})" for m in unfinished) + "."
            )


result = read_trio_result(model, trio.id)
st.session_state[FRESH_RESULT_KEY] = result
live_overview(member, model)
by_member = {frame: result.answers_by_member(frame) for frame in FRAMES}
dis_by_frame = {frame: disagreement(model, by_member[frame]) for frame in FRAMES}

st.header("Naast elkaar")
st.caption(
    "Per stelling het antwoord van ieder lid, op de richting van de as: 1 is de linkerpool van de as "
    f"({model.axes.x.low} / {model.axes.y.low}), {model.scale.points} de rechterpool "
    f"({model.axes.x.high} / {model.axes.y.high}). ◀ en blauw: naar links, ▶ en oranje: naar rechts. "
    f"? = weet ik niet, – = nog niet beantwoord. De letter achter een thema is de as "
    f"({model.axes.x.name[0]} = {model.axes.x.name}, {model.axes.y.name[0]} = {model.axes.y.name})."
)
sort = st.segmented_control(
    "Volgorde", ["Meeste verschil eerst", "Per thema"], default="Meeste verschil eerst", key="side_sort", required=True
)
combined = {
    q.id: max((d for f in FRAMES if (d := dis_by_frame[f][q.id]) is not None), default=-1) for q in model.questions
}
if sort == "Per thema":
    order = [q.id for q in sorted(model.questions, key=lambda q: (q.axis, q.theme.lower()))]
else:
    position = {q.id: i for i, q in enumerate(model.questions)}
    order = sorted(combined, key=lambda qid: (-combined[qid], position[qid]))
for tab, frame in zip(st.tabs(["Nu", "Gewenst"]), FRAMES, strict=True):
    with tab:
        st.plotly_chart(
            side_by_side_figure(model, result, frame, order, dis_by_frame[frame]), config=CONFIG,
            key=f"side_by_side_{frame}",
        )

st.header("Gespreksstarters")
picked = starters(model, by_member["nu"], by_member["gewenst"])
if not picked:
    st.info("Zodra er antwoorden zijn, verschijnen hier de stellingen om samen over te praten.")
for number, starter in enumerate(picked, start=1):
    q = model.question(starter.question_id)
    with st.container(border=True, key=f"starter_{q.id}"):
        st.markdown(f"**{number}. {q.theme}** · _{starter.reason}_")
        st.markdown(f"◀ {q.low}  \n▶ {q.high}")
        st.markdown(f"**Gespreksvraag:** {starter.prompt}")

st.header("Handelings\u00adperspectieven")  # a soft hyphen, for phones
current, desired = result.nu.quadrant, result.gewenst.quadrant
chosen_ids = set(storage.chosen_perspectives(engine(), trio.id))


def toggle_choice(perspective_id: str) -> None:
    chosen = bool(st.session_state[f"choose_{perspective_id}"])
    storage.set_perspective_choice(engine(), trio_id=trio.id, perspective_id=perspective_id, chosen=chosen)


plan = action_plan(model, current, desired) if current and desired else None
if plan is None:
    st.info("De perspectieven verschijnen zodra jullie trio een plek heeft voor nu en gewenst.")
else:
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
    spheres = model.spheres
    st.markdown(
        "Per doelgroep, geordend naar **beïnvloedingssfeer**: "
        + " · ".join(f"**{s.name}**" + (f" ({s.description})" if s.description else "") for s in spheres)
    )
    grouped = plan.grouped(model)
    audience_tabs = st.tabs([a.name for a in model.audiences])
    for tab, audience in zip(audience_tabs, model.audiences, strict=True):
        with tab:
            sphere_cols = st.columns(len(spheres))
            for col, sphere in zip(sphere_cols, spheres, strict=True):
                with col:
                    st.markdown(f"### {sphere.name}")
                    items = grouped[audience.id][sphere.id]
                    if not items:
                        st.caption("Geen perspectieven in deze sfeer.")
                    for p in items:
                        with st.container(border=True):
                            st.markdown(f"**{p.title}**")
                            st.write(p.text)
                            key = f"choose_{p.id}"
                            st.session_state[key] = p.id in chosen_ids
                            st.checkbox("Nemen we mee", key=key, on_change=toggle_choice, args=(p.id,))

    by_sphere = {s.id: [p for p in plan.perspectives if p.id in chosen_ids and p.sphere == s.id] for s in spheres}
    st.subheader("Jullie invloed in één oogopslag")
    sphere_cols = st.columns(len(spheres))
    for col, sphere in zip(sphere_cols, spheres, strict=True):
        col.metric(sphere.name, len(by_sphere[sphere.id]), help=sphere.description)
        for p in by_sphere[sphere.id]:
            col.caption(f"✓ {p.title}")

st.header("Onze acties")
st.caption("Wat gaan jullie doen, wie pakt het op, en wanneer? Iedereen in jullie trio ziet deze acties.")
with st.form("action_form", clear_on_submit=True):
    what = st.text_input("Wat", max_chars=storage.MAX_ACTION_WHAT, key="action_what",
                         help=f"Hoogstens {storage.MAX_ACTION_WHAT} tekens.")
    who_col, when_col = st.columns(2)
    who = who_col.text_input("Wie", max_chars=storage.MAX_ACTION_WHO, key="action_who",
                             help=f"Hoogstens {storage.MAX_ACTION_WHO} tekens.")
    when = when_col.text_input("Wanneer", max_chars=storage.MAX_ACTION_WHEN, key="action_when",
                               help=f"Hoogstens {storage.MAX_ACTION_WHEN} tekens.")
    if st.form_submit_button("Actie toevoegen", type="primary"):
        try:
            storage.add_action(engine(), trio_id=trio.id, what=what, who=who, when_text=when)
        except storage.InputError as exc:
            st.error(str(exc))
actions = storage.list_actions(engine(), trio.id)
for action in actions:
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        st.markdown(f"**{md(action.what)}**  \nWie: {md(action.who) or '–'} · Wanneer: {md(action.when_text) or '–'}")
        if st.button("Verwijder", key=f"delete_action_{action.id}", type="tertiary"):
            storage.delete_action(engine(), trio_id=trio.id, action_id=action.id)
            st.rerun()

st.header("Meenemen")
st.download_button(
    "Download het trioverslag (PDF)",
    data=lambda: trio_report_pdf(member, model, result, picked, plan, chosen_ids, actions),
    file_name=f"rolwijzer-{trio.code}-{dt.date.today().isoformat()}.pdf",
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    key="download_trio_pdf",
)
with st.expander("Collega's uitnodigen voor dit trio"):
    st.markdown(f"Triocode: **{storage.format_code(trio.code)}**")
    show_link("Of laat ze deze link openen:", page_url("", {"code": trio.code}), qr_width=180)
