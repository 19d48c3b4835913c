-- Undoes V35: a library of V34 compiles with compile_member, which stays.
DROP FUNCTION compile_direct(uuid, uuid, timestamptz, bigint, bigint, bigint, uuid[]);
