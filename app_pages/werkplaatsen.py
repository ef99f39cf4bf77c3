"""Werkplaatsen: set up a workshop, show its join code, export, back up, restore and delete."""

from __future__ import annotations

import datetime as dt

import streamlit as st

import settings
import storage
from storage import WerkplaatsRecord
from ui import gate, pages
from ui.content import current_snapshot
from ui.exports import backup_bytes, csv_bytes, excel_bytes, group_pdf_bytes, restore
from ui.facilitator import OPEN_KEY, open_werkplaats
from ui.links import page_url, show_link
from ui.state import engine
from ui.text import md

gate.require()
st.title("Werkplaatsen")

with st.expander("Nieuwe werkplaats", expanded=not storage.list_werkplaatsen(engine())):
    snapshot = current_snapshot()
    with st.form("new_werkplaats", clear_on_submit=True):
        name = st.text_input("Naam", max_chars=storage.MAX_WERKPLAATS_NAME, key="new_wp_name",
                             placeholder="Werkplaats 2 · Utrecht")
        held_on = st.date_input("Datum", value=dt.date.today(), format="DD-MM-YYYY", key="new_wp_date")
        st.selectbox("Inhoud", [f"content/ (versie {snapshot.content_hash})"], key="new_wp_content",
                     help="De stellingen en teksten in de map content/. Ze worden bij de werkplaats bewaard, "
                          "zodat latere wijzigingen oude resultaten niet veranderen.")
        if st.form_submit_button("Werkplaats aanmaken", type="primary"):
            try:
                created = storage.create_werkplaats(engine(), name=name, held_on=held_on, content=snapshot)
            except storage.InputError as exc:
                st.error(str(exc))
            else:
                open_werkplaats(created.id)
                st.rerun()

summaries = storage.list_werkplaatsen(engine())
if not summaries:
    st.info("Nog geen werkplaatsen. Maak er hierboven een aan, of vul demodata in met `python -m storage demo`.")
    st.stop()

st.header("Alle werkplaatsen")
show_standalone = st.toggle("Ook zelfstandig ingevulde trio's tonen", value=False, key="wp_show_standalone")
listed = [w for w in summaries if show_standalone or not w.standalone]
for w in listed:
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        st.markdown(
            f"**{md(w.name)}** · {w.held_on:%d-%m-%Y} · {w.trio_count} trio's · code {storage.format_code(w.join_code)}"
            + (" · zelfstandig" if w.standalone else "")
            + f"  \n:gray[aangemaakt {w.created_at:%d-%m-%Y %H:%M} UTC]"
        )
        if st.button("Openen", key=f"open_wp_{w.id}", type="secondary"):
            open_werkplaats(w.id)
            st.rerun()

opened_id = st.session_state.get(OPEN_KEY)
opened: WerkplaatsRecord | None = storage.get_werkplaats(engine(), opened_id) if opened_id is not None else None
if opened is not None:
    st.divider()
    st.header(md(opened.name))
    st.caption(f"{opened.held_on:%d-%m-%Y} · aangemaakt {opened.created_at:%d-%m-%Y %H:%M} UTC · inhoud {opened.content_hash}")
    code_col, qr_col = st.columns([3, 2], vertical_alignment="center")
    with code_col:
        st.markdown("Deelnemers gaan naar Rolwijzer en vullen deze code in:")
        st.markdown(f"## {storage.format_code(opened.join_code)}")
        st.page_link(pages.WALL.path, label="Open de groepsmuur", icon=pages.WALL.icon)
    with qr_col:
        show_link("Of scannen:", page_url("", {"code": opened.join_code}), qr_width=320)

    st.subheader("Exporteren")
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
    st.caption("Een back-up bevat alle antwoorden, maar geen persoonlijke links of codes; die worden bij terugzetten nieuw gemaakt.")

    with st.expander("Werkplaats verwijderen"):
        st.warning("Dit verwijdert de werkplaats met alle trio's, deelnemers, antwoorden en acties. Dit kan niet ongedaan worden.")
        confirm = st.text_input("Typ de code van de werkplaats ter bevestiging", key="delete_confirm", max_chars=20)
        if st.button("Definitief verwijderen", type="primary", key="delete_wp",
                     disabled=storage.normalise_code(confirm) != opened.join_code):
            storage.delete_werkplaats(engine(), opened.id)
            st.session_state.pop(OPEN_KEY, None)
            st.success("Verwijderd.")
            st.rerun()

st.divider()
st.header("Back-up terugzetten")
upload = st.file_uploader("Back-upbestand (JSON) van een Rolwijzer-server", type=["json"], key="restore_upload")
if upload is not None and st.button("Terugzetten", key="restore_button"):
    try:
        restored = restore(upload.getvalue())
    except ValueError as exc:
        st.error(str(exc))
    else:
        open_werkplaats(restored.id)
        st.success(f"Teruggezet als '{md(restored.name)}' met nieuwe code {storage.format_code(restored.join_code)}.")

st.divider()
st.header("Bewaartermijn (AVG)")
shortest, longest = settings.RETENTION_DAYS_RANGE
days = st.number_input("Werkplaatsen ouder dan dit aantal dagen", min_value=shortest, max_value=longest,
                       value=settings.retention_days(), key="retention_days")
expired = storage.werkplaatsen_older_than(engine(), int(days))
if not expired:
    st.caption("Geen werkplaatsen ouder dan de bewaartermijn.")
for w in expired:
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        st.markdown(f"**{md(w.name)}** · aangemaakt {w.created_at:%d-%m-%Y}")
        if st.button("Open om te verwijderen", key=f"expired_{w.id}"):
            open_werkplaats(w.id)
            st.rerun()
