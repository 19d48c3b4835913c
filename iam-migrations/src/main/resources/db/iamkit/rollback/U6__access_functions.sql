-- Undoes V6: the permission-check functions.
DROP FUNCTION IF EXISTS can_view(uuid, uuid, uuid, timestamptz);
DROP FUNCTION IF EXISTS can_all(uuid, uuid, uuid[], text[], timestamptz);
DROP FUNCTION IF EXISTS can(uuid, uuid, uuid, text, timestamptz);
DROP FUNCTION IF EXISTS member_open(uuid, uuid);
DROP FUNCTION IF EXISTS held_roles(uuid, uuid, timestamptz);
