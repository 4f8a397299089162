"""Building notices: staff publish to a building, a floor or every building; each tenant with a live lease
there gets it in its inbox and on its portal home while valid; urgent ones first; staff see who read it; a
notice without an audience (or reaching nobody) is refused at the field."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from documents.errors import DomainError
from documents.models import Notice
from leasing.models import BuildingNotice, Lease
from leasing.notices.services import building_notice_publish
from tests.factories import MembershipFactory, UserFactory
from tests.leasing.factories import BuildingFactory, FloorFactory, UnitFactory
from tests.leasing.lease_factories import lease_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def desk():
    return UserFactory(roles=["front_desk"])


@pytest.fixture
def tower():
    """One building, two floors, a tenant on each floor, and a tenant in another building."""
    building = BuildingFactory()
    low, high = FloorFactory(building=building, number=1), FloorFactory(building=building, number=2)
    on_low = lease_in(Lease.Status.ACTIVE, units=[UnitFactory(building=building, floor=low)])
    on_high = lease_in(Lease.Status.ACTIVE, units=[UnitFactory(building=building, floor=high)])
    elsewhere = lease_in(Lease.Status.ACTIVE)
    return building, low, on_low.tenant, on_high.tenant, elsewhere.tenant


def _publish(desk, **overrides):
    today = timezone.localdate()
    values = {
        "title": "停水通知",
        "body": "周六停水",
        "audience": "all",
        "valid_from": today,
        "valid_until": today + timedelta(days=2),
    }
    return building_notice_publish(by=desk, **{**values, **overrides})


def test_notices_reach_the_tenants_of_their_audience_only(desk, tower):
    building, low, on_low, on_high, elsewhere = tower
    assert {n.tenant for n in _publish(desk).letters.all()} >= {on_low, on_high, elsewhere}
    reached = {n.tenant for n in _publish(desk, audience="building", building=building).letters.all()}
    assert reached == {on_low, on_high}
    reached = {n.tenant for n in _publish(desk, audience="floor", building=building, floor=low).letters.all()}
    assert reached == {on_low}
    assert Notice.objects.filter(tenant=on_low, topic=Notice.Topic.BUILDING).count() == 3


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"audience": ""}, "audience"),
        ({"audience": "building"}, "building"),
        ({"title": " "}, "title"),
    ],
)
def test_bad_notices_are_refused_at_the_field(desk, tower, overrides, field):
    with pytest.raises(DomainError) as error:
        _publish(desk, **overrides)
    assert error.value.field == field
    assert not BuildingNotice.objects.exists() and not Notice.objects.exists()


def test_a_notice_reaching_nobody_is_refused(desk):
    with pytest.raises(DomainError) as error:
        _publish(desk, audience="building", building=BuildingFactory())
    assert error.value.field == "audience"


def test_only_the_front_desk_and_management_publish(tower):
    with pytest.raises(PermissionDenied):
        _publish(UserFactory(roles=["finance"]))


def test_the_form_without_an_audience_shows_the_error_at_the_field_and_keeps_the_text(client, desk, tower):
    client.force_login(desk)
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("leasing:building-notice-create"),
        {"title": "消防演习", "body": "周五下午", "valid_from": today, "valid_until": today},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "消防演习" in page and "周五下午" in page
    assert "is-invalid" in page
    assert not BuildingNotice.objects.exists()


def test_urgent_notices_head_the_portal_home_and_staff_see_who_read_them(client, desk, tower):
    building, _low, on_low, _high, _else = tower
    reader = MembershipFactory(tenant=on_low, user=UserFactory(username="reader")).user
    _publish(desk, title="Holiday hours")
    urgent = _publish(desk, title="Water cut", urgent=True, audience="building", building=building)
    _publish(
        desk,
        title="Old news",
        valid_from=timezone.localdate() - timedelta(days=9),
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    client.force_login(reader)
    page = client.get(reverse("portal:home")).content.decode()
    assert page.index("Water cut") < page.index("Holiday hours")
    section = page[page.index('data-testid="home-building-notices"') :]
    assert "Old news" not in section.split("</section>")[0]
    # the reader opens it from the inbox
    letter = urgent.letters.get(tenant=on_low)
    client.post(reverse("portal:notice-read", args=[letter.pk]))
    client.force_login(desk)
    detail = client.get(reverse("leasing:building-notice-detail", args=[urgent.pk])).content.decode()
    assert "reader" in detail and "not yet seen" in detail  # the other tenant on the building has not
