"""The sheet pages as a browser without JavaScript uses them: fill in a formset, save, sign; bad input."""

from decimal import Decimal

import pytest
from django.urls import reverse

from handover.models import KeyRecord, MeterReading, Sheet
from tests.factories import UserFactory

from .factories import data_url, jpeg, sheet_of

pytestmark = pytest.mark.django_db


def _url(visit, kind: str) -> str:
    return reverse("handover:sheet", kwargs={"pk": visit.pk, "kind": kind})


def _management(prefix: str, total: int, initial: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _sign_fields(blank_tenant: bool = False) -> dict[str, str]:
    return {
        "action": "sign",
        "staff_name": "王小明",
        "staff_signature": data_url(),
        "tenant_name": "李华",
        "tenant_signature": data_url(blank=blank_tenant),
    }


def _keys_post(**extra: str) -> dict[str, str]:
    return {
        **_management("keys", 1, 1),
        "keys-0-key_type": "door_key",
        "keys-0-number": "A-01",
        "keys-0-quantity": "3",
        "keys-0-issued_to": "李华",
        "keys-0-spare_kept": "1",
        "note-note": "",
        **extra,
    }


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(roles=["front_desk"], first_name="小明", last_name="王"))
    return client


def test_every_sheet_page_opens(staff_client, visit):
    for kind in ("keys", "meters", "acceptance", "receipt"):
        response = staff_client.get(_url(visit, kind))
        assert response.status_code == 200, kind
    assert staff_client.get(reverse("handover:visit-detail", kwargs={"pk": visit.pk})).status_code == 200


def test_the_key_sheet_is_saved_and_signed_from_the_page(staff_client, visit):
    # when
    response = staff_client.post(_url(visit, "keys"), _keys_post(**_sign_fields()))
    # then
    assert response.status_code == 302
    sheet = sheet_of(visit, Sheet.Kind.KEYS)
    assert sheet.status == Sheet.Status.SIGNED
    assert sheet.key_records.get().number == "A-01"


def test_an_empty_tenant_signature_keeps_the_lines_and_the_names(staff_client, visit):
    # when
    response = staff_client.post(_url(visit, "keys"), _keys_post(**_sign_fields(blank_tenant=True)))
    # then
    assert response.status_code == 200
    content = response.content.decode()
    assert "Sign in the box: the signature is empty." in content or "签名为空" in content
    assert 'value="李华"' in content
    sheet = sheet_of(visit, Sheet.Kind.KEYS)
    assert sheet.status == Sheet.Status.DRAFT
    assert KeyRecord.objects.filter(sheet=sheet).count() == 1


def test_a_signed_sheet_refuses_a_post(staff_client, visit):
    # given
    staff_client.post(_url(visit, "keys"), _keys_post(**_sign_fields()))
    # when
    response = staff_client.post(
        _url(visit, "keys"), _keys_post(**{"keys-0-number": "Z-99", "action": "save"})
    )
    # then
    assert response.status_code == 409
    assert KeyRecord.objects.filter(number="Z-99").count() == 0


def _meters_post(visit, reading: str, **extra: str) -> dict[str, str]:
    meter = visit.unit.meters.get()
    return {
        **_management("meters", 2, 1),
        "meters-0-meter_id": str(meter.pk),
        "meters-0-reading": reading,
        "meters-1-kind": "electricity",
        "note-note": "",
        "action": "save",
        **extra,
    }


def test_a_reading_that_is_not_a_number_is_refused_at_the_field(staff_client, visit):
    response = staff_client.post(_url(visit, "meters"), _meters_post(visit, "12a"))
    assert response.status_code == 200
    assert response.context["editor"].formset.forms[0].errors["reading"]
    assert not MeterReading.objects.exists()


def test_a_reading_for_a_meter_without_a_number_is_refused(staff_client, visit):
    response = staff_client.post(
        _url(visit, "meters"), _meters_post(visit, "10", **{"meters-1-reading": "5"})
    )
    assert response.status_code == 200
    assert response.context["editor"].formset.forms[1].errors["number"]
    assert not MeterReading.objects.exists()


def test_a_photo_that_is_not_an_image_is_refused(staff_client, visit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = staff_client.post(_url(visit, "meters"), {**_meters_post(visit, "10"), "meters-0-photo": pdf})
    assert response.status_code == 200
    assert response.context["editor"].formset.forms[0].errors["photo"]
    assert not MeterReading.objects.exists()


def test_a_meter_photo_is_kept_with_the_reading(staff_client, visit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = SimpleUploadedFile("m.jpg", jpeg(), content_type="image/jpeg")
    response = staff_client.post(
        _url(visit, "meters"), {**_meters_post(visit, "10.5"), "meters-0-photo": photo}
    )
    assert response.status_code == 302
    reading = MeterReading.objects.get()
    assert reading.reading == Decimal("10.50")
    assert reading.photo_document_id is not None


def test_the_frozen_sheet_message_is_in_the_page_language(staff_client, visit):
    staff_client.post(_url(visit, "keys"), _keys_post(**_sign_fields()))
    response = staff_client.post(_url(visit, "keys"), _keys_post(action="save"))
    assert "此表单已签署并锁定" in response.content.decode()
