-- Magic-link challenges, rate-limit windows and usage counters.
--
-- magic_link_challenge and rate_limit_window are global (no org_id, Citus reference tables);
-- usage_counter is a tenant table with org_id first in its key, isolated by RLS as in V2.

-- One sign-in (or other purpose) challenge sent by email. Only the SHA-256 digest of its secret
-- token is kept. It is consumed at most once; wrong tokens presented for it are counted, and at
-- MagicLinkStore.MAX_FAILED_ATTEMPTS it is locked (failed_attempts reaching the limit is the lock).
CREATE TABLE magic_link_challenge (
    id               uuid        PRIMARY KEY,
    email            text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
    purpose          text        NOT NULL CHECK (char_length(purpose) BETWEEN 2 AND 64),
    token_digest     bytea       NOT NULL UNIQUE CHECK (octet_length(token_digest) = 32),
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL CHECK (expires_at > created_at),
    consumed_at      timestamptz,
    failed_attempts  integer     NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0)
);
CREATE INDEX magic_link_challenge_expires ON magic_link_challenge (expires_at);

-- The current fixed window of one rate-limit key and window length: windows are aligned to
-- multiples of the window length from the epoch; a hit in a later window starts it over.
CREATE TABLE rate_limit_window (
    bucket_key    text        NOT NULL CHECK (char_length(bucket_key) BETWEEN 1 AND 200),
    window_ms     bigint      NOT NULL CHECK (window_ms > 0),
    window_start  timestamptz NOT NULL,
    hits          bigint      NOT NULL CHECK (hits > 0),
    PRIMARY KEY (bucket_key, window_ms)
);
CREATE INDEX rate_limit_window_start ON rate_limit_window (window_start);

-- Per organization, metric and UTC day: a sum. Not access data: no audit event, no revision.
CREATE TABLE usage_counter (
    org_id  uuid   NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    metric  text   NOT NULL CHECK (char_length(metric) BETWEEN 2 AND 64),
    day     date   NOT NULL,
    value   bigint NOT NULL CHECK (value >= 0),
    PRIMARY KEY (org_id, metric, day)
);

ALTER TABLE usage_counter ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_counter FORCE ROW LEVEL SECURITY;
CREATE POLICY usage_counter_select ON usage_counter FOR SELECT
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY usage_counter_insert ON usage_counter FOR INSERT
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY usage_counter_update ON usage_counter FOR UPDATE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid)
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY usage_counter_delete ON usage_counter FOR DELETE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);

-- The application role's rights, as in V3.
GRANT SELECT, INSERT, UPDATE, DELETE ON magic_link_challenge, rate_limit_window, usage_counter TO "${appRole}";
