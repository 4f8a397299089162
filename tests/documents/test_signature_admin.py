"""Signatures are evidence: the admin shows them but adds, changes or deletes none, and every change made
any other way (even a bulk update in SQL) lands in their history."""

import pytest
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Events

from documents.models import Signature
from tests.documents.factories import DocumentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signature(tenant):
    document = DocumentFactory(tenant=tenant)
    return Signature.objects.create(
        document=document,
        signer_name="王芳",
        signer_role=Signature.SignerRole.TENANT,
        method=Signature.Method.WET_INK,
        signed_at=timezone.now(),
        content_sha256=document.sha256,
    )


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def test_the_admin_shows_signatures_read_only(superuser_client, signature):
    # when
    listed = superuser_client.get(reverse("admin:documents_signature_changelist"))
    shown = superuser_client.get(reverse("admin:documents_signature_change", args=[signature.pk]))
    # then
    assert listed.status_code == 200 and "王芳" in listed.content.decode()
    assert shown.status_code == 200
    assert shown.context["has_change_permission"] is False
    assert shown.context["has_delete_permission"] is False


def test_the_admin_adds_changes_and_deletes_no_signature(superuser_client, signature):
    # when
    add = superuser_client.get(reverse("admin:documents_signature_add"))
    change = superuser_client.post(
        reverse("admin:documents_signature_change", args=[signature.pk]), {"signer_name": "李四"}
    )
    delete = superuser_client.post(
        reverse("admin:documents_signature_delete", args=[signature.pk]), {"post": "yes"}
    )
    # then
    assert add.status_code == 403
    assert change.status_code == 403
    assert delete.status_code == 403
    signature.refresh_from_db()
    assert signature.signer_name == "王芳"


def test_a_signature_is_tracked_in_history_even_through_a_bulk_update(signature):
    # when: changed behind the services' back
    Signature.objects.filter(pk=signature.pk).update(signer_name="李四")
    # then
    labels = list(Events.objects.tracks(signature).order_by("pgh_id").values_list("pgh_label", flat=True))
    assert labels == ["insert", "update"]
