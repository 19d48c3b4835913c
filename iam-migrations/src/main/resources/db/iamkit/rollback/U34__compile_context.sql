-- Undoes V34: compiles read the shared parts of a user's access again on every cache miss (compile_access, V26).
DROP FUNCTION compile_member(uuid, uuid, timestamptz, bigint, bigint, bigint, uuid[]);
-- on Citus a DROP TRIGGER on a distributed table needs the setting (plain PostgreSQL takes it as a placeholder)
SET LOCAL citus.enable_unsafe_triggers = on;
DROP TRIGGER IF EXISTS org_counter_access ON org_counter;
DROP FUNCTION keep_access_revision();
ALTER TABLE org_counter DROP COLUMN access_revision;
