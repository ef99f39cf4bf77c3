"""The sentences of the organisers' report, written once for the PDF and the Excel workbook.

Plain Dutch (B1) with decimal commas (``results.numbers``). Trio names, leervragen and actions are
user text: the PDF sanitises every string, the workbook neutralises formulas.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from results.actions import ACTION_STATUSES, status_name
from results.numbers import decimal, percent
from results.programme import (
    Participation,
    Programme,
    ProgrammeRound,
    StatementFigures,
    action_counts,
    largest_changes,
    most_disagreement,
    movements,
    participation,
    perspective_counts,
    statement_figures,
    wijk_sector_gaps,
)
from results.rounds import Shift
from results.words import quadrant_name
from scoring import GroupResult, Model

CLOSE = 0.1
"""Group means closer than this on an axis (score units) are "ongeveer gelijk"."""

ANONYMOUS_NOTE = (
    "De trio's staan in dit verslag als letters. Leervragen en acties staan er zoals de trio's ze "
    "schreven: lees ze na voordat u het verslag deelt."
)


TRIOS = "trio's"


def count(n: int, one: str, many: str) -> str:
    """"1 trio", "4 trio's"."""
    return f"{n} {one if n == 1 else many}"


def join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def theme(model: Model, question_id: str) -> str:
    try:
        return model.question(question_id).theme
    except KeyError:
        return question_id


def perspective_title(model: Model, perspective_id: str) -> str:
    for p in model.perspectives:
        if p.id == perspective_id:
            return p.title
    return perspective_id


def pole(model: Model, question_id: str, delta: float) -> str:
    """The pole of the statement's axis that ``delta`` points to: "Krachten", "Systeemwereld"."""
    axis = model.axis(model.question(question_id).axis)
    return axis.high if delta > 0 else axis.low


def points(value: float) -> str:
    """"1,50 punt" (points on the answer scale)."""
    return f"{decimal(abs(value))} punt"


def shift_cell(model: Model, shift: Shift) -> str:
    """A table cell: "Zorgen voor → Doen met", "Zorgen voor (bleef)" or "–"."""
    if shift.before is None or shift.after is None:
        return "–"
    before = quadrant_name(model, shift.before.quadrant)
    if not shift.quadrant_changed:
        return f"{before} (bleef)"
    return f"{before} → {quadrant_name(model, shift.after.quadrant)}"


# --- Participation --------------------------------------------------------------------------------------


def participation_sentence(p: Participation) -> str:
    if not p.trios:
        return f"{p.round}: nog geen trio's."
    return (
        f"{p.round}: {count(p.trios, 'trio', TRIOS)} met {count(p.members, 'triolid', 'trioleden')}; "
        f"{p.members_complete} van hen vulden alle stellingen in ({percent(p.progress)} van alle antwoorden)."
    )


# --- Where the trios stand -------------------------------------------------------------------------------


def _most_common(model: Model, quadrants: Sequence[str | None]) -> tuple[str, str] | None:
    """Who and where the largest group of trios is: ("2 van de 4 trio's", "Doen met"), ("alle 4 trio's", …)
    or, on a tie, ("evenveel trio's (elk 2 van de 4)", "Zorgen voor en Doen met")."""
    found = Counter(q for q in quadrants if q is not None)
    if not found:
        return None
    top = max(found.values())
    order = {q.id: i for i, q in enumerate(model.quadrants)}
    names = [quadrant_name(model, q) for q in sorted(found, key=lambda q: order.get(q, 99)) if found[q] == top]
    n = len(quadrants)
    if len(names) > 1:
        return f"evenveel trio's (elk {top} van de {n})", join(names)
    return (f"alle {count(n, 'trio', TRIOS)}" if top == n else f"{top} van de {count(n, 'trio', TRIOS)}"), names[0]


def standing_sentence(model: Model, round_: ProgrammeRound) -> str:
    """"In Werkplaats 3 zien 2 van de 4 trio's de gemeente nu in Doen met. Gewenst kiezen alle 4 trio's
    Buurtmaken." (the largest group per frame)."""
    nu = _most_common(model, [t.result.nu.quadrant for t in round_.trios])
    gewenst = _most_common(model, [t.result.gewenst.quadrant for t in round_.trios])
    if nu is None or gewenst is None:
        return f"In {round_.label} heeft nog geen trio een plek op het kwadrant."
    return f"In {round_.label} zien {nu[0]} de gemeente nu in {nu[1]}. Gewenst kiezen {gewenst[0]} {gewenst[1]}."


def movement_summary(programme: Programme) -> list[str]:
    """How many trios changed quadrant between their first and last round, per frame."""
    if len(programme.rounds) < 2:
        return []
    overall = [m.overall for _, m in movements(programme)]
    steps = [o.step for o in overall if o is not None]
    lines = []
    for frame in ("nu", "gewenst"):
        comparable = [s.shift(frame) for s in steps if s.shift(frame).comparable]
        if not comparable:
            continue
        changed = sum(1 for s in comparable if s.quadrant_changed)
        if len(comparable) == 1:  # "bij 1 van de 1 trio" reads oddly
            lines.append(
                f"Het ene trio dat vaker meedeed, kwam met ‘{frame}’ in een ander kwadrant terecht dan bij de "
                "eerste meting." if changed else
                f"Het ene trio dat vaker meedeed, bleef met ‘{frame}’ in hetzelfde kwadrant als bij de eerste meting."
            )
            continue
        lines.append(
            f"Bij {changed or 'geen'} van de {count(len(comparable), 'trio', TRIOS)} kwam ‘{frame}’ in een "
            f"ander kwadrant terecht dan bij de eerste meting."
        )
    return lines


# --- Statements ------------------------------------------------------------------------------------------


def change_sentence(model: Model, f: StatementFigures) -> str:
    change = f.change or 0.0
    return f"‘{theme(model, f.question_id)}’: gewenst {points(change)} meer richting {pole(model, f.question_id, change)}."


def disagreement_sentence(model: Model, f: StatementFigures) -> str:
    return (
        f"‘{theme(model, f.question_id)}’: binnen de trio's gemiddeld {points(f.disagreement or 0.0)} verschil; "
        + (f"bij {count(f.wide_trios, 'trio', TRIOS)} liggen de leden ver uit elkaar." if f.wide_trios
           else "bij geen enkel trio liggen de leden ver uit elkaar.")
    )


def wijk_sector_sentences(model: Model, groups: dict[str, GroupResult], figures: Sequence[StatementFigures]) -> list[str]:
    """Wijkambtenaren against sector colleagues: quadrants, the axes and the statements that differ most."""
    wijk, sector = groups.get("wijk"), groups.get("sector")
    if wijk is None or sector is None or not wijk.answered or not sector.answered:
        missing = "wijkambtenaren" if wijk is None or not wijk.answered else "sectorcollega's"
        return [f"Er zijn nog geen antwoorden van {missing}, dus er valt nog niets te vergelijken."]
    lines = []
    for frame in ("nu", "gewenst"):
        a, b = wijk.frame(frame), sector.frame(frame)
        qa, qb = quadrant_name(model, a.quadrant), quadrant_name(model, b.quadrant)
        if frame == "nu" and a.quadrant == b.quadrant:
            lines.append(f"Wijkambtenaren ({len(wijk.members)}) en sectorcollega's ({len(sector.members)}) zien de "
                         f"gemeente nu allebei in {qa}.")
        elif frame == "nu":
            lines.append(f"Wijkambtenaren ({len(wijk.members)}) zien de gemeente nu in {qa}, sectorcollega's "
                         f"({len(sector.members)}) in {qb}.")
        elif a.quadrant == b.quadrant:
            lines.append(f"Voor gewenst kiezen ze allebei {qa}.")
        else:
            lines.append(f"Voor gewenst kiezen wijkambtenaren {qa}, sectorcollega's {qb}.")
        differences = []
        for axis, da, db in ((model.axes.x, a.x, b.x), (model.axes.y, a.y, b.y)):
            if da is not None and db is not None and abs(da - db) >= CLOSE:
                differences.append(f"{decimal(abs(da - db))} verder richting {axis.high if da > db else axis.low}")
        lead = "Nu" if frame == "nu" else "Gewenst"
        if differences:
            lines.append(f"{lead}: wijkambtenaren staan gemiddeld {join(differences)} dan sectorcollega's.")
        else:
            lines.append(f"{lead}: op beide assen staan ze gemiddeld dicht bij elkaar.")
    for f in wijk_sector_gaps(figures):
        nu, gewenst = f.wijk_minus_sector_nu, f.wijk_minus_sector_gewenst
        frame, value = ("nu", nu) if nu is not None and abs(nu) >= abs(gewenst or 0.0) else ("gewenst", gewenst)
        if value is None:
            continue
        lines.append(
            f"‘{theme(model, f.question_id)}’: wijkambtenaren antwoorden bij ‘{frame}’ gemiddeld {points(value)} "
            f"meer richting {pole(model, f.question_id, value)}."
        )
    return lines


# --- Actions and the summary -----------------------------------------------------------------------------


def action_sentence(programme: Programme) -> str:
    totals = {status: 0 for status in ACTION_STATUSES}
    for round_ in programme.rounds:
        for status, n in action_counts(round_).items():
            totals[status] += n
    total = sum(totals.values())
    if not total:
        return "Er zijn nog geen acties vastgelegd."
    parts = [f"{n} {status_name(s).lower()}" for s, n in totals.items() if n]
    return f"{count(total, 'actie', 'acties')} vastgelegd: {join(parts)}."


def summary_lines(programme: Programme) -> list[str]:
    """"In het kort": the figures a programme manager pastes into a progress report."""
    model = programme.model
    latest = programme.latest
    if latest is None:
        return ["Er zijn nog geen rondes."]
    lines = [participation_sentence(participation(r)) for r in programme.rounds]
    lines.append(standing_sentence(model, latest))
    lines.extend(movement_summary(programme))
    figures = statement_figures(model, latest)
    changes = largest_changes(figures, 1)
    if changes:
        lines.append("De grootste gewenste verandering: " + change_sentence(model, changes[0]))
    apart = most_disagreement(figures, 1)
    if apart:
        lines.append("Het meeste verschil binnen de trio's: " + disagreement_sentence(model, apart[0]))
    lines.append(action_sentence(programme))
    chosen = perspective_counts(programme)
    if chosen:
        top = chosen[0]
        lines.append(
            f"Meest gekozen handelingsperspectief: ‘{perspective_title(model, top.perspective_id)}’ "
            f"({count(top.total, 'keer', 'keer')})."
        )
    return lines
