"""Signing the move-out confirmation archives the tenant's dossier, unless another lease of theirs runs."""

import pytest

from documents.errors import DomainError
from documents.models import Document, DossierArchive
from documents.services import document_remove
from handover.models import Sheet
from leasing.models import Lease
from tenancy.models import Tenant
from tests.factories import MembershipFactory, UserFactory
from tests.handover.factories import (
    complete_move_in,
    complete_move_out,
    move_in_visit,
    sheet_of,
    staff,
)
from tests.leasing.lease_factories import lease_in


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


def test_a_completed_move_out_archives_the_dossier(db):
    # given: a tenant with one lease, moved in
    by = staff()
    visit = move_in_visit(by=by, status=Lease.Status.ACTIVE)
    complete_move_in(visit, by)
    tenant = visit.tenant
    # when
    out = complete_move_out(visit, by)
    # then: archived, with the signed move-out sheets in it
    archive = DossierArchive.objects.get(tenant=tenant)
    assert archive.archived_by == by
    tenant.refresh_from_db()
    assert tenant.status == Tenant.Status.ARCHIVED
    move_out_confirmation = Document.objects.get(pk=sheet_of(out, Sheet.Kind.MOVE_OUT).document_id)
    assert move_out_confirmation.tenant == tenant
    # and: read-only from now on
    with pytest.raises(DomainError):
        document_remove(document=move_out_confirmation, reason="x", by=by)


def test_archiving_the_tenant_switches_off_its_portal_accounts(db):
    # given: a moved-in tenant with a portal user
    by = staff()
    visit = move_in_visit(by=by, status=Lease.Status.ACTIVE)
    complete_move_in(visit, by)
    user = MembershipFactory(tenant=visit.tenant, user=UserFactory(username="leaving")).user
    # when: its only lease ends with the move-out on the notice date
    complete_move_out(visit, by)
    # then: the account is off (an inactive user cannot log in)
    user.refresh_from_db()
    visit.tenant.refresh_from_db()
    assert visit.tenant.status == Tenant.Status.ARCHIVED
    assert not user.is_active and user.tenant_membership.deactivated_at is not None


def test_a_tenant_with_another_running_lease_keeps_a_live_dossier(db):
    # given: the tenant also rents another unit under a second lease
    by = staff()
    visit = move_in_visit(by=by, status=Lease.Status.ACTIVE)
    complete_move_in(visit, by)
    lease_in(Lease.Status.ACTIVE, tenant=visit.tenant)
    # when
    complete_move_out(visit, by)
    # then
    assert not DossierArchive.objects.filter(tenant=visit.tenant).exists()
    visit.tenant.refresh_from_db()
    assert visit.tenant.status == Tenant.Status.ACTIVE
