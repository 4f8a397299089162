"""Satisfaction surveys (客户满意度调查): management opens one per quarter or half-year for some
buildings, the tenants there are invited through their portal inbox, and each answers once while open."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.services import notices_send_many
from documents.wording import in_tenant_language
from leasing.models import Building, Lease, LeaseUnit
from tenancy.access import require_role
from tenancy.models import Tenant

from ..models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from ..permissions import SURVEY_OPENERS

PERIOD_NUMBERS = {Survey.Period.QUARTER: 4, Survey.Period.HALF_YEAR: 2}


def _held_units(today: date) -> QuerySet[LeaseUnit]:
    return LeaseUnit.objects.filter(lease__status__in=Lease.LIVE, blocking=True, end_date__gte=today)


def survey_tenants(survey: Survey, today: date | None = None) -> QuerySet[Tenant]:
    """The tenants a survey asks: those holding a unit in one of its buildings under a live lease."""
    held = _held_units(today or timezone.localdate()).filter(unit__building__in=survey.buildings.all())
    return Tenant.objects.filter(pk__in=held.values("lease__tenant_id")).order_by("name")


def survey_building_for(survey: Survey, tenant: Any, today: date | None = None) -> Building | None:
    """The building a tenant's answers count under: the first survey building where it holds a unit."""
    held = _held_units(today or timezone.localdate()).filter(
        lease__tenant=tenant, unit__building__in=survey.buildings.all()
    )
    building_id = held.order_by("unit__building__code").values_list("unit__building_id", flat=True).first()
    return None if building_id is None else Building.objects.get(pk=building_id)


def _check_survey(
    *,
    title: str,
    period: str,
    number: Any,
    opens_on: date,
    closes_on: date,
    buildings: Iterable[Any],
    questions: list,
) -> None:
    if not (title or "").strip():
        raise DomainError(_("Give the survey a title."), field="title")
    if period not in PERIOD_NUMBERS:
        raise DomainError(_("Choose a quarter or a half-year."), field="period")
    if not isinstance(number, int) or not 1 <= number <= PERIOD_NUMBERS[period]:
        raise DomainError(_("A quarter is 1 to 4, a half-year 1 or 2."), field="number")
    if opens_on is None or closes_on is None or closes_on < opens_on:
        raise DomainError(_("The survey closes on or after the day it opens."), field="closes_on")
    if closes_on < timezone.localdate():
        raise DomainError(_("The closing day has passed already."), field="closes_on")
    if not list(buildings):
        raise DomainError(_("Choose at least one building."), field="buildings")
    if not any(kind == SurveyQuestion.Kind.RATING for _text, kind in questions):
        raise DomainError(_("Ask at least one question rated from 1 to 5."), field="rating_questions")


@transaction.atomic
def survey_open(
    *,
    by: User,
    title: str,
    period: str,
    year: int,
    number: int,
    opens_on: date,
    closes_on: date,
    buildings: Iterable[Building],
    questions: list[tuple[str, str]],
) -> Survey:
    """Management opens a survey with its questions; every tenant of its buildings gets an invitation."""
    require_role(by, SURVEY_OPENERS, _("Only management opens a satisfaction survey."))
    buildings = list(buildings)
    _check_survey(
        title=title,
        period=period,
        number=number,
        opens_on=opens_on,
        closes_on=closes_on,
        buildings=buildings,
        questions=questions,
    )
    if Survey.objects.filter(period=period, year=year, number=number).exists():
        raise DomainError(_("There is a survey for this period already."), field="number")
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                title=title.strip(),
                period=period,
                year=year,
                number=number,
                opens_on=opens_on,
                closes_on=closes_on,
                created_by=by,
            )
    except IntegrityError as error:
        raise DomainError(_("There is a survey for this period already."), field="number") from error
    survey.buildings.set(buildings)
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(survey=survey, position=i, text=text.strip(), kind=kind)
        for i, (text, kind) in enumerate(questions, start=1)
    )
    survey_invite(survey=survey, by=by)
    return survey


def survey_invite(*, survey: Survey, by: User) -> int:
    """A notice in each asked tenant's portal inbox, in its own language, linking to the survey."""
    link = settings.SITE_URL + reverse("portal:survey-answer", args=[survey.pk])
    return len(notices_send_many((_invitation(tenant, survey, link) for tenant in _invited(survey)), by=by))


def _invited(survey: Survey) -> QuerySet[Tenant]:
    return survey_tenants(survey).prefetch_related("contacts")


def _invitation(tenant: Tenant, survey: Survey, link: str) -> tuple[Tenant, str, str]:
    with in_tenant_language(tenant):
        subject = _("Satisfaction survey: %(title)s") % {"title": survey.title}
        body = _(
            "Please tell us how satisfied you are with the building and our service. The survey is open "
            "from %(opens)s to %(closes)s and takes a few minutes."
        ) % {"opens": survey.opens_on.isoformat(), "closes": survey.closes_on.isoformat()}
    return tenant, subject, f"{body}\n\n{link}"


def _check_answers(
    survey: Survey, answers: Mapping[int, Any]
) -> list[tuple[SurveyQuestion, int | None, str]]:
    checked = []
    for question in survey.questions.all():
        raw = answers.get(question.pk)
        if question.kind == SurveyQuestion.Kind.RATING:
            try:
                rating = int(str(raw).strip())
            except (TypeError, ValueError):
                rating = 0
            if isinstance(raw, bool) or not 1 <= rating <= 5:
                raise DomainError(_("Rate it from 1 (very poor) to 5 (very good)."), field=f"q{question.pk}")
            checked.append((question, rating, ""))
        else:
            checked.append((question, None, (raw or "").strip() if isinstance(raw, str) else ""))
    return checked


@transaction.atomic
def survey_answer(*, survey: Survey, by: User, answers: Mapping[int, Any]) -> SurveyResponse:
    """A portal user answers the survey for their tenant, once, while it is open; every rating is 1 to 5."""
    membership = getattr(by, "tenant_membership", None)
    if by.is_staff or membership is None:
        raise DomainError(_("Only a tenant answers a satisfaction survey."))
    tenant = membership.tenant
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.is_open(timezone.localdate()):
        raise DomainError(_("This survey is not open."))
    building = survey_building_for(survey, tenant)
    if building is None:
        raise DomainError(_("This survey is for the tenants of other buildings."))
    if SurveyResponse.objects.filter(survey=survey, tenant=tenant).exists():
        raise DomainError(_("Your company has answered this survey already. Thank you."))
    checked = _check_answers(survey, answers)
    response = SurveyResponse.objects.create(survey=survey, tenant=tenant, building=building, by=by)
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, question=question, rating=rating, text=text)
        for question, rating, text in checked
    )
    return response
