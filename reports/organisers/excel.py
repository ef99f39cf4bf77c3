"""The organisers' report as an Excel workbook: the same figures as the PDF, one sheet per subject,
every round (the PDF shows the latest round for the statements, wijk and sector and influence).

Cells hold real numbers (scores -1..1, answer points, counts) rounded to two decimals; Excel shows
them with the reader's decimal comma. Text goes through :func:`reports.exports.to_excel_bytes`, which
neutralises formulas ("=HYPERLINK(…)" in a leervraag stays text). Trios are letters unless ``named``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from reports.exports import to_excel_bytes
from reports.organisers.words import (
    pole,
    summary_lines,
    theme,
    wijk_sector_sentences,
)
from results.actions import ACTION_STATUSES, status_name
from results.groups import wijk_and_sector
from results.programme import (
    Programme,
    RoundTrio,
    action_counts,
    bestuur_comparisons,
    influence_totals,
    leervragen,
    movements,
    participation,
    perspective_counts,
    round_groups,
    statement_figures,
)
from results.words import place_words, quadrant_name, shift_words
from scoring import FRAMES, GroupScore, Model

SHEETS = ("Samenvatting", "Deelname", "Trio's", "Beweging", "Stellingen", "Wijk en sector", "Bestuur", "Invloed",
          "Perspectieven", "Acties", "Actiestatus", "Leervragen")


def build_organisers_workbook(programme: Programme, *, named: bool = False) -> bytes:
    """The workbook as .xlsx bytes; ``named`` adds the municipality and casus of every trio."""
    return to_excel_bytes(organisers_frames(programme, named=named))


def organisers_frames(programme: Programme, *, named: bool = False) -> dict[str, pd.DataFrame]:
    """The workbook's sheets by name, in :data:`SHEETS` order."""
    frames = (_summary(programme), _participation(programme), _trios(programme, named), _movement(programme, named),
              _statements(programme), _wijk_sector(programme), _bestuur(programme, named), _influence(programme),
              _perspectives(programme),
              _actions(programme, named), _action_status(programme), _leervragen(programme, named))
    return dict(zip(SHEETS, frames, strict=True))


def _frame(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(records), columns=list(columns))


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _who(trio: RoundTrio, named: bool) -> dict[str, Any]:
    """The trio's columns: its letter, and with ``named`` its municipality and casus."""
    who: dict[str, Any] = {"Trio": f"Trio {trio.letter}"}
    if named:
        who.update({"Gemeente": trio.municipality, "Casus": trio.casus})
    return who


def _who_columns(named: bool) -> list[str]:
    return ["Trio", "Gemeente", "Casus"] if named else ["Trio"]


def _unique(labels: Sequence[str]) -> list[str]:
    """Round labels as column names, numbered when two rounds have the same label."""
    return [label if labels.count(label) == 1 else f"{label} ({i})" for i, label in enumerate(labels, start=1)]


def _summary(programme: Programme) -> pd.DataFrame:
    records = [{"Onderwerp": "In het kort", "Tekst": line} for line in summary_lines(programme)]
    latest = programme.latest
    if latest is not None:
        model = programme.model
        groups = wijk_and_sector(model, round_groups(latest))
        records += [{"Onderwerp": f"Wijk en sector ({latest.label})", "Tekst": line}
                    for line in wijk_sector_sentences(model, groups, statement_figures(model, latest))]
    return _frame(records, ["Onderwerp", "Tekst"])


def _participation(programme: Programme) -> pd.DataFrame:
    columns = ["Ronde", "Datum", "Trio's", "Trioleden", "Begonnen", "Alles ingevuld", "Antwoorden gegeven",
               "Antwoorden mogelijk", "Ingevuld (%)"]
    records = []
    for round_ in programme.rounds:
        p = participation(round_)
        records.append(dict(zip(columns, (p.round, p.held_on, p.trios, p.members, p.members_started,
                                          p.members_complete, p.answered, p.total, round(100 * p.progress, 1)),
                                strict=True)))
    return _frame(records, columns)


def _position(model: Model, prefix: str, score: GroupScore) -> dict[str, Any]:
    return {prefix: quadrant_name(model, score.quadrant, ""), f"{prefix} x": _number(score.x),
            f"{prefix} y": _number(score.y)}


def _trios(programme: Programme, named: bool) -> pd.DataFrame:
    model = programme.model
    records = [
        {"Ronde": r.label, **_who(t, named), "Trioleden": len(t.result.members),
         "Ingevuld (%)": round(100 * t.result.progress, 1), **_position(model, "Nu", t.result.nu),
         **_position(model, "Gewenst", t.result.gewenst), "Onderling verschil": _number(t.result.spread)}
        for r in programme.rounds for t in r.trios
    ]
    return _frame(records, ["Ronde", *_who_columns(named), "Trioleden", "Ingevuld (%)", "Nu", "Nu x", "Nu y",
                            "Gewenst", "Gewenst x", "Gewenst y", "Onderling verschil"])


def _movement(programme: Programme, named: bool) -> pd.DataFrame:
    model = programme.model
    records = []
    for trio, movement in movements(programme):
        for trio_step in movement.steps:
            step = trio_step.step
            for frame in FRAMES:
                shift = step.shift(frame)
                changed = shift.quadrant_changed
                records.append({
                    **_who(trio, named), "Van ronde": step.before, "Naar ronde": step.after, "Wat": frame,
                    "Kwadrant ervoor": quadrant_name(model, shift.before.quadrant, "") if shift.before else "",
                    "Kwadrant erna": quadrant_name(model, shift.after.quadrant, "") if shift.after else "",
                    "Ander kwadrant": "" if changed is None else ("ja" if changed else "nee"),
                    "Verschuiving x": _number(shift.dx), "Verschuiving y": _number(shift.dy),
                    "Zelfde trioleden": "ja" if trio_step.same_members else "nee",
                    "In woorden": f"‘{frame}’ {shift_words(model, step, frame)}",
                })
    return _frame(records, [*_who_columns(named), "Van ronde", "Naar ronde", "Wat", "Kwadrant ervoor",
                            "Kwadrant erna", "Ander kwadrant", "Verschuiving x", "Verschuiving y",
                            "Zelfde trioleden", "In woorden"])


def _statements(programme: Programme) -> pd.DataFrame:
    model = programme.model
    records = [
        {"Ronde": r.label, "Stelling": f.question_id, "Thema": theme(model, f.question_id),
         "As": model.axis(model.question(f.question_id).axis).name,
         "Verschil binnen trio nu": _number(f.disagreement_nu),
         "Verschil binnen trio gewenst": _number(f.disagreement_gewenst), "Trio's ver uit elkaar": f.wide_trios,
         "Gewenst min nu": _number(f.change),
         "Richting": pole(model, f.question_id, f.change) if f.change else "",
         "Wijk min sector nu": _number(f.wijk_minus_sector_nu),
         "Wijk min sector gewenst": _number(f.wijk_minus_sector_gewenst)}
        for r in programme.rounds for f in statement_figures(model, r)
    ]
    return _frame(records, ["Ronde", "Stelling", "Thema", "As", "Verschil binnen trio nu",
                            "Verschil binnen trio gewenst", "Trio's ver uit elkaar", "Gewenst min nu", "Richting",
                            "Wijk min sector nu", "Wijk min sector gewenst"])


def _wijk_sector(programme: Programme) -> pd.DataFrame:
    model = programme.model
    records = [
        {"Ronde": r.label, "Groep": "Wijkambtenaren" if kind == "wijk" else "Sectorcollega's",
         "Trioleden": len(result.members), **_position(model, "Nu", result.nu),
         **_position(model, "Gewenst", result.gewenst)}
        for r in programme.rounds for kind, result in wijk_and_sector(model, round_groups(r)).items()
    ]
    return _frame(records, ["Ronde", "Groep", "Trioleden", "Nu", "Nu x", "Nu y", "Gewenst", "Gewenst x",
                            "Gewenst y"])


def _bestuur(programme: Programme, named: bool) -> pd.DataFrame:
    """Per round, trio whose bestuurder answered and moment: both places, how far apart, the widest statement."""
    model = programme.model
    records = []
    for r in programme.rounds:
        for trio, comparisons in bestuur_comparisons(model, r):
            for c in comparisons:
                widest = c.largest(1)
                records.append({
                    "Ronde": r.label, **_who(trio, named), "Moment": c.frame,
                    "Het trio": place_words(model, c.trio, missing=""),
                    "De bestuurder": place_words(model, c.bestuur, missing=""),
                    "Trio x": _number(c.trio.x), "Trio y": _number(c.trio.y),
                    "Bestuurder x": _number(c.bestuur.x), "Bestuurder y": _number(c.bestuur.y),
                    "Afstand": _number(c.distance),
                    "Grootste verschil": theme(model, widest[0].question_id) if widest else "",
                    "Verschil in punten": _number(widest[0].gap) if widest else None,
                })
    return _frame(records, ["Ronde", *_who_columns(named), "Moment", "Het trio", "De bestuurder", "Trio x", "Trio y",
                            "Bestuurder x", "Bestuurder y", "Afstand", "Grootste verschil", "Verschil in punten"])


def _influence(programme: Programme) -> pd.DataFrame:
    model = programme.model
    options = tuple(model.influence.options) if model.influence else ()
    records = []
    for r in programme.rounds:
        _, totals = influence_totals(model, r)
        records += [{"Ronde": r.label, "Stelling": t.question_id, "Thema": theme(model, t.question_id),
                     "Trio's die verandering willen": t.trios, **{o.name: t.counts[o.id] for o in options},
                     "Totaal": t.chosen} for t in totals]
    return _frame(records, ["Ronde", "Stelling", "Thema", "Trio's die verandering willen",
                            *(o.name for o in options), "Totaal"])


def _perspectives(programme: Programme) -> pd.DataFrame:
    model = programme.model
    rounds = _unique([r.label for r in programme.rounds])
    by_id = {p.id: p for p in model.perspectives}
    audiences = {a.id: a.name for a in model.audiences}
    spheres = {s.id: s.name for s in model.spheres}
    records = []
    for c in perspective_counts(programme):
        p = by_id.get(c.perspective_id)
        records.append({
            "Perspectief": c.perspective_id, "Titel": p.title if p else c.perspective_id,
            "Kwadrant": quadrant_name(model, p.quadrant) if p else "",
            "Voor": audiences.get(p.audience, p.audience) if p else "",
            "Invloed": spheres.get(p.sphere, p.sphere) if p else "",
            **dict(zip(rounds, c.per_round, strict=True)), "Totaal": c.total,
        })
    return _frame(records, ["Perspectief", "Titel", "Kwadrant", "Voor", "Invloed", *rounds, "Totaal"])


def _actions(programme: Programme, named: bool) -> pd.DataFrame:
    records = [
        {"Ronde": r.label, **_who(t, named), "Actie": a.what, "Wie": a.who, "Wanneer": a.when,
         "Status": status_name(a.status), "Terugblik": a.reflection}
        for r in programme.rounds for t in r.trios for a in t.actions
    ]
    return _frame(records, ["Ronde", *_who_columns(named), "Actie", "Wie", "Wanneer", "Status", "Terugblik"])


def _action_status(programme: Programme) -> pd.DataFrame:
    names = [status_name(s) for s in ACTION_STATUSES]
    records = []
    for r in programme.rounds:
        counts = action_counts(r)
        records.append({"Ronde": r.label, **dict(zip(names, counts.values(), strict=True)),
                        "Totaal": sum(counts.values())})
    return _frame(records, ["Ronde", *names, "Totaal"])


def _leervragen(programme: Programme, named: bool) -> pd.DataFrame:
    """One row per leervraag; per round a column with what the trio wrote about it then."""
    rounds = [r.label for r in programme.rounds]
    records = [{**_who(trio, named), "Nummer": q.id, "Leervraag": q.text,
                **{note.round_name: note.text for note in q.notes}}
               for trio, asked in leervragen(programme) for q in asked]
    return _frame(records, [*_who_columns(named), "Nummer", "Leervraag", *rounds])
