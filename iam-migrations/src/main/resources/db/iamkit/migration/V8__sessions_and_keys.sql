-- Sign-in sessions with their rotating refresh tokens, and organizations' API keys.
--
-- Global tables (no org_id, Citus reference tables): a session belongs to a user and only names
-- the organization it works in. No token is stored, only its SHA-256 digest (32 bytes); the
-- token has 256 random bits, so the digest is looked up directly (primary key) and cannot be
-- reversed. Every token a session was ever given stays, marked rotated_at once a refresh
-- replaced it, so a replayed old token is recognised (and the store then revokes the session).
-- Not access data: no audit event, no revision, no notification. The organization a session
-- works in is current_org_id, not org_id: in this schema org_id marks a tenant table under RLS.

CREATE TABLE user_session (
    id            uuid        PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    current_org_id uuid       REFERENCES organization (id) ON DELETE CASCADE,
    device_name   text        CHECK (char_length(device_name) BETWEEN 1 AND 200),
    ip            text        CHECK (char_length(ip) BETWEEN 1 AND 45),
    user_agent    text        CHECK (char_length(user_agent) BETWEEN 1 AND 1000),
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX user_session_user ON user_session (user_id, created_at, id);

CREATE TABLE session_token (
    digest      bytea       PRIMARY KEY CHECK (octet_length(digest) = 32),
    session_id  uuid        NOT NULL REFERENCES user_session (id) ON DELETE CASCADE,
    issued_at   timestamptz NOT NULL,
    rotated_at  timestamptz
);
-- At most one current token per session: of two refreshes racing with the same token, one wins.
CREATE UNIQUE INDEX session_token_current ON session_token (session_id) WHERE rotated_at IS NULL;
CREATE INDEX session_token_session ON session_token (session_id);

-- An organization's API keys (a tenant table). The presented key is ikk_<lookup_id>_<secret>;
-- only the SHA-256 digest of the whole key is stored. Creating and revoking a key is audited.
CREATE TABLE api_key (
    org_id        uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    id            uuid        NOT NULL,
    name          text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    lookup_id     text        NOT NULL CHECK (char_length(lookup_id) = 12),
    digest        bytea       NOT NULL CHECK (octet_length(digest) = 32),
    scopes        text[]      NOT NULL,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, lookup_id)
);
CREATE INDEX api_key_listing ON api_key (org_id, created_at, id);

-- Tenant isolation as in V2.
ALTER TABLE api_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key FORCE ROW LEVEL SECURITY;
CREATE POLICY api_key_select ON api_key FOR SELECT
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY api_key_insert ON api_key FOR INSERT
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY api_key_update ON api_key FOR UPDATE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid)
    WITH CHECK (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY api_key_delete ON api_key FOR DELETE
    USING (org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);

-- A presented key does not say its organization, and RLS hides api_key until one is set. This
-- global index (no secrets: lookup ids are not secret) says which organization a lookup id is
-- in; authentication reads it, sets that organization with SET LOCAL in the same transaction,
-- and only then reads the key, under RLS. Chosen over a SECURITY DEFINER function because FORCE
-- ROW LEVEL SECURITY binds the owner too, and it needs no privileged code. No foreign key to
-- api_key (on Citus a reference table cannot point at a distributed one); keys are never
-- deleted, only revoked, and the organization's cascade removes both. key_org_id, not org_id,
-- for the reason given at user_session.
CREATE TABLE api_key_lookup (
    lookup_id  text PRIMARY KEY CHECK (char_length(lookup_id) = 12),
    key_org_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    key_id     uuid NOT NULL
);
CREATE INDEX api_key_lookup_org ON api_key_lookup (key_org_id);

-- The application role's rights, as in V3.
GRANT SELECT, INSERT, UPDATE, DELETE ON user_session, session_token, api_key, api_key_lookup TO "${appRole}";
