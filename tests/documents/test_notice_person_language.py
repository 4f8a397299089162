"""Issue 21: each portal person gets their e-mailed notices in the language they chose, whatever the
tenant's; the tenant's own address and contacts get the tenant's language; the inbox keeps the tenant's."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils.translation import gettext_lazy

from billing.services.documents import bill_send
from documents.models import Notice
from documents.services import notice_email, notices_send_many, notices_unsent
from tests.billing.factories import active_lease, issued_bill
from tests.factories import MembershipFactory, TenantFactory, UserFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _person(tenant, email: str, language: str, topics: list[str]):
    user = UserFactory(username=email, email=email)
    return MembershipFactory(tenant=tenant, user=user, language=language, email_topics=topics)


def test_a_bill_is_mailed_in_each_readers_language(
    document_root, tasks_inline, django_capture_on_commit_callbacks
):
    # given: a Chinese tenant; its accountant chose English, its manager Chinese (the tenant's), both bills by
    # e-mail; its facilities man chose repairs only
    tenant = TenantFactory(language="zh-hans", email="office@example.com")
    _person(tenant, "amy@example.com", "en", ["billing"])
    _person(tenant, "wang@example.com", "", ["billing"])
    _person(tenant, "zhao@example.com", "", ["repairs"])
    bill = issued_bill(active_lease(tenant=tenant))
    # when
    with django_capture_on_commit_callbacks(execute=True):
        bill_send(bill_id=bill.pk)
    # then: one Chinese e-mail to the office and the manager, one English to the accountant (PDF attached);
    # none to the one who chose repairs only
    by_reader = {tuple(message.to): message for message in mail.outbox}
    assert set(by_reader) == {("office@example.com", "wang@example.com"), ("amy@example.com",)}
    chinese, english = by_reader[("office@example.com", "wang@example.com")], by_reader[("amy@example.com",)]
    assert chinese.subject == f"缴费通知单 {bill.number}" and english.subject == f"Bill {bill.number}"
    assert english.body.startswith(f"Your bill {bill.number} for ")
    assert [a[0] for a in english.attachments] == [a[0] for a in chinese.attachments] != []
    # the inbox keeps the tenant's language
    notice = Notice.objects.get(tenant=tenant)
    assert notice.subject == f"缴费通知单 {bill.number}" and notice.emailed_at is not None


def test_a_person_in_another_language_is_taken_off_the_tenant_language_mail_even_as_a_contact():
    tenant = TenantFactory(language="en", email="")
    tenant.contacts.create(name="李华", email="li@example.com", is_primary=True)
    _person(tenant, "li@example.com", "zh-hans", ["building"])
    # when: a building notice with lazy words, as staff publish them
    (notice,) = notices_send_many(
        [(tenant, gettext_lazy("Page [page] of [pages]"), gettext_lazy("Page [page] of [pages]"))],
        topic="building",
    )
    # then: no tenant-language copy for the contact who chose Chinese; the Chinese version for them
    assert notice.recipients == []
    (version,) = notice.versions.all()
    assert (version.language, version.recipients) == ("zh-hans", ["li@example.com"])
    assert version.subject == version.body == "第 [page] 页，共 [pages] 页"
    # and the sender mails it, once
    assert notice_email(notice_id=notice.pk) is True
    assert [m.to for m in mail.outbox] == [["li@example.com"]] and mail.outbox[0].subject.startswith("第 ")
    assert notice_email(notice_id=notice.pk) is False


def test_the_sweep_finds_a_notice_only_people_in_another_language_get():
    # given: an English tenant without an address of its own; its one subscriber chose Chinese
    tenant = TenantFactory(language="en", email="")
    _person(tenant, "li@example.com", "zh-hans", ["building"])
    (notice,) = notices_send_many([(tenant, "Water off", "Tomorrow 9-12.")], topic="building")
    # when: its send was interrupted, an hour later the sweep looks
    later = notice.created_at + timedelta(hours=1)
    # then: it is found though its tenant-language list is empty
    assert notice.recipients == [] and notice.pk in notices_unsent(now=later)
