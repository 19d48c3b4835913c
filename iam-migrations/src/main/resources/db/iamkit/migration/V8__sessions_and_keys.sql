-- Sign-in sessions and their rotating refresh tokens.
--
-- Global tables (no org_id, Citus reference tables): a session belongs to a user and only names
-- the organization it works in. No token is stored, only its SHA-256 digest (32 bytes); the
-- token has 256 random bits, so the digest is looked up directly (primary key) and cannot be
-- reversed. Every token a session was ever given stays, marked rotated_at once a refresh
-- replaced it, so a replayed old token is recognised (and the store then revokes the session).
-- Not access data: no audit event, no revision, no notification.

CREATE TABLE user_session (
    id            uuid        PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    org_id        uuid        REFERENCES organization (id) ON DELETE CASCADE,
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

-- The application role's rights, as in V3.
GRANT SELECT, INSERT, UPDATE, DELETE ON user_session, session_token TO "${appRole}";
