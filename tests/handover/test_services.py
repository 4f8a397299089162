"""Handover services: opening visits, sheets frozen once signed, readings never lower, one booking per lift
slot, rectification, move-out ending the lease, and what billing pulls."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from documents.errors import DomainError
from documents.models import Document, Signature
from documents.storage import document_storage
from handover import selectors, services
from handover.models import Meter, RectificationItem, RelocationBooking, Sheet, Visit
from handover.services import ReadingLine, SignerInput
from leasing.models import Lease, Unit
from tests.leasing.lease_factories import lease_in

from .factories import (
    TODAY,
    complete_move_in,
    fill_acceptance,
    fill_keys,
    fill_meters,
    lease_with_notice,
    move_in_visit,
    png,
    sheet_of,
    sign,
    signers,
    staff,
)

pytestmark = pytest.mark.django_db


def _pdf_text(document_id: int) -> str:
    document = Document.objects.get(pk=document_id)
    with document_storage().open(document.file_path, "rb") as handle:
        return "".join(page.extract_text() for page in PdfReader(handle).pages)


def test_visits_open_move_in_refuses_a_draft_lease():
    # given
    lease = lease_in(Lease.Status.DRAFT)
    # when / then
    with pytest.raises(DomainError) as error:
        services.visits_open_move_in(lease=lease, visit_date=TODAY, by=staff(), today=TODAY)
    assert error.value.field == "lease"
    assert not Visit.objects.exists()


def test_visits_open_move_in_makes_sheets_and_pre_inspections(visit):
    assert set(visit.sheets.values_list("kind", flat=True)) == {
        *("keys", "meters", "acceptance", "receipt"),
        *("management", "fire_safety"),  # the management and fire-safety agreements
    }
    assert set(visit.pre_inspections.values_list("department", flat=True)) == {"engineering", "security"}
    assert visit.pre_inspections.first().due_date == visit.visit_date - timedelta(days=1)
    assert sheet_of(visit, "acceptance").acceptance_items.count() == 9


def test_visits_open_move_in_twice_for_the_same_units_is_refused(visit):
    with pytest.raises(DomainError):
        services.visits_open_move_in(lease=visit.lease, visit_date=TODAY, by=staff(), today=TODAY)


def test_pre_inspection_record_only_by_its_department(visit, engineer, security_guard):
    task = visit.pre_inspections.get(department="engineering")
    with pytest.raises(PermissionDenied):
        services.pre_inspection_record(task=task, findings="ok", by=security_guard)
    with pytest.raises(DomainError):
        services.pre_inspection_record(task=task, findings=" ", by=engineer)
    services.pre_inspection_record(task=task, findings="空调滤网需清洗", by=engineer)
    task.refresh_from_db()
    assert task.is_done and task.done_by == engineer


def test_sheet_sign_records_signatures_renders_the_pdf_and_freezes(visit):
    # given
    by = staff()
    fill_keys(visit, by)
    # when
    sheet = sign(visit, Sheet.Kind.KEYS, by)
    # then
    assert sheet.status == Sheet.Status.SIGNED
    signatures = Signature.objects.filter(about_id=sheet.pk, about_type__model="sheet")
    assert {s.signer_role for s in signatures} == {"staff", "tenant"}
    assert all(s.content_sha256 == sheet.content_sha256 and s.image_id and s.ip_address for s in signatures)
    document = Document.objects.get(pk=sheet.document_id)
    assert document.tenant_id == visit.tenant_id
    text = _pdf_text(sheet.document_id)
    assert "单元钥匙交接单" in text and "A-01" in text and sheet.content_sha256 in text.replace("\n", "")
    assert "钥匙保管承诺" in text  # a spare is kept: the custody undertaking is printed
    with pytest.raises(DomainError):
        fill_keys(visit, by, number="B-02")
    assert sheet.key_records.get().number == "A-01"


def test_sheet_sign_refuses_an_empty_canvas(visit):
    by = staff()
    fill_keys(visit, by)
    with pytest.raises(DomainError) as error:
        services.sheet_sign(
            sheet=sheet_of(visit, "keys"),
            staff=SignerInput("王", png()),
            tenant=SignerInput("李", None),
            by=by,
        )
    assert error.value.field == "tenant_signature"
    assert services.signature_png("data:image/png;base64,") is None
    import base64

    assert (
        services.signature_png("data:image/png;base64," + base64.b64encode(png(blank=True)).decode()) is None
    )


def test_the_meter_sheet_needs_a_reading_for_every_meter():
    by = staff()
    visit = move_in_visit(meters=2, by=by)
    first = visit.unit.meters.order_by("pk").first()
    services.readings_save(
        sheet=sheet_of(visit, "meters"),
        lines=[ReadingLine(kind=first.kind, number=first.number, reading=Decimal("1"), meter_id=first.pk)],
        by=by,
    )
    with pytest.raises(DomainError, match="每个表都需要读数"):
        sign(visit, Sheet.Kind.METERS, by)


def test_the_meter_sheet_of_a_unit_without_meters_is_refused():
    by = staff()
    visit = move_in_visit(meters=0, by=by)
    with pytest.raises(DomainError, match="尚无表计"):
        sign(visit, Sheet.Kind.METERS, by)


def test_a_lower_reading_is_refused_unless_the_meter_was_replaced():
    # given: a move-in with 1250.50 confirmed, and a move-out visit
    by = staff()
    visit = move_in_visit(by=by, status=Lease.Status.ACTIVE)
    complete_move_in(visit, by)
    notice = lease_with_notice(visit.lease, by)
    (out,) = services.visits_open_move_out(
        notice=notice, visit_date=TODAY + timedelta(days=40), by=by, today=TODAY
    )
    meter = visit.unit.meters.get()
    line = ReadingLine(kind=meter.kind, number=meter.number, reading=Decimal("1000.00"), meter_id=meter.pk)
    # when / then: lower, no replacement
    with pytest.raises(DomainError) as error:
        services.readings_save(sheet=sheet_of(out, "meters"), lines=[line], by=by)
    assert error.value.field == "0:reading"
    assert not sheet_of(out, "meters").readings.exists()
    # when: replaced, with the new number and the reason
    line.new_number, line.replacement_reason = "DB-NEW-1", "表计损坏更换"
    services.readings_save(sheet=sheet_of(out, "meters"), lines=[line], by=by)
    # then
    meter.refresh_from_db()
    new = Meter.objects.get(number="DB-NEW-1")
    assert not meter.active and new.replaces == meter and new.active
    assert sheet_of(out, "meters").readings.get().meter == new


def test_a_defect_becomes_a_rectification_item_fixed_and_confirmed(visit, engineer, tenant_user):
    by = staff()
    fill_acceptance(visit, by)
    sign(visit, Sheet.Kind.ACCEPTANCE, by)
    item = RectificationItem.objects.get(visit=visit)
    assert item.status == "open" and "门锁松动" in item.description_shown
    with pytest.raises(DomainError):
        services.rectification_confirm(item=item, by=tenant_user)
    services.rectification_fix(item=item, note="更换门锁", by=engineer)
    services.rectification_confirm(item=item, by=tenant_user)
    item.refresh_from_db()
    assert item.status == "confirmed" and item.confirmed_by == tenant_user


def test_another_tenant_cannot_confirm(visit, engineer, other_tenant_user):
    by = staff()
    fill_acceptance(visit, by)
    sign(visit, Sheet.Kind.ACCEPTANCE, by)
    item = RectificationItem.objects.get(visit=visit)
    services.rectification_fix(item=item, note="ok", by=engineer)
    with pytest.raises(DomainError):
        services.rectification_confirm(item=item, by=other_tenant_user)


def test_sheet_supersede_needs_a_reason_and_adds_only_new_defects(visit):
    by = staff()
    fill_acceptance(visit, by)
    signed = sign(visit, Sheet.Kind.ACCEPTANCE, by)
    with pytest.raises(DomainError):
        services.sheet_supersede(sheet=signed, reason=" ", by=by)
    new = services.sheet_supersede(sheet=signed, reason="补记窗户划痕", by=by)
    assert new.version == 2 and new.acceptance_items.count() == signed.acceptance_items.count()
    sign(visit, Sheet.Kind.ACCEPTANCE, by)
    signed.refresh_from_db()
    assert signed.status == Sheet.Status.SUPERSEDED
    assert RectificationItem.objects.filter(visit=visit).count() == 1


def test_relocation_book_refuses_a_booked_slot(visit):
    # given
    by = staff()
    day = TODAY + timedelta(days=5)
    services.relocation_book(visit=visit, moving_date=day, slot="08-10", by=by, today=TODAY)
    # when / then: the same lift, day and slot
    with pytest.raises(DomainError) as error:
        services.relocation_book(visit=visit, moving_date=day, slot="08-10", by=by, today=TODAY)
    assert error.value.field == "slot"
    assert RelocationBooking.objects.count() == 1
    # the database refuses it too
    with pytest.raises(IntegrityError):
        RelocationBooking.objects.create(
            visit=visit, building=visit.unit.building, moving_date=day, slot="08-10"
        )


def test_relocation_book_the_same_slot_in_another_building():
    by = staff()
    day = TODAY + timedelta(days=5)
    first, second = move_in_visit(by=by), move_in_visit(by=by)
    assert first.unit.building_id != second.unit.building_id
    services.relocation_book(visit=first, moving_date=day, slot="08-10", by=by, today=TODAY)
    services.relocation_book(visit=second, moving_date=day, slot="08-10", by=by, today=TODAY)
    assert RelocationBooking.objects.count() == 2


def test_visit_complete_move_in_needs_every_sheet(visit):
    with pytest.raises(DomainError, match="请先签署以下表单"):
        services.visit_complete_move_in(visit=visit, by=staff())


def test_move_out_ends_the_lease_and_billing_gets_readings_and_charges():
    # given: a completed move-in of an active lease
    by = staff()
    visit = move_in_visit(by=by, status=Lease.Status.ACTIVE)
    complete_move_in(visit, by)
    assert [r.reading for r in selectors.opening_readings_for(visit.lease)] == [Decimal("1250.50")]
    notice = lease_with_notice(visit.lease, by)
    (out,) = services.visits_open_move_out(
        notice=notice, visit_date=TODAY + timedelta(days=40), by=by, today=TODAY
    )
    assert sheet_of(out, "keys").key_records.get().number == "A-01"  # what was handed over comes back
    # when
    fill_keys(out, by, returned=2, charge_each=Decimal("50.00"))
    sign(out, Sheet.Kind.KEYS, by)
    fill_meters(out, by, reading="1400.25")
    sign(out, Sheet.Kind.METERS, by)
    fill_acceptance(out, by, damage="300.00")
    sign(out, Sheet.Kind.ACCEPTANCE, by)
    services.sheet_sign(sheet=sheet_of(out, "move_out"), by=by, **signers())
    # then
    out.refresh_from_db()
    lease = Lease.objects.get(pk=visit.lease_id)
    assert out.status == Visit.Status.COMPLETED
    assert lease.status == Lease.Status.ENDED
    assert Unit.objects.get(pk=visit.unit_id).status == Unit.Status.VACANT
    charges = selectors.damage_charges_for(out)
    assert [(c.kind, c.amount) for c in charges] == [
        ("damage", Decimal("300.00")),
        ("missing_key", Decimal("50.00")),
    ]
    meter = visit.unit.meters.get()
    readings = selectors.readings_between(meter, TODAY, TODAY + timedelta(days=60))
    assert [r.reading for r in readings] == [Decimal("1250.50"), Decimal("1400.25")]
    text = _pdf_text(sheet_of(out, "move_out").document_id)
    assert "退租交接确认书" in text and "350.00" in text
    meters_text = _pdf_text(sheet_of(out, "meters").document_id)  # two copies: engineering and service
    assert "工程部联" in meters_text and "服务部联" in meters_text and "1400.25" in meters_text


def test_a_move_out_visit_is_refused_while_the_move_in_visit_is_open():
    # given: a lease whose move-in visit was opened and never completed
    by = staff()
    visit = move_in_visit(by=by, status=Lease.Status.ACTIVE)
    notice = lease_with_notice(visit.lease, by)
    # when / then
    with pytest.raises(DomainError, match=visit.unit.code) as error:
        services.visits_open_move_out(notice=notice, visit_date=TODAY, by=by, today=TODAY)
    assert error.value.field == "notice"
    assert not Visit.objects.filter(lease=visit.lease, kind=Visit.Kind.MOVE_OUT).exists()


def test_the_move_out_confirmation_needs_the_other_sheets_signed():
    by = staff()
    visit = move_in_visit(by=by, status=Lease.Status.ACTIVE)
    complete_move_in(visit, by)
    notice = lease_with_notice(visit.lease, by)
    (out,) = services.visits_open_move_out(notice=notice, visit_date=TODAY, by=by, today=TODAY)
    with pytest.raises(DomainError, match="请先签署以下表单"):
        services.sheet_sign(sheet=sheet_of(out, "move_out"), by=by, **signers())
    assert Lease.objects.get(pk=visit.lease_id).status == Lease.Status.NOTICE_GIVEN


def test_services_refuse_roles_without_a_part(visit, finance_manager):
    with pytest.raises(PermissionDenied):
        fill_keys(visit, finance_manager)


def test_the_database_refuses_changes_to_a_signed_sheet_and_its_lines(visit):
    # given
    by = staff()
    fill_keys(visit, by)
    signed = sign(visit, Sheet.Kind.KEYS, by)
    record = signed.key_records.get()
    # when / then: a line, a new line, the sheet's content
    with pytest.raises(IntegrityError), transaction.atomic():
        type(record).objects.filter(pk=record.pk).update(quantity=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(record).objects.create(sheet=signed, key_type="door_key", number="X", quantity=1, issued_to="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Sheet.objects.filter(pk=signed.pk).update(note="changed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Sheet.objects.filter(pk=signed.pk).delete()
    # a draft still changes freely
    draft = sheet_of(visit, Sheet.Kind.METERS)
    Sheet.objects.filter(pk=draft.pk).update(note="ok")
