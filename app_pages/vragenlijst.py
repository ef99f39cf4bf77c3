"""Vragenlijst: answer each statement for nu and gewenst, and watch your dot move.

An answer redraws only what it changed. Every statement card, the progress panel and the
quadrant are fragments with a key; the answer's callback saves it and reruns just its own
card, the progress and the quadrant (``ui.redraw``), not the 24 answer controls of the page.
While answers wait for the database, the whole page reruns instead, so it can say so.

Everything is of the round the page run found the trio in (``ui.answers.use_round``); answers carried
over from last time are marked on their cards until confirmed (``ui.carried_view``).
"""

from __future__ import annotations

import streamlit as st

import storage
from charts.contributions import contribution_figure
from charts.quadrant import CONFIG, Style, member_figure
from results.words import position_sentences, short_place
from scoring import FRAMES, Frame, Model, contributions, score
from scoring.schema import Question
from ui import answers as answer_store
from ui import carried_view, pages
from ui.common import member_caption, page_links, require_member
from ui.explain import show
from ui.influence_question import influence_control
from ui.influence_question import prime as prime_influence
from ui.links import page_url, show_link
from ui.mini_quadrant import mini_quadrant_html
from ui.redraw import rerun_only
from ui.state import TOKEN_PARAM, engine
from ui.text import md

DONT_KNOW = "?"
FRAME_LABELS: dict[Frame, str] = {"nu": "Nu", "gewenst": "Gewenst"}
PROGRESS_FRAGMENT = "progress"
QUADRANT_FRAGMENT = "quadrant"
WIDGETS_TO_SET = "_answer_widgets_to_set"

member, model = require_member()
member_id = member.member.id
answer_store.use_round(member_id, member.werkplaats.id)


def widget_key(frame: Frame, question_id: str) -> str:
    return f"answer_{frame}_{question_id}"


def card_fragment(question_id: str) -> str:
    return f"card_{question_id}"


def control_value(stored: dict[str, int | None], question_id: str) -> int | str | None:
    """What the answer control shows for a stored answer: None for none, "?" for "weet ik niet"."""
    if question_id not in stored:
        return None
    value = stored[question_id]
    return DONT_KNOW if value is None else value


def dots(saved: dict[str, dict[str, int | None]]) -> tuple[tuple[object, ...], ...]:
    """What the quadrant shows of these answers: per frame the dot (when both axes have one) and its words."""
    shown = []
    for frame in FRAMES:
        s = score(model, saved[frame])
        shown.append((s.x, s.y, s.quadrant, s.near_border) if s.x is not None and s.y is not None else (s.quadrant,))
    return tuple(shown)


def store(frame: Frame, question_id: str, value: int | str | None) -> None:
    """Save one answer (``UNSET`` clears it) and redraw what it changed.

    Always the progress. The card only when its "Wis antwoord" buttons change (the browser
    already shows the answer itself), the quadrant only when a dot or its words change: the
    first statements are all on one axis, and until the other axis has an answer there is no dot.
    """
    before = answer_store.load(member_id)
    was_carried = answer_store.carried(member_id)
    was_waiting = bool(answer_store.waiting(member_id))
    if not answer_store.save(member_id, question_id, frame, value) or was_waiting:
        st.rerun()  # the whole page: it says what still waits, or that nothing does any more
    after = answer_store.load(member_id)
    parts = [PROGRESS_FRAGMENT]
    if (question_id in before[frame]) != (question_id in after[frame]) or (frame, question_id) in was_carried:
        parts.append(card_fragment(question_id))  # its buttons or its "van vorige keer" changed
    if (frame, question_id) in was_carried:
        parts.append(carried_view.BANNER_FRAGMENT)
    if st.session_state.get("show_contributions") or dots(before) != dots(after):
        parts.append(QUADRANT_FRAGMENT)
    rerun_only(parts)


def show_in_card(frame: Frame, question_id: str, value: int | str | None) -> None:
    """Have the card's next run put ``value`` in the answer control.

    Set from a callback that asks for a fragment rerun, a widget's value would reach the
    session but not the browser (Streamlit 1.67), so the card sets it before drawing the control.
    """
    st.session_state.setdefault(WIDGETS_TO_SET, {})[widget_key(frame, question_id)] = value


def on_answer(frame: Frame, question_id: str) -> None:
    chosen = st.session_state[widget_key(frame, question_id)]
    if chosen is None:
        # Tapping the chosen answer again keeps it (the control is `required` once answered, so a
        # browser does not even send this, except for a double tap on a new answer). Clearing is
        # the "Wis antwoord" button.
        kept = control_value(answer_store.load(member_id)[frame], question_id)
        if kept is not None:
            show_in_card(frame, question_id, kept)
            if (frame, question_id) in answer_store.carried(member_id):  # the answer of last time still holds
                store(frame, question_id, None if kept == DONT_KNOW else int(kept))
        rerun_only([card_fragment(question_id)])
        return
    store(frame, question_id, None if chosen == DONT_KNOW else int(chosen))


def on_confirm(question_id: str) -> None:
    """"Klopt nog": save the card's answers of last time as they are, which confirms them."""
    answer_store.confirm_question(member_id, question_id)
    if answer_store.waiting(member_id):
        st.rerun()
    rerun_only([card_fragment(question_id), PROGRESS_FRAGMENT, carried_view.BANNER_FRAGMENT])


def on_clear(frame: Frame, question_id: str) -> None:
    show_in_card(frame, question_id, None)
    store(frame, question_id, answer_store.UNSET)


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
                st.session_state[key] = control_value(saved[frame], q.id)


answer_store.flush()
prime_widgets(model, answer_store.load(member_id))
prime_influence(member_id)

st.title("Vragenlijst")
st.caption(member_caption(member, model))

options: list[int | str] = list(range(1, model.scale.points + 1))
if model.scale.dont_know:
    options.append(DONT_KNOW)

answer_store.show_waiting(member_id)

total = len(model.questions) * len(FRAMES)


@st.fragment(key=PROGRESS_FRAGMENT)
def progress_panel() -> None:
    saved = answer_store.load(member_id)
    carried = len(answer_store.carried(member_id))  # answers of last time are not done until confirmed
    answered = sum(len(saved[f]) for f in FRAMES) - carried
    nu_score, gewenst_score = score(model, saved["nu"]), score(model, saved["gewenst"])
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.html(mini_quadrant_html(nu_score, gewenst_score), width="content")  # shown on phones only (CSS)
        with st.container():
            st.progress(answered / total if total else 0.0, text=carried_view.progress_words(answered, total, carried))
            st.caption(f"Nu: **{short_place(model, nu_score, '–')}** → "
                       f"gewenst: **{short_place(model, gewenst_score, '–')}**")


with st.container(key="progress_panel"):
    progress_panel()

# Static CSS (no user text). Wide screens keep the quadrant in view beside the statements;
# phones keep the progress, a small map with the dots and the two quadrant names in view above
# them. A chosen answer is filled, not just tinted, so it is clear at a glance which statements
# are done. The answer groups' labels are hidden, because they name the statement for a screen
# reader ("Nu – 9. Initiatief"); the short visible "Nu" and "Gewenst" are drawn here.
st.html(
    "<style>"
    "@media (min-width: 640px) {div[data-testid='stColumn']:has(.st-key-sticky_panel) "
    "{position: sticky; top: 3.5rem; align-self: flex-start; z-index: 1;}"
    "div[data-testid='stElementContainer']:has(> div > .rw-mini) {display: none;}}"
    "@media (max-width: 639px) {div[data-testid='stLayoutWrapper']:has(> .st-key-progress_panel) "
    "{position: sticky; top: 3.75rem; z-index: 2; background: white; padding: 0.3rem 0; "
    "border-bottom: 1px solid #E1E6ED;}}"
    "[class*='st-key-statement_'] button[aria-checked='true'] "
    "{background-color: #1F5A96 !important; color: white !important; border-color: #1F5A96 !important;}"
    "[class*='st-key-answer_nu_']::before {content: 'Nu';}"
    "[class*='st-key-answer_gewenst_']::before {content: 'Gewenst';}"
    "[class*='st-key-answer_']::before {display: block; font-size: 0.875rem; margin-bottom: 0.25rem;}"
    "[class*='st-key-statement_']:not(:has([class*='st-key-clear_row_']))::after "
    "{content: ''; display: block; height: 2.5rem;}"
    + carried_view.CARRIED_CSS
    + "</style>"
)
left, right = st.columns([5, 4], gap="large")


def statement_card(number: int, q: Question) -> None:
    left_text, right_text = (q.high, q.low) if q.reverse else (q.low, q.high)
    with st.container(border=True, key=f"statement_{q.id}"):
        # One Markdown element for the theme and both poles: every element is a message to the
        # browser, and under load those messages are most of a rerun's cost.
        middle = f"**{model.middle_value} =** _{model.scale.middle}_\n\n" if model.scale.middle else ""
        st.markdown(
            f"**{number}. {q.theme}**\n\n**1 =** {left_text}\n\n{middle}**{model.scale.points} =** {right_text}"
        )
        answered: list[Frame] = []
        carried = answer_store.carried(member_id)
        from_last_time = [frame for frame in FRAMES if (frame, q.id) in carried]
        to_set = st.session_state.get(WIDGETS_TO_SET, {})
        for frame in FRAMES:
            key = widget_key(frame, q.id)
            if key in to_set:
                st.session_state[key] = to_set.pop(key)
            # `required` once answered: a second tap on the chosen answer keeps it. Not before: the
            # browser would not show a cleared answer as cleared. The label is the group's
            # accessible name, raw text (never shown, so not escaped for Markdown).
            chosen = st.segmented_control(
                f"{FRAME_LABELS[frame]} – {number}. {q.theme}",
                options,
                format_func=option_label,
                key=key,
                on_change=on_answer,
                args=(frame, q.id),
                # An answer of last time is not: tapping it again confirms it (``on_answer``).
                required=st.session_state.get(key) is not None and frame not in from_last_time,
                label_visibility="collapsed",
                width="stretch",
            )
            if chosen is not None:
                answered.append(frame)
        carried_view.card_note(q.id, from_last_time, on_confirm)
        if not answered:
            return  # the card keeps the buttons' room (CSS above), so the cards below do not jump
        with st.container(horizontal=True, gap="small", key=f"clear_row_{q.id}"):
            for frame in answered:
                st.button(
                    f"Wis antwoord {FRAME_LABELS[frame]}", key=f"clear_{frame}_{q.id}", on_click=on_clear,
                    args=(frame, q.id), type="tertiary", icon=":material/close:",
                )
        if len(answered) == len(FRAMES):
            influence_control(model, member_id, q, number)


with left:
    middle = f", **{model.middle_value}** = {model.scale.middle}" if model.scale.middle else ""
    st.markdown(
        "Kies per stelling waar jullie gemeente staat: **1** is helemaal de linker uitspraak, "
        f"**{model.scale.points}** helemaal de rechter{middle}. Geef het antwoord voor **nu** en voor **gewenst**."
    )
    if model.instruction:
        instruction = model.instruction
        st.markdown(f"{instruction.wijk(md(member.trio.casus))}\n\n{instruction.nu}\n\n{instruction.gewenst}")
    st.fragment(carried_view.banner, key=carried_view.BANNER_FRAGMENT)(member_id)
    for number, q in enumerate(model.questions, start=1):
        st.fragment(statement_card, key=card_fragment(q.id))(number, q)


@st.fragment(key=QUADRANT_FRAGMENT)
def quadrant_panel() -> None:
    saved = answer_store.load(member_id)
    nu_score, gewenst_score = score(model, saved["nu"]), score(model, saved["gewenst"])
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


with right, st.container(key="sticky_panel"):
    st.header("Jouw plek in het kwadrant", anchor=False)
    quadrant_panel()

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
        st.markdown("**Samen op één laptop?** Wissel met één klik naar een ander triolid:")
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
