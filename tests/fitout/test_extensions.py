"""Fit-out extensions: the tenant asks in the portal for a later end of the works, engineering decides;
approved, the works and the worker passes end on the new date."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from documents.errors import DomainError
from documents.models import Notice as InboxNotice
from fitout import services
from fitout.models import Application, Extension, Worker

from .factories import permitted, worker


def test_extension_approved_moves_the_works_and_the_passes(tenant, tenant_user, engineer):
    # given: a permit with two workers, one of them revoked
    application = permitted(tenant)
    kept, revoked = worker(application, 1), worker(application, 2)
    services.worker_pass_revoke(worker=revoked, reason="离场", by=_guard())
    new_end = application.ends_on + timedelta(days=14)
    # when
    services.extension_request(application=application, ends_on=new_end, reason="材料延误", by=tenant_user)
    extension = services.extension_decide(application=application, approve=True, note="", by=engineer)
    # then
    application.refresh_from_db()
    assert extension.status == Extension.Status.APPROVED and application.ends_on == new_end
    assert Worker.objects.get(pk=kept.pk).valid_until == new_end
    assert Worker.objects.get(pk=revoked.pk).valid_until != new_end
    told = InboxNotice.objects.filter(tenant=tenant).latest("pk")
    assert application.number in told.subject and new_end.isoformat() in told.body


def test_extension_ending_before_the_current_end_is_refused_at_the_field(tenant, tenant_user):
    # given
    application = permitted(tenant)
    # when / then
    for ends_on in (application.ends_on, application.ends_on - timedelta(days=1)):
        with pytest.raises(DomainError) as error:
            services.extension_request(application=application, ends_on=ends_on, reason="x", by=tenant_user)
        assert error.value.field == "ends_on"
    assert not Extension.objects.exists()


def test_the_portal_form_shows_the_message_at_the_field_in_chinese_and_keeps_the_reason(
    client, tenant, tenant_user
):
    # given
    application = permitted(tenant)
    client.force_login(tenant_user)
    url = reverse("fitout_portal:extension-request", args=[application.pk])
    # when
    with translation.override("zh-hans"):
        page = client.post(
            url,
            {"ends_on": (application.ends_on - timedelta(days=2)).isoformat(), "reason": "材料延误两周"},
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    # then
    body = page.content.decode()
    assert page.status_code == 200
    assert "新的完工日期必须晚于当前完工日期" in body
    assert "材料延误两周" in body
    assert not Extension.objects.exists()


def test_another_tenant_cannot_ask_and_security_cannot_decide(
    client, tenant, tenant_user, other_tenant_user, security_guard
):
    # given
    application = permitted(tenant)
    new_end = (application.ends_on + timedelta(days=5)).isoformat()
    # when / then: another tenant's portal user gets 404
    client.force_login(other_tenant_user)
    page = client.post(
        reverse("fitout_portal:extension-request", args=[application.pk]), {"ends_on": new_end}
    )
    assert page.status_code == 404
    # when / then: the tenant asks, security may not decide
    client.force_login(tenant_user)
    page = client.post(
        reverse("fitout_portal:extension-request", args=[application.pk]),
        {"ends_on": new_end, "reason": "延误"},
    )
    assert page.status_code == 302
    with pytest.raises(PermissionDenied):
        services.extension_decide(application=application, approve=True, note="", by=security_guard)
    assert Application.objects.get(pk=application.pk).ends_on == application.ends_on


def test_a_refusal_needs_a_note_and_leaves_the_dates(tenant, tenant_user, engineer):
    # given
    application = permitted(tenant)
    services.extension_request(
        application=application,
        ends_on=application.ends_on + timedelta(days=3),
        reason="延误",
        by=tenant_user,
    )
    # when / then
    with pytest.raises(DomainError) as error:
        services.extension_decide(application=application, approve=False, note=" ", by=engineer)
    assert error.value.field == "note"
    extension = services.extension_decide(
        application=application, approve=False, note="工期已够", by=engineer
    )
    assert extension.status == Extension.Status.REFUSED
    assert Application.objects.get(pk=application.pk).ends_on == application.ends_on
    # and: a new request may follow
    services.extension_request(
        application=application,
        ends_on=application.ends_on + timedelta(days=2),
        reason="再次申请",
        by=tenant_user,
    )


def test_engineering_decides_on_the_staff_page(client, tenant, tenant_user, engineer):
    # given
    application = permitted(tenant)
    new_end = application.ends_on + timedelta(days=7)
    services.extension_request(application=application, ends_on=new_end, reason="延误", by=tenant_user)
    client.force_login(engineer)
    detail = client.get(reverse("fitout:application-detail", args=[application.pk]))
    assert 'data-testid="extension-decide"' in detail.content.decode()
    # when
    page = client.post(
        reverse("fitout:extension-decide", args=[application.pk]),
        {"extension_decision-approve": "1", "extension_decision-note": "同意"},
    )
    # then
    assert page.status_code == 302
    assert Application.objects.get(pk=application.pk).ends_on == new_end


def _guard():  # type: ignore[no-untyped-def]
    from .factories import staff

    return staff("security")
