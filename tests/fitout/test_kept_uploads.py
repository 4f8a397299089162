"""Fit-out forms keep their files when the post fails (the application's drawings and fire-safety approval, a
worker's photo); the corrected post files them without choosing them again."""

import re

import pytest
from django.urls import reverse

from documents.models import Document
from fitout.models import Application, Worker
from tests.factories import make_resident_id

from .factories import jpeg, live_lease, pdf, permitted
from .test_views import _apply_data

pytestmark = pytest.mark.django_db


def _tokens(content: str, field: str) -> list[str]:
    return re.findall(rf'name="{field}__kept" value="([^"]+)"', content)


def _filed(application: Application) -> tuple[list[str], str]:
    ids = list(application.drawings.values_list("document_id", flat=True))
    drawings = sorted(Document.objects.filter(pk__in=ids).values_list("original_filename", flat=True))
    approval = Document.objects.get(pk=application.fire_approval_document_id).original_filename
    return drawings, approval


@pytest.mark.parametrize(
    ("url", "user"), [("fitout_portal:apply", "tenant_user"), ("fitout:application-create", "front_desk")]
)
def test_a_failed_application_keeps_every_drawing_and_the_approval(client, tenant, request, url, user):
    # given: two drawings and the approval, but no contractor
    lease = live_lease(tenant)
    client.force_login(request.getfixturevalue(user))
    data = _apply_data(lease, needs_fire_approval="on", contractor_company="")
    data["drawings"] = [pdf("floor.pdf"), pdf("ceiling.pdf")]
    response = client.post(reverse(url) + f"?lease={lease.pk}", {**data, "fire_approval": pdf("fire.pdf")})
    assert response.status_code == 200
    assert not Application.objects.exists()
    content = response.content.decode()
    drawings, approval = _tokens(content, "drawings"), _tokens(content, "fire_approval")
    assert len(drawings) == 2 and len(approval) == 1
    assert 'data-testid="kept-drawings"' in content
    # when: the contractor is given, no file chosen again
    del data["drawings"]
    data.update(contractor_company="Huayi Decoration", drawings__kept=drawings, fire_approval__kept=approval)
    response = client.post(reverse(url) + f"?lease={lease.pk}", data)
    # then
    assert response.status_code == 302
    assert _filed(Application.objects.get()) == (["ceiling.pdf", "floor.pdf"], "fire.pdf")


def test_a_refused_worker_pass_keeps_the_photo_for_the_corrected_post(client, security_guard, tenant):
    # given: the photo chosen, the ID number missing
    application = permitted(tenant)
    client.force_login(security_guard)
    url = reverse("fitout:worker-register", kwargs={"pk": application.pk})
    data = {"worker-name": "Wang", "worker-trade": "carpenter"}
    response = client.post(url, {**data, "worker-photo": jpeg("wang.jpg")})
    assert response.status_code == 200
    [token] = _tokens(response.content.decode(), "worker-photo")
    # when: the ID number is given, the photo not chosen again
    response = client.post(
        url, {**data, "worker-id_number": make_resident_id(3), "worker-photo__kept": token}
    )
    # then
    assert response.status_code == 302
    worker = Worker.objects.get()
    assert Document.objects.get(pk=worker.photo_document_id).original_filename == "wang.jpg"
