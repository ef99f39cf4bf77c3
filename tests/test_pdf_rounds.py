"""The PDF quadrant with the bestuurder and the previous round: it draws, and the legend says it in words."""

from __future__ import annotations

import pytest

from reports.pdf import legends
from reports.pdf import quadrant as pdf_quadrant
from reports.pdf.document import ReportPDF
from scoring import Model, group_result
from tests.test_charts import trio
from tests.test_reports_pdf import member, pdf_text, standard_trio


def test_trio_and_wall_draw_the_bestuurder_and_the_previous_round(model: Model) -> None:
    now = standard_trio(model)
    before = group_result(model, [member(model, "1", "wijkambtenaar", "Anna", (2, 2), (4, 3))])
    bestuur = group_result(model, [member(model, "b", "anders", "Directeur", (4, 2), (5, 3))]).members[0]
    pdf = ReportPDF("Gemeente", "Titel")
    pdf.add_page()
    box = pdf_quadrant.Box(30, 30, 110)
    pdf_quadrant.draw_trio(pdf, model, box, now, bestuur=bestuur, previous=before)
    legends.draw_legend(pdf, 25, box.bottom + 10, 150, legends.trio_legend(now, bestuur=True, previous=True))
    pdf.add_page()
    pdf_quadrant.draw_wall(pdf, model, box, [("A", now), ("B", trio(model, 2))], [before, None])
    legends.draw_legend(pdf, 25, box.bottom + 10, 150, legends.wall_legend(previous=True))
    text = pdf_text(bytes(pdf.output()))
    assert "Bestuurder (telt niet mee in het trio)" in text
    assert text.count("Bestuurder") == 2  # beside its mark and in the legend
    assert "Vorige keer" in text and "Vorige ronde (vaag)" in text


def test_wall_previous_rounds_pair_with_the_trios(model: Model) -> None:
    pdf = ReportPDF("Werkplaats", "Titel")
    pdf.add_page()
    with pytest.raises(ValueError):
        pdf_quadrant.draw_wall(pdf, model, pdf_quadrant.Box(30, 30, 110), [("A", trio(model, 1))], [None, None])


def test_legends_name_the_extras_only_when_drawn(model: Model) -> None:
    result = trio(model, 1)
    assert not any("Bestuurder" in i.text or "Vorige" in i.text for i in legends.trio_legend(result))
    assert not any("Vorige" in i.text for i in legends.wall_legend())
