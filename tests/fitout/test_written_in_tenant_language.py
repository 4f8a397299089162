"""Issue 22: what fit-out tells the tenant (the review opinion, the deposit, the permit) is written in the
tenant's language (Chinese unless set), not in the language of the engineer or cashier who clicked."""

import pytest

from documents.models import Notice
from fitout.models import Application
from tests.factories import TenantFactory
from tests.language import clerk_reading_english, pdf_text

from .factories import permitted

pytestmark = pytest.mark.django_db


def _permitted_by_clerks_reading_english(language: str) -> tuple[Application, list[Notice]]:
    tenant = TenantFactory(language=language)
    with clerk_reading_english():
        application = permitted(tenant)
    return application, list(Notice.objects.filter(tenant=tenant).order_by("pk"))


def test_fit_out_notices_from_clerks_reading_english_are_chinese_for_a_chinese_tenant():
    # given / when
    application, (review, deposit, permit) = _permitted_by_clerks_reading_english("zh-hans")
    # then: the review opinion, the deposit and the permit, each with its Chinese subject and text
    assert review.subject == f"图纸审核意见书 {application.number}"
    assert review.body == "您的装修图纸已审核通过。"
    assert deposit.subject == f"装修押金：{application.number}"
    assert deposit.body.startswith("请于 ")
    assert permit.subject == f"装修施工许可证 {application.permit_number}"
    assert "Your fit-out" not in permit.body
    assert "第 1 页" in pdf_text(permit.attachment)


def test_fit_out_notices_are_english_for_an_english_tenant():
    # given / when
    application, (review, deposit, permit) = _permitted_by_clerks_reading_english("en")
    # then
    assert review.subject == f"Drawing review opinion {application.number}"
    assert review.body == "Your fit-out drawings are approved."
    assert deposit.subject == f"Fit-out deposit for {application.number}"
    assert permit.subject == f"Fit-out permit {application.permit_number}"
    assert "Page 1 of" in pdf_text(permit.attachment)
