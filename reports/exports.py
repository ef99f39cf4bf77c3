"""Tables of a werkplaats for CSV and Excel: answers, scores, the content used, and what the trios
take home from the round (perspectives, actions, leervragen; :mod:`reports.export_rounds`).

The frame builders are pure: they take records and answers already loaded from
storage, so the same data gives the same tables. Only
:func:`werkplaats_export_frames` reads the database (seven queries, whatever the
number of trios).

Column names are Dutch and documented in the README ("Exports"); values keep the content's ids.
Times are written as Dutch clock times (Europe/Amsterdam), without a time zone.

Privacy: member tokens never appear in an export, and neither do trio codes
(with a code anyone could join the trio). Trios are identified by their id, members
by their role name, the display name they chose, and a number within the trio
when that is not unique (the same label the app shows).

Formula injection: a spreadsheet runs text that starts with ``=``, ``+``, ``-``
or ``@`` (and, in some programs, a tab or carriage return) as a formula. Every
text cell is passed through :func:`neutralise_formula` right before writing,
which puts a single quote in front of such text. Numbers (such as negative
scores) stay numbers.

CSV dialect: semicolon separated with a decimal comma, UTF-8 with a byte order
mark and CRLF line ends: what Excel with Dutch regional settings opens correctly
by double-clicking. Read it back with ``pd.read_csv(f, sep=";", decimal=",")``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import Engine

import storage
from reports.export_bestuur import SHEET_BESTUUR, bestuur_frame
from reports.export_content import SHEET_CONTENT, content_frame
from reports.export_influence import SHEET_INFLUENCE, SHEET_MEMBERS, by_id, influence_frame, members_frame
from reports.export_rounds import (
    SHEET_ACTIONS,
    SHEET_LEERVRAGEN,
    SHEET_PERSPECTIVES,
    actions_frame,
    leervragen_frame,
    perspectives_frame,
)
from results import trio_result
from results.words import place_words
from scoring import FRAMES, Frame, GroupResult, Model
from scoring.engine import GroupScore, Score
from storage import AnswerRow, InfluenceChoiceRow, TrioMembers, WerkplaatsRecord
from storage.export_reads import (
    NOTHING_TAKEN,
    BestuurAnswers,
    RoundTakeaways,
    werkplaats_bestuur,
    werkplaats_takeaways,
)

# Column names are Dutch, for the facilitators who open the files; the values keep the content's ids
# (statement ids, axis x/y, moment nu/gewenst, low/high) so that sheets can be joined and filtered.
ANSWER_COLUMNS: Final = (
    "werkplaats", "trio", "gemeente", "rol", "triolid", "stelling", "thema", "as", "moment", "antwoord", "bijgewerkt",
)
SCORE_COLUMNS: Final = (
    "niveau", "trio", "gemeente", "rol", "triolid", "moment", "x", "y", "kwadrant", "plek", "beantwoord",
    "onderling verschil x", "onderling verschil y",
)
TRIO_COLUMNS: Final = ("trio", "gemeente", "casus", "trioleden", "aangemaakt")

SHEET_ANSWERS: Final = "Antwoorden"
SHEET_SCORES: Final = "Scores"
SHEET_TRIOS: Final = "Trio's"

DONT_KNOW: Final = "weet ik niet"
LEVEL_MEMBER: Final = "triolid"
LEVEL_TRIO: Final = "trio"

CSV_SEPARATOR: Final = ";"
CSV_DECIMAL: Final = ","
CSV_ENCODING: Final = "utf-8-sig"
"""UTF-8 with a byte order mark: without it Excel reads UTF-8 as Windows-1252 (ë becomes Ã«)."""
LOCAL_TIME: Final = "Europe/Amsterdam"
"""Times are written as the clock in the Netherlands showed them (spreadsheets know no time zones)."""

FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
_EXCEL_SHEET_NAME = re.compile(r"[^\[\]:*?/\\]{1,31}")


# --- Safe cells -----------------------------------------------------------------


def neutralise_formula(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert with a leading quote.

    Anything that is not text (numbers, dates, missing values) is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _is_text_column(series: pd.Series) -> bool:
    return series.dtype == object or isinstance(series.dtype, pd.StringDtype)


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with :func:`neutralise_formula` applied to every text column."""
    result = df.copy()
    for column in result.columns:
        if _is_text_column(result[column]):
            result[column] = result[column].map(neutralise_formula, na_action="ignore")
    return result


def _without_illegal_characters(value: Any) -> Any:
    # Control characters (other than tab and line ends) cannot be stored in an .xlsx file.
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _local_times(df: pd.DataFrame) -> pd.DataFrame:
    """Moments in time as Dutch wall-clock time, without a time zone (which Excel cannot hold)."""
    result = df.copy()
    for column in result.columns:
        series = result[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            result[column] = series.dt.tz_convert(LOCAL_TIME).dt.tz_localize(None)
    return result


def _excel_ready(df: pd.DataFrame) -> pd.DataFrame:
    result = _local_times(safe_frame(df))
    for column in result.columns:
        if _is_text_column(result[column]):
            result[column] = result[column].map(_without_illegal_characters, na_action="ignore")
    return result


# --- Writers --------------------------------------------------------------------


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """``df`` as CSV for Dutch Excel: ``;`` separated, decimal comma, UTF-8 with BOM, text made inert,
    times in Dutch time."""
    text: str = _local_times(safe_frame(df)).to_csv(
        index=False, sep=CSV_SEPARATOR, decimal=CSV_DECIMAL, lineterminator="\r\n"
    )
    return text.encode(CSV_ENCODING)


def to_excel_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook with one sheet per frame, in the given order, text made inert."""
    if not sheets:
        raise ValueError("to_excel_bytes needs at least one sheet")
    for name in sheets:
        if not _EXCEL_SHEET_NAME.fullmatch(name) or name.startswith("'") or name.endswith("'"):
            raise ValueError(f"invalid Excel sheet name: {name!r}")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, df in sheets.items():
            _excel_ready(df).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            for index, column in enumerate(df.columns, start=1):
                sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = _width(
                    str(column), df[column]
                )
    return buffer.getvalue()


def _width(header: str, series: pd.Series) -> float:
    sample = series.head(200).map(lambda v: len(str(v)) if v is not None else 0)
    longest = max([len(header), *sample.tolist()])
    return float(min(max(longest + 2, 8), 60))


# --- Frames ---------------------------------------------------------------------


def _answers_by_member(rows: Iterable[AnswerRow]) -> dict[int, dict[Frame, dict[str, int | None]]]:
    """member id -> frame -> question id -> value."""
    result: dict[int, dict[Frame, dict[str, int | None]]] = {}
    for row in rows:
        result.setdefault(row.member_id, {frame: {} for frame in FRAMES})[row.frame][row.question_id] = (
            row.value
        )
    return result


def trio_results(
    model: Model, trios: Sequence[TrioMembers], rows: Iterable[AnswerRow]
) -> list[tuple[TrioMembers, GroupResult]]:
    """Every trio scored by :func:`results.trio.trio_result`, as the wall does it; ``member_id`` of each
    result is the member's id as text."""
    answers = _answers_by_member(rows)
    return [(entry, trio_result(model, entry.members, answers)) for entry in trios]


def answers_frame(
    model: Model, werkplaats: WerkplaatsRecord, trios: Sequence[TrioMembers], rows: Iterable[AnswerRow]
) -> pd.DataFrame:
    """One row per stored answer; ``antwoord`` is the answer (an integer) or "weet ik niet"."""
    trio_by_id, members, labels = by_id(model, trios)
    questions = {q.id: q for q in model.questions}
    records: list[dict[str, Any]] = []
    for row in rows:
        trio = trio_by_id.get(row.trio_id)
        member = members.get(row.member_id)
        question = questions.get(row.question_id)
        records.append(
            {
                "werkplaats": werkplaats.name,
                "trio": row.trio_id,
                "gemeente": trio.municipality if trio is not None else "",
                "rol": model.role_name(member.role) if member is not None else "",
                "triolid": labels.get(row.member_id, str(row.member_id)),
                "stelling": row.question_id,
                "thema": question.theme if question is not None else "",
                "as": question.axis if question is not None else "",
                "moment": row.frame,
                "antwoord": DONT_KNOW if row.value is None else row.value,
                "bijgewerkt": row.updated_at,
            }
        )
    df = pd.DataFrame.from_records(records, columns=list(ANSWER_COLUMNS))
    df["antwoord"] = df["antwoord"].astype(object)
    df["bijgewerkt"] = pd.to_datetime(df["bijgewerkt"], utc=True).dt.tz_convert(LOCAL_TIME)
    return df


def _quadrant_name(model: Model, quadrant_id: str | None) -> str:
    if quadrant_id is None:
        return ""
    try:
        return model.quadrant(quadrant_id).name
    except KeyError:
        return quadrant_id


def _float(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def scores_frame(model: Model, trios: Sequence[TrioMembers], rows: Iterable[AnswerRow]) -> pd.DataFrame:
    """Per trio: a row per member and moment (niveau "triolid"), then a row per moment for the trio
    (niveau "trio").

    ``x`` and ``y`` are floats in -1..1 (empty without enough answers); ``plek`` says the quadrant, a border or
    the middle in words (:func:`results.words.place_words`); ``onderling verschil x`` and
    ``onderling verschil y`` (the population standard deviation of the members) are only set on trio rows.
    """
    records: list[dict[str, Any]] = []
    for entry, result in trio_results(model, trios, rows):
        trio = entry.trio
        for member in result.members:
            for frame in FRAMES:
                s: Score = member.frame(frame)
                records.append(
                    {
                        "niveau": LEVEL_MEMBER,
                        "trio": trio.id,
                        "gemeente": trio.municipality,
                        "rol": model.role_name(member.role),
                        "triolid": member.label,
                        "moment": frame,
                        "x": _float(s.x),
                        "y": _float(s.y),
                        "kwadrant": _quadrant_name(model, s.quadrant),
                        "plek": place_words(model, s, missing=""),
                        "beantwoord": s.answered,
                        "onderling verschil x": float("nan"),
                        "onderling verschil y": float("nan"),
                    }
                )
        for frame in FRAMES:
            g: GroupScore = result.frame(frame)
            records.append(
                {
                    "niveau": LEVEL_TRIO,
                    "trio": trio.id,
                    "gemeente": trio.municipality,
                    "rol": "",
                    "triolid": "",
                    "moment": frame,
                    "x": _float(g.x),
                    "y": _float(g.y),
                    "kwadrant": _quadrant_name(model, g.quadrant),
                    "plek": place_words(model, g, missing=""),
                    "beantwoord": sum(m.frame(frame).answered for m in result.members),
                    "onderling verschil x": _float(g.spread_x),
                    "onderling verschil y": _float(g.spread_y),
                }
            )
    df = pd.DataFrame.from_records(records, columns=list(SCORE_COLUMNS))
    for column in ("x", "y", "onderling verschil x", "onderling verschil y"):
        df[column] = df[column].astype("float64")
    df["beantwoord"] = df["beantwoord"].astype("int64")
    return df


def trios_frame(trios: Sequence[TrioMembers]) -> pd.DataFrame:
    """One row per trio: its municipality, casus and number of members."""
    records = [
        {
            "trio": entry.trio.id,
            "gemeente": entry.trio.municipality,
            "casus": entry.trio.casus,
            "trioleden": len(entry.members),
            "aangemaakt": entry.trio.created_at,
        }
        for entry in trios
    ]
    df = pd.DataFrame.from_records(records, columns=list(TRIO_COLUMNS))
    df["aangemaakt"] = pd.to_datetime(df["aangemaakt"], utc=True).dt.tz_convert(LOCAL_TIME)
    return df


def export_frames(
    model: Model,
    werkplaats: WerkplaatsRecord,
    trios: Sequence[TrioMembers],
    rows: Sequence[AnswerRow],
    influence: Sequence[InfluenceChoiceRow] = (),
    takeaways: RoundTakeaways = NOTHING_TAKEN,
    bestuur: Sequence[BestuurAnswers] = (),
) -> dict[str, pd.DataFrame]:
    """The sheets of the Excel export, by sheet name, in order: answers, scores, content, trios, members
    (with their level), influence choices, chosen perspectives, actions, leervragen and the bestuurders."""
    return {
        SHEET_ANSWERS: answers_frame(model, werkplaats, trios, rows),
        SHEET_SCORES: scores_frame(model, trios, rows),
        SHEET_CONTENT: content_frame(model),
        SHEET_TRIOS: trios_frame(trios),
        SHEET_MEMBERS: members_frame(model, trios),
        SHEET_INFLUENCE: influence_frame(model, trios, influence),
        SHEET_PERSPECTIVES: perspectives_frame(model, trios, takeaways.perspectives),
        SHEET_ACTIONS: actions_frame(trios, takeaways.actions),
        SHEET_LEERVRAGEN: leervragen_frame(trios, takeaways.leervragen, werkplaats.id),
        SHEET_BESTUUR: bestuur_frame(model, trio_results(model, trios, rows), bestuur),
    }


# --- From the database ----------------------------------------------------------


def werkplaats_export_frames(engine: Engine, werkplaats_id: int) -> dict[str, pd.DataFrame]:
    """:func:`export_frames` for a stored werkplaats, in eight queries (the content model is cached).

    Raises :class:`storage.NotFound` when the werkplaats does not exist (any more).
    """
    werkplaats = storage.get_werkplaats(engine, werkplaats_id)
    if werkplaats is None:
        raise storage.NotFound("Deze werkplaats bestaat niet (meer).")
    model = storage.model_for_werkplaats(werkplaats)
    trios = storage.werkplaats_members(engine, werkplaats_id)
    rows = storage.werkplaats_answer_rows(engine, werkplaats_id)
    influence = storage.werkplaats_influence_rows(engine, werkplaats_id)
    takeaways = werkplaats_takeaways(engine, werkplaats_id)
    bestuur = werkplaats_bestuur(engine, werkplaats_id)
    return export_frames(model, werkplaats, trios, rows, influence, takeaways, bestuur)
