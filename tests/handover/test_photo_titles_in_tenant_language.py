"""Issue 22: a photo the clerk files in the tenant's dossier (meter, acceptance) is titled in the tenant's
language (Chinese unless set), not the clerk's: its title is written once, when it is filed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy

from documents.models import Document
from handover.services.common import photo_store
from tests.language import clerk_reading_english, set_language

from .factories import png

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "title"), [("zh-hans", "抄表照片"), ("en", "Meter photo")])
def test_a_meter_photo_filed_by_an_english_clerk_is_titled_in_the_tenants_language(
    visit, front_desk, language, title
):
    # given
    set_language(visit.tenant, language)
    photo = SimpleUploadedFile("meter.png", png(), content_type="image/png")
    # when: a clerk reading English files it
    with clerk_reading_english():
        document_id = photo_store(
            photo=photo,
            visit=visit,
            about=visit,
            title=gettext_lazy("Meter photo"),
            by=front_desk,
            field="photo",
        )
    # then
    assert Document.objects.get(pk=document_id).title == title
