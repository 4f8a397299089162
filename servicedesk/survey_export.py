"""A survey's results as a list to download (CSV or XLSX, by ``documents.lists``): one row per rating
question and building (and one for all buildings), with the answers counted, this survey's average, the
previous survey's and the change; then one row per written answer."""

from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .survey_results import Cell, SurveyResults


class SurveyResultTable(tables.Table):
    """Rows are dicts: question, building, answers, average, previous, change, text."""

    question = tables.Column(verbose_name=_("Question"))
    building = tables.Column(verbose_name=_("Building"))
    answers = tables.Column(verbose_name=_("Answers"))
    average = tables.Column(verbose_name=_("Average"))
    previous = tables.Column(verbose_name=_("Previous survey"))
    change = tables.Column(verbose_name=pgettext_lazy("survey comparison", "Change"))
    text = tables.Column(verbose_name=_("Written answer"))

    class Meta:
        orderable = False


def _rating(question: str, building: str, cell: Cell) -> dict[str, Any]:
    return {
        "question": question,
        "building": building,
        "answers": cell.answers,
        "average": cell.average,
        "previous": cell.previous,
        "change": cell.change,
        "text": None,
    }


def survey_result_rows(results: SurveyResults) -> list[dict[str, Decimal | int | str | None]]:
    """Every number of the results page and every written answer, in the page's order."""
    rows = []
    everywhere = gettext("All buildings")
    for row in results.rows:
        for building, cell in zip(results.buildings, row.cells, strict=True):
            rows.append(_rating(row.question.text, f"{building.code} {building.name}", cell))
        rows.append(_rating(row.question.text, everywhere, row.overall))
    for question, answers in results.texts:
        for building_code, text in answers:
            rows.append({"question": question.text, "building": building_code, "text": text})
    return rows
