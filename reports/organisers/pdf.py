"""The organisers' report as a PDF: what a programme manager pastes into a progress report.

Built from the shared blocks in ``reports.pdf`` (document, quadrant, legends, tables, sections) and
the figures of ``results.programme``. Trios are letters unless ``named`` is asked for; then the
municipality and casus are shown too.
"""

from __future__ import annotations

from reports.organisers.charts import OKABE_ITO, STATUS_COLOURS, Bar, Track, draw_bars, draw_movement
from reports.organisers.words import (
    ANONYMOUS_NOTE,
    TRIOS,
    change_sentence,
    count,
    disagreement_sentence,
    perspective_title,
    pole,
    shift_cell,
    summary_lines,
    theme,
    wijk_sector_sentences,
)
from reports.pdf.document import ReportPDF, title_block
from reports.pdf.legends import draw_legend, role_legend, wall_legend
from reports.pdf.quadrant import draw_role_groups, draw_wall, quadrant_frame
from reports.pdf.sections import about_section
from reports.pdf.style import ACCENT, AXIS_GUTTER, MUTED, dutch_date
from reports.pdf.tables import data_table
from results.actions import ACTION_STATUSES, NOT_FOLLOWED, status_name
from results.bestuur import points_apart
from results.groups import wijk_and_sector
from results.leervragen import LEERVRAAG_PROMPT, note_sentence, written_notes
from results.numbers import decimal, percent
from results.programme import (
    Programme,
    ProgrammeRound,
    action_counts,
    bestuur_comparisons,
    influence_totals,
    largest_changes,
    leervragen,
    most_disagreement,
    movements,
    participation,
    perspective_counts,
    round_groups,
    statement_figures,
)
from results.rounds import place_of
from results.words import agreement_words, place_words, quadrant_name, trio_step_sentences
from scoring import FRAMES, Frame, GroupResult, Model

KIND_NAMES = {"werkplaats": "Werkplaats", "traject": "Leertraject"}
NOTE_SIZE = 8.5


def build_organisers_pdf(programme: Programme, *, named: bool = False) -> bytes:
    """The organisers' report as PDF bytes (A4 portrait, Dutch). ``named`` shows municipalities."""
    pdf = ReportPDF(footer_context=programme.name, title=f"Rolwijzer – {programme.name} – verslag")
    pdf.add_page()
    _front(pdf, programme, named)
    latest = programme.latest
    if latest is not None:
        pdf.add_page()
        _standing(pdf, programme.model, latest, named)
        if len(programme.rounds) > 1:
            pdf.add_page()
            _movement(pdf, programme, named)
        _statements(pdf, programme.model, latest)
        _wijk_sector(pdf, programme.model, latest)
        _bestuur(pdf, programme.model, latest, named)
        _influence(pdf, programme.model, latest)
    _perspectives(pdf, programme)
    _actions(pdf, programme, named)
    _leervragen(pdf, programme, named)
    about_section(pdf, programme.model)
    return bytes(pdf.output())


def _note(pdf: ReportPDF, text: str) -> None:
    pdf.para(text, colour=MUTED, size=NOTE_SIZE)


def _front(pdf: ReportPDF, programme: Programme, named: bool) -> None:
    rounds = programme.rounds
    trios = ("Trio's", str(len(programme.trios())))
    made = ("Verslag gemaakt op", dutch_date(programme.generated_on))
    widths: tuple[float, ...]
    if programme.kind == "werkplaats" and len(rounds) == 1:
        facts, widths = [("Datum werkplaats", dutch_date(rounds[0].held_on)), trios, made], (2.0, 1.0, 2.0)
    else:
        span = f"{rounds[0].label} – {rounds[-1].label}" if len(rounds) > 1 else rounds[0].label if rounds else "–"
        facts = [(KIND_NAMES[programme.kind], span), trios, ("Rondes", str(len(rounds))), made]
        widths = (2.2, 0.8, 0.8, 1.4)
    title_block(pdf, kicker="Rolwijzer · Verslag voor organisatoren", title=programme.name, subtitle_label=None,
                subtitle=None, facts=facts, fact_widths=widths)
    _note(pdf, "Dit verslag vat samen wie meededen, waar de trio's de rol van hun gemeente zien, hoe ze bewegen, "
               "waar ze het over oneens zijn, wie ze aan zet zien en wat ze met hun acties deden.")
    if not named:
        _note(pdf, ANONYMOUS_NOTE)
    pdf.heading("In het kort", space=50)
    pdf.bullets(summary_lines(programme))
    pdf.heading("Deelname", space=40)
    rows = []
    for round_ in rounds:
        p = participation(round_)
        rows.append((p.round, dutch_date(p.held_on), str(p.trios), str(p.members), str(p.members_started),
                     str(p.members_complete), percent(p.progress)))
    data_table(pdf, ["Ronde", "Datum", "Trio's", "Trioleden", "Begonnen", "Alles ingevuld", "Antwoorden"],
               rows, (34, 30, 16, 23, 21, 26, 24), aligns=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"))
    _note(pdf, "Begonnen: minstens één stelling beantwoord. Antwoorden: het deel van alle stellingen (nu en "
               "gewenst) dat de trioleden beantwoordden.")


def _standing(pdf: ReportPDF, model: Model, latest: ProgrammeRound, named: bool) -> None:
    pdf.heading(f"Waar de trio's staan: {latest.label}", space=90)
    if not latest.trios:
        pdf.para("Er zijn in deze ronde nog geen trio's.")
        return
    _note(pdf, "Elke pijl loopt van waar een trio de gemeente nu ziet naar waar het trio naartoe wil. Hoe groter de "
               "cirkel, hoe meer de leden van dat trio onderling verschillen.")
    legend = wall_legend()
    legend_h = draw_legend(pdf, 0, 0, 112 + AXIS_GUTTER, legend, draw=False)
    box = quadrant_frame(pdf, max_size=112, min_size=70, legend_height=legend_h + 14 + 8 * min(len(latest.trios), 6))
    draw_wall(pdf, model, box, [(t.letter, t.result) for t in latest.trios])
    pdf.set_y(draw_legend(pdf, box.x - AXIS_GUTTER, box.bottom + AXIS_GUTTER + 1, box.size + AXIS_GUTTER, legend) + 3)
    rows = [(t.label(named), quadrant_name(model, t.result.nu.quadrant), quadrant_name(model, t.result.gewenst.quadrant),
             agreement_words(model, t.result.nu), percent(t.result.progress)) for t in latest.trios]
    data_table(pdf, ["Trio", "Nu", "Gewenst", "Onderling verschil nu", "Ingevuld"], rows, (44, 26, 26, 60, 18),
               aligns=("LEFT", "LEFT", "LEFT", "LEFT", "RIGHT"), size=8)
    if named:
        pdf.subheading("De casussen", size=10, space=30)
        data_table(pdf, ["Trio", "Casus"], [(t.label(named), t.casus) for t in latest.trios], (44, 130), size=8)


def _movement(pdf: ReportPDF, programme: Programme, named: bool) -> None:
    model = programme.model
    pdf.heading("Hoe de trio's bewegen", space=120)
    found = movements(programme)
    _note(pdf, f"Waar elke trio de gemeente zag in elke ronde waaraan het meedeed, van {programme.rounds[0].label} tot "
               f"{programme.rounds[-1].label}. De getallen in de zinnen zijn verschuivingen op een as van −1 tot 1.")
    tracks: dict[Frame, list[Track]] = {
        frame: [
            Track(trio.letter, tuple(place_of(r.frame(frame)) for r in _results(programme, trio.id)))
            for trio, _ in found
        ]
        for frame in FRAMES
    }
    draw_movement(pdf, model, tracks)
    for trio, movement in found:
        overall = movement.overall
        label = trio.label(named)
        pdf.subheading(f"{label}: {movement.rounds[0]} – {movement.rounds[-1]}" if overall else label, size=10,
                       space=22)
        if overall is None:
            pdf.para(f"{label} deed maar aan één ronde mee ({movement.rounds[0]}): nog geen beweging te zien.",
                     size=NOTE_SIZE)
            continue
        for sentence in trio_step_sentences(model, overall, who=label):
            pdf.lead_para(sentence.lead, sentence.text, size=9)
    rows = [
        (trio.label(named), f"{s.step.before} → {s.step.after}", shift_cell(model, s.step.nu),
         shift_cell(model, s.step.gewenst))
        for trio, movement in found for s in movement.steps
    ]
    if rows:
        pdf.subheading("Per stap", size=10, space=30)
        data_table(pdf, ["Trio", "Van ronde → naar ronde", "Nu", "Gewenst"], rows, (44, 46, 42, 42), size=8)


def _results(programme: Programme, trio_id: int) -> list[GroupResult]:
    return [t.result for r in programme.rounds for t in r.trios if t.id == trio_id]


def _statements(pdf: ReportPDF, model: Model, latest: ProgrammeRound) -> None:
    figures = statement_figures(model, latest)
    pdf.heading(f"Stellingen met de grootste verschillen: {latest.label}", space=60)
    _note(pdf, f"In punten op de antwoordschaal van 1 tot {model.scale.points}, in de richting van de as.")
    pdf.subheading("Waar de leden van een trio het meest verschillen", size=10, space=40)
    apart = most_disagreement(figures)
    if apart:
        rows = [(theme(model, f.question_id), decimal(f.disagreement_nu), decimal(f.disagreement_gewenst),
                 f"{f.wide_trios} van {len(latest.trios)}") for f in apart]
        data_table(pdf, ["Stelling", "Verschil nu", "Verschil gewenst", "Trio's ver uit elkaar"], rows,
                   (76, 30, 34, 34), aligns=("LEFT", "RIGHT", "RIGHT", "RIGHT"))
        _note(pdf, "Verschil: hoogste min laagste antwoord binnen een trio, gemiddeld over de trio's. Ver uit "
                   "elkaar: een verschil van de helft van de schaal of meer. " + disagreement_sentence(model, apart[0]))
    else:
        pdf.para("Nog geen trio met twee of meer antwoorden op dezelfde stelling.")
    pdf.subheading("Waar de trio's de grootste verandering willen (gewenst min nu)", size=10, space=40)
    changes = largest_changes(figures)
    if changes:
        moved = [(theme(model, f.question_id), decimal(abs(f.change or 0.0)), pole(model, f.question_id, f.change or 0.0))
                 for f in changes]
        data_table(pdf, ["Stelling", "Verandering", "Richting"], moved, (96, 30, 48), aligns=("LEFT", "RIGHT", "LEFT"))
        _note(pdf, "Het gemiddelde van alle trioleden bij gewenst min dat bij nu. " + change_sentence(model, changes[0]))
    else:
        pdf.para("Nog geen stelling met een gewenste verandering.")


def _wijk_sector(pdf: ReportPDF, model: Model, latest: ProgrammeRound) -> None:
    """The sentences first (what a progress report quotes), then the two groups on the quadrant."""
    groups = wijk_and_sector(model, round_groups(latest))
    pdf.heading(f"Wijkambtenaren en sectorcollega's: {latest.label}", space=50)
    pdf.bullets(wijk_sector_sentences(model, groups, statement_figures(model, latest)))
    shown = [(kind, "Wijkambtenaren" if kind == "wijk" else "Sectorcollega's", result)
             for kind, result in groups.items() if result.answered]
    if len(shown) < 2:
        return
    legend_h = draw_legend(pdf, 0, 0, pdf.epw, role_legend(shown, ["circle"] * len(shown)), draw=False)
    pdf.ln(2)
    pdf.subheading("Op het kwadrant: het gemiddelde van elke groep", size=10, space=60 + AXIS_GUTTER + legend_h + 12)
    box = quadrant_frame(pdf, max_size=80, min_size=60, legend_height=legend_h + 4)
    shapes = draw_role_groups(pdf, model, box, shown)
    pdf.set_y(draw_legend(pdf, pdf.l_margin, box.bottom + AXIS_GUTTER + 1, pdf.epw, role_legend(shown, shapes)) + 3)


def _bestuur(pdf: ReportPDF, model: Model, latest: ProgrammeRound, named: bool) -> None:
    """Only when a trio of the round invited its bestuurder: where trio and bestuurder place the gemeente."""
    invited = [t for t in latest.trios if t.bestuur is not None]
    if not invited:
        return
    compared = bestuur_comparisons(model, latest)
    pdf.heading(f"Trio's en hun bestuurder: {latest.label}", space=50)
    verb = "nodigde" if len(invited) == 1 else "nodigden"
    _note(pdf, f"{count(len(invited), 'trio', TRIOS)} van de {len(latest.trios)} {verb} de bestuurder of directeur "
               f"uit; bij {len(compared)} vulde die de stellingen in. De bestuurder telt niet mee in de plek van "
               "het trio. Afstand: hoe ver de twee plekken uit elkaar liggen (0 tot 2,8).")
    if not compared:
        return
    rows = []
    for trio, comparisons in compared:
        for c in comparisons:
            widest = c.largest(1)
            rows.append((trio.label(named), c.frame, place_words(model, c.trio, missing="–"),
                         place_words(model, c.bestuur, missing="–"),
                         decimal(c.distance),
                         f"{theme(model, widest[0].question_id)} ({points_apart(widest[0].gap)})" if widest else "–"))
    widths = (34, 16, 32, 32, 16, 44) if named else (18, 18, 36, 36, 16, 50)
    data_table(pdf, ["Trio", "Moment", "Het trio", "De bestuurder", "Afstand", "Grootste verschil"], rows, widths,
               size=8)


def _influence(pdf: ReportPDF, model: Model, latest: ProgrammeRound) -> None:
    options, totals = influence_totals(model, latest)
    if model.influence is None:
        return
    pdf.heading(f"Wie is aan zet? {latest.label}", space=60)
    _note(pdf, f"Per stelling waarop trio's een verandering willen: hoe vaak trioleden elk antwoord gaven op "
               f"‘{model.influence.question}’, opgeteld over de trio's.")
    if not any(t.chosen for t in totals):
        pdf.para("Nog geen keuzes gemaakt.")
        return
    series = [(o.name, OKABE_ITO[i % len(OKABE_ITO)]) for i, o in enumerate(options)]
    bars = [Bar(theme(model, t.question_id), tuple(t.counts[o.id] for o in options)) for t in totals if t.chosen]
    draw_bars(pdf, bars, series)


def _perspectives(pdf: ReportPDF, programme: Programme) -> None:
    model = programme.model
    pdf.heading("Gekozen handelingsperspectieven", space=50)
    counts = perspective_counts(programme)
    if not counts:
        pdf.para("Nog geen handelingsperspectieven gekozen.")
        return
    _note(pdf, "Hoeveel trio's elk perspectief kozen, per ronde.")
    rounds = programme.rounds[-4:]
    offset = len(programme.rounds) - len(rounds)
    audiences = {a.id: a.name for a in model.audiences}
    by_id = {p.id: p for p in model.perspectives}
    rows = []
    for c in counts:
        p = by_id.get(c.perspective_id)
        rows.append((perspective_title(model, c.perspective_id),
                     f"{quadrant_name(model, p.quadrant)} · {audiences.get(p.audience, p.audience)}" if p else "–",
                     *(str(n) for n in c.per_round[offset:]), str(c.total)))
    pdf.font(7.5, "B")
    round_w = max(15.0, min(26.0, max(pdf.get_string_width(pdf.clean(r.label)) for r in rounds) + 4.5))
    data_table(pdf, ["Perspectief", "Kwadrant · voor", *(r.label for r in rounds), "Totaal"], rows,
               (pdf.epw - 42 - round_w * len(rounds) - 15, 42, *([round_w] * len(rounds)), 15),
               aligns=("LEFT", "LEFT", *(["RIGHT"] * (len(rounds) + 1))), size=8)


def _actions(pdf: ReportPDF, programme: Programme, named: bool) -> None:
    pdf.heading("Acties en opvolging", space=60)
    per_round = [(r, action_counts(r)) for r in programme.rounds]
    if not any(sum(c.values()) for _, c in per_round):
        pdf.para("Er zijn nog geen acties vastgelegd.")
        return
    _note(pdf, "De acties die trio's in een ronde vastlegden, met hoe het ermee staat bij de volgende ronde. "
               f"{status_name('open')}: {NOT_FOLLOWED}")
    series = [(status_name(s), STATUS_COLOURS[s]) for s in ACTION_STATUSES]
    draw_bars(pdf, [Bar(r.label, tuple(c[s] for s in ACTION_STATUSES)) for r, c in per_round], series,
              label_width=40)
    rows = [(t.label(named), r.label, a.what, status_name(a.status), a.reflection)
            for r in programme.rounds for t in r.trios for a in t.actions]
    widths = (36, 24, 52, 20, 42) if named else (18, 26, 60, 22, 48)
    data_table(pdf, ["Trio", "Ronde", "Actie", "Status", "Terugblik"], rows, widths, size=8)


def _leervragen(pdf: ReportPDF, programme: Programme, named: bool) -> None:
    pdf.heading("Leervragen", space=40)
    listed = leervragen(programme)
    if not listed:
        pdf.para("Er zijn nog geen leervragen vastgelegd.")
        return
    if any(written_notes(q) for _, asked in listed for q in asked):
        _note(pdf, f"Onder een leervraag staat per ronde wat het trio schreef bij ‘{LEERVRAAG_PROMPT}’")
    for trio, asked in listed:
        title = trio.label(named)
        if named and trio.casus.strip():
            title += f" · {trio.casus}"
        pdf.subheading(title, size=10, colour=ACCENT, space=18)
        for leervraag in asked:
            pdf.para(f"{leervraag.id}. {leervraag.text}", indent=2, after=1.2, keep=True)
            for note in written_notes(leervraag):
                sentence = note_sentence(note)
                pdf.lead_para(sentence.lead, sentence.text, size=NOTE_SIZE, indent=7, after=1.0)
    _note(pdf, f"{count(len(listed), 'trio', TRIOS)} legden leervragen vast.")
