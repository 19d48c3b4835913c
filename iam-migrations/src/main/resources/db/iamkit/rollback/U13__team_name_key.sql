-- Undoes V13: team names are unique by lower(name) again. Two teams made after V13 whose names the
-- library's key told apart but lower() does not (say 'İnfo' and 'info') make this fail on the
-- unique index (23505, team_name) and roll back, changing nothing: rename one of them first.
DROP INDEX IF EXISTS team_name;
CREATE UNIQUE INDEX team_name ON team (org_id, lower(name));
ALTER TABLE team DROP CONSTRAINT IF EXISTS team_name_key_present;
ALTER TABLE team DROP COLUMN IF EXISTS name_key;
