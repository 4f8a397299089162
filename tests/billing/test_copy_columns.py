"""The billing run writes bills, lines and postings with ``COPY``; the columns come from the models, so a
required field added to one of them is named by this test, not found by the monthly run at run time."""

import pytest
from django.db import models

from billing.models import Bill, BillLine, JournalEntry, JournalLine
from billing.services.bills import COPIED, billing_run
from billing.services.copying import copy_columns, copy_unfilled
from tests.billing.factories import ISSUED_AHEAD, MARCH, active_lease


def _required_field(model: type[models.Model], name: str) -> models.Field:
    """A not-null field without a default, as a migration adding a column might bring."""
    field = models.CharField(max_length=20)
    field.set_attributes_from_name(name)
    field.model = model
    return field


def test_the_run_fills_every_required_field_of_the_four_models_it_copies():
    # given / then
    assert set(COPIED) == {JournalEntry, JournalLine, Bill, BillLine}
    for model, filled in COPIED.items():
        assert copy_unfilled(model, filled) == [], f"the billing run does not fill {model.__name__}"


def test_a_required_field_added_to_a_copied_model_is_named(monkeypatch):
    # given: the bill gains a not-null field without a default that the run does not fill
    added = _required_field(Bill, "approval_code")
    monkeypatch.setattr(Bill._meta, "concrete_fields", (*Bill._meta.concrete_fields, added))
    # when / then
    assert copy_unfilled(Bill, COPIED[Bill]) == ["approval_code"]


def test_the_run_refuses_to_start_copying_a_model_with_an_unfilled_required_field(db, monkeypatch):
    # given
    active_lease()
    bills, entries = Bill.objects.count(), JournalEntry.objects.count()
    added = _required_field(JournalEntry, "approval_code")
    monkeypatch.setattr(JournalEntry._meta, "concrete_fields", (*JournalEntry._meta.concrete_fields, added))
    # when / then
    with pytest.raises(ValueError, match="billing_journalentry does not fill approval_code"):
        billing_run(month=MARCH, today=ISSUED_AHEAD)
    monkeypatch.undo()
    assert (Bill.objects.count(), JournalEntry.objects.count()) == (bills, entries)


def test_the_columns_are_the_filled_ones_plus_those_with_a_python_default():
    # given: the run leaves the bill's settlement date and PDF (nullable) and its transaction id
    # (a database default) to the database
    columns = {field.attname for field in copy_columns(Bill, COPIED[Bill])}
    # then
    assert columns == COPIED[Bill]
    assert {"settled_on", "document_id", "tx"}.isdisjoint(columns)


def test_a_field_with_a_python_default_is_written_with_it():
    # given: a journal line filled without its debit takes the field's default (0)
    filled = COPIED[JournalLine] - {"debit"}
    # then
    assert copy_unfilled(JournalLine, filled) == []
    assert "debit" in {field.attname for field in copy_columns(JournalLine, filled)}
