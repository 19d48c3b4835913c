-- Undoes V32: can_all plans as the server's default says.
ALTER FUNCTION can_all(uuid, uuid, uuid[], text[], timestamptz) RESET plan_cache_mode;
ALTER FUNCTION checks_on_citus(uuid, uuid, uuid[], text[], timestamptz) RESET plan_cache_mode;
