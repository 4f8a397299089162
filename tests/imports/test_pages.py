"""The import pages: who may open which kind (others 403), upload → preview → confirm, the batch list."""

import pytest
from django.urls import reverse

from documents.models import ImportBatch
from leasing.models import Unit
from tenancy.roles import Role
from tests.factories import UserFactory

from .conftest import as_csv
from .space_files import UNITS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reading_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


# Who may import each kind; every other role gets 403 (the list page: 403 when a role may import nothing).
ALLOWED = {
    "units": {Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT},
    "tenants": {Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT},
    "leases": {Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT},
    "deposits": {Role.FINANCE, Role.MANAGEMENT},
    "opening-balances": {Role.FINANCE, Role.MANAGEMENT},
    "meter-readings": {Role.ENGINEERING, Role.MANAGEMENT},
    "tickets": {Role.FRONT_DESK, Role.MANAGEMENT},
}


@pytest.mark.parametrize("kind", list(ALLOWED))
@pytest.mark.parametrize("role", list(Role.values))
def test_each_kind_is_open_to_its_roles_only(client, kind, role):
    client.force_login(UserFactory(username=f"u-{role}", roles=[role]))
    expected = 200 if role in ALLOWED[kind] else 403
    assert client.get(reverse("documents:import-template", args=[kind])).status_code == expected
    assert client.get(reverse("documents:import-upload", args=[kind])).status_code == expected
    response = client.post(reverse("documents:import-upload", args=[kind]), {"file": _upload()})
    assert response.status_code == (302 if expected == 200 else 403)


def test_the_list_is_refused_to_a_role_that_imports_nothing(client):
    client.force_login(UserFactory(username="guard", roles=[Role.SECURITY]))
    assert client.get(reverse("documents:import-list")).status_code == 403
    client.force_login(UserFactory(username="legal", roles=[Role.LEGAL]))
    assert client.get(reverse("documents:import-list")).status_code == 403


def test_a_tenant_user_and_anonymous_get_no_import_page(client, tenant_user):
    assert client.get(reverse("documents:import-list")).status_code == 302
    client.force_login(tenant_user)
    assert client.get(reverse("documents:import-list")).status_code == 403


def _upload(data: bytes = b"", name: str = "units.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data or as_csv(UNITS), content_type="text/csv")


def test_upload_preview_confirm_and_the_batch_list(client, business_manager):
    client.force_login(business_manager)
    # when: the file is uploaded
    response = client.post(reverse("documents:import-upload", args=["units"]), {"file": _upload()})
    batch = ImportBatch.objects.get()
    # then: the preview shows every row, nothing is written
    page = client.get(response.url).content.decode()
    assert "A-1201" in page and 'data-testid="confirm"' in page
    assert not Unit.objects.exists()
    # when: confirmed
    response = client.post(reverse("documents:import-commit", args=[batch.pk]), follow=True)
    # then
    assert Unit.objects.count() == 3
    assert "Imported: 3 created" in response.content.decode()
    listing = client.get(reverse("documents:import-list")).content.decode()
    assert "units.csv" in listing
    # a second confirmation imports nothing more
    response = client.post(reverse("documents:import-commit", args=[batch.pk]), follow=True)
    assert "already imported" in response.content.decode()


def test_a_wrong_file_shows_its_errors_and_cannot_be_confirmed(client, business_manager):
    client.force_login(business_manager)
    bad = [row[:] for row in UNITS]
    bad[1][4] = "abc"
    response = client.post(
        reverse("documents:import-upload", args=["units"]), {"file": _upload(as_csv(bad))}, follow=True
    )
    page = response.content.decode()
    assert "“abc” is not a number" in page and 'data-testid="confirm"' not in page
    batch = ImportBatch.objects.get()
    client.post(reverse("documents:import-commit", args=[batch.pk]))
    assert not Unit.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_named_at_the_field(client, business_manager):
    client.force_login(business_manager)
    response = client.post(
        reverse("documents:import-upload", args=["units"]),
        {"file": _upload(b"%PDF-1.4\x00\x00", "x.pdf")},
        follow=True,
    )
    assert "not a spreadsheet" in response.content.decode()


def test_an_imported_lease_says_so_and_takes_its_scanned_contract(client, business_manager, finance_manager):
    from documents.imports.engine import import_run
    from documents.models import Document
    from leasing.models import Lease

    from .space_files import LEASES, TENANTS

    import_run("units", as_csv(UNITS), by=business_manager, commit=True)
    import_run("tenants", as_csv(TENANTS), by=business_manager, commit=True)
    import_run("leases", as_csv(LEASES), by=business_manager, commit=True)
    lease = Lease.objects.get(number="HT-2024-001")
    client.force_login(business_manager)
    page = client.get(reverse("leasing:lease-detail", args=[lease.pk])).content.decode()
    assert "Signed before the system (imported)" in page and 'data-testid="contract-attach"' in page
    # when: the scan is attached
    scan = _upload(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "contract.pdf")
    response = client.post(
        reverse("leasing:lease-contract-attach", args=[lease.pk]), {"file": scan}, follow=True
    )
    # then: it is among the lease's documents
    document = Document.objects.get(about_id=lease.pk, title__contains="HT-2024-001")
    assert "HT-2024-001" in document.title and document.tenant_id == lease.tenant_id
    assert document.title in response.content.decode()
    # finance reads leases but does not attach
    client.force_login(finance_manager)
    scan = _upload(b"%PDF-1.4\n%%EOF\n", "contract.pdf")
    assert (
        client.post(reverse("leasing:lease-contract-attach", args=[lease.pk]), {"file": scan}).status_code
        == 403
    )
