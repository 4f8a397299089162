"""The tenant dossier's intake parts; working-day ages; the portal invitation; staff names."""

from datetime import date

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from documents.models import Document
from tenancy.document_kinds import BUSINESS_LICENCE, ID_COPY
from tenancy.models import TenantMembership
from tenancy.people import display_name
from tenancy.workdays import is_working_day as is_workday
from tenancy.workdays import working_days_between
from tests.factories import UserFactory

from .factories import approve, draft, in_review

pytestmark = pytest.mark.django_db


def test_working_days_skip_chinese_holidays_and_count_swapped_weekends():
    # National Day 2025: 1–8 October off, Saturday 11 October worked.
    assert not is_workday(date(2025, 10, 1))
    assert is_workday(date(2025, 10, 11))
    assert working_days_between(date(2025, 9, 30), date(2025, 10, 9)) == 1


def test_working_days_fall_back_to_monday_to_friday_for_an_unknown_year():
    # 2 January 2090 is a Monday; the calendar has no data for that year.
    assert working_days_between(date(2090, 1, 1), date(2090, 1, 8)) == 5


def test_the_dossier_shows_applications_with_their_timeline_and_the_licence_expiry(
    client, front_desk, business_manager, legal_manager, finance_manager, general_manager
):
    # given
    application = approve(
        in_review(front_desk, licence_valid_until=date(2031, 5, 20)),
        business_manager,
        legal_manager,
        finance_manager,
        general_manager,
    )
    client.force_login(business_manager)
    # when
    applications = client.get(reverse("tenancy:tenant-applications", args=[application.tenant_id]))
    documents = client.get(reverse("tenancy:tenant-documents", args=[application.tenant_id]))
    # then
    assert application.number in applications.content.decode()
    assert applications.content.decode().count('<li class="border-start') == application.events.count()
    assert "2031-05-20" in documents.content.decode()


def test_the_portal_invitation_link_sets_the_password(
    client, front_desk, business_manager, legal_manager, finance_manager, general_manager
):
    # given
    application = approve(
        in_review(front_desk), business_manager, legal_manager, finance_manager, general_manager
    )
    user = TenantMembership.objects.get(tenant=application.tenant).user
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    # when: the link redirects to its own form, which takes the new password
    form_url = client.get(reverse("intake:invitation", args=[uid, token])).url
    response = client.post(
        form_url, {"new_password1": "Xq7-portal-secret", "new_password2": "Xq7-portal-secret"}
    )
    # then
    assert response.url == reverse("portal:login")
    user.refresh_from_db()
    assert user.check_password("Xq7-portal-secret")


def test_a_forged_invitation_link_sets_nothing(client):
    response = client.get(reverse("intake:invitation", args=["MQ", "forged-token"]))
    assert 'data-testid="invalid-link"' in response.content.decode()


def test_chinese_names_are_printed_family_name_first():
    assert display_name(UserFactory(username="a", first_name="洋", last_name="吕")) == "吕洋"
    assert display_name(UserFactory(username="b", first_name="Ann", last_name="Lee")) == "Ann Lee"
    assert display_name(UserFactory(username="c", first_name="", last_name="")) == "c"


def test_the_licence_filed_with_an_application_carries_the_stated_validity_so_its_expiry_is_reminded(
    front_desk,
):
    # given / when
    application = draft(front_desk, licence_valid_until=date(2031, 5, 20))
    # then
    documents = {d.kind: d.expires_on for d in Document.objects.filter(about_id=application.pk)}
    assert documents[BUSINESS_LICENCE] == date(2031, 5, 20)
    assert documents[ID_COPY] is None
