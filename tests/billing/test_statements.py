"""Statements of account as PDF: a GET never writes; a POST prints the period once (again only when its
postings changed); the number is taken before rendering, so no numbering lock is held while rendering."""

import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.urls import reverse

from billing.document_kinds import STATEMENT
from billing.models import Statement
from billing.services.statements import statement_document
from documents import services as document_services
from documents.models import Document, DocumentSequence
from tests.billing.factories import MARCH, active_lease, issued_bill, pay
from tests.factories import UserFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

PERIOD = {"start": "2026-03-01", "end": "2026-03-31"}


def _statements() -> int:
    return Document.objects.filter(kind=STATEMENT).count()


@pytest.fixture
def ledger(db, tenant, document_root):
    lease = active_lease(tenant=tenant)
    issued_bill(lease)
    pay(tenant, "100", by=UserFactory(roles=["finance"]))
    return lease


def test_statement_get_with_pdf_writes_nothing(client, finance_manager, ledger):
    # given
    client.force_login(finance_manager)
    url = reverse("billing:statement", args=[ledger.tenant_id])
    # when: the page asked for twice, even with the old ``pdf=1``
    first = client.get(url, {**PERIOD, "pdf": "1"})
    second = client.get(url, {**PERIOD, "pdf": "1"})
    # then
    assert first.status_code == second.status_code == 200
    assert _statements() == 0 and not Statement.objects.exists()
    assert not DocumentSequence.objects.filter(prefix="SA").exists()


def test_statement_pdf_posted_twice_for_the_same_period_is_one_document(client, finance_manager, ledger):
    # given
    client.force_login(finance_manager)
    url = reverse("billing:statement", args=[ledger.tenant_id])
    # when
    first = client.post(url, PERIOD)
    second = client.post(url, PERIOD)
    # then
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert _statements() == 1 and Statement.objects.count() == 1


def test_a_posting_in_the_period_makes_the_next_statement_a_new_one(finance_manager, ledger):
    # given: the statement printed once
    first = statement_document(tenant=ledger.tenant, start=MARCH, end=date(2026, 3, 31), by=finance_manager)
    # when: a payment in the period, then the same period again
    pay(ledger.tenant, "50", by=finance_manager, on=date(2026, 3, 20))
    second = statement_document(tenant=ledger.tenant, start=MARCH, end=date(2026, 3, 31), by=finance_manager)
    # then
    assert first.pk != second.pk and _statements() == 2


def test_portal_statement_get_writes_nothing_and_a_post_prints_once(client, tenant_user, ledger):
    # given
    client.force_login(tenant_user)
    url = reverse("portal:statement")
    # when: two GETs, even with the old ``pdf=1``
    for _ in range(2):
        assert client.get(url, {**PERIOD, "pdf": "1"}).status_code == 200
    # then
    assert _statements() == 0
    # when: two POSTs for the same period
    first, second = client.post(url, PERIOD), client.post(url, PERIOD)
    # then
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert _statements() == 1
    document = Document.objects.get(kind=STATEMENT)
    assert document.tenant_id == ledger.tenant_id


def test_statement_document_refuses_another_tenants_portal_user(other_tenant_user, ledger):
    # when / then
    with pytest.raises(PermissionDenied):
        statement_document(tenant=ledger.tenant, start=MARCH, end=date(2026, 3, 31), by=other_tenant_user)
    assert _statements() == 0


@pytest.mark.django_db(transaction=True)
def test_statement_document_holds_no_numbering_lock_while_rendering(monkeypatch, settings, tmp_path):
    # given: a tenant with postings; while its statement renders, someone else numbers a statement
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    lease = active_lease()
    clerk = UserFactory(roles=["finance"])
    issued_bill(lease)
    pay(lease.tenant, Decimal("100"), by=clerk)
    numbered: list[str] = []
    original = document_services.pdf_render

    def number_meanwhile() -> None:
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                numbered.append(document_services.document_number_next(prefix="SA"))
        except Exception as error:  # noqa: BLE001 - recorded and asserted below
            numbered.append(f"blocked: {error}")
        finally:
            connection.close()

    def rendering(html: str) -> bytes:
        other = threading.Thread(target=number_meanwhile)
        other.start()
        other.join()
        return original(html)

    monkeypatch.setattr(document_services, "pdf_render", rendering)
    # when
    document = statement_document(tenant=lease.tenant, start=MARCH, end=date(2026, 3, 31), by=clerk)
    # then: the other request got its number at once, and ours is the one taken before rendering
    assert len(numbered) == 1 and not numbered[0].startswith("blocked"), numbered
    assert document.number == Statement.objects.get().number != numbered[0]


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_for_the_same_period_print_one_statement(monkeypatch, settings, tmp_path):
    # given: rendering takes a while
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    lease = active_lease()
    clerk = UserFactory(roles=["finance"])
    issued_bill(lease)
    original = document_services.pdf_render

    def slow(html: str) -> bytes:
        time.sleep(0.3)
        return original(html)

    monkeypatch.setattr(document_services, "pdf_render", slow)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def ask() -> None:
        try:
            barrier.wait()
            document = statement_document(tenant=lease.tenant, start=MARCH, end=date(2026, 3, 31), by=clerk)
            results.append(document.pk)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert errors == []
    assert len(results) == 2 and len(set(results)) == 1
    assert _statements() == 1 and Statement.objects.count() == 1
