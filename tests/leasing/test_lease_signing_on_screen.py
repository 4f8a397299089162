"""Signing a lease on screen (both signers draw on a canvas, the pictures are kept and printed), a draft's
rent and fee prefilled from the units' guide rent and the building's fee, and activation confirmed first."""

from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents.errors import DomainError
from documents.kinds import SIGNATURE_IMAGE
from documents.models import Document, Signature
from documents.storage import document_storage
from leasing.leases.amendments import amendment_create, amendment_sign
from leasing.leases.signing import lease_sign
from leasing.models import Lease, RentBasis
from tests.handover.factories import data_url, png
from tests.leasing.factories import UnitFactory
from tests.leasing.lease_factories import (
    START,
    building_with_units,
    business_user,
    document_root_fixture,  # noqa: F401 (the document_root fixture)
    draft_lease,
    lease_in,
    legal_approve,
)
from tests.leasing.test_lease_pages import _lease_post

pytestmark = pytest.mark.django_db


def _sign_post(**overrides: str) -> dict[str, str]:
    data = {"staff_signer": "王经理", "tenant_signer": "张三", "method": "on_screen"}
    return {**data, "staff_signature": data_url(), "tenant_signature": data_url(), **overrides}


def test_the_signing_page_has_a_canvas_for_each_signer(client, business_manager):
    # given
    lease = draft_lease()
    client.force_login(business_manager)
    # when
    page = client.get(reverse("leasing:lease-sign", kwargs={"pk": lease.pk})).content.decode()
    # then
    assert 'data-testid="canvas-staff"' in page and 'data-testid="canvas-tenant"' in page
    assert 'name="staff_signature"' in page and 'name="tenant_signature"' in page
    assert "js/signature-pads.js" in page and "<script>" not in page


def test_signing_on_screen_keeps_both_drawn_signatures_and_prints_them(
    client, business_manager, document_root
):
    # given
    lease = draft_lease()
    client.force_login(business_manager)
    # when
    response = client.post(reverse("leasing:lease-sign", kwargs={"pk": lease.pk}), _sign_post())
    # then
    assert response.status_code == 302
    lease.refresh_from_db()
    assert lease.status == Lease.Status.SIGNED
    signatures = Signature.objects.filter(document_id=lease.signed_document_id).order_by("signer_role")
    assert [(s.signer_role, s.method) for s in signatures] == [
        ("staff", "on_screen"),
        ("tenant", "on_screen"),
    ]
    assert all(s.image.kind == SIGNATURE_IMAGE for s in signatures)
    summary = Document.objects.get(pk=lease.signed_document_id)
    with document_storage().open(summary.file_path, "rb") as pdf:
        images = [image for page in PdfReader(pdf).pages for image in page.images]
    assert len(images) == 2


def test_signing_on_screen_without_a_drawing_is_refused_at_the_canvas(
    client, business_manager, document_root
):
    # given
    lease = draft_lease()
    client.force_login(business_manager)
    # when: the tenant's canvas was left blank (a fully transparent picture)
    response = client.post(
        reverse("leasing:lease-sign", kwargs={"pk": lease.pk}),
        _sign_post(tenant_signature=data_url(blank=True)),
    )
    # then: the error is at the tenant's canvas; the staff drawing is sent back to be drawn again
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["tenant_signature"]
    assert 'data-testid="error-tenant-signature"' in response.content.decode()
    assert response.context["form"]["staff_signature"].value() == data_url()
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.DRAFT


def test_signing_in_ink_keeps_no_picture(client, business_manager, document_root):
    # given
    lease = draft_lease()
    client.force_login(business_manager)
    # when: a picture is posted with "wet ink" chosen
    client.post(reverse("leasing:lease-sign", kwargs={"pk": lease.pk}), _sign_post(method="wet_ink"))
    # then
    lease.refresh_from_db()
    signatures = Signature.objects.filter(document_id=lease.signed_document_id)
    assert signatures.count() == 2 and not signatures.filter(image__isnull=False).exists()


def test_lease_sign_on_screen_refuses_a_missing_picture(document_root):
    # given
    lease = draft_lease()
    # when / then
    with pytest.raises(DomainError) as refused:
        lease_sign(
            lease=lease, staff_signer="王经理", tenant_signer="张三", method="on_screen",
            staff_png=png(), tenant_png=None, by=business_user(),
        )  # fmt: skip
    assert refused.value.field == "tenant_signature"
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.DRAFT


def test_an_amendment_signed_on_screen_keeps_both_pictures(document_root):
    # given
    by = business_user()
    lease = lease_in(Lease.Status.ACTIVE)
    amendment = amendment_create(
        lease=lease, effective_date=START.replace(month=6), reason="调租", rent_basis="per_m2",
        rent_rate=Decimal("7.00"), fee_basis="", fee_rate=None, end_date=None, by=by,
    )  # fmt: skip
    # when
    legal_approve(amendment.lease, amendment)
    amendment = amendment_sign(
        amendment=amendment, staff_signer="王经理", tenant_signer="张三", method="on_screen",
        staff_png=png(), tenant_png=png(), by=by,
    )  # fmt: skip
    # then
    signatures = Signature.objects.filter(document_id=amendment.signed_document_id)
    assert signatures.filter(image__isnull=False).count() == 2


def test_a_draft_from_an_application_starts_from_the_guide_rent_and_the_buildings_fee(
    client, business_manager
):
    # given: two units of 120 m² at a guide rent of 6.50 and 8.50; the building's last lease charges 1.80 a m²
    unit_a, unit_b = building_with_units(2)
    unit_b.guide_rent = Decimal("8.50")
    unit_b.save()
    draft_lease(units=[UnitFactory(building=unit_a.building)], fee_rate=Decimal("1.80"))
    client.force_login(business_manager)
    # when
    url = reverse("leasing:lease-create") + f"?unit={unit_a.pk}&unit={unit_b.pk}"
    form = client.get(url).context["form"]
    # then: the rent per m² weighs both units (1,800.00 a month over 240 m²), the fee is the building's
    assert form.initial["rent_basis"] == RentBasis.PER_M2 and form.initial["rent_rate"] == Decimal("7.50")
    assert form.initial["fee_rate"] == Decimal("1.80")


def test_an_empty_rent_is_the_guide_rent_in_the_chosen_basis(client, business_manager, tenant):
    # given: one unit of 120 m² at a guide rent of 6.50; the building's fee is 1.80 a m²
    (unit,) = building_with_units(1)
    draft_lease(units=[UnitFactory(building=unit.building)], fee_rate=Decimal("1.80"))
    client.force_login(business_manager)
    # when: a fixed monthly rent and fee, both left empty
    data = _lease_post(tenant, [unit], rent_basis="fixed", rent_rate="", fee_basis="fixed", fee_rate="")
    response = client.post(reverse("leasing:lease-create"), data)
    # then: 6.50 × 120 m² and 1.80 × 120 m² a month
    assert response.status_code == 302
    lease = Lease.objects.get(lease_units__unit=unit)
    assert (lease.rent_rate, lease.fee_rate) == (Decimal("780.00"), Decimal("216.00"))


def test_an_empty_fee_without_a_lease_in_the_building_is_asked_for(client, business_manager, tenant):
    # given: a new building, no lease in it yet
    (unit,) = building_with_units(1)
    client.force_login(business_manager)
    # when
    response = client.post(reverse("leasing:lease-create"), _lease_post(tenant, [unit], fee_rate=""))
    # then
    assert response.status_code == 200 and list(response.context["form"].errors) == ["fee_rate"]
    assert not Lease.objects.filter(lease_units__unit=unit).exists()


def test_activating_asks_for_confirmation_first(client, business_manager):
    # given
    lease = lease_in(Lease.Status.SIGNED)
    client.force_login(business_manager)
    url = reverse("leasing:lease-activate", kwargs={"pk": lease.pk})
    detail = client.get(reverse("leasing:lease-detail", kwargs={"pk": lease.pk})).content.decode()
    # when: the button on the lease's page leads to the confirmation step
    page = client.get(url)
    # then: nothing changed until it is confirmed
    assert f'href="{url}" data-testid="activate"' in detail
    assert page.status_code == 200 and 'data-testid="activate-confirm"' in page.content.decode()
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.SIGNED
    assert client.post(url).status_code == 302
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.ACTIVE


def test_activating_too_early_is_shown_on_the_confirmation_page(client, business_manager):
    # given: the lease starts next year
    lease = lease_in(
        Lease.Status.SIGNED, start_date=START.replace(year=2030), end_date=START.replace(year=2031)
    )
    client.force_login(business_manager)
    # when
    response = client.post(reverse("leasing:lease-activate", kwargs={"pk": lease.pk}))
    # then
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.SIGNED
