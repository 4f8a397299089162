"""A signed lease's terms are frozen in the database too: an UPDATE changing one of them is refused."""

from django.db import migrations

# As leasing.models.leases.FROZEN_TERMS when this migration was written (a later change needs a migration).
FROZEN_TERMS = (
    "tenant_id",
    "building_id",
    "start_date",
    "end_date",
    "rent_basis",
    "rent_rate",
    "fee_basis",
    "fee_rate",
    "payment_cycle",
    "due_day",
    "deposit_amount",
    "late_fee_rate",
    "grace_days",
    "rent_free_days",
    "escalation_rate",
    "use",
    "special_terms",
    "notice_days",
    "area",
)

_CHANGED = " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in FROZEN_TERMS)

CREATE = f"""
CREATE FUNCTION leasing_lease_terms_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.status <> 'draft' AND ({_CHANGED}) THEN
        RAISE EXCEPTION 'lease % is signed: its terms change only by amendment', OLD.number
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER leasing_lease_terms_frozen BEFORE UPDATE ON leasing_lease
    FOR EACH ROW EXECUTE FUNCTION leasing_lease_terms_frozen();
"""

DROP = """
DROP TRIGGER IF EXISTS leasing_lease_terms_frozen ON leasing_lease;
DROP FUNCTION IF EXISTS leasing_lease_terms_frozen();
"""


class Migration(migrations.Migration):
    dependencies = [("leasing", "0002_leases")]

    operations = [migrations.RunSQL(CREATE, DROP)]
