"""Visit pages beyond access: opening visits, pre-inspection findings, the lift booking, superseding a sheet,
fixing a rectification item, and the list's query count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from handover.models import RectificationItem, RelocationBooking, Sheet, Visit
from leasing.models import Lease
from tests.leasing.lease_factories import lease_in

from .factories import fill_acceptance, fill_keys, lease_with_notice, move_in_visit, sign, staff

pytestmark = pytest.mark.django_db


def test_opening_a_move_in_for_a_lease_that_is_not_signed_is_refused_at_the_field(client, front_desk):
    # given
    draft = lease_in(Lease.Status.DRAFT)
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("handover:visit-open-move-in"),
        {"lease": draft.pk, "visit_date": timezone.localdate().isoformat()},
    )
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["lease"]
    assert not Visit.objects.exists()


def test_opening_a_move_in_from_the_page(client, front_desk):
    lease = lease_in(Lease.Status.SIGNED)
    client.force_login(front_desk)
    day = timezone.localdate() + timedelta(days=2)
    response = client.post(
        reverse("handover:visit-open-move-in"), {"lease": lease.pk, "visit_date": day.isoformat()}
    )
    visit = Visit.objects.get(lease=lease)
    assert response.status_code == 302 and response["Location"] == reverse(
        "handover:visit-detail", args=[visit.pk]
    )
    assert visit.kind == Visit.Kind.MOVE_IN and visit.visit_date == day


def test_opening_a_move_out_from_a_notice(client, front_desk):
    lease = lease_in(Lease.Status.ACTIVE)
    notice = lease_with_notice(lease, front_desk)
    client.force_login(front_desk)
    page = client.get(reverse("handover:visit-open-move-out"))
    assert lease.number in page.content.decode()
    day = timezone.localdate() + timedelta(days=30)
    client.post(reverse("handover:visit-open-move-out"), {"notice": notice.pk, "visit_date": day.isoformat()})
    assert Visit.objects.get(lease=lease).kind == Visit.Kind.MOVE_OUT


def test_a_move_out_over_an_open_move_in_is_refused_at_the_notice(client, front_desk, visit):
    # given: the fixture's move-in visit is open; the tenant gives notice
    Lease.objects.filter(pk=visit.lease_id).update(status=Lease.Status.ACTIVE)
    notice = lease_with_notice(visit.lease, front_desk)
    client.force_login(front_desk)
    client.cookies["django_language"] = "en"
    day = timezone.localdate() + timedelta(days=30)
    # when
    response = client.post(
        reverse("handover:visit-open-move-out"), {"notice": notice.pk, "visit_date": day.isoformat()}
    )
    # then
    assert "is still open" in " ".join(response.context["form"].errors["notice"])
    assert not Visit.objects.filter(kind=Visit.Kind.MOVE_OUT).exists()


def test_the_opened_message_speaks_in_the_singular_for_one_visit(client, front_desk):
    # given
    lease = lease_in(Lease.Status.SIGNED)
    client.force_login(front_desk)
    client.cookies["django_language"] = "en"
    day = timezone.localdate() + timedelta(days=2)
    # when
    response = client.post(
        reverse("handover:visit-open-move-in"),
        {"lease": lease.pk, "visit_date": day.isoformat()},
        follow=True,
    )
    # then
    assert [str(m) for m in response.context["messages"]] == ["1 visit opened."]


def test_a_past_visit_date_is_refused(client, front_desk):
    lease = lease_in(Lease.Status.SIGNED)
    client.force_login(front_desk)
    past = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("handover:visit-open-move-in"), {"lease": lease.pk, "visit_date": past.isoformat()}
    )
    assert response.context["form"].errors["visit_date"]
    assert not Visit.objects.exists()


def test_engineering_records_its_findings(client, engineer, visit):
    task = visit.pre_inspections.get(department="engineering")
    client.force_login(engineer)
    url = reverse("handover:pre-inspection", kwargs={"pk": visit.pk, "task_pk": task.pk})
    empty = client.post(url, {"findings": ""})
    assert empty.status_code == 200 and not empty.context["task_form"].is_valid()
    client.post(url, {"findings": "天花有水渍"})
    task.refresh_from_db()
    assert task.findings == "天花有水渍" and task.done_by == engineer


def test_a_booked_lift_slot_is_refused_with_a_message_at_the_slot(client, front_desk, visit):
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    client.force_login(front_desk)
    url = reverse("handover:booking-create", kwargs={"pk": visit.pk})
    assert client.post(url, {"moving_date": day, "slot": "10-12", "mover": "顺达搬家"}).status_code == 302
    # when
    response = client.post(url, {"moving_date": day, "slot": "10-12", "mover": "另一家"})
    # then
    assert response.status_code == 200
    assert response.context["booking_form"].errors["slot"]
    assert 'value="另一家"' in response.content.decode()
    assert RelocationBooking.objects.count() == 1


def test_a_signed_sheet_is_superseded_with_a_reason_from_the_page(client, front_desk, visit):
    by = staff()
    fill_keys(visit, by)
    signed = sign(visit, Sheet.Kind.KEYS, by)
    client.force_login(front_desk)
    url = reverse("handover:sheet-supersede", kwargs={"pk": visit.pk, "kind": "keys"})
    no_reason = client.post(url, {"reason": ""})
    assert no_reason.status_code == 200 and no_reason.context["supersede_form"].errors["reason"]
    assert client.post(url, {"reason": "钥匙数量记错"}).status_code == 302
    new = visit.sheets.get(kind="keys", version=2)
    assert new.status == Sheet.Status.DRAFT and new.supersedes == signed and new.reason == "钥匙数量记错"
    page = client.get(reverse("handover:sheet", kwargs={"pk": visit.pk, "kind": "keys"}))
    assert page.context["sheet"] == new


def test_engineering_marks_a_rectification_fixed(client, engineer, visit):
    by = staff()
    fill_acceptance(visit, by)
    sign(visit, Sheet.Kind.ACCEPTANCE, by)
    item = RectificationItem.objects.get(visit=visit)
    client.force_login(engineer)
    listing = client.get(reverse("handover:rectification-list"))
    assert "门锁松动" in listing.content.decode()
    client.post(reverse("handover:rectification-fix", args=[item.pk]), {"fix_note": "更换门锁"})
    item.refresh_from_db()
    assert item.status == RectificationItem.Status.FIXED and item.fixed_by == engineer


def test_the_visit_list_costs_the_same_queries_for_more_visits(
    client, front_desk, django_assert_max_num_queries
):
    client.force_login(front_desk)
    move_in_visit()
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("handover:visit-list"))
    for _ in range(4):
        move_in_visit()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("handover:visit-list"))
    assert response.status_code == 200 and len(response.context["table"].rows) == 5


def test_engineering_finds_its_pre_inspections_on_the_list(client, engineer, front_desk, visit):
    client.force_login(engineer)
    response = client.get(reverse("handover:visit-list"))
    tasks = response.context["tasks"]
    assert [row.record.department for row in tasks.paginated_rows] == ["engineering"]
    client.force_login(front_desk)
    assert not client.get(reverse("handover:visit-list")).context["tasks"]
