-- Undoes V18: revisions are announced without their reach again, as V5 announced them.
CREATE OR REPLACE FUNCTION notify_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.revision IS DISTINCT FROM OLD.revision THEN
        PERFORM pg_notify(TG_TABLE_SCHEMA, 'r ' || NEW.org_id || ' ' || NEW.revision);
    END IF;
    RETURN NULL;
END
$$;
