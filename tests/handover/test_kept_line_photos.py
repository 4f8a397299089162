"""A sheet posted with a line in error keeps the photo chosen on another line; the corrected post files it."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document
from handover.models import MeterReading
from tests.factories import UserFactory

from .factories import jpeg
from .test_views_flow import _meters_post, _url

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(roles=["front_desk"]))
    return client


def test_a_meter_photo_survives_a_line_in_error(staff_client, visit):
    # given: the first meter's photo chosen, the second line read without a meter number
    photo = SimpleUploadedFile("meter.jpg", jpeg(), content_type="image/jpeg")
    post = {**_meters_post(visit, "10.5", **{"meters-1-reading": "5"}), "meters-0-photo": photo}
    response = staff_client.post(_url(visit, "meters"), post)
    assert response.status_code == 200
    assert not MeterReading.objects.exists()
    content = response.content.decode()
    assert "meter.jpg" in content
    token = re.search(r'name="meters-0-photo__kept" value="([^"]+)"', content).group(1)
    # when: the second line is left empty, the photo not chosen again
    response = staff_client.post(
        _url(visit, "meters"), {**_meters_post(visit, "10.5"), "meters-0-photo__kept": token}
    )
    # then
    assert response.status_code == 302
    reading = MeterReading.objects.get()
    assert Document.objects.get(pk=reading.photo_document_id).original_filename == "meter.jpg"
