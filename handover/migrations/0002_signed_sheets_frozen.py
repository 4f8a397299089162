"""A signed sheet is frozen in the database too: its content columns and its lines (keys, checklist items,
meter readings) refuse every change once it has left the draft status; the services refuse first, with a
message. Only the status may still move on (signed → superseded), and a reading only gets its confirmation."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION handover_sheet_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.status <> 'draft' AND (
        (NEW.visit_id, NEW.kind, NEW.version, NEW.note, NEW.handouts, NEW.reason, NEW.content_sha256,
         NEW.document_id, NEW.signed_at, NEW.supersedes_id)
        IS DISTINCT FROM
        (OLD.visit_id, OLD.kind, OLD.version, OLD.note, OLD.handouts, OLD.reason, OLD.content_sha256,
         OLD.document_id, OLD.signed_at, OLD.supersedes_id)
        OR (OLD.status = 'superseded' AND NEW.status <> 'superseded')
        OR (OLD.status = 'signed' AND NEW.status NOT IN ('signed', 'superseded'))
    ) THEN
        RAISE EXCEPTION 'handover sheet % is signed and frozen', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' AND OLD.status <> 'draft' THEN
        RAISE EXCEPTION 'handover sheet % is signed and frozen', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION handover_line_frozen() RETURNS trigger AS $$
DECLARE
    sheet_status text;
BEGIN
    SELECT status INTO sheet_status FROM handover_sheet
     WHERE id = CASE TG_OP WHEN 'INSERT' THEN NEW.sheet_id ELSE OLD.sheet_id END;
    IF TG_OP = 'UPDATE' AND NEW.sheet_id IS DISTINCT FROM OLD.sheet_id THEN
        sheet_status := 'moved';
    END IF;
    IF sheet_status IS NOT NULL AND sheet_status <> 'draft' THEN
        IF TG_TABLE_NAME = 'handover_meterreading' AND TG_OP = 'UPDATE' AND sheet_status = 'signed' THEN
            -- nested: the reading's columns are named only when the row is a meter reading
            IF (NEW.meter_id, NEW.reading, NEW.read_on, NEW.photo_document_id)
               IS NOT DISTINCT FROM (OLD.meter_id, OLD.reading, OLD.read_on, OLD.photo_document_id) THEN
                RETURN NEW;  -- confirming the readings of the sheet just signed
            END IF;
        END IF;
        RAISE EXCEPTION 'a line of signed handover sheet % cannot change', COALESCE(OLD.sheet_id, NEW.sheet_id)
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER handover_sheet_frozen BEFORE UPDATE OR DELETE ON handover_sheet
    FOR EACH ROW EXECUTE FUNCTION handover_sheet_frozen();
CREATE TRIGGER handover_keyrecord_frozen BEFORE INSERT OR UPDATE OR DELETE ON handover_keyrecord
    FOR EACH ROW EXECUTE FUNCTION handover_line_frozen();
CREATE TRIGGER handover_acceptanceitem_frozen BEFORE INSERT OR UPDATE OR DELETE ON handover_acceptanceitem
    FOR EACH ROW EXECUTE FUNCTION handover_line_frozen();
CREATE TRIGGER handover_meterreading_frozen BEFORE INSERT OR UPDATE OR DELETE ON handover_meterreading
    FOR EACH ROW EXECUTE FUNCTION handover_line_frozen();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS handover_meterreading_frozen ON handover_meterreading;
DROP TRIGGER IF EXISTS handover_acceptanceitem_frozen ON handover_acceptanceitem;
DROP TRIGGER IF EXISTS handover_keyrecord_frozen ON handover_keyrecord;
DROP TRIGGER IF EXISTS handover_sheet_frozen ON handover_sheet;
DROP FUNCTION IF EXISTS handover_line_frozen();
DROP FUNCTION IF EXISTS handover_sheet_frozen();
"""


class Migration(migrations.Migration):
    dependencies = [("handover", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
