"""Start: join a werkplaats or a trio with a code, or start on your own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

import streamlit as st

import storage
from results.words import ABCD, MODEL_BASIS
from scoring import Model
from storage import MemberRecord, TrioRecord, WerkplaatsRecord
from ui import leervragen_view, pages
from ui.bestuur_access import to_bestuur_page
from ui.content import current_snapshot
from ui.state import TOKEN_PARAM, content_model, current_member, engine, member_params, werkplaats_model
from ui.text import md
from ui.throttle import Throttle

join_throttle = Throttle("join_code")

st.title("Rolwijzer")
st.markdown(
    "Waar staat jullie gemeente in het wijkgericht werken, en waar willen jullie naartoe? "
    "Met een paar stellingen plaats je de werkwijze van je gemeente in het **ABCD-kwadrant**, "
    "voor **nu** en **gewenst**. Daarna zien jullie als trio waar jullie het over eens zijn, "
    "waar niet, en wat je zelf, in je organisatie of bestuurlijk kunt doen."
)
st.caption(ABCD)


def start_questionnaire(token: str) -> None:
    st.switch_page(pages.QUESTIONNAIRE.path, query_params=member_params(token))


@contextmanager
def reported_storage_errors() -> Iterator[None]:
    """Show what went wrong with a form in Dutch, instead of a traceback."""
    try:
        yield
    except storage.InputError as exc:
        st.error(str(exc))
    except storage.StorageUnavailable:
        st.error("De database is even niet bereikbaar. Probeer het zo opnieuw.")


try:
    returning = current_member(restore_url=False)
except storage.StorageUnavailable:
    returning = None
if returning is not None and returning.member.is_bestuurder:
    to_bestuur_page(returning.member.token)  # a hand-edited ?m= of a bestuurder
if returning is not None:
    with st.container(border=True):
        returning_role = werkplaats_model(returning.werkplaats).role_name(returning.member.role)
        # In the text, not in a link label: a label does not wrap on a phone.
        st.markdown(
            f"**Verder als {md(returning_role)} van {md(returning.trio.municipality)}.** Je antwoorden zijn bewaard."
        )
        cols = st.columns(2)
        params = member_params(returning.member.token)
        cols[0].page_link(
            pages.QUESTIONNAIRE.path, label="Verder met de vragenlijst", icon=pages.QUESTIONNAIRE.icon,
            query_params=params,
        )
        cols[1].page_link(pages.RESULTS.path, label="Resultaten van jullie trio", icon=pages.RESULTS.icon, query_params=params)


# (form, trio or municipality, role) -> the token of the member that submission created in this session.
# A comment, not a docstring: Streamlit's "magic" would show a bare string on the page.
JOINED_KEY = "_joined_members"


def joined(submission: tuple[object, ...]) -> MemberRecord | None:
    """The member this browser session created with the same submission, if it still exists."""
    token = st.session_state.get(JOINED_KEY, {}).get(submission)
    context = storage.member_context(engine(), token) if token else None
    return context.member if context else None


def join_once(submission: tuple[object, ...], create: Callable[[], str]) -> str:
    """The member this browser session already created with the same submission, or a new one.

    Pressing Back after joining and submitting the form again must not add a member with
    no answers to the trio. Another role is another person (two triolids may share one laptop).
    """
    member = joined(submission)
    if member is not None:
        return member.token
    token = create()
    st.session_state.setdefault(JOINED_KEY, {})[submission] = token
    return token


LEVEL_MISSING = "Kies op welk niveau je werkt."


def level_choice(model: Model, key: str, current: str | None = None) -> str | None:
    """The level radio of a join form, when the content has levels; ``None`` until one is picked."""
    if not model.levels:
        return None
    ids = [level.id for level in model.levels]
    choice: str | None = st.radio(
        "Op welk niveau werk je?",
        ids,
        index=ids.index(current) if current in ids else None,
        format_func=lambda level_id: model.level(level_id).name,
        captions=[level.description or "" for level in model.levels],
        key=key,
        help="De handelingsperspectieven openen dan bij wat jij op dat niveau kunt doen.",
    )
    return choice


def level_missing(model: Model, level: str | None) -> bool:
    """Whether the form lacks its level (the content has levels and none was picked); says so."""
    if model.levels and level is None:
        st.error(LEVEL_MISSING)
        return True
    return False


def own_member(trio: TrioRecord, role_ids: list[str]) -> MemberRecord | None:
    """The member this session created in ``trio`` (the last one, on a shared laptop), if any."""
    found = [member for role in role_ids if (member := joined(("trio", trio.id, role))) is not None]
    return max(found, key=lambda m: m.id, default=None)


def role_form(trio: TrioRecord, model: Model, form_key: str) -> None:
    """Pick a role (and optionally a name) and become a member of ``trio``.

    Back after joining shows this form again with the member's own role chosen, so
    submitting it again continues as that member.
    """
    taken = {m.role for m in storage.list_members(engine(), trio.id)}
    role_ids = [r.id for r in model.roles]
    mine = own_member(trio, role_ids)
    own_role = mine.role if mine else None

    def role_label(role: str) -> str:
        note = " (dat ben jij)" if role == own_role else " (al in dit trio)" if role in taken else ""
        return model.role_name(role) + note

    with st.form(form_key):
        st.markdown(f"**Trio {md(trio.municipality)}**" + (f" · casus: {md(trio.casus)}" if trio.casus else ""))
        role = st.radio(
            "Wat is jouw rol?",
            sorted(role_ids, key=lambda r: (r != own_role, r in taken)),  # own role first, then the free ones
            format_func=role_label,
            key=f"{form_key}_role",
        )
        name = st.text_input(
            "Je naam (mag leeg blijven)", key=f"{form_key}_name",
            value=mine.display_name if mine else "",
            help=f"Zichtbaar voor de andere trioleden. Hoogstens {storage.MAX_DISPLAY_NAME} tekens.",
        )
        level = level_choice(model, f"{form_key}_level", mine.level if mine else None)
        if st.form_submit_button("Start de vragenlijst", type="primary") and not level_missing(model, level):
            with reported_storage_errors():
                token = join_once(
                    ("trio", trio.id, role),
                    lambda: storage.create_member(
                        engine(), trio_id=trio.id, role=role, display_name=name, level=level
                    ).token,
                )
                again = joined(("trio", trio.id, role))
                if again is not None and again.level != level:  # Back, and another level picked
                    storage.set_member_level(engine(), member_id=again.id, level=level)
                start_questionnaire(token)


def trio_form(werkplaats: WerkplaatsRecord) -> None:
    trios = storage.list_trios(engine(), werkplaats.id)
    if trios:
        with st.expander(f"Al aangemeld in deze werkplaats ({len(trios)})"):
            st.text(", ".join(sorted(t.municipality for t in trios)))
            st.caption(
                "Staat jullie gemeente er al? Vraag dan een ander triolid om de **triocode** op zijn of haar scherm, "
                "en vul die hierboven in."
            )
    with st.form("new_trio"):
        st.markdown("**Meld jullie trio aan**")
        municipality = st.text_input(
            "Gemeente", key="new_trio_municipality",
            help=f"Hoogstens {storage.MAX_MUNICIPALITY} tekens.",
        )
        casus = st.text_area(
            "Casus (mag leeg blijven)", key="new_trio_casus",
            help=f"Het project of thema dat jullie meebrengen. Hoogstens {storage.MAX_CASUS} tekens.",
        )
        typed = leervragen_view.inputs("new_trio_leervraag")
        if st.form_submit_button("Trio aanmaken", type="primary"):
            with reported_storage_errors():
                storage.check_trio_texts(municipality=municipality, casus=casus)
                leervragen = leervragen_view.check(typed)
                similar = storage.find_similar_trio(engine(), werkplaats.id, municipality)
                if similar is None:
                    create_and_join(werkplaats, municipality, casus, leervragen)
                # Not yet: the same municipality (after case, quotes and spaces) is most likely this trio.
                st.session_state[SIMILAR_KEY] = (similar.id, municipality, casus, leervragen)
                st.rerun()
    similar_trio_question(werkplaats, trios)


SIMILAR_KEY = "_similar_trio"


def create_and_join(werkplaats: WerkplaatsRecord, municipality: str, casus: str, leervragen: list[str]) -> NoReturn:
    trio = storage.create_trio(engine(), werkplaats_id=werkplaats.id, municipality=municipality, casus=casus)
    if leervragen:
        storage.set_leervragen(engine(), trio_id=trio.id, texts=leervragen)
    st.session_state.pop(SIMILAR_KEY, None)
    st.session_state["join_trio_id"] = trio.id
    st.rerun()  # raises: nothing after this runs


def similar_trio_question(werkplaats: WerkplaatsRecord, trios: list[TrioRecord]) -> None:
    """'Bestaat al': join the trio with the same name, or make a new one after all."""
    pending = st.session_state.get(SIMILAR_KEY)
    if not pending:
        return
    trio_id, municipality, casus, leervragen = pending
    existing = next((t for t in trios if t.id == trio_id), None)
    if existing is None:  # removed meanwhile
        st.session_state.pop(SIMILAR_KEY, None)
        return
    st.warning(f"**Bestaat al:** {md(existing.municipality)}. Sluit je aan bij dit trio?", icon=":material/group:")
    yes, no = st.columns(2)
    if yes.button("Ja, aansluiten bij dit trio", type="primary", key="similar_join"):
        st.session_state.pop(SIMILAR_KEY, None)
        if leervragen and not storage.list_leervragen(engine(), existing.id):  # theirs, unless it has some
            storage.set_leervragen(engine(), trio_id=existing.id, texts=leervragen)
        st.session_state["join_trio_id"] = existing.id
        st.rerun()
    if no.button("Nee, een nieuw trio maken", key="similar_new"):
        with reported_storage_errors():
            create_and_join(werkplaats, municipality, casus, leervragen)


def start_alone(municipality: str, casus: str, role: str, name: str, level: str | None) -> str:
    """A private werkplaats with one trio and its first member; returns the member's token."""
    # Check the texts first, so that a typo leaves no empty werkplaats behind.
    storage.check_trio_texts(municipality=municipality, casus=casus)
    storage.check_display_name(name)
    werkplaats = storage.create_werkplaats(
        engine(), name=f"Zelfstandig · {municipality.strip()[:40]}", held_on=dt.date.today(),
        content=current_snapshot(), standalone=True,
    )
    trio = storage.create_trio(engine(), werkplaats_id=werkplaats.id, municipality=municipality, casus=casus)
    return storage.create_member(engine(), trio_id=trio.id, role=role, display_name=name, level=level).token


join_tab, alone_tab = st.tabs(["Meedoen met een code", "Zelfstandig invullen"])

with join_tab:
    if "join_code" not in st.session_state and st.query_params.get("code"):
        st.session_state["join_code"] = st.query_params.get("code", "")[:20]
    with st.form("code_form"):
        st.text_input(
            "Code van je werkplaats of trio", max_chars=20, key="join_code",
            placeholder="bijvoorbeeld KMT-4PX", help="Zes tekens; streepjes en spaties mogen.",
        )
        submitted = st.form_submit_button("Verder", type="primary")
    if submitted or (st.query_params.get("code") and "join_found" not in st.session_state):
        wait = join_throttle.seconds_left()
        code = st.session_state.get("join_code", "")
        if wait:
            st.warning(f"Te veel onbekende codes geprobeerd. Wacht {wait} seconden en probeer het opnieuw.")
        elif code.strip():
            try:
                found_werkplaats = storage.find_werkplaats_by_code(engine(), code)
                found_trio = None if found_werkplaats else storage.find_trio_by_code(engine(), code)
            except storage.StorageUnavailable:
                st.error("De database is even niet bereikbaar. Probeer het zo opnieuw.")
                found_werkplaats = found_trio = None
            else:
                if found_werkplaats is None and found_trio is None:
                    join_throttle.failed()
                    st.session_state.pop("join_found", None)
                    st.error(
                        "Deze code kennen we niet. Controleer hem (een code heeft zes tekens, zonder 0, O, 1 of I) "
                        "of vraag hem na bij de begeleider."
                    )
                else:
                    join_throttle.succeeded()
                    st.session_state["join_found"] = (
                        ("werkplaats", found_werkplaats.id) if found_werkplaats else ("trio", found_trio.id)  # type: ignore[union-attr]
                    )
                    st.session_state.pop("join_trio_id", None)
        elif submitted:
            st.warning("Vul eerst de code in die de begeleider laat zien, bijvoorbeeld KMT-4PX.")

    found = st.session_state.get("join_found")
    if found:
        kind, found_id = found
        trio_id = found_id if kind == "trio" else st.session_state.get("join_trio_id")
        if trio_id is not None:
            trio = storage.get_trio(engine(), trio_id)
            if trio is not None:
                werkplaats = storage.get_werkplaats(engine(), trio.werkplaats_id)
                assert werkplaats is not None
                st.success(f"Werkplaats **{md(werkplaats.name)}** · trio **{md(trio.municipality)}**")
                role_form(trio, werkplaats_model(werkplaats), "join_role")
        else:
            werkplaats = storage.get_werkplaats(engine(), found_id)
            if werkplaats is not None:
                st.success(f"Werkplaats **{md(werkplaats.name)}** gevonden.")
                trio_form(werkplaats)

with alone_tab:
    st.markdown(
        "Zonder begeleider, op elk moment. Je maakt een eigen, besloten werkplaats voor jullie trio. "
        "Daarna krijg je een triocode en een link voor je collega's."
    )
    model = content_model()
    with st.form("alone_form"):
        municipality = st.text_input(
            "Gemeente", key="alone_municipality",
            help=f"Hoogstens {storage.MAX_MUNICIPALITY} tekens.",
        )
        casus = st.text_area(
            "Casus (mag leeg blijven)", key="alone_casus",
            help=f"Hoogstens {storage.MAX_CASUS} tekens.",
        )
        role = st.radio("Wat is jouw rol?", [r.id for r in model.roles], format_func=model.role_name, key="alone_role")
        name = st.text_input(
            "Je naam (mag leeg blijven)", key="alone_name",
        )
        alone_level = level_choice(model, "alone_level")
        if st.form_submit_button("Start zelfstandig", type="primary") and not level_missing(model, alone_level):
            with reported_storage_errors():
                token = join_once(
                    ("alone", " ".join(municipality.split()).casefold(), role),
                    lambda: start_alone(municipality, casus, role, name, alone_level),
                )
                start_questionnaire(token)

st.divider()
st.caption(
    f"Rolwijzer hoort bij de Werkplaatsen Wijkgericht Werken. {MODEL_BASIS.text}, *{MODEL_BASIS.work}*. "
    "Je antwoorden worden direct opgeslagen; "
    f"je persoonlijke link (met `?{TOKEN_PARAM}=…`) brengt je altijd terug."
)
