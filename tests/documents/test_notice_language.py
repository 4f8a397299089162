"""Issue 22: a notice is written in its tenant's language, whatever the sender reads in."""

from datetime import date, timedelta

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from documents.models import Notice
from documents.reminders import expiry_reminders_send
from documents.services import notice_send
from tenancy.document_kinds import BUSINESS_LICENCE
from tests.documents.factories import DocumentFactory
from tests.factories import TenantFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "第 [page] 页"), ("en", "Page [page]")])
def test_a_lazy_subject_and_body_are_written_in_the_tenants_language(language, expected):
    # given: the sender reads the other language
    tenant = TenantFactory(language=language)
    sender_language = "en" if language == "zh-hans" else "zh-hans"
    # when
    with translation.override(sender_language):
        notice = notice_send(
            tenant=tenant,
            subject=gettext_lazy("Page [page] of [pages]"),
            body=gettext_lazy("Page [page] of [pages]"),
            recipients=[],
        )
    # then
    assert notice.subject.startswith(expected)
    assert notice.body.startswith(expected)


def test_an_expiry_reminder_is_written_in_the_tenants_language_not_the_servers():
    # given: an English-reading tenant's licence expiring soon; the job runs in Chinese
    tenant = TenantFactory(language="en")
    DocumentFactory(tenant=tenant, kind=BUSINESS_LICENCE, expires_on=TODAY + timedelta(days=30))
    # when
    with translation.override("zh-hans"):
        expiry_reminders_send(today=TODAY)
    # then
    notice = Notice.objects.get(tenant=tenant)
    assert notice.subject.startswith("Your ")
    assert notice.body.startswith("The ")
