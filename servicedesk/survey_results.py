"""A survey's results (read side): the average rating per question and building, next to the previous one's.

A question is compared with the previous survey's question of the same wording; two grouped queries a survey.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count

from documents.actors import AnyUser
from documents.money import TENTH, half_up
from leasing.models import Building
from tenancy.scope import scope

from .models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse


def _round(value: Any) -> Decimal | None:
    # The database's average is a float or a Decimal; its text is exact enough for a rating to a tenth.
    return None if value is None else half_up(str(value), TENTH)


@dataclass
class Cell:
    average: Decimal | None
    answers: int
    previous: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.average is None or self.previous is None:
            return None
        return self.average - self.previous


@dataclass
class QuestionRow:
    question: SurveyQuestion
    cells: list[Cell]
    overall: Cell


@dataclass
class SurveyResults:
    survey: Survey
    previous: Survey | None
    buildings: list[Building]
    responses: dict[int, int]
    rows: list[QuestionRow] = field(default_factory=list)
    texts: list[tuple[SurveyQuestion, list[tuple[str, str]]]] = field(default_factory=list)

    @property
    def total_responses(self) -> int:
        return sum(self.responses.values())


def previous_survey(survey: Survey) -> Survey | None:
    """The survey opened last before this one."""
    return (
        Survey.objects.filter(opens_on__lt=survey.opens_on)
        .exclude(pk=survey.pk)
        .order_by("-opens_on", "-pk")
        .first()
    )


def _averages(
    survey: Survey, user: AnyUser | None = None
) -> tuple[dict[tuple[str, int], tuple[Any, int]], dict[str, tuple[Any, int]]]:
    """(question wording, building) → (average, answers), and per wording over all the user's buildings."""
    rated = SurveyAnswer.objects.filter(
        question__survey=survey, question__kind=SurveyQuestion.Kind.RATING, rating__isnull=False
    )
    rated = scope(rated, user, "response__building")
    per_building = {
        (row["question__text"], row["response__building"]): (row["avg"], row["n"])
        for row in rated.values("question__text", "response__building").annotate(
            avg=Avg("rating"), n=Count("pk")
        )
    }
    overall = {
        row["question__text"]: (row["avg"], row["n"])
        for row in rated.values("question__text").annotate(avg=Avg("rating"), n=Count("pk"))
    }
    return per_building, overall


def survey_results(survey: Survey, user: AnyUser | None = None) -> SurveyResults:
    """The rating questions per building with the previous survey's averages, and the written answers: of
    the user's buildings only (the overall figures are over those buildings)."""
    previous = previous_survey(survey)
    buildings = list(scope(survey.buildings.order_by("code"), user, ""))
    responses = dict(
        scope(SurveyResponse.objects.filter(survey=survey), user, "building")
        .values_list("building")
        .annotate(n=Count("pk"))
        .order_by()
    )
    now_by_building, now_overall = _averages(survey, user)
    before_by_building, before_overall = _averages(previous, user) if previous else ({}, {})
    results = SurveyResults(survey=survey, previous=previous, buildings=buildings, responses=responses)
    questions = list(survey.questions.all())
    for question in questions:
        if question.kind != SurveyQuestion.Kind.RATING:
            continue
        cells = []
        for building in buildings:
            average, n = now_by_building.get((question.text, building.pk), (None, 0))
            before = before_by_building.get((question.text, building.pk), (None, 0))[0]
            cells.append(Cell(_round(average), n, _round(before)))
        average, n = now_overall.get(question.text, (None, 0))
        overall = Cell(_round(average), n, _round(before_overall.get(question.text, (None, 0))[0]))
        results.rows.append(QuestionRow(question=question, cells=cells, overall=overall))
    texts = SurveyAnswer.objects.filter(question__survey=survey, question__kind=SurveyQuestion.Kind.TEXT)
    written = (
        scope(texts, user, "response__building")
        .exclude(text="")
        .select_related("response__building")
        .order_by("question__position", "-response__submitted_at")
        .values_list("question_id", "response__building__code", "text")
    )
    by_question: dict[int, list[tuple[str, str]]] = {}
    for question_id, building_code, text in written:
        by_question.setdefault(question_id, []).append((building_code, text))
    results.texts = [(q, by_question.get(q.pk, [])) for q in questions if q.kind == SurveyQuestion.Kind.TEXT]
    return results
