"""The public application page is found: both login pages link to it, the portal offers the tenant's own
application, and staff print a counter card with its address and QR code."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("login", ["login", "portal:login"])
def test_both_login_pages_link_the_public_application(client, login):
    # when
    response = client.get(reverse(login))
    # then
    assert f'href="{reverse("intake:apply")}"' in response.content.decode()


def test_the_portal_home_offers_an_application_for_more_space(client, tenant_user):
    # given
    client.force_login(tenant_user)
    # when
    response = client.get(reverse("portal:home"))
    # then
    assert f'href="{reverse("portal:application-create")}"' in response.content.decode()


def test_the_counter_card_shows_the_address_and_an_inline_qr_code(client, front_desk, settings):
    # given
    settings.SITE_URL = "https://office.example.com"
    client.force_login(front_desk)
    # when
    response = client.get(reverse("intake:counter-card"))
    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert "https://office.example.com/intake/apply/" in content
    assert "<svg" in content
    assert "http" not in content.split('data-testid="counter-qr">')[1].split("</div>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_the_application_list_links_the_counter_card(client, business_manager):
    client.force_login(business_manager)
    response = client.get(reverse("intake:application-list"))
    assert f'href="{reverse("intake:counter-card")}"' in response.content.decode()


@pytest.mark.parametrize("role", ["legal_manager", "finance_manager", "engineer"])
def test_the_counter_card_is_refused_to_other_roles(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("intake:counter-card")).status_code == 403
