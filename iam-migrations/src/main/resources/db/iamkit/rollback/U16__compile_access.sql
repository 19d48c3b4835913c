-- Undoes V16: drops the compile function (a store of this version refuses the older schema; an older store compiles with its own statement).
DROP FUNCTION IF EXISTS compile_access(uuid, uuid, timestamptz);
