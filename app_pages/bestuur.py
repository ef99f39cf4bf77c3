"""Bestuurder: the page a trio's personal link for its bestuurder or directeur opens.

The bestuurder answers the same statements as the trio, for nu and gewenst (no influence question);
every answer is saved at once through the same queue as a member's (``ui.answers``). In a round that
started from last time, the bestuurder's answers of the round before are marked on their cards until
confirmed, as on the questionnaire (``ui.carried_view``). Below them,
"De uitkomst": the trio's picture with the bestuurder beside it, once the trio has shared this round,
and until then a short wait text, checked again every few seconds.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

import storage
from results import trio_result
from results.bestuur import BESTUUR_WAIT
from results.trio import bestuur_result
from scoring import FRAMES, Frame, Model
from scoring.schema import Question
from ui import answers as answer_store
from ui import carried_view
from ui.bestuur_access import require_bestuurder
from ui.bestuur_view import REFRESH_SECONDS, current_round, show_beside
from ui.state import engine
from ui.text import md

DONT_KNOW = "?"
FRAME_LABELS: dict[Frame, str] = {"nu": "Nu", "gewenst": "Gewenst"}
NOT_COUNTED = "Jouw antwoorden tellen niet mee in het gemiddelde van het trio: je staat ernaast."
CHART_CAPTION = (
    "Het zeshoekje ben jij: gevuld = nu, open = gewenst. Het grote rondje en de grote ruit: het trio "
    "gemiddeld, zonder jou."
)
OUTCOME_LEAD = (
    "Het trio ziet hetzelfde beeld en dezelfde vragen, met ‘jullie bestuurder’ voor jou. "
    "Gebruik het verschil om samen het gesprek te beginnen."
)

context, model = require_bestuurder()
bestuurder_id = context.member.id
trio = context.trio
round_id = context.werkplaats.id


def widget_key(frame: Frame, question_id: str) -> str:
    return f"bestuur_answer_{frame}_{question_id}"


def on_answer(frame: Frame, question_id: str) -> None:
    """Save the answer at once; choosing the chosen answer again clears it, except an answer of last time,
    which it confirms (as the card's note says)."""
    key = widget_key(frame, question_id)
    chosen = st.session_state[key]
    if chosen is None and (frame, question_id) in answer_store.carried(bestuurder_id):
        kept = answer_store.load(bestuurder_id)[frame].get(question_id)
        st.session_state[key] = DONT_KNOW if kept is None else kept
        answer_store.save(bestuurder_id, question_id, frame, kept)
        return
    value: int | str | None = answer_store.UNSET if chosen is None else None if chosen == DONT_KNOW else int(chosen)
    answer_store.save(bestuurder_id, question_id, frame, value)


def on_confirm(question_id: str) -> None:
    answer_store.confirm_question(bestuurder_id, question_id)


def prime_widgets(saved: dict[str, dict[str, int | None]]) -> None:
    """Put the saved answers into the answer controls, once per bestuurder per session."""
    if st.session_state.get("_primed_bestuurder") != bestuurder_id:
        for frame in FRAMES:
            for q in model.questions:
                st.session_state.pop(widget_key(frame, q.id), None)
        st.session_state["_primed_bestuurder"] = bestuurder_id
    for frame in FRAMES:
        for q in model.questions:
            key = widget_key(frame, q.id)
            if key not in st.session_state and q.id in saved[frame]:
                value = saved[frame][q.id]
                st.session_state[key] = DONT_KNOW if value is None else value


def statement_card(number: int, q: Question, options: list[int | str], carried: set[tuple[str, str]]) -> None:
    left_text, right_text = (q.high, q.low) if q.reverse else (q.low, q.high)
    with st.container(border=True, key=f"bestuur_statement_{q.id}"):
        middle = f"**{model.middle_value} =** _{model.scale.middle}_\n\n" if model.scale.middle else ""
        st.markdown(
            f"**{number}. {q.theme}**\n\n**1 =** {left_text}\n\n{middle}**{model.scale.points} =** {right_text}"
        )
        for frame in FRAMES:
            st.segmented_control(
                f"{FRAME_LABELS[frame]} – {number}. {q.theme}",  # the group's accessible name (raw text)
                options,
                format_func=lambda option: "Weet ik niet" if option == DONT_KNOW else str(option),
                key=widget_key(frame, q.id),
                on_change=on_answer,
                args=(frame, q.id),
                label_visibility="collapsed",
                width="stretch",
            )
        carried_view.card_note(q.id, [f for f in FRAMES if (f, q.id) in carried], on_confirm)


def introduction(model: Model) -> None:
    casus = f" Hun casus: **{md(trio.casus)}**." if trio.casus else ""
    st.markdown(
        f"Het trio van **{md(trio.municipality)}** vraagt je om mee te kijken. Zij deden mee aan de werkplaats "
        f"**{md(context.werkplaats.name)}**.{casus}"
    )
    st.markdown(
        "Beantwoord dezelfde stellingen als het trio: hoe werkt de gemeente **nu**, en hoe zou het "
        "moeten (**gewenst**)? Elk antwoord wordt meteen bewaard. Je kunt stoppen en later met deze "
        f"link verder gaan. {NOT_COUNTED}"
    )
    if model.instruction:
        # Not the content's wijk sentence: it speaks to the trio ("jullie casus", "spreek samen af").
        wijk = (f"Denk bij elke stelling aan de wijk of buurt van de casus van het trio: {md(trio.casus)}." if trio.casus
                else "Denk bij elke stelling aan de wijken waar het trio werkt.")
        st.markdown(f"{wijk}\n\n{model.instruction.nu}\n\n{model.instruction.gewenst}")
    middle = f", **{model.middle_value}** = {model.scale.middle}" if model.scale.middle else ""
    st.markdown(
        f"Kies per stelling: **1** is helemaal de linker uitspraak, **{model.scale.points}** helemaal de "
        f"rechter{middle}. Klik nog een keer op je keuze om die te wissen."
    )


def shared_answers() -> Mapping[int, storage.MemberAnswers] | None:
    """What "De uitkomst" depends on: the trio's answers of this round once the trio shared it, else None."""
    round_ = current_round(trio.id, round_id)
    if round_ is None or round_.shared_at is None:
        return None
    return storage.trio_answers(engine(), trio.id, round_id)


answer_store.flush()
saved = answer_store.load(bestuurder_id)
prime_widgets(saved)

st.title("Rolwijzer voor de bestuurder")
introduction(model)
answer_store.show_waiting(bestuurder_id)

carried_view.banner(bestuurder_id)

total = len(model.questions) * len(FRAMES)
from_last_time = answer_store.carried(bestuurder_id)  # not done until confirmed
answered = sum(len(saved[f]) for f in FRAMES) - len(from_last_time)
st.progress(answered / total if total else 0.0,
            text=carried_view.progress_words(answered, total, len(from_last_time)))
# Static CSS (no user text). The bestuurder has this one page: no sidebar with the trio's pages. The short visible "Nu" and "Gewenst" above each answer row, a chosen
# answer filled, as on the questionnaire.
st.html(
    "<style>"
    "[data-testid='stSidebar'], [data-testid='stExpandSidebarButton'] {display: none;}"
    "[class*='st-key-bestuur_answer_nu_']::before {content: 'Nu';}"
    "[class*='st-key-bestuur_answer_gewenst_']::before {content: 'Gewenst';}"
    "[class*='st-key-bestuur_answer_']::before {display: block; font-size: 0.875rem; margin-bottom: 0.25rem;}"
    "[class*='st-key-bestuur_statement_'] button[aria-checked='true'] "
    "{background-color: #1F5A96 !important; color: white !important; border-color: #1F5A96 !important;}"
    + carried_view.CARRIED_CSS
    + "</style>"
)
options: list[int | str] = list(range(1, model.scale.points + 1))
if model.scale.dont_know:
    options.append(DONT_KNOW)
for number, q in enumerate(model.questions, start=1):
    statement_card(number, q, options, from_last_time)

# --- De uitkomst ----------------------------------------------------------------------------------------

st.header("De uitkomst")
try:
    shown = shared_answers()
    members = [] if shown is None else storage.list_members(engine(), trio.id)
except storage.StorageUnavailable:
    st.warning("De database is even niet bereikbaar. De uitkomst komt zo.")
    shown = None
if shown is None:
    st.info(BESTUUR_WAIT)
else:
    st.markdown(OUTCOME_LEAD)
    result = trio_result(model, members, shown)
    show_beside(model, result, bestuur_result(model, context.member, {f: saved[f] for f in FRAMES}),
                key="bestuur_outcome", caption=CHART_CAPTION)

st.session_state["_bestuur_outcome_read"] = True


@st.fragment(run_every=REFRESH_SECONDS)
def watch_outcome() -> None:
    """Rerun the page when the trio shares (or takes it back), or changes its answers after sharing."""
    if st.session_state.pop("_bestuur_outcome_read", False):
        return  # called by the page run that has just read it
    try:
        now = shared_answers()
    except storage.StorageUnavailable:
        return
    if now != shown:
        st.rerun(scope="app")


watch_outcome()
