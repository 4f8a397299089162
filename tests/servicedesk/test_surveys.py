"""Satisfaction surveys (客户满意度调查): opened by management, answered once per tenant in the portal,
results per building and question against the previous survey."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from documents.errors import DomainError
from documents.models import Notice
from servicedesk.models import Survey, SurveyQuestion, SurveyResponse
from servicedesk.services.surveys import survey_answer, survey_open
from servicedesk.survey_results import survey_results
from tests.factories import MembershipFactory, TenantFactory, UserFactory

TODAY = date(2026, 12, 7)
QUESTIONS = [("保洁", SurveyQuestion.Kind.RATING), ("安保", SurveyQuestion.Kind.RATING), ("建议", "text")]


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def _open(by, buildings, *, number=2, year=2026, opens_on=TODAY, questions=QUESTIONS):
    return survey_open(
        by=by,
        title=f"{year}年下半年客户满意度调查",
        period=Survey.Period.HALF_YEAR,
        year=year,
        number=number,
        opens_on=opens_on,
        closes_on=opens_on + timedelta(days=20),
        buildings=buildings,
        questions=questions,
    )


@pytest.fixture
def survey(general_manager, leased_unit):
    return _open(general_manager, [leased_unit.building])


def test_opening_a_survey_invites_the_tenants_of_its_buildings(survey, tenant, other_tenant):
    assert list(Notice.objects.filter(subject__contains="满意度").values_list("tenant", flat=True)) == [
        tenant.pk
    ]
    assert [q.kind for q in survey.questions.all()] == ["rating", "rating", "text"]


def test_only_management_opens_a_survey(front_desk, leased_unit):
    with pytest.raises(PermissionDenied):
        _open(front_desk, [leased_unit.building])
    assert not Survey.objects.exists()


def test_a_survey_needs_a_rating_question(general_manager, leased_unit):
    with pytest.raises(DomainError) as refused:
        _open(general_manager, [leased_unit.building], questions=[("建议", "text")])
    assert refused.value.field == "rating_questions"


@pytest.mark.parametrize("rating", ["0", "6", "", "abc", None])
def test_an_answer_out_of_range_is_refused_at_its_field(survey, tenant_user, rating):
    first, second, text = survey.questions.all()
    with pytest.raises(DomainError) as refused:
        survey_answer(
            survey=survey, by=tenant_user, answers={first.pk: "4", second.pk: rating, text.pk: "好"}
        )
    assert refused.value.field == f"q{second.pk}"
    assert not SurveyResponse.objects.exists()


def test_a_tenant_answers_once(survey, tenant, tenant_user, leased_unit):
    first, second, text = survey.questions.all()
    answers = {first.pk: "4", second.pk: "5", text.pk: "电梯太慢"}
    response = survey_answer(survey=survey, by=tenant_user, answers=answers)
    colleague = MembershipFactory(tenant=tenant, user=UserFactory(username="colleague")).user
    with pytest.raises(DomainError):
        survey_answer(survey=survey, by=colleague, answers=answers)
    assert response.building == leased_unit.building
    assert sorted(response.answers.values_list("rating", flat=True), key=str) == [4, 5, None]


def test_a_closed_survey_takes_no_answers(survey, tenant_user):
    # given: its closing day was yesterday
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=TODAY - timedelta(days=30), closes_on=TODAY - timedelta(days=1)
    )
    first, second, _text = survey.questions.all()
    # when / then
    with pytest.raises(DomainError):
        survey_answer(survey=survey, by=tenant_user, answers={first.pk: "4", second.pk: "4"})
    assert not SurveyResponse.objects.exists()


def test_results_per_building_compare_with_the_previous_survey(general_manager, leased_unit, tenant_user):
    # given: the first half-year rated cleaning 2, the second 4
    before = _open(general_manager, [leased_unit.building], number=1, opens_on=TODAY - timedelta(days=1))
    q1, q2, _text = before.questions.all()
    survey_answer(survey=before, by=tenant_user, answers={q1.pk: "2", q2.pk: "3"})
    now = _open(general_manager, [leased_unit.building], number=2)
    n1, n2, _text = now.questions.all()
    survey_answer(survey=now, by=tenant_user, answers={n1.pk: "4", n2.pk: "3"})
    # when
    results = survey_results(now)
    # then
    assert results.previous == before and results.total_responses == 1
    cleaning = results.rows[0].cells[0]
    assert (cleaning.average, cleaning.previous, cleaning.change) == (
        Decimal("4.0"),
        Decimal("2.0"),
        Decimal("2.0"),
    )
    assert results.rows[1].overall.change == Decimal("0.0")


def test_the_portal_form_keeps_the_answers_and_names_the_missing_rating(client, survey, tenant_user):
    first, second, text = survey.questions.all()
    client.force_login(tenant_user)
    response = client.post(
        reverse("portal:survey-answer", args=[survey.pk]), {f"q{first.pk}": "5", f"q{text.pk}": "多谢"}
    )
    assert response.status_code == 200
    assert "请在 1（很差）到 5（很好）之间评分" in " ".join(response.context["form"].errors[f"q{second.pk}"])
    assert response.context["form"].data[f"q{first.pk}"] == "5" and "多谢" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_the_portal_lists_and_takes_the_answer(client, survey, tenant_user):
    first, second, text = survey.questions.all()
    client.force_login(tenant_user)
    listed = client.get(reverse("portal:surveys"))
    assert [s.pk for s, answered in listed.context["surveys"]] == [survey.pk]
    posted = client.post(
        reverse("portal:survey-answer", args=[survey.pk]), {f"q{first.pk}": "5", f"q{second.pk}": "4"}
    )
    assert posted.status_code == 302
    assert client.get(reverse("portal:survey-answer", args=[survey.pk])).context["answered"] is not None


def test_a_tenant_of_another_building_gets_404(client, survey):
    outsider = MembershipFactory(tenant=TenantFactory(), user=UserFactory(username="outsider")).user
    client.force_login(outsider)
    assert client.get(reverse("portal:survey-answer", args=[survey.pk])).status_code == 404


def test_the_results_page_is_for_front_desk_business_and_management(
    client, survey, engineer, business_manager
):
    client.force_login(engineer)
    assert client.get(reverse("servicedesk:survey-detail", args=[survey.pk])).status_code == 403
    client.force_login(business_manager)
    assert client.get(reverse("servicedesk:survey-detail", args=[survey.pk])).status_code == 200
