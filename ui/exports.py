"""Exports of one werkplaats, for the facilitator's download buttons."""

from __future__ import annotations

import datetime as dt

import storage
from reports.export_rounds import SHEET_ACTIONS, SHEET_LEERVRAGEN, SHEET_PERSPECTIVES
from reports.exports import SHEET_ANSWERS, to_csv_bytes, to_excel_bytes, werkplaats_export_frames
from reports.pdf.group import GroupReport, GroupTrio, build_group_pdf
from results import role_groups
from storage import TrajectRecord, WerkplaatsRecord
from storage.backup import backup_json, restore_any, traject_backup_json
from ui.reads import read_werkplaats_groups
from ui.state import engine, werkplaats_model

CSV_SHEETS = (
    (SHEET_PERSPECTIVES, "Gekozen perspectieven"),
    (SHEET_ACTIONS, "Acties"),
    (SHEET_LEERVRAGEN, "Leervragen"),
)
"""(sheet, button label) of what trios take home, also offered one by one as CSV."""


def csv_bytes(werkplaats_id: int, sheet: str = SHEET_ANSWERS) -> bytes:
    """One sheet of the Excel export as CSV: the answers, or e.g. ``Perspectieven``, ``Acties``, ``Leervragen``."""
    return to_csv_bytes(werkplaats_export_frames(engine(), werkplaats_id)[sheet])


def excel_bytes(werkplaats_id: int) -> bytes:
    return to_excel_bytes(werkplaats_export_frames(engine(), werkplaats_id))


def group_pdf_bytes(werkplaats_id: int) -> bytes:
    werkplaats = storage.get_werkplaats(engine(), werkplaats_id)
    assert werkplaats is not None
    model = werkplaats_model(werkplaats)
    groups = read_werkplaats_groups(model, werkplaats_id)
    return build_group_pdf(
        GroupReport(
            model=model,
            werkplaats_name=werkplaats.name,
            werkplaats_date=werkplaats.held_on,
            trios=[
                GroupTrio(label=g.trio.municipality, municipality=g.trio.municipality, casus=g.trio.casus, result=g.result)
                for g in groups
            ],
            role_groups=[(role, model.role_name(role), res) for role, res in role_groups(model, groups).items()],
            generated_on=dt.date.today(),
        )
    )


def backup_bytes(werkplaats_id: int) -> bytes:
    return backup_json(engine(), werkplaats_id)


def traject_backup_bytes(traject_id: int) -> bytes:
    return traject_backup_json(engine(), traject_id)


def restore(data: bytes) -> WerkplaatsRecord | TrajectRecord:
    """A werkplaats's backup or a leertraject's. Raises ``ValueError`` (``BackupError``) with a Dutch message
    for an invalid file."""
    return restore_any(engine(), data)
