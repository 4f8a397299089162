"""Dashboard cards of the space inventory, and the admin pages."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.dashboard import count_all
from leasing.models import Unit
from leasing.selectors import dashboard_cards, dashboard_counts
from tests.factories import UserFactory
from tests.leasing.factories import UnitFactory


def test_dashboard_cards_count_units_by_status_in_one_query(db):
    # given
    for status in [Unit.Status.VACANT] * 3 + [Unit.Status.OCCUPIED] * 2 + [Unit.Status.UNAVAILABLE]:
        UnitFactory(status=status)
    # when
    with CaptureQueriesContext(connection) as queries:
        cards = dashboard_cards(count_all(dashboard_counts()))
    # then
    assert len(queries) == 1
    assert [(card["value"], card["url"]) for card in cards] == [
        (3, reverse("leasing:unit-list") + "?status=vacant"),
        (0, reverse("leasing:unit-list") + "?status=reserved"),
        (2, reverse("leasing:unit-list") + "?status=occupied"),
        (0, reverse("leasing:unit-list") + "?status=fit_out"),
    ]
    assert [str(card["label"]) for card in cards] == ["空置单元", "已预订单元", "已出租单元", "装修中单元"]
    assert all(card["icon"] for card in cards)


def test_dashboard_shows_the_unit_cards(client, front_desk):
    # given
    UnitFactory(status=Unit.Status.VACANT)
    client.force_login(front_desk)
    # when
    page = client.get(reverse("home")).content.decode()
    # then
    assert "空置单元" in page and "?status=vacant" in page


def test_a_card_link_opens_the_filtered_list(client, front_desk):
    # given
    UnitFactory(status=Unit.Status.VACANT, code="V1")
    UnitFactory(status=Unit.Status.OCCUPIED, code="O1")
    client.force_login(front_desk)
    # when
    response = client.get(dashboard_cards(count_all(dashboard_counts()))[0]["url"])
    # then
    assert [row.record.code for row in response.context["table"].page.object_list] == ["V1"]


def test_admin_unit_changelist_pages_by_25_without_a_query_per_row(client, db):
    # given
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    for _ in range(30):
        UnitFactory()
    client.force_login(admin)
    # when
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:leasing_unit_changelist"))
    # then
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 25
    assert len(queries) < 20
    for name in ("building", "floor"):
        assert client.get(reverse(f"admin:leasing_{name}_changelist")).status_code == 200
