"""Werkplaatsen: set up a workshop, show its join code, tidy its trios, export, back up, restore and delete."""

from __future__ import annotations

import streamlit as st

import settings
import storage
from storage import WerkplaatsRecord, WerkplaatsSummary
from ui import gate, pages
from ui.exports import CSV_SHEETS, backup_bytes, csv_bytes, excel_bytes, group_pdf_bytes, restore
from ui.facilitator import (
    CREATED_KEY,
    OPEN_KEY,
    big_code,
    close_werkplaats,
    local_time,
    open_werkplaats,
    trio_count,
)
from ui.links import page_url, show_link
from ui.state import engine, werkplaats_model
from ui.text import md
from ui.trajecten import (
    RETENTION_TRAJECT_NOTE,
    deletion_warning,
    manage_traject,
    new_traject_form,
    new_werkplaats_form,
    organisers_report,
    restored_words,
    round_heading,
    rounds_by_traject,
    traject_caption,
)
from ui.trio_admin import manage_trios

RESTORE_FIELD_KEY = "restore_field_number"
RESTORED_KEY = "restored_message"
NOTHING_YET = "Nog geen werkplaatsen. Maak er hierboven een aan, of zet onderaan een back-up terug."

gate.require()
st.title("Werkplaatsen")

summaries = storage.list_werkplaatsen(engine())
trajecten = storage.list_trajecten(engine())
by_traject = rounds_by_traject(summaries)
new_werkplaats_form(summaries, trajecten)
new_traject_form()


def join_code_and_qr(opened: WerkplaatsRecord) -> None:
    code_col, qr_col = st.columns([3, 2])
    with code_col:
        st.markdown("Deelnemers gaan naar Rolwijzer en vullen deze code in:")
        big_code(opened.join_code, "2.75rem")
        st.page_link(pages.WALL.path, label="Open de groepsmuur", icon=pages.WALL.icon)
    with qr_col:
        show_link("Of scannen:", page_url("", {"code": opened.join_code}), qr_width=320)


def exports(opened: WerkplaatsRecord) -> None:
    st.markdown("#### Exporteren")
    export_cols = st.columns(4)
    stamp = f"{opened.held_on.isoformat()}-{opened.join_code}"
    export_cols[0].download_button("Antwoorden (CSV)", data=lambda: csv_bytes(opened.id), file_name=f"rolwijzer-{stamp}-antwoorden.csv",
                                   mime="text/csv", key="export_csv", icon=":material/table:")
    export_cols[1].download_button("Alles (Excel)", data=lambda: excel_bytes(opened.id), file_name=f"rolwijzer-{stamp}.xlsx",
                                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                   key="export_xlsx", icon=":material/grid_on:")
    export_cols[2].download_button("Groepsverslag (PDF)", data=lambda: group_pdf_bytes(opened.id), file_name=f"rolwijzer-{stamp}.pdf",
                                   mime="application/pdf", key="export_pdf", icon=":material/picture_as_pdf:")
    export_cols[3].download_button("Back-up (JSON)", data=lambda: backup_bytes(opened.id), file_name=f"rolwijzer-{stamp}-backup.json",
                                   mime="application/json", key="export_json", icon=":material/save:")
    # What trios take home, per sheet: the same rows as in the Excel workbook.
    for column, (sheet, label) in zip(st.columns(4), CSV_SHEETS, strict=False):
        column.download_button(f"{label} (CSV)", data=lambda sheet=sheet: csv_bytes(opened.id, sheet),
                               file_name=f"rolwijzer-{stamp}-{sheet.lower()}.csv", mime="text/csv",
                               key=f"export_csv_{sheet.lower()}", icon=":material/table:")
    st.caption("Een back-up bevat alle antwoorden, maar geen persoonlijke links of codes; die worden bij terugzetten nieuw gemaakt.")


def deletion(opened: WerkplaatsRecord) -> None:
    with st.expander("Werkplaats verwijderen"):
        st.warning(deletion_warning(opened, len(by_traject.get(opened.traject_id or 0, []))))
        confirm = st.text_input("Typ de code van de werkplaats ter bevestiging", key="delete_confirm", max_chars=20)
        if st.button("Definitief verwijderen", type="primary", key="delete_wp",
                     disabled=storage.normalise_code(confirm) != opened.join_code):
            storage.delete_werkplaats(engine(), opened.id)
            close_werkplaats()
            st.rerun()


def details(opened: WerkplaatsRecord) -> None:
    """The open werkplaats, inside its own entry of the list: the code first, then everything else."""
    if st.session_state.get(CREATED_KEY) == opened.id:
        st.success(f"De werkplaats **{md(opened.name)}** is aangemaakt, met de code "
                   f"**{storage.format_code(opened.join_code)}**. Geef de deelnemers deze code, of laat ze de "
                   "QR-code scannen.", icon=":material/check_circle:")
    join_code_and_qr(opened)
    manage_trios(opened, werkplaats_model(opened))
    exports(opened)
    st.markdown("#### Rapport voor organisatoren")
    organisers_report("werkplaats", opened.id, f"{opened.held_on.isoformat()}-{opened.join_code}")
    deletion(opened)


# No st.stop() on an empty server: restoring a backup there is how a werkplaats moves to a new server.
if not summaries and not trajecten:
    st.info(NOTHING_YET)
else:
    st.header("Alle werkplaatsen", anchor=False)
show_standalone = bool(summaries) and st.toggle("Ook zelfstandig ingevulde trio's tonen", value=False,
                                                key="wp_show_standalone")
opened_id = st.session_state.get(OPEN_KEY)
opened: WerkplaatsRecord | None = storage.get_werkplaats(engine(), opened_id) if opened_id is not None else None


def entry(w: WerkplaatsSummary, in_traject: bool) -> None:
    """One werkplaats in the list: name (or round), date, trios and code; its details when opened."""
    is_open = opened is not None and w.id == opened.id
    if w.standalone and not show_standalone and not is_open:
        return
    with st.container(border=True, key=f"wp_entry_{w.id}"):
        with st.container(horizontal=True, vertical_alignment="center"):
            with st.container(gap=None):
                if in_traject:
                    st.markdown(f"#### {round_heading(w)}")
                else:
                    st.subheader(md(w.name), anchor=False)
                st.markdown(
                    f"{w.held_on:%d-%m-%Y} · {trio_count(w.trio_count)} · code {storage.format_code(w.join_code)}"
                    + (" · zelfstandig" if w.standalone else "")
                    + f"  \n:gray[aangemaakt {local_time(w.created_at)}]"
                )
            if is_open:
                st.button("Sluiten", key=f"close_wp_{w.id}", on_click=close_werkplaats)
            elif st.button("Openen", key=f"open_wp_{w.id}", type="secondary"):
                open_werkplaats(w.id)
                st.rerun()
        if is_open and opened is not None:
            details(opened)


for traject in trajecten:
    rounds = by_traject.get(traject.id, [])
    with st.container(border=True, key=f"traject_entry_{traject.id}"):
        st.subheader(f"Leertraject · {md(traject.name)}", anchor=False)
        st.caption(traject_caption(rounds))
        for w in rounds:
            entry(w, in_traject=True)
        if rounds:
            with st.expander("Rapport voor organisatoren over het hele leertraject"):
                organisers_report("traject", traject.id, f"leertraject-{traject.id}")
        manage_traject(traject, len(rounds))
for w in summaries:
    if w.traject_id is None:
        entry(w, in_traject=False)

st.divider()
st.header("Back-up terugzetten", anchor=False)
# Each restore gets a new, empty file field (a new key): a second click cannot restore the same file twice.
upload_number = st.session_state.get(RESTORE_FIELD_KEY, 0)
upload = st.file_uploader("Back-upbestand (JSON) van een werkplaats of leertraject, van een Rolwijzer-server",
                          type=["json"], key=f"restore_upload_{upload_number}")
if upload is not None and st.button("Terugzetten", key="restore_button"):
    try:
        restored = restore(upload.getvalue())
    except ValueError as exc:
        st.error(str(exc))
    else:
        st.session_state[RESTORED_KEY] = restored_words(restored)
        st.session_state[RESTORE_FIELD_KEY] = upload_number + 1
        if isinstance(restored, WerkplaatsRecord):
            open_werkplaats(restored.id)
        st.rerun()  # the list above shows what was restored
if restored_message := st.session_state.pop(RESTORED_KEY, None):
    st.success(restored_message)

st.divider()
st.header("Bewaartermijn (AVG)", anchor=False)
shortest, longest = settings.RETENTION_DAYS_RANGE
days = st.number_input("Werkplaatsen ouder dan dit aantal dagen", min_value=shortest, max_value=longest,
                       value=settings.retention_days(), key="retention_days")
expired = storage.werkplaatsen_older_than(engine(), int(days))
st.caption(RETENTION_TRAJECT_NOTE)
if not expired:
    st.caption("Geen werkplaatsen ouder dan de bewaartermijn.")
for w in expired:
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        st.markdown(f"**{md(w.name)}** · aangemaakt {w.created_at:%d-%m-%Y}")
        if st.button("Open om te verwijderen", key=f"expired_{w.id}"):
            open_werkplaats(w.id)
            st.rerun()
