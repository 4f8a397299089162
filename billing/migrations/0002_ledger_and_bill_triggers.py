"""The rules the database itself keeps, whatever the Python code does.

- A journal entry balances (debits = credits, at least two lines) when its transaction commits.
- Lines join an entry, and a bill, only in the transaction that created it.
- Posted entries and lines are never updated or deleted; issued bills keep their terms and lines.
- A bill's lines add up to its total.
- No entry is dated in a closed month, and a closed month stays closed.
"""

from django.db import migrations

from billing.models.arrears import DEFAULT_STAGES
from billing.models.bills import FROZEN_BILL_COLUMNS

FROZEN_CHANGED = " OR ".join(f'OLD."{c}" IS DISTINCT FROM NEW."{c}"' for c in FROZEN_BILL_COLUMNS)

FORWARD = f"""
CREATE FUNCTION billing_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% of % is not allowed: posted records are permanent', TG_OP, TG_TABLE_NAME
    USING ERRCODE = '23514';
END $$;

CREATE FUNCTION billing_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE debits numeric; credits numeric; lines integer;
BEGIN
  SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) INTO debits, credits, lines
    FROM billing_journalline WHERE entry_id = NEW.id;
  IF debits <> credits OR lines < 2 THEN
    RAISE EXCEPTION 'journal entry % does not balance (debits %, credits %, % lines)', NEW.id, debits, credits, lines
      USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER billing_entry_balanced AFTER INSERT ON billing_journalentry
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION billing_entry_balanced();

CREATE FUNCTION billing_lines_join_own_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_lines n JOIN billing_journalentry e ON e.id = n.entry_id
             WHERE e.tx <> txid_current()) THEN
    RAISE EXCEPTION 'lines cannot be added to an entry posted earlier' USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER billing_lines_join_own_entry AFTER INSERT ON billing_journalline
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION billing_lines_join_own_entry();

CREATE TRIGGER billing_journalline_permanent BEFORE UPDATE OR DELETE ON billing_journalline
  FOR EACH ROW EXECUTE FUNCTION billing_refuse_change();
CREATE TRIGGER billing_journalentry_permanent BEFORE UPDATE OR DELETE ON billing_journalentry
  FOR EACH ROW EXECUTE FUNCTION billing_refuse_change();

CREATE FUNCTION billing_period_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM billing_closedperiod WHERE month = date_trunc('month', NEW.date)::date) THEN
    RAISE EXCEPTION 'the period % is closed: no postings dated in it', to_char(NEW.date, 'YYYY-MM')
      USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER billing_journalentry_period_open BEFORE INSERT ON billing_journalentry
  FOR EACH ROW EXECUTE FUNCTION billing_period_open();
CREATE TRIGGER billing_closedperiod_permanent BEFORE UPDATE OR DELETE ON billing_closedperiod
  FOR EACH ROW EXECUTE FUNCTION billing_refuse_change();

CREATE FUNCTION billing_bill_total_matches() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE lines_total numeric;
BEGIN
  SELECT coalesce(sum(amount), 0) INTO lines_total FROM billing_billline WHERE bill_id = NEW.id;
  IF lines_total <> NEW.total THEN
    RAISE EXCEPTION 'bill % lines add up to %, not its total %', NEW.number, lines_total, NEW.total
      USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER billing_bill_total_matches AFTER INSERT ON billing_bill
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION billing_bill_total_matches();

CREATE FUNCTION billing_bill_lines_join_own_bill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_lines n JOIN billing_bill b ON b.id = n.bill_id WHERE b.tx <> txid_current()) THEN
    RAISE EXCEPTION 'an issued bill never changes: issue a credit note instead' USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER billing_bill_lines_join_own_bill AFTER INSERT ON billing_billline
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION billing_bill_lines_join_own_bill();
CREATE TRIGGER billing_billline_permanent BEFORE UPDATE OR DELETE ON billing_billline
  FOR EACH ROW EXECUTE FUNCTION billing_refuse_change();
CREATE TRIGGER billing_bill_permanent BEFORE DELETE ON billing_bill
  FOR EACH ROW EXECUTE FUNCTION billing_refuse_change();

CREATE FUNCTION billing_bill_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {FROZEN_CHANGED} THEN
    RAISE EXCEPTION 'an issued bill never changes: issue a credit note instead' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER billing_bill_frozen BEFORE UPDATE ON billing_bill
  FOR EACH ROW EXECUTE FUNCTION billing_bill_frozen();
"""

BACKWARD = """
DROP TRIGGER billing_bill_frozen ON billing_bill;
DROP FUNCTION billing_bill_frozen();
DROP TRIGGER billing_bill_permanent ON billing_bill;
DROP TRIGGER billing_billline_permanent ON billing_billline;
DROP TRIGGER billing_bill_lines_join_own_bill ON billing_billline;
DROP FUNCTION billing_bill_lines_join_own_bill();
DROP TRIGGER billing_bill_total_matches ON billing_bill;
DROP FUNCTION billing_bill_total_matches();
DROP TRIGGER billing_closedperiod_permanent ON billing_closedperiod;
DROP TRIGGER billing_journalentry_period_open ON billing_journalentry;
DROP FUNCTION billing_period_open();
DROP TRIGGER billing_journalentry_permanent ON billing_journalentry;
DROP TRIGGER billing_journalline_permanent ON billing_journalline;
DROP TRIGGER billing_lines_join_own_entry ON billing_journalline;
DROP FUNCTION billing_lines_join_own_entry();
DROP TRIGGER billing_entry_balanced ON billing_journalentry;
DROP FUNCTION billing_entry_balanced();
DROP FUNCTION billing_refuse_change();
"""



def stages_add(apps, schema_editor) -> None:
    stage = apps.get_model("billing", "DunningStage")
    for schedule, kind, days, suspends in DEFAULT_STAGES:
        stage.objects.get_or_create(
            schedule=schedule, kind=kind, defaults={"days_overdue": days, "suspends_service": suspends}
        )


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]

    operations = [
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.RunPython(stages_add, migrations.RunPython.noop),
    ]
