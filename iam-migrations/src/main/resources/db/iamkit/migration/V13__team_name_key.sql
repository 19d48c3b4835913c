-- Team names are unique in an organization by a key the library computes and writes
-- (dev.iamkit.support.CaseFolding: NFKC, then Java's locale-independent case mappings), the same
-- key the in-memory store compares, instead of lower(name), whose result depends on the
-- database's collation: lower('İnfo') is 'info' under glibc's locales but 'i̇nfo' in Java, lower()
-- keeps a final sigma apart from a medial one, and a Turkish ctype lowers 'I' to 'ı'.
--
-- Existing teams are keyed by lower(name), the expression of the index this replaces, so they stay
-- exactly as unique as they were and the migration cannot fail on them; for names of ASCII
-- characters (under any ctype but a Turkish one) that is the library's key too. The store writes
-- its own key whenever it creates or updates a team.
--
-- FORCE ROW LEVEL SECURITY binds the owner that runs this script, so the backfill lifts it for this
-- transaction only: ALTER TABLE holds an exclusive lock on team until the commit, so nobody else
-- reads or writes the table meanwhile.

ALTER TABLE team ADD COLUMN name_key text;
ALTER TABLE team NO FORCE ROW LEVEL SECURITY;
UPDATE team SET name_key = lower(name);
ALTER TABLE team FORCE ROW LEVEL SECURITY;
ALTER TABLE team
    ALTER COLUMN name_key SET NOT NULL,
    ADD CONSTRAINT team_name_key_present CHECK (name_key <> '');

DROP INDEX team_name;
CREATE UNIQUE INDEX team_name ON team (org_id, name_key);
