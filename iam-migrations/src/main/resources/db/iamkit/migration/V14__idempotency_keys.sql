-- Idempotency keys of keyed tenant work (IamDatabase.inTenant(org, actor, key, codec, work)).
--
-- A key is inserted in the work's own transaction, before the work runs, and its result filled in
-- just before commit: so a key is here (to others) exactly when its work committed, and a second
-- call with the key waits on the first one's row lock until that commits or rolls back. A repeated
-- call finds the key and returns the kept result instead of running the work again; that is what
-- makes retrying a commit whose outcome was lost safe. Keys recorded IdempotencyKey.RETENTION
-- (24 hours) ago or earlier are forgotten: a reused one is taken over in place, and keyed work
-- deletes its organization's forgotten keys as it records its own.
--
-- A tenant table: org_id first in its key, row level security as in V2, forced as in V12.
CREATE TABLE idempotency_key (
    org_id       uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    key_value    text        NOT NULL CHECK (char_length(key_value) BETWEEN 1 AND 200),
    recorded_at  timestamptz NOT NULL,
    result       text        CHECK (char_length(result) <= 1000000),
    PRIMARY KEY (org_id, key_value)
);
CREATE INDEX idempotency_key_recorded ON idempotency_key (org_id, recorded_at);

ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_key FORCE ROW LEVEL SECURITY;
CREATE POLICY idempotency_key_select ON idempotency_key FOR SELECT
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY idempotency_key_insert ON idempotency_key FOR INSERT
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY idempotency_key_update ON idempotency_key FOR UPDATE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid)
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY idempotency_key_delete ON idempotency_key FOR DELETE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_key TO "${appRole}";
