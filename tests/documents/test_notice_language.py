"""Issue 22: a notice is written in its tenant's language, whatever the sender reads in."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from documents.services import notice_send
from tests.factories import TenantFactory

pytestmark = pytest.mark.django_db


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
