-- Users' consent decisions and the privacy request log (ConsentStore, PrivacyRequestLog).
--
-- Identity tables (global, no org_id, as app_user and user_session in V8): a person consents to
-- the operator's purposes once, whichever organizations they belong to, and privacy requests are
-- about a user, not a tenant. Under row level security as the identity tables of V12: only the
-- identity scope, which only the library's own calls set, reads or writes them.

-- Append-only: a decision is never changed, a later one for the same purpose supersedes it (the
-- latest by id, a time-ordered UUID made by the library). Removed with the user when a purge
-- hard-deletes it (the cascade runs past the policies and the privileges); anonymize keeps them.
CREATE TABLE consent (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    purpose     text        NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9_.-]{1,63}$'),
    version     text        NOT NULL CHECK (char_length(version) BETWEEN 1 AND 40),
    decision    text        NOT NULL CHECK (decision IN ('GIVEN', 'WITHDRAWN')),
    decided_at  timestamptz NOT NULL,
    source      text        NOT NULL CHECK (char_length(source) BETWEEN 1 AND 100)
);
-- The history (user, newest first) and the current state (the latest per purpose) both read this index.
CREATE INDEX consent_user ON consent (user_id, purpose, id);
CREATE INDEX consent_history ON consent (user_id, id);

-- One entry per privacy request: the privacy store's own calls (channel 'call') and requests a host
-- received from outside. user_id has no foreign key: the log outlives the user it names (anonymize
-- and purge keep it), and holds nothing personal but that id. A purge has no user; only a
-- completed purge says how many users and organizations it removed. Entries are closed once
-- (received -> completed or rejected) and never deleted.
CREATE TABLE privacy_request (
    id           uuid        PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('EXPORT', 'ANONYMIZE', 'PURGE')),
    user_id      uuid,
    channel      text        NOT NULL CHECK (channel ~ '^[a-z][a-z0-9_.-]{1,63}$'),
    status       text        NOT NULL CHECK (status IN ('RECEIVED', 'COMPLETED', 'FAILED', 'REJECTED')),
    received_at  timestamptz NOT NULL,
    closed_at    timestamptz,
    reason       text        CHECK (reason ~ '^[a-z][a-z0-9_.-]{1,63}$'),
    purged       bigint      CHECK (purged >= 0),
    CHECK ((kind = 'PURGE') = (user_id IS NULL)),
    CHECK ((status = 'RECEIVED') = (closed_at IS NULL)),
    CHECK ((status IN ('FAILED', 'REJECTED')) = (reason IS NOT NULL)),
    CHECK (purged IS NULL OR (kind = 'PURGE' AND status = 'COMPLETED'))
);
CREATE INDEX privacy_request_user ON privacy_request (user_id, id);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['consent', 'privacy_request']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT
                           USING (current_setting('iamkit.scope', true) = 'identity')$p$, t || '_select', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR INSERT
                           WITH CHECK (current_setting('iamkit.scope', true) = 'identity')$p$, t || '_insert', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR UPDATE
                           USING (current_setting('iamkit.scope', true) = 'identity')
                           WITH CHECK (current_setting('iamkit.scope', true) = 'identity')$p$, t || '_update', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR DELETE
                           USING (current_setting('iamkit.scope', true) = 'identity')$p$, t || '_delete', t);
    END LOOP;
END
$$;

-- The application role appends decisions and log entries and closes received requests; it never
-- changes a decision or removes either (a purge's cascade removes a purged user's decisions).
GRANT SELECT, INSERT ON consent TO "${appRole}";
GRANT SELECT, INSERT, UPDATE ON privacy_request TO "${appRole}";
