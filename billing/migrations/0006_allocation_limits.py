"""Allocations never exceed their payment nor what their bill asks for, whatever the Python code does.

Two deferred constraint triggers check at commit: the allocations of a payment add up to at most its
amount; the allocations and credit notes of a bill add up to at most its total and late fees. Each locks
the payment and the bill it checks first, so two transactions matching the same money one after the
other see each other's rows (READ COMMITTED takes a new snapshot after the lock).
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION billing_bill_not_overpaid(bill bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE asked numeric; taken numeric; bill_number text;
BEGIN
  SELECT number, total INTO bill_number, asked FROM billing_bill WHERE id = bill FOR NO KEY UPDATE;
  asked := asked + (SELECT coalesce(sum(amount), 0) FROM billing_latefee WHERE bill_id = bill);
  taken := (SELECT coalesce(sum(amount), 0) FROM billing_allocation WHERE bill_id = bill)
         + (SELECT coalesce(sum(amount), 0) FROM billing_creditnote WHERE bill_id = bill);
  IF taken > asked THEN
    RAISE EXCEPTION 'bill % asks for %, but % is matched or credited to it', bill_number, asked, taken
      USING ERRCODE = '23514';
  END IF;
END $$;

CREATE FUNCTION billing_allocation_within_limits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE received numeric; matched numeric; receipt text;
BEGIN
  SELECT number, amount INTO receipt, received FROM billing_payment WHERE id = NEW.payment_id
    FOR NO KEY UPDATE;
  matched := (SELECT coalesce(sum(amount), 0) FROM billing_allocation WHERE payment_id = NEW.payment_id);
  IF matched > received THEN
    RAISE EXCEPTION 'payment % of % is matched for %', receipt, received, matched USING ERRCODE = '23514';
  END IF;
  PERFORM billing_bill_not_overpaid(NEW.bill_id);
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER billing_allocation_within_limits AFTER INSERT OR UPDATE ON billing_allocation
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION billing_allocation_within_limits();

CREATE FUNCTION billing_credit_note_within_bill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM billing_bill_not_overpaid(NEW.bill_id);
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER billing_credit_note_within_bill AFTER INSERT OR UPDATE ON billing_creditnote
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION billing_credit_note_within_bill();
"""

BACKWARD = """
DROP TRIGGER billing_credit_note_within_bill ON billing_creditnote;
DROP FUNCTION billing_credit_note_within_bill();
DROP TRIGGER billing_allocation_within_limits ON billing_allocation;
DROP FUNCTION billing_allocation_within_limits();
DROP FUNCTION billing_bill_not_overpaid(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [("billing", "0005_fitout_deposits")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
