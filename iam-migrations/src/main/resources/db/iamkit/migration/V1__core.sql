-- iamkit core schema. Runs as the schema owner, inside the schema Flyway was given
-- (${flyway:defaultSchema}); the application connects as a member of ${appRole}.
--
-- Global tables (no org_id): organization, app_user, the catalog. Tenant tables carry org_id
-- first in their primary key and in every unique and foreign key among tenant tables, so the
-- schema can be distributed by org_id unchanged, and are guarded by row level security.
-- Text that the library orders by is compared with COLLATE "C", so the order does not depend on
-- the database's locale and matches the in-memory store.

CREATE TABLE organization (
    id          uuid        PRIMARY KEY,
    parent_id   uuid        REFERENCES organization (id),
    slug        text        NOT NULL CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])$'),
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    settings    jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    version     bigint      NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    deleted_at  timestamptz,
    CHECK (parent_id IS DISTINCT FROM id)
);
CREATE UNIQUE INDEX organization_slug_live ON organization (slug) WHERE deleted_at IS NULL;
CREATE INDEX organization_parent ON organization (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE app_user (
    id                 uuid        PRIMARY KEY,
    email              text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254 AND email = lower(email)),
    display_name       text        NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 200),
    status             text        NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE', 'SUSPENDED', 'PENDING')),
    email_verified_at  timestamptz,
    version            bigint      NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    deleted_at         timestamptz
);
CREATE UNIQUE INDEX app_user_email_live ON app_user (lower(email)) WHERE deleted_at IS NULL;

CREATE TABLE module (
    id           uuid    PRIMARY KEY,
    code         text    NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_.-]{1,63}$'),
    name         text    NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description  text    NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    enabled      boolean NOT NULL,
    priority     integer NOT NULL CHECK (priority BETWEEN -1000000 AND 1000000)
);

CREATE TABLE feature (
    id           uuid PRIMARY KEY,
    code         text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_.-]{1,63}$'),
    name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000)
);

-- One row per action a feature supports: grants reference it, so removing an action removes
-- its grants in every organization through the cascade.
CREATE TABLE feature_action (
    feature_id  uuid NOT NULL REFERENCES feature (id) ON DELETE CASCADE,
    action      text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.-]{0,39}$'),
    PRIMARY KEY (feature_id, action)
);

CREATE TABLE catalog_view (
    id             uuid    PRIMARY KEY,
    code           text    NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_.-]{1,63}$'),
    name           text    NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    path           text    NOT NULL UNIQUE CHECK (char_length(path) <= 255 AND path LIKE '/%'),
    requires_auth  boolean NOT NULL,
    icon           text    CHECK (char_length(icon) BETWEEN 1 AND 100),
    ordering       integer NOT NULL CHECK (ordering BETWEEN -1000000 AND 1000000)
);

CREATE TABLE module_feature (
    module_id   uuid NOT NULL REFERENCES module (id) ON DELETE CASCADE,
    feature_id  uuid NOT NULL REFERENCES feature (id) ON DELETE CASCADE,
    PRIMARY KEY (module_id, feature_id)
);
CREATE INDEX module_feature_feature ON module_feature (feature_id);

CREATE TABLE module_view (
    module_id  uuid NOT NULL REFERENCES module (id) ON DELETE CASCADE,
    view_id    uuid NOT NULL REFERENCES catalog_view (id) ON DELETE CASCADE,
    PRIMARY KEY (module_id, view_id)
);
CREATE INDEX module_view_view ON module_view (view_id);

CREATE TABLE feature_view (
    feature_id  uuid NOT NULL REFERENCES feature (id) ON DELETE CASCADE,
    view_id     uuid NOT NULL REFERENCES catalog_view (id) ON DELETE CASCADE,
    PRIMARY KEY (feature_id, view_id)
);
CREATE INDEX feature_view_view ON feature_view (view_id);

-- ---------------------------------------------------------------- tenant tables

-- Per-organization counters, bumped in the transaction of each change: the audit sequence
-- (gap-free among committed events, since the row lock orders writers of one organization).
CREATE TABLE org_counter (
    org_id     uuid   PRIMARY KEY REFERENCES organization (id) ON DELETE CASCADE,
    audit_seq  bigint NOT NULL DEFAULT 0
);

CREATE TABLE entitlement (
    org_id      uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    module_id   uuid        NOT NULL REFERENCES module (id) ON DELETE CASCADE,
    enabled     boolean     NOT NULL,
    expires_at  timestamptz,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, module_id)
);

CREATE TABLE membership (
    org_id      uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    org_role    text        NOT NULL CHECK (org_role IN ('OWNER', 'ADMIN', 'MANAGER', 'MEMBER')),
    status      text        NOT NULL CHECK (status IN ('INVITED', 'ACTIVE', 'SUSPENDED')),
    joined_at   timestamptz,
    version     bigint      NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX membership_user ON membership (user_id);

CREATE TABLE team (
    org_id       uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    id           uuid        NOT NULL,
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description  text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    version      bigint      NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX team_name ON team (org_id, lower(name));

CREATE TABLE team_member (
    org_id   uuid NOT NULL,
    team_id  uuid NOT NULL,
    user_id  uuid NOT NULL,
    PRIMARY KEY (org_id, team_id, user_id),
    FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, user_id) REFERENCES membership (org_id, user_id) ON DELETE CASCADE
);
CREATE INDEX team_member_user ON team_member (org_id, user_id);

CREATE TABLE role (
    org_id       uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    id           uuid        NOT NULL,
    code         text        NOT NULL CHECK (code ~ '^[a-z][a-z0-9_.-]{1,63}$'),
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description  text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    version      bigint      NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, code)
);

CREATE TABLE feature_grant (
    org_id      uuid        NOT NULL,
    role_id     uuid        NOT NULL,
    feature_id  uuid        NOT NULL,
    action      text        NOT NULL,
    effect      text        NOT NULL CHECK (effect IN ('ALLOW', 'DENY')),
    granted_by  text        NOT NULL CHECK (char_length(granted_by) BETWEEN 1 AND 120),
    granted_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, role_id, feature_id, action),
    FOREIGN KEY (org_id, role_id) REFERENCES role (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (feature_id, action) REFERENCES feature_action (feature_id, action) ON DELETE CASCADE
);
CREATE INDEX feature_grant_feature ON feature_grant (feature_id, action);

CREATE TABLE view_grant (
    org_id      uuid        NOT NULL,
    role_id     uuid        NOT NULL,
    view_id     uuid        NOT NULL REFERENCES catalog_view (id) ON DELETE CASCADE,
    effect      text        NOT NULL CHECK (effect IN ('ALLOW', 'DENY')),
    granted_by  text        NOT NULL CHECK (char_length(granted_by) BETWEEN 1 AND 120),
    granted_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, role_id, view_id),
    FOREIGN KEY (org_id, role_id) REFERENCES role (org_id, id) ON DELETE CASCADE
);
CREATE INDEX view_grant_view ON view_grant (view_id);

-- Assignments to users and to teams live apart so each can reference its principal and cascade
-- with it (removing a membership removes the user's direct assignments; deleting a team its own).
CREATE TABLE user_assignment (
    org_id      uuid        NOT NULL,
    role_id     uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    granted_by  text        NOT NULL CHECK (char_length(granted_by) BETWEEN 1 AND 120),
    granted_at  timestamptz NOT NULL,
    expires_at  timestamptz,
    PRIMARY KEY (org_id, role_id, user_id),
    FOREIGN KEY (org_id, role_id) REFERENCES role (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, user_id) REFERENCES membership (org_id, user_id) ON DELETE CASCADE
);
CREATE INDEX user_assignment_user ON user_assignment (org_id, user_id);

CREATE TABLE team_assignment (
    org_id      uuid        NOT NULL,
    role_id     uuid        NOT NULL,
    team_id     uuid        NOT NULL,
    granted_by  text        NOT NULL CHECK (char_length(granted_by) BETWEEN 1 AND 120),
    granted_at  timestamptz NOT NULL,
    expires_at  timestamptz,
    PRIMARY KEY (org_id, role_id, team_id),
    FOREIGN KEY (org_id, role_id) REFERENCES role (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id) ON DELETE CASCADE
);
CREATE INDEX team_assignment_team ON team_assignment (org_id, team_id);

-- Snapshots are json, not jsonb: the text is kept exactly as the library wrote it.
CREATE TABLE audit_event (
    org_id       uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    seq          bigint      NOT NULL CHECK (seq > 0),
    id           uuid        NOT NULL,
    at           timestamptz NOT NULL,
    actor        text        NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 120),
    action       text        NOT NULL CHECK (char_length(action) BETWEEN 1 AND 100),
    target_type  text        NOT NULL CHECK (char_length(target_type) BETWEEN 1 AND 100),
    target_id    text        NOT NULL CHECK (char_length(target_id) BETWEEN 1 AND 200),
    before       json,
    after        json,
    ip           text        CHECK (char_length(ip) <= 45),
    user_agent   text        CHECK (char_length(user_agent) <= 512),
    PRIMARY KEY (org_id, seq),
    UNIQUE (org_id, id)
);
