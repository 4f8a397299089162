"""A closed meter-reading round is frozen in the database too: its readings cannot be added, changed or
removed, and the round cannot reopen or move to another building or month (billing has charged from it).
The services refuse first, with a message."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION handover_round_reading_frozen() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM handover_meterround
         WHERE status = 'closed'
           AND id IN (CASE TG_OP WHEN 'INSERT' THEN NULL ELSE OLD.round_id END,
                      CASE TG_OP WHEN 'DELETE' THEN NULL ELSE NEW.round_id END)
    ) THEN
        RAISE EXCEPTION 'a reading of a closed meter-reading round cannot change'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION handover_round_closed_stays() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'closed' AND (
        TG_OP = 'DELETE'
        OR (NEW.status, NEW.building_id, NEW.month, NEW.closed_at)
           IS DISTINCT FROM (OLD.status, OLD.building_id, OLD.month, OLD.closed_at)
    ) THEN
        RAISE EXCEPTION 'meter-reading round % is closed', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER handover_meterreading_round_frozen BEFORE INSERT OR UPDATE OR DELETE ON handover_meterreading
    FOR EACH ROW EXECUTE FUNCTION handover_round_reading_frozen();
CREATE TRIGGER handover_meterround_closed_stays BEFORE UPDATE OR DELETE ON handover_meterround
    FOR EACH ROW EXECUTE FUNCTION handover_round_closed_stays();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS handover_meterround_closed_stays ON handover_meterround;
DROP TRIGGER IF EXISTS handover_meterreading_round_frozen ON handover_meterreading;
DROP FUNCTION IF EXISTS handover_round_closed_stays();
DROP FUNCTION IF EXISTS handover_round_reading_frozen();
"""


class Migration(migrations.Migration):
    dependencies = [("handover", "0003_meter_rounds")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
