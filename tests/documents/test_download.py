"""documents:download serves a file only to staff who may have it.

Staff (confidential ones only with the permission); portal users download in the portal, by token
(``test_portal_download``): here they get the staff area's refusal; anonymous visitors the login page.
"""

import pytest
from django.contrib.auth.models import Permission
from django.http import FileResponse
from django.urls import reverse

from tenancy.roles import Role
from tests.documents.factories import PDF_BYTES, PNG_BYTES, DocumentFactory
from tests.factories import UserFactory


def _download(client, user, document):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("documents:download", args=[document.pk]))


@pytest.mark.parametrize("role", Role.values)
def test_download_serves_an_open_document_to_every_staff_role(client, staff_by_role, tenant, role):
    # given
    document = DocumentFactory(tenant=tenant, title="租赁申请", original_filename="租赁申请.pdf")
    # when
    response = _download(client, staff_by_role[role], document)
    # then
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E7%A7%9F" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"


def test_download_refuses_a_confidential_document_to_staff_without_the_permission(client, front_desk, tenant):
    document = DocumentFactory(tenant=tenant, confidential=True)
    assert _download(client, front_desk, document).status_code == 404


def test_download_serves_a_confidential_document_to_management(client, general_manager, tenant):
    document = DocumentFactory(tenant=tenant, confidential=True)
    response = _download(client, general_manager, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_download_serves_a_confidential_document_to_staff_granted_the_permission(client, tenant):
    # given: a front-desk clerk a supervisor has authorised
    clerk = UserFactory(username="authorised", roles=[Role.FRONT_DESK])
    clerk.user_permissions.add(
        Permission.objects.get(codename="view_confidential", content_type__app_label="tenancy")
    )
    document = DocumentFactory(tenant=tenant, confidential=True)
    # when / then
    assert _download(client, clerk, document).status_code == 200


def test_the_staff_download_refuses_a_tenant_its_own_document(client, tenant, tenant_user):
    # given: a document the tenant may have, asked for by its sequential id (the old portal link)
    document = DocumentFactory(tenant=tenant, visible_to_tenant=True)
    # when
    response = _download(client, tenant_user, document)
    # then: the staff area refuses every portal user alike (whether the id exists or not), never the file
    assert response.status_code == 403
    assert not isinstance(response, FileResponse)
    assert PDF_BYTES not in response.content


def test_the_staff_download_refuses_a_tenant_an_internal_document_of_its_own(client, tenant, tenant_user):
    document = DocumentFactory(tenant=tenant, visible_to_tenant=False)
    response = _download(client, tenant_user, document)
    assert response.status_code == 403
    assert not isinstance(response, FileResponse)


def test_download_hides_documents_from_a_user_who_is_neither_staff_nor_tenant(client, tenant):
    document = DocumentFactory(tenant=tenant)
    assert _download(client, UserFactory(username="nobody"), document).status_code in (403, 404)


def test_download_sends_anonymous_visitors_to_the_login_page(client, tenant):
    document = DocumentFactory(tenant=tenant)
    response = _download(client, None, document)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_download_of_an_unknown_document_is_404(client, front_desk):
    client.force_login(front_desk)
    assert client.get(reverse("documents:download", args=[999999])).status_code == 404


def test_download_names_the_file_after_what_it_really_is(client, front_desk, tenant):
    # given: a PNG uploaded under a .pdf name
    document = DocumentFactory(
        tenant=tenant, content=PNG_BYTES, content_type="image/png", original_filename="x.pdf"
    )
    # when
    response = _download(client, front_desk, document)
    # then
    assert response["Content-Type"] == "image/png"
    assert 'filename="x.png"' in response["Content-Disposition"]
