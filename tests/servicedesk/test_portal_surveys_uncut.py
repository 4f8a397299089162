"""The portal's survey list shows every survey the tenant answered, however many (it used to look at the
20 newest surveys only, so older answers vanished), and the open ones of its buildings."""

from datetime import date

import pytest
from django.urls import reverse

from servicedesk.models import Survey, SurveyResponse
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_answered_survey_is_listed(client, tenant, tenant_user, leased_unit):
    # given: 24 quarterly surveys over six years, all answered, and 6 later ones the tenant was not asked
    staff = UserFactory(roles=["management"])
    surveys = Survey.objects.bulk_create(
        Survey(
            title=f"{2015 + n // 4}年第{n % 4 + 1}季度满意度调查",
            period=Survey.Period.QUARTER,
            year=2015 + n // 4,
            number=n % 4 + 1,
            opens_on=date(2015 + n // 4, 3 * (n % 4) + 1, 1),
            closes_on=date(2015 + n // 4, 3 * (n % 4) + 1, 20),
            created_by=staff,
        )
        for n in range(30)
    )
    building = leased_unit.building
    SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=survey, tenant=tenant, building=building, by=tenant_user)
        for survey in surveys[:24]
    )
    client.force_login(tenant_user)
    # when
    page = client.get(reverse("portal:surveys")).content.decode()
    # then: the oldest answer is there too; the 6 newest, never asked of it, are not
    assert all(survey.title in page for survey in surveys[:24])
    assert not any(survey.title in page for survey in surveys[24:])
