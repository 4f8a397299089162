"""One-off charges entered by finance: the form carries a key, so a double submission records one charge."""

import pytest
from django.urls import reverse

from billing.models import Charge
from tests.billing.factories import active_lease

pytestmark = pytest.mark.django_db


def _charge_data(lease, **overrides) -> dict:
    return {
        "lease": lease.pk,
        "kind": "cleaning",
        "description": "Cleaning after the party",
        "amount": "300.00",
        "incurred_on": "2026-03-04",
        **overrides,
    }


def test_charge_create_twice_with_the_same_form_records_one_charge(client, finance_manager):
    # given: the form as shown, with its key
    lease = active_lease()
    client.force_login(finance_manager)
    key = client.get(reverse("billing:charge-create")).context["form"]["idempotency_key"].value()
    data = _charge_data(lease, idempotency_key=key)
    # when: submitted twice (a double click)
    first = client.post(reverse("billing:charge-create"), data)
    second = client.post(reverse("billing:charge-create"), data)
    # then
    assert first.status_code == second.status_code == 302
    assert Charge.objects.count() == 1
    assert Charge.objects.get().source == f"manual:{key}"


def test_charge_create_with_two_forms_records_two_charges(client, finance_manager):
    # given: the form shown twice (two genuine charges)
    lease = active_lease()
    client.force_login(finance_manager)
    keys = [
        client.get(reverse("billing:charge-create")).context["form"]["idempotency_key"].value()
        for _ in range(2)
    ]
    # when
    for key in keys:
        client.post(reverse("billing:charge-create"), _charge_data(lease, idempotency_key=key))
    # then
    assert keys[0] != keys[1] and Charge.objects.count() == 2


def test_charge_create_without_the_key_is_refused(client, finance_manager):
    # given
    lease = active_lease()
    client.force_login(finance_manager)
    # when
    response = client.post(reverse("billing:charge-create"), _charge_data(lease))
    # then
    assert response.status_code == 200
    assert "The form has expired" in response.content.decode()
    assert not Charge.objects.exists()
