-- Undoes V15: the global revision counter and the triggers that bump it; the function goes back to
-- V5's notify_global_change, and V5's triggers, which followed it, announce 'g <table>' again.
DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN SELECT g.tgrelid::regclass FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = '${flyway:defaultSchema}' AND g.tgname = 'global_revision'
    LOOP
        EXECUTE format('DROP TRIGGER global_revision ON %s', t);
    END LOOP;
END
$$;
DROP TABLE IF EXISTS global_counter;

CREATE OR REPLACE FUNCTION bump_global_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA, 'g ' || TG_TABLE_NAME);
    RETURN NULL;
END
$$;
ALTER FUNCTION bump_global_revision() RENAME TO notify_global_change;
