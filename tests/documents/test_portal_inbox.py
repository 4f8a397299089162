"""The portal inbox (tenancy/portal_inbox.py): a tenant sees its own notices only; opening marks read."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documents.models import Notice
from tenancy.history import object_history
from tests.documents.factories import DocumentFactory, NoticeFactory


def _inbox(client, user):
    client.force_login(user)
    return client.get(reverse("portal:inbox"))


def test_portal_inbox_lists_own_notices_newest_first_unread_in_bold(
    client, tenant, other_tenant, tenant_user
):
    # given
    older = NoticeFactory(tenant=tenant, subject="旧通知")
    newer = NoticeFactory(tenant=tenant, subject="新通知")
    Notice.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - timedelta(days=2), read_at=timezone.now() - timedelta(days=1)
    )
    NoticeFactory(tenant=other_tenant, subject="别家的通知")
    # when
    response = _inbox(client, tenant_user)
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("新通知") < page.index("旧通知")
    assert "别家的通知" not in page
    assert list(response.context["notices"]) == [newer, older]
    unread = [
        n for n in page.split('data-testid="inbox-notice"')[1:] if 'data-unread="true"' in n.split(">")[0]
    ]
    assert len(unread) == 1 and "新通知" in unread[0] and "fw-bold" in page


def test_portal_inbox_costs_the_same_queries_for_few_or_many_notices(client, tenant, tenant_user):
    # given
    for _ in range(2):
        NoticeFactory(tenant=tenant, attachment=DocumentFactory(tenant=tenant))
    client.force_login(tenant_user)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("portal:inbox"))
    for _ in range(8):
        NoticeFactory(tenant=tenant, attachment=DocumentFactory(tenant=tenant))
    # when
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("portal:inbox"))
    # then
    assert len(many) == len(few)


def test_portal_notice_detail_shows_the_notice_marks_it_read_and_links_the_attachment(
    client, tenant, tenant_user
):
    # given
    pdf = DocumentFactory(tenant=tenant, title="缴费通知单", visible_to_tenant=True)
    notice = NoticeFactory(tenant=tenant, subject="缴费通知", body="第一段\n\n第二段", attachment=pdf)
    client.force_login(tenant_user)
    # when: the page is shown, then sends the read receipt it carries
    response = client.get(reverse("portal:notice-detail", args=[notice.pk]))
    notice.refresh_from_db()
    shown_unread = notice.read_at is None
    receipt = client.post(reverse("portal:notice-read", args=[notice.pk]))
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "缴费通知" in page and "第二段" in page
    assert reverse("portal:document-download", args=[pdf.download_token]) in page
    assert reverse("portal:notice-read", args=[notice.pk]) in page
    assert shown_unread and receipt.status_code == 204
    notice.refresh_from_db()
    assert notice.read_at is not None
    # and: the audit trail says who opened it, although page views carry no history context
    assert object_history(notice)[0].user == tenant_user


def test_portal_notice_detail_of_another_tenant_is_404_and_stays_unread(client, tenant, other_tenant_user):
    # given
    notice = NoticeFactory(tenant=tenant)
    client.force_login(other_tenant_user)
    # when
    response = client.get(reverse("portal:notice-detail", args=[notice.pk]))
    receipt = client.post(reverse("portal:notice-read", args=[notice.pk]))
    # then
    assert response.status_code == 404 and receipt.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_portal_attachment_downloads_for_its_tenant_only(client, tenant, tenant_user, other_tenant_user):
    # given
    pdf = DocumentFactory(tenant=tenant, visible_to_tenant=True)
    NoticeFactory(tenant=tenant, attachment=pdf)
    url = reverse("portal:document-download", args=[pdf.download_token])
    # when / then
    client.force_login(tenant_user)
    assert client.get(url).status_code == 200
    client.force_login(other_tenant_user)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url_name", ["portal:inbox", "portal:notice-detail"])
def test_portal_inbox_sends_anonymous_visitors_to_the_portal_login(client, tenant, url_name):
    notice = NoticeFactory(tenant=tenant)
    url = reverse(url_name, args=[notice.pk] if url_name == "portal:notice-detail" else [])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))


@pytest.mark.parametrize("url_name", ["portal:inbox", "portal:notice-detail"])
def test_portal_inbox_is_not_for_staff(client, tenant, front_desk, general_manager, url_name):
    notice = NoticeFactory(tenant=tenant)
    url = reverse(url_name, args=[notice.pk] if url_name == "portal:notice-detail" else [])
    for user in (front_desk, general_manager):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_portal_navigation_links_the_inbox(client, tenant_user):
    client.force_login(tenant_user)
    page = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:inbox")}"' in page
