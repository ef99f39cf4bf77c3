"""Vragenlijst: answer each statement for nu and gewenst, and watch your dot move."""

from __future__ import annotations

import streamlit as st

import storage
from charts.contributions import contribution_figure
from charts.quadrant import CONFIG, Style, member_figure
from results.words import position_sentences, quadrant_name
from scoring import FRAMES, Frame, Model, contributions, score
from ui import answers as answer_store
from ui import pages
from ui.common import member_caption, page_links, require_member
from ui.explain import show
from ui.links import page_url, show_link
from ui.state import TOKEN_PARAM, engine
from ui.text import md

DONT_KNOW = "?"
FRAME_LABELS: dict[Frame, str] = {"nu": "Nu", "gewenst": "Gewenst"}

member, model = require_member()
member_id = member.member.id


def widget_key(frame: Frame, question_id: str) -> str:
    return f"answer_{frame}_{question_id}"


def on_answer(frame: Frame, question_id: str) -> None:
    chosen = st.session_state[widget_key(frame, question_id)]
    value = answer_store.UNSET if chosen is None else (None if chosen == DONT_KNOW else int(chosen))
    answer_store.save(member_id, question_id, frame, value)


def option_label(option: int | str) -> str:
    return "Weet ik niet" if option == DONT_KNOW else str(option)


def prime_widgets(model: Model, saved: dict[str, dict[str, int | None]]) -> None:
    """Put the saved answers into the widgets, once per member per session."""
    if st.session_state.get("_primed_member") != member_id:
        for frame in FRAMES:
            for q in model.questions:
                st.session_state.pop(widget_key(frame, q.id), None)
        st.session_state["_primed_member"] = member_id
    for frame in FRAMES:
        for q in model.questions:
            key = widget_key(frame, q.id)
            if key not in st.session_state:
                value = saved[frame].get(q.id, answer_store.UNSET)
                st.session_state[key] = None if value == answer_store.UNSET else (DONT_KNOW if value is None else value)


answer_store.flush()
saved = answer_store.load(member_id)
prime_widgets(model, saved)

st.title("Vragenlijst")
st.caption(member_caption(member, model))

options: list[int | str] = list(range(1, model.scale.points + 1))
if model.scale.dont_know:
    options.append(DONT_KNOW)

waiting = answer_store.waiting(member_id)
if waiting:
    st.warning(
        f"{len(waiting)} antwoord(en) zijn nog niet opgeslagen: de verbinding met de database is even weg. "
        "Ze staan klaar en worden automatisch opgeslagen zodra het weer kan. Sluit dit venster nog niet.",
        icon=":material/sync_problem:",
    )

    @st.fragment(run_every=3)
    def retry_pending() -> None:
        if answer_store.flush():
            st.rerun()

    retry_pending()

total = len(model.questions) * len(FRAMES)
answered = sum(len(saved[f]) for f in FRAMES)
nu_score = score(model, saved["nu"])
gewenst_score = score(model, saved["gewenst"])


with st.container(key="progress_panel"):
    st.progress(answered / total if total else 0.0, text=f"{answered} van {total} beantwoord")
    st.caption(
        f"Nu: **{quadrant_name(model, nu_score.quadrant, '–')}** → "
        f"gewenst: **{quadrant_name(model, gewenst_score.quadrant, '–')}**"
    )

# Static CSS (no user text). Wide screens keep the quadrant in view beside the statements;
# phones keep the progress and the two quadrant names in view above them. A chosen answer
# is filled, not just tinted, so it is clear at a glance which statements are done.
st.html(
    "<style>"
    "@media (min-width: 640px) {div[data-testid='stColumn']:has(.st-key-sticky_panel) "
    "{position: sticky; top: 3.5rem; align-self: flex-start; z-index: 1;}}"
    "@media (max-width: 639px) {div[data-testid='stLayoutWrapper']:has(> .st-key-progress_panel) "
    "{position: sticky; top: 3.75rem; z-index: 2; background: white; padding: 0.3rem 0; "
    "border-bottom: 1px solid #E1E6ED;}}"
    "[class*='st-key-statement_'] button[aria-checked='true'] "
    "{background-color: #1F5A96 !important; color: white !important; border-color: #1F5A96 !important;}"
    "</style>"
)
left, right = st.columns([5, 4], gap="large")

with left:
    st.markdown(
        "Kies per stelling waar jullie gemeente staat: **1** is helemaal de linker uitspraak, "
        f"**{model.scale.points}** helemaal de rechter. Geef het antwoord voor **nu** en voor **gewenst**."
    )
    for number, q in enumerate(model.questions, start=1):
        left_text, right_text = (q.high, q.low) if q.reverse else (q.low, q.high)
        with st.container(border=True, key=f"statement_{q.id}"):
            # One Markdown element for the theme and both poles: every element is a message to the
            # browser at every answer, and under load those messages are most of a rerun's cost.
            st.markdown(
                f"**{number}. {q.theme}**\n\n**1 =** {left_text}\n\n**{model.scale.points} =** {right_text}"
            )
            for frame in FRAMES:
                st.segmented_control(
                    FRAME_LABELS[frame],
                    options,
                    format_func=option_label,
                    key=widget_key(frame, q.id),
                    on_change=on_answer,
                    args=(frame, q.id),
                    width="stretch",
                )

with right, st.container(key="sticky_panel"):
    st.markdown("#### Jouw plek in het kwadrant")
    st.plotly_chart(member_figure(model, nu_score, gewenst_score, Style(height=400)), config=CONFIG, key="member_quadrant")
    show(position_sentences(model, nu_score, gewenst_score))
    # A toggle, not an expander: an expander's content is built at every rerun, even when closed.
    if st.toggle("Waarom staat mijn stip hier?", key="show_contributions"):
        st.caption(
            "Elke stelling trekt je stip naar één kant van haar as. Hoe langer de balk, hoe sterker de trek. "
            "'Weet ik niet' telt niet mee."
        )
        figure = contribution_figure(
            model, contributions(model, saved["nu"]), contributions(model, saved["gewenst"])
        )
        if figure is None:
            st.write("Beantwoord eerst een paar stellingen.")
        else:
            st.plotly_chart(figure, config=CONFIG, key="contributions")

st.divider()
page_links(member)

# A toggle, not an expander: an expander's content (a QR code, a query) is built at every answer.
if st.toggle("Verder op een ander apparaat, of wisselen van triolid", key="show_devices"):
    show_link(
        "Jouw persoonlijke link. Bewaar hem: hiermee kom je altijd terug bij je eigen antwoorden.",
        page_url(pages.QUESTIONNAIRE.url_path, {TOKEN_PARAM: member.member.token}),
        qr_width=180,
    )
    try:
        trio_members = storage.list_members(engine(), member.trio.id)
    except storage.StorageUnavailable:
        trio_members = []
    others = [m for m in trio_members if m.id != member_id]
    if others:
        st.markdown("**Samen op één laptop?** Wissel met één klik naar een triogenoot:")
        for other in others:
            label = model.role_name(other.role) + (f" ({md(other.display_name)})" if other.display_name else "")
            st.page_link(
                pages.QUESTIONNAIRE.path, label=label, icon=":material/switch_account:",
                query_params={TOKEN_PARAM: other.token},
            )
    st.page_link(
        pages.START.path, label="Nog een triolid toevoegen op dit apparaat", icon=":material/person_add:",
        query_params={"code": member.trio.code},
    )
