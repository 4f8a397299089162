import pytest
from django.urls import reverse

from handover.selectors import dashboard_cards

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_open_visits(client, front_desk, visit):
    # given: one open move-in visit
    cards = {card["icon"]: card for card in dashboard_cards()}
    assert cards["key"]["value"] == 1
    assert cards["tools"]["value"] == 0
    # when
    client.force_login(front_desk)
    response = client.get(reverse("dashboard"))
    # then
    assert reverse("handover:visit-list") + "?status=open" in response.content.decode()
