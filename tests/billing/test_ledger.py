"""The ledger: balanced postings, and the database refusing what Python might get wrong."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from billing.models import Account, JournalEntry, JournalLine
from billing.money import money
from billing.services.ledger import credit, debit, entry_post, period_close
from documents.errors import DomainError


def test_money_rounds_half_up_to_the_fen():
    assert money(Decimal("0.005")) == Decimal("0.01")
    assert money(Decimal("2.675")) == Decimal("2.68")
    assert money(Decimal("-1.005")) == Decimal("-1.01")
    with pytest.raises(TypeError):
        money(0.1)  # type: ignore[arg-type]


def test_entry_post_writes_balanced_lines(db, tenant):
    # when
    entry = entry_post(
        on=date(2026, 3, 1),
        memo="test",
        source="test",
        legs=[debit(Account.BANK, Decimal("100")), credit(Account.RECEIVABLE, Decimal("100"), tenant.pk)],
    )
    # then
    assert entry.lines.count() == 2
    assert sum(line.debit for line in entry.lines.all()) == sum(line.credit for line in entry.lines.all())


def test_entry_post_refuses_unbalanced_legs(db):
    with pytest.raises(DomainError):
        entry_post(on=date(2026, 3, 1), memo="x", source="x", legs=[debit(Account.BANK, Decimal("1"))])
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_an_unbalanced_entry_at_commit():
    # when / then: raw SQL, no Python checks involved
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO billing_journalentry (date, memo, source, created_at) "
            "VALUES ('2026-03-01', 'x', 'x', now()) RETURNING id"
        )
        (entry_id,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO billing_journalline (entry_id, account, debit, credit) VALUES (%s, '1002', 10, 0), "
            "(%s, '6001', 0, 9)",
            [entry_id, entry_id],
        )
    assert not JournalEntry.objects.exists()


def _posted(tenant) -> JournalEntry:
    with transaction.atomic():
        return entry_post(
            on=date(2026, 3, 1),
            memo="m",
            source="s",
            legs=[debit(Account.BANK, Decimal("5")), credit(Account.RECEIVABLE, Decimal("5"), tenant.pk)],
        )


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_updating_or_deleting_a_posted_line(tenant):
    # given
    entry = _posted(tenant)
    line = entry.lines.first()
    # when / then
    for sql in (
        "UPDATE billing_journalline SET debit = debit + 1 WHERE id = %s",
        "DELETE FROM billing_journalline WHERE id = %s",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [line.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM billing_journalentry WHERE id = %s", [entry.pk])
    assert JournalLine.objects.get(pk=line.pk).debit == line.debit


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_lines_added_to_an_entry_posted_earlier(tenant):
    # given
    entry = _posted(tenant)
    # when / then: even a balanced pair cannot join a committed entry
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO billing_journalline (entry_id, account, debit, credit) VALUES (%s, '1002', 1, 0), "
            "(%s, '6001', 0, 1)",
            [entry.pk, entry.pk],
        )
    assert entry.lines.count() == 2


def test_a_closed_period_accepts_no_postings(db, finance_manager, tenant):
    # given
    period_close(month=date(2026, 1, 1), by=finance_manager)
    legs = [debit(Account.BANK, Decimal("5")), credit(Account.RECEIVABLE, Decimal("5"), tenant.pk)]
    # when / then: the service refuses with a message
    with pytest.raises(DomainError):
        entry_post(on=date(2026, 1, 31), memo="m", source="s", legs=legs)
    # and the database refuses raw SQL too
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO billing_journalentry (date, memo, source, created_at) "
            "VALUES ('2026-01-15', 'x', 'x', now())"
        )
    assert not JournalEntry.objects.exists()


def test_period_close_refuses_the_current_month_and_a_second_close(db, finance_manager):
    with pytest.raises(DomainError):
        period_close(month=date.today(), by=finance_manager)
    period_close(month=date(2026, 1, 1), by=finance_manager)
    with pytest.raises(DomainError):
        period_close(month=date(2026, 1, 15), by=finance_manager)
