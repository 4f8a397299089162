"""The daily overdue sweep: rectification items, fit-out rectification notices and works past their end date
are flagged once per day, engineering counts them, each tenant gets one inbox notice listing its own."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from config.dashboard import assigned_counts, count_all
from documents.models import Notice as InboxNotice
from fitout import selectors, services
from fitout.models import Application
from fitout.tasks import overdue_sweep as overdue_sweep_task
from handover.models import RectificationItem, Sheet
from tests.handover.factories import fill_acceptance, move_in_visit, sign
from tests.handover.factories import staff as handover_staff

from .factories import permitted, today


def _rectification(tenant: Any, *, due_days_ago: int = 1) -> RectificationItem:
    visit = move_in_visit(tenant=tenant)
    by = handover_staff()
    fill_acceptance(visit, by)
    sign(visit, Sheet.Kind.ACCEPTANCE, by)
    item = RectificationItem.objects.get(visit=visit)
    RectificationItem.objects.filter(pk=item.pk).update(due_date=today() - timedelta(days=due_days_ago))
    item.refresh_from_db()
    return item


def test_overdue_sweep_flags_an_overdue_rectification_once_per_day(tenant):
    # given
    item = _rectification(tenant)
    notices_before = InboxNotice.objects.filter(tenant=tenant).count()
    # when
    first = services.overdue_sweep(today=today())
    second = services.overdue_sweep(today=today())
    # then: flagged and told once today
    assert (first.rectifications, first.tenants_told) == (1, 1)
    assert (second.rectifications, second.tenants_told) == (0, 0)
    item.refresh_from_db()
    assert item.overdue_flagged_on == today()
    told = InboxNotice.objects.filter(tenant=tenant).order_by("pk")
    assert told.count() == notices_before + 1
    assert "门锁松动" in told.last().body
    # when: still open the next day, it is flagged (and told) again, once
    tomorrow = today() + timedelta(days=1)
    assert services.overdue_sweep(today=tomorrow).rectifications == 1
    assert services.overdue_sweep(today=tomorrow).rectifications == 0
    assert InboxNotice.objects.filter(tenant=tenant).count() == notices_before + 2


def test_overdue_sweep_leaves_items_due_today_and_fixed_items(tenant, engineer):
    # given
    due_today = _rectification(tenant, due_days_ago=0)
    fixed = _rectification(tenant, due_days_ago=3)
    from handover.services import rectification_fix

    rectification_fix(item=fixed, note="更换门锁", by=engineer)
    # when
    result = services.overdue_sweep(today=today())
    # then
    assert result.rectifications == 0 and result.tenants_told == 0
    assert RectificationItem.objects.filter(overdue_flagged_on__isnull=False).count() == 0
    assert not due_today.is_overdue


def test_overdue_sweep_flags_notices_and_works_and_tells_each_tenant_only_its_own(
    tenant, tenant_user, other_tenant, engineer
):
    # given: a permit whose works end in 30 days, a rectification notice due in 3 days; another tenant's item
    application = permitted(tenant)
    notice = services.notice_issue(
        application=application,
        kind="rectification",
        text="清理消防通道",
        deadline=today() + timedelta(days=3),
        by=engineer,
    )
    theirs = _rectification(other_tenant)
    later = application.ends_on + timedelta(days=1)
    # when
    result = services.overdue_sweep(today=later)
    # then: the notice, the works and the other tenant's item; one notice for each tenant
    assert (result.notices, result.works, result.tenants_told) == (1, 1, 2)
    mine = InboxNotice.objects.filter(tenant=tenant).latest("pk")
    assert notice.number in mine.body and application.number in mine.body
    assert theirs.description_shown not in mine.body
    other = InboxNotice.objects.filter(tenant=other_tenant).latest("pk")
    assert notice.number not in other.body and application.number not in other.body
    # and: counted on the fit-out dashboard until answered
    counts = count_all(selectors.dashboard_counts())
    assert (counts["notices_overdue"], counts["works_overdue"]) == (1, 1)
    services.notice_answer(notice=notice, answer="已清理", by=tenant_user)
    assert count_all(selectors.dashboard_counts())["notices_overdue"] == 0


def test_overdue_sweep_counts_for_engineering_and_the_task_runs_it(tenant, engineer, front_desk):
    # given
    _rectification(tenant)
    # when
    result = overdue_sweep_task.apply().get()
    # then
    assert result["rectifications"] == 1
    assert count_all(assigned_counts(engineer))["rectifications_overdue"] == 1
    assert "rectifications_overdue" not in assigned_counts(front_desk)


def test_the_tenant_sees_its_overdue_items_in_the_portal(client, tenant, tenant_user, other_tenant_user):
    # given
    item = _rectification(tenant)
    # when
    client.force_login(tenant_user)
    page = client.get(reverse("portal:handover-visits"))
    # then
    assert page.status_code == 200
    assert f'data-testid="portal-overdue-{item.pk}"' in page.content.decode()
    client.force_login(other_tenant_user)
    assert f"portal-overdue-{item.pk}" not in client.get(reverse("portal:handover-visits")).content.decode()


def test_works_are_overdue_only_the_day_after_their_end_date(tenant):
    # given
    application = permitted(tenant)
    # when / then: not on the end date itself, the day after once
    assert services.overdue_sweep(today=application.ends_on).works == 0
    assert services.overdue_sweep(today=application.ends_on + timedelta(days=1)).works == 1
    assert Application.objects.get(pk=application.pk).overdue_flagged_on == application.ends_on + timedelta(
        days=1
    )


@pytest.mark.parametrize("language, words", [("en", "Overdue items"), ("zh-hans", "逾期事项")])
def test_the_tenant_notice_is_written_in_the_tenants_language(tenant, language, words):
    # given
    tenant.language = language
    tenant.save(update_fields=["language"])
    _rectification(tenant)
    # when
    services.overdue_sweep(today=today())
    # then
    assert words in InboxNotice.objects.filter(tenant=tenant).latest("pk").subject


def test_the_overdue_card_links_to_the_items_it_counts(client, tenant, engineer):
    # given
    item = _rectification(tenant)
    on_time = _rectification(tenant, due_days_ago=-3)
    services.overdue_sweep(today=today())
    # when
    client.force_login(engineer)
    page = client.get(reverse("handover:rectification-list") + "?overdue=1").content.decode()
    # then
    assert f'data-testid="rectification-{item.pk}"' in page
    assert f'data-testid="rectification-{on_time.pk}"' not in page
    assert f'data-testid="overdue-{item.pk}"' in page
