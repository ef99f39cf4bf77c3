"""Werkplaatsen page: leertrajecten and their rounds, the new-werkplaats form, and the organisers' report.

A leertraject is a series of werkplaatsen with the same trios; each werkplaats is a round. A new
round takes every trio of the leertraject along, with their personal links (``storage.create_werkplaats``
with ``traject_id``). "Vervolg op" a werkplaats on its own first makes that werkplaats round 1 of a
new leertraject (``storage.start_traject_from``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import streamlit as st

import storage
from results import ResultCache
from results.programme import Kind
from storage import TrajectRecord, WerkplaatsRecord, WerkplaatsSummary
from ui.content import current_snapshot
from ui.exports import traject_backup_bytes
from ui.facilitator import CREATED_KEY, open_werkplaats, trio_count
from ui.programme_read import report_bytes, traject_programme, werkplaats_programme
from ui.state import engine
from ui.text import md

TRAJECT_DONE_KEY = "traject_created"
PREFILL_HELP = ("Elk triolid ziet zijn antwoorden van vorige keer al ingevuld, met een markering, tot hij ze "
                "bevestigt. Staat dit uit, dan begint iedereen met een lege vragenlijst.")
TRAJECT_BACKUP_NOTE = ("Alle werkplaatsen van het leertraject in één bestand, met de trio's en hun antwoorden "
                       "per werkplaats. Terugzetten maakt het leertraject opnieuw, met nieuwe codes en links.")
RETENTION_TRAJECT_NOTE = ("Een werkplaats van een leertraject staat hier pas als alle werkplaatsen van dat "
                          "leertraject ouder zijn dan de bewaartermijn.")
NAMED_HELP = ("Standaard staan de trio's in het rapport als letters (trio A, B, C …). Zet dit alleen aan als "
              "de gemeenten het goed vinden dat hun naam erin staat.")


@dataclass(frozen=True)
class Belongs:
    """What a new werkplaats belongs to: nothing, a leertraject, or a werkplaats it follows on."""

    kind: Literal["none", "traject", "vervolg"]
    id: int = 0
    name: str = ""
    rounds: int = 0
    """Rounds the leertraject has now (a werkplaats on its own: 1)."""

    def label(self) -> str:  # a selectbox shows plain text, so no escaping here
        if self.kind == "traject":
            return f"Leertraject: {self.name} (wordt ronde {self.rounds + 1})"
        if self.kind == "vervolg":
            return f"Vervolg op werkplaats: {self.name} (wordt ronde 2)"
        return "Nee, een losse werkplaats"


def rounds_by_traject(summaries: Sequence[WerkplaatsSummary]) -> dict[int, list[WerkplaatsSummary]]:
    """traject id -> its werkplaatsen in round order."""
    found: dict[int, list[WerkplaatsSummary]] = {}
    for w in summaries:
        if w.traject_id is not None:
            found.setdefault(w.traject_id, []).append(w)
    for rounds in found.values():
        rounds.sort(key=lambda w: (w.position or 0, w.id))
    return found


def choices(summaries: Sequence[WerkplaatsSummary], trajecten: Sequence[TrajectRecord]) -> list[Belongs]:
    by_traject = rounds_by_traject(summaries)
    return [
        Belongs("none"),
        *(Belongs("traject", t.id, t.name, len(by_traject.get(t.id, []))) for t in trajecten),
        *(Belongs("vervolg", w.id, w.name, 1) for w in summaries if w.traject_id is None and not w.standalone),
    ]


def new_traject_form() -> None:
    with st.expander("Nieuw leertraject"), st.form("new_traject", clear_on_submit=True):
        st.caption("Een leertraject is een reeks werkplaatsen met dezelfde trio's, bijvoorbeeld drie keer per "
                   "jaar. Elke werkplaats is een ronde.")
        name = st.text_input("Naam van het leertraject", key="new_traject_name",
                             placeholder="Werkplaatsen 2027 · groep Noord",
                             help=f"Hoogstens {storage.MAX_TRAJECT_NAME} tekens.")
        if st.form_submit_button("Leertraject aanmaken"):
            try:
                traject = storage.create_traject(engine(), name=name)
            except storage.InputError as exc:
                st.error(str(exc))
            else:
                st.session_state[TRAJECT_DONE_KEY] = traject.name
                st.rerun()
    created = st.session_state.pop(TRAJECT_DONE_KEY, None)
    if created:
        st.success(f"Het leertraject **{md(created)}** is aangemaakt. Maak nu de eerste werkplaats aan en kies "
                   "bij 'Hoort bij leertraject' dit leertraject.", icon=":material/check_circle:")


def _create(belongs: Belongs, name: str, held_on: dt.date, prefilled: bool, traject_name: str) -> WerkplaatsRecord:
    traject_id: int | None = None
    if belongs.kind == "traject":
        traject_id = belongs.id
    elif belongs.kind == "vervolg":
        if not name.strip():
            raise storage.InputError("Naam van de werkplaats is verplicht.")
        traject_id = storage.start_traject_from(engine(), werkplaats_id=belongs.id, name=traject_name).id
    return storage.create_werkplaats(engine(), name=name, held_on=held_on, content=current_snapshot(),
                                     traject_id=traject_id, prefilled=prefilled and belongs.rounds >= 1)


def new_werkplaats_form(summaries: Sequence[WerkplaatsSummary], trajecten: Sequence[TrajectRecord]) -> None:
    with st.expander("Nieuwe werkplaats", expanded=not summaries):
        options = choices(summaries, trajecten)
        belongs = options[0]
        if len(options) > 1:
            belongs = st.selectbox("Hoort bij leertraject", options, format_func=Belongs.label, key="new_wp_traject",
                                   help="Kies een leertraject, of een werkplaats waar deze werkplaats een vervolg op is.")
        with st.form("new_werkplaats", clear_on_submit=True):
            name = st.text_input("Naam", key="new_wp_name", placeholder="Werkplaats 2 · Utrecht")
            held_on = st.date_input("Datum", value=dt.date.today(), format="DD-MM-YYYY", key="new_wp_date")
            traject_name, prefilled = "", False
            if belongs.kind == "vervolg":
                traject_name = st.text_input("Naam van het nieuwe leertraject", value=belongs.name,
                                             key="new_wp_traject_name")
            if belongs.rounds >= 1:
                st.info(f"Dit wordt ronde {belongs.rounds + 1}. De trio's van het leertraject doen vanzelf mee, met "
                        "hun eigen persoonlijke links: ze hoeven geen nieuwe code in te vullen.",
                        icon=":material/redo:")
                prefilled = st.checkbox("Begin met de antwoorden van vorige keer", value=False,
                                        key="new_wp_prefilled", help=PREFILL_HELP)
            elif belongs.kind == "traject":
                st.caption("Dit wordt ronde 1 van het leertraject.")
            st.caption("De werkplaats krijgt de stellingen en teksten mee zoals ze nu zijn. Latere wijzigingen "
                       "veranderen de resultaten van deze werkplaats dus niet.")
            if st.form_submit_button("Werkplaats aanmaken", type="primary"):
                try:
                    created = _create(belongs, name, held_on, prefilled, traject_name)
                except storage.InputError as exc:
                    st.error(str(exc))
                else:
                    open_werkplaats(created.id)
                    st.session_state[CREATED_KEY] = created.id
                    st.rerun()


def round_heading(w: WerkplaatsSummary) -> str:
    """Markdown: "Ronde 2 · Werkplaats Mei" for a round of a leertraject, else the name."""
    return f"Ronde {w.position} · {md(w.name)}" if w.position else md(w.name)


def traject_caption(rounds: Sequence[WerkplaatsSummary]) -> str:
    if not rounds:
        return "Nog geen rondes. Maak hierboven een werkplaats aan die bij dit leertraject hoort."
    count = "1 ronde" if len(rounds) == 1 else f"{len(rounds)} rondes"
    return f"Leertraject · {count}: " + ", ".join(
        f"ronde {w.position} ({trio_count(w.trio_count)})" for w in rounds
    )


def deletion_warning(opened: WerkplaatsRecord, rounds: int) -> str:
    """What deleting the werkplaats does: for a round of a leertraject, the trios stay in their other rounds."""
    if opened.traject_id is None or rounds <= 1:
        return ("Dit verwijdert de werkplaats met alle trio's, trioleden, antwoorden en acties. "
                "Dit kan niet ongedaan worden gemaakt.")
    if (opened.position or 1) > 1:
        moved = ("De trio's gaan terug naar de vorige ronde, met hun antwoorden van toen. Trio's die pas in deze "
                 "ronde zijn begonnen, worden helemaal verwijderd.")
    else:
        moved = "Trio's die ook in een latere ronde meedoen, blijven daar bestaan."
    return (f"Dit verwijdert ronde {opened.position} van het leertraject, met alle antwoorden, keuzes en acties van "
            f"deze ronde. {moved} Dit kan niet ongedaan worden gemaakt.")


def _report(kind: Kind, item_id: int, *, excel: bool, named: bool) -> bytes:
    read = werkplaats_programme if kind == "werkplaats" else traject_programme
    return report_bytes(read(engine(), ResultCache(), item_id), excel=excel, named=named)


def organisers_report(kind: Kind, item_id: int, stem: str) -> None:
    """Downloads of the organisers' report (PDF and Excel), anonymous unless asked otherwise."""
    key = f"organisers_{kind}_{item_id}"
    what = "deze werkplaats" if kind == "werkplaats" else "alle rondes van dit leertraject"
    st.caption(f"Voor wie de werkplaatsen organiseert: deelname, waar de trio's staan, hoe ze bewegen, acties en "
               f"leervragen van {what}.")
    named = st.checkbox("Met namen van gemeenten", value=False, key=f"{key}_named", help=NAMED_HELP)
    suffix = "-met-namen" if named else ""
    with st.container(horizontal=True):
        st.download_button("Rapport voor organisatoren (PDF)", key=f"{key}_pdf", icon=":material/picture_as_pdf:",
                           data=lambda: _report(kind, item_id, excel=False, named=named),
                           file_name=f"rolwijzer-{stem}-organisatoren{suffix}.pdf", mime="application/pdf")
        st.download_button("Rapport voor organisatoren (Excel)", key=f"{key}_xlsx", icon=":material/grid_on:",
                           data=lambda: _report(kind, item_id, excel=True, named=named),
                           file_name=f"rolwijzer-{stem}-organisatoren{suffix}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def manage_traject(traject: TrajectRecord, rounds: int) -> None:
    """Rename a leertraject; delete it while it has no rounds (a leertraject made by mistake)."""
    key = f"traject_{traject.id}"
    with st.expander("Leertraject beheren"):
        with st.form(f"{key}_rename", border=False):
            name = st.text_input("Naam van het leertraject", value=traject.name, key=f"{key}_name",
                                 max_chars=storage.MAX_TRAJECT_NAME)
            if st.form_submit_button("Naam opslaan"):
                try:
                    storage.rename_traject(engine(), traject.id, name=name)
                except storage.InputError as exc:
                    st.error(str(exc))
                else:
                    st.rerun()
        if rounds:
            st.download_button("Back-up van het hele leertraject (JSON)", key=f"{key}_backup", icon=":material/save:",
                               data=lambda: traject_backup_bytes(traject.id), mime="application/json",
                               file_name=f"rolwijzer-leertraject-{traject.id}-backup.json")
            st.caption(TRAJECT_BACKUP_NOTE)
            st.caption("Een leertraject met werkplaatsen kun je niet verwijderen. Verwijder eerst de werkplaatsen; "
                       "dan kan het leertraject weg.")
        elif st.button("Leertraject verwijderen", key=f"{key}_delete", icon=":material/delete:"):
            try:
                storage.delete_traject(engine(), traject.id)
            except storage.InputError as exc:  # a round was just made, or it is gone already
                st.error(str(exc))
            else:
                st.rerun()


def restored_words(restored: WerkplaatsRecord | TrajectRecord) -> str:
    """Markdown: what a restore made, with the new code of a werkplaats."""
    if isinstance(restored, WerkplaatsRecord):
        return f"Teruggezet als '{md(restored.name)}' met nieuwe code {storage.format_code(restored.join_code)}."
    rounds = len(storage.traject_round_ids(engine(), restored.id))
    count = "1 werkplaats" if rounds == 1 else f"{rounds} werkplaatsen"
    return (f"Teruggezet als leertraject '{md(restored.name)}' met {count}. Elke werkplaats en elk trio heeft "
            "een nieuwe code; deelnemers krijgen nieuwe persoonlijke links.")
