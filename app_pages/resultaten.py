"""Resultaten: the trio side by side, conversation starters, perspectives and the take-home report.

Every part of the page, and the PDF, is built from one read of the trio (``ui.trio_view``); while the
page is open it reruns as a whole when the trio changed, so nothing on it shows an older state.

Everything is of the round the member context names (the trio's current round, passed explicitly). At a
later round of a leertraject the page adds how the trio moved since the round before, the follow-up of
that round's actions, and per leervraag what the trio knows now.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

import storage
from charts.heatmap import BY_DIFFERENCE, ORDERS, side_by_side_figure, statement_order
from charts.quadrant import CONFIG, Style, trio_figure
from results import trio_letter
from results.influence import influence_scene, level_name, with_level
from results.rounds import TrioMovement
from results.words import (
    PLACES_LEAD,
    count_words,
    frame_sentence,
    has_numbers,
    member_places,
    no_numbers_yet,
    perspectives_missing,
    starters_missing,
)
from scoring import FRAMES, GroupResult, agreement_text, disagreement, focused_plan, starters
from ui.actions_view import show_actions, show_follow_up
from ui.bestuur_view import render_bestuur_section
from ui.common import member_caption, page_links, require_member
from ui.explain import show
from ui.influence_view import show_influence
from ui.leervragen_view import show_leervragen
from ui.links import page_url, show_link
from ui.movement_view import show_movement
from ui.perspectives_view import show_perspectives
from ui.reads import read_round_result
from ui.reports import round_movement, trio_report_pdf
from ui.starter_card import show_starter
from ui.state import engine, werkplaats_model
from ui.text import md
from ui.trio_view import read_trio_view, refresh_when_changed

member, model = require_member()
trio = member.trio
round_id = member.werkplaats.id  # the round this page shows, also when the next one opens meanwhile
rounds = storage.trio_rounds(engine(), trio.id)
here = next((i for i, r in enumerate(rounds) if r.werkplaats_id == round_id), 0)
previous = rounds[here - 1] if here > 0 else None

FRAME_CHOICES = {"Nu en gewenst": ("nu", "gewenst"), "Nu": ("nu",), "Gewenst": ("gewenst",)}

st.title(f"Resultaten · {md(trio.municipality)}")
st.caption(member_caption(member, model) + (f" · casus: {md(trio.casus)}" if trio.casus else ""))
if not member.werkplaats.standalone:
    letter = trio_letter(storage.list_trios(engine(), round_id), trio.id)
    if letter:  # the wall is anonymous: this is how the trio finds itself on the projector
        st.markdown(f"Op de groepsmuur zijn jullie **trio {letter}**.")
page_links(member)

view = read_trio_view(model, trio.id, round_id, previous.werkplaats_id if previous else None)
result = view.result
scene = influence_scene(model, result, view.choices)

# --- Where the trio stands -------------------------------------------------------------------------

earlier: GroupResult | None = None  # the trio at the round before: faded in the chart, and its movement
if previous is not None and (earlier_werkplaats := storage.get_werkplaats(engine(), previous.werkplaats_id)):
    earlier = read_round_result(werkplaats_model(earlier_werkplaats), trio.id, previous.werkplaats_id)
faded = earlier if earlier is not None and any(m.answered for m in earlier.members) else None

others = len(result.members) - 1
if all(m.complete for m in result.members):
    st.caption(
        f"Alle {count_words(len(result.members), 'triolid', 'trioleden')} hebben alles ingevuld." if others
        else "Je hebt alles ingevuld. Nodig je collega's uit met de triocode onderaan deze pagina."
    )
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
    st.plotly_chart(
        trio_figure(model, result, frames=frames, style=Style(height=600), previous=faded),
        config=CONFIG,
        key="trio_quadrant",
    )
    st.caption(
        "Gevulde vorm (blauw) = nu, open vorm (oranje rand) = gewenst. Kleine vormen: de trioleden, "
        "elke rol een eigen vorm. Groot rondje en grote ruit: het trio gemiddeld, de dikke pijl de gewenste "
        "beweging. Ovaal van stippen (nu) of streepjes (gewenst): hoe ver jullie uit elkaar liggen. "
        "Achter wie nog niet klaar is, staat hoeveel stellingen die al heeft beantwoord."
        + (f" Vaag, met stippellijn: het trio in {md(previous.name)}." if faded is not None and previous else "")
    )
with words_col:
    st.header("In woorden")
    show([frame_sentence(model, "Jullie trio nu", result.nu), frame_sentence(model, "Gewenst", result.gewenst)])
    if places := member_places(model, result):
        st.markdown(f"**{PLACES_LEAD}**  \n" + "  \n".join(f"{md(p.lead)} {p.text}" for p in places))
    for label, group in (("Onderling verschil over nu", result.nu), ("Onderling verschil over gewenst", result.gewenst)):
        words = agreement_text(model, group.spread)
        if words and group.n > 1:
            st.markdown(f"**{label}:** {words}")
    unfinished = [m for m in result.members if not m.complete]
    if unfinished:
        st.caption(
            "Nog bezig: " + ", ".join(f"{md(m.label)} ({m.answered} van {m.total})" for m in unfinished) + "."
        )

# --- Beweging sinds de vorige ronde --------------------------------------------------------------------

moved: TrioMovement | None = None  # for the PDF
if previous is not None and earlier is not None:
    show_movement(model, previous, earlier, rounds[here], result)
    moved = round_movement(model, previous, earlier, rounds[here], result)

# --- Naast elkaar ----------------------------------------------------------------------------------

by_member = {frame: result.answers_by_member(frame) for frame in FRAMES}
dis_by_frame = {frame: disagreement(model, by_member[frame]) for frame in FRAMES}
st.header("Naast elkaar")
st.caption(
    f"Per stelling wat ieder triolid koos, zoals in de vragenlijst: 1 = de linkerstelling, "
    f"{model.scale.points} = de rechterstelling. Blauw en ◀: naar links. Oranje en ▶: naar rechts. Onder elk "
    "thema staat welke kant links en rechts stond. ? = weet ik niet, – = nog niet beantwoord. "
    "Verschil = hoogste min laagste antwoord."
)
st.markdown("  \n".join(
    f"**{number}** = {with_level(md(m.label), level_name(model, view.levels.get(m.member_id)))}"
    for number, m in enumerate(result.members, start=1)
))
sort = st.segmented_control(
    "Volgorde", list(ORDERS), format_func=ORDERS.__getitem__, default=BY_DIFFERENCE, key="side_sort", required=True
)
for tab, frame in zip(st.tabs(["Nu", "Gewenst"]), FRAMES, strict=True):
    with tab:
        if not has_numbers(result, frame):
            st.info(no_numbers_yet(frame))
        order = statement_order(model, dis_by_frame[frame], sort or BY_DIFFERENCE)
        st.plotly_chart(
            side_by_side_figure(model, result, frame, order, dis_by_frame[frame]), config=CONFIG,
            key=f"side_by_side_{frame}",
        )

# --- Invloedskaart ---------------------------------------------------------------------------------

if scene is not None:
    show_influence(scene)

# --- Gespreksstarters ------------------------------------------------------------------------------

st.header("Gespreksstarters")
picked = starters(model, by_member["nu"], by_member["gewenst"], view.choices)
if not picked:
    st.info(starters_missing(result))
for number, starter in enumerate(picked, start=1):
    show_starter(model, number, starter, key=f"starter_{starter.question_id}")

render_bestuur_section(model, member, result)

# --- Handelingsperspectieven -----------------------------------------------------------------------

st.header("Handelings\u00adperspectieven")  # a soft hyphen, for phones
audience = model.audience_for_level(view.levels.get(str(member.member.id)))
plan = focused_plan(model, result, view.choices, audience)
if plan is None:
    st.info(perspectives_missing(result))
else:
    show_perspectives(
        model, plan, audience=audience, trio_id=trio.id, chosen_ids=view.chosen_ids, round_id=round_id
    )

# --- Acties, leervragen ----------------------------------------------------------------------------

if previous is not None:
    show_follow_up(trio.id, view.earlier_actions)
show_actions(trio.id, round_id, view.actions)
show_leervragen(trio.id, view.leervragen, rounds, round_id)

# --- Meenemen --------------------------------------------------------------------------------------

st.header("Meenemen")
st.download_button(
    "Download het trioverslag (PDF)",
    data=lambda: trio_report_pdf(
        member, model, view, picked, scene, rounds=rounds, movement=moved, previous=faded
    ),
    file_name=f"rolwijzer-{trio.code}-{dt.date.today().isoformat()}.pdf",
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    key="download_trio_pdf",
)
with st.expander("Collega's uitnodigen voor dit trio"):
    st.markdown(f"Triocode: **{storage.format_code(trio.code)}**")
    show_link("Of laat ze deze link openen:", page_url("", {"code": trio.code}), qr_width=180)

refresh_when_changed(model, trio.id, view.version, round_id, previous.werkplaats_id if previous else None)
