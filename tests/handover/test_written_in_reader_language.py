"""Issue 22: a rectification item is kept as its message and values, so each reader reads it in their own
language whoever signed the sheet; the signed sheet's PDF is in the tenant's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from documents.models import Document
from handover.models import RectificationItem, Sheet
from tests.language import clerk_reading_english, pdf_text, set_language

from .factories import fill_acceptance, sign, staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """A page request activates the reader's language and leaves it active: the next test starts as before."""
    with translation.override(translation.get_language()):
        yield


def _raised_by_a_clerk_reading_english(visit) -> RectificationItem:
    by = staff()
    with clerk_reading_english():
        fill_acceptance(visit, by)  # the first line, doors and locks, has a defect: 门锁松动
        sign(visit, Sheet.Kind.ACCEPTANCE, by)
    return RectificationItem.objects.get(visit=visit)


def test_a_rectification_raised_by_an_english_clerk_reads_in_each_readers_language(visit):
    # given / when
    item = _raised_by_a_clerk_reading_english(visit)
    # then: the checklist item's name follows the reader, the defect stays as typed
    with translation.override("zh-hans"):
        assert item.description_shown == "门及门锁：门锁松动"
    with translation.override("en"):
        assert item.description_shown == "Doors and locks: 门锁松动"
    assert item.description == ""  # nothing stored in the signer's language


def test_the_tenant_reads_it_in_chinese_and_the_engineer_in_english(visit, client, tenant_user, engineer):
    # given
    item = _raised_by_a_clerk_reading_english(visit)
    # when: the tenant reads its portal in Chinese
    client.force_login(tenant_user)
    client.cookies["django_language"] = "zh-hans"
    portal = client.get(reverse("portal:handover-visits")).content.decode()
    # and an engineer reads the rectification list in English
    client.force_login(engineer)
    client.cookies["django_language"] = "en"
    staff_page = client.get(reverse("handover:rectification-list")).content.decode()
    # then
    assert f'data-testid="portal-rectification-{item.pk}"' in portal
    assert "门及门锁：门锁松动" in portal and "Doors and locks" not in portal
    assert "Doors and locks: 门锁松动" in staff_page


def test_an_item_raised_before_keeps_its_text(visit):
    # given: a row written before descriptions were kept as messages
    item = _raised_by_a_clerk_reading_english(visit)
    RectificationItem.objects.filter(pk=item.pk).update(
        description="Doors and locks: 门锁松动", description_key="", description_params={}
    )
    item.refresh_from_db()
    # when / then
    with translation.override("zh-hans"):
        assert item.description_shown == "Doors and locks: 门锁松动"


@pytest.mark.parametrize(("language", "page"), [("zh-hans", "第 1 页"), ("en", "Page 1 of")])
def test_a_sheet_signed_by_an_english_clerk_prints_in_the_tenants_language(visit, language, page):
    # given
    set_language(visit.tenant, language)
    # when
    _raised_by_a_clerk_reading_english(visit)
    # then
    sheet = visit.sheets.get(kind=Sheet.Kind.ACCEPTANCE, status=Sheet.Status.SIGNED)
    assert page in pdf_text(Document.objects.get(pk=sheet.document_id))
