-- Each announced revision says what it can change, so that other processes' caches drop only the
-- answers it reaches (dev.iamkit.authz.Impact): 'r <org id> <revision> <reach>', where the reach is
-- '-' (nothing a check reads: a new role, a renamed team, an API key), 'u:<user id>' (one user's
-- answers: an assignment to the user, team membership, the membership itself), 't:<team id>' (the
-- answers of a team's members: an assignment to the team, its deletion) or 'r:<role id>' (the
-- answers of the users the role reaches: its grants, view grants, inclusions, its deletion).
-- Without a reach ('r <org id> <revision>', as V5 announced every revision) it may change anything.
--
-- The store names the reach in the statement that moves the revision, in the transaction-local
-- setting iamkit.reach (set in that upsert's own SELECT, so before this AFTER trigger runs), and
-- the trigger takes it and clears it: a reach announces exactly one revision, and a revision moved
-- without one (another path, a host's own SQL) is announced without a reach. A value that is not one
-- of the forms above is announced as no reach.
CREATE OR REPLACE FUNCTION notify_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    reach text := coalesce(current_setting('iamkit.reach', true), '');
BEGIN
    IF reach <> '' THEN
        PERFORM set_config('iamkit.reach', '', true);
    END IF;
    IF TG_OP = 'INSERT' OR NEW.revision IS DISTINCT FROM OLD.revision THEN
        PERFORM pg_notify(TG_TABLE_SCHEMA, 'r ' || NEW.org_id || ' ' || NEW.revision
            || CASE WHEN reach ~ '^(-|[utr]:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$' THEN ' ' || reach ELSE '' END);
    END IF;
    RETURN NULL;
END
$$;
