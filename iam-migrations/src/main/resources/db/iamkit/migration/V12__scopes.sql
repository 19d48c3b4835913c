-- Every table under row level security, enabled and forced: what a connection of the application
-- role sees and writes is decided by three transaction-local settings (docs/security.md):
--
--   iamkit.org_id   the tenant: rows of tenant tables with that org_id (V2), the organization's own
--                   row (read-only), its members' user rows (read-only), the catalog and menus
--                   (read-only), and API-key lookups of its own keys (insert only);
--   iamkit.scope    'platform': organizations, the catalog and menus, read and written;
--                   'identity': users, sessions and their tokens, API-key lookups, magic-link
--                   challenges and rate-limit windows, read and written, and organizations, read;
--                   set only by the library's own platform and authentication calls;
--   iamkit.user_id  the user that the check functions answer for in any organization when no
--                   tenant is set (a host filtering rows of many organizations for one user).
--
-- No setting, or an empty one, means no rows of any table and no writes (fail closed). A malformed
-- tenant fails the uuid cast: an error, never rows. Scope values are compared exactly: anything
-- else is no scope. The policies have no sub-select (Citus refuses sub-selects in policies of
-- distributed tables); the one membership test, for user rows, is a STABLE function.
-- Referential actions (cascades) still run past the policies: deleting an organization, which only
-- the platform scope can do, removes its tenant rows, sessions and key lookups.

-- ------------------------------------------------------------------ platform tables

ALTER TABLE organization ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization FORCE ROW LEVEL SECURITY;
CREATE POLICY organization_select ON organization FOR SELECT
    USING (current_setting('iamkit.scope', true) IN ('platform', 'identity')
           OR id = nullif(current_setting('iamkit.org_id', true), '')::uuid);
CREATE POLICY organization_insert ON organization FOR INSERT
    WITH CHECK (current_setting('iamkit.scope', true) = 'platform');
CREATE POLICY organization_update ON organization FOR UPDATE
    USING (current_setting('iamkit.scope', true) = 'platform')
    WITH CHECK (current_setting('iamkit.scope', true) = 'platform');
CREATE POLICY organization_delete ON organization FOR DELETE
    USING (current_setting('iamkit.scope', true) = 'platform');

-- The catalog and the menu definition: shared by every organization, so a tenant reads them (its
-- checks and menus need them) but only the platform scope changes them.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['module', 'feature', 'feature_action', 'catalog_view', 'module_feature', 'module_view',
                             'feature_view', 'menu_item']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT
                           USING (current_setting('iamkit.scope', true) = 'platform'
                                  OR nullif(current_setting('iamkit.org_id', true), '')::uuid IS NOT NULL)$p$, t || '_select', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR INSERT
                           WITH CHECK (current_setting('iamkit.scope', true) = 'platform')$p$, t || '_insert', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR UPDATE
                           USING (current_setting('iamkit.scope', true) = 'platform')
                           WITH CHECK (current_setting('iamkit.scope', true) = 'platform')$p$, t || '_update', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR DELETE
                           USING (current_setting('iamkit.scope', true) = 'platform')$p$, t || '_delete', t);
    END LOOP;
END
$$;

-- ------------------------------------------------------------------ identity tables

-- Whether a user is a member of the tenant that is set (membership is itself under RLS, so the
-- function sees the tenant's rows only): one probe of membership's primary key per user row read.
-- plpgsql, not SQL: PostgreSQL cannot inline a SQL function that reads a table, and would plan its
-- query again on every statement that reads a user row; plpgsql keeps the plan for the session.
CREATE FUNCTION user_in_tenant(p_user uuid) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".membership m
                    WHERE m.org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid AND m.user_id = p_user);
END
$$;
REVOKE ALL ON FUNCTION user_in_tenant(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION user_in_tenant(uuid) TO "${appRole}";

ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_user FORCE ROW LEVEL SECURITY;
CREATE POLICY app_user_select ON app_user FOR SELECT
    USING (current_setting('iamkit.scope', true) = 'identity' OR "${flyway:defaultSchema}".user_in_tenant(id));
CREATE POLICY app_user_insert ON app_user FOR INSERT
    WITH CHECK (current_setting('iamkit.scope', true) = 'identity');
CREATE POLICY app_user_update ON app_user FOR UPDATE
    USING (current_setting('iamkit.scope', true) = 'identity')
    WITH CHECK (current_setting('iamkit.scope', true) = 'identity');
CREATE POLICY app_user_delete ON app_user FOR DELETE
    USING (current_setting('iamkit.scope', true) = 'identity');

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['user_session', 'session_token', 'magic_link_challenge', 'rate_limit_window', 'api_key_lookup']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT
                           USING (current_setting('iamkit.scope', true) = 'identity')$p$, t || '_select', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR UPDATE
                           USING (current_setting('iamkit.scope', true) = 'identity')
                           WITH CHECK (current_setting('iamkit.scope', true) = 'identity')$p$, t || '_update', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR DELETE
                           USING (current_setting('iamkit.scope', true) = 'identity')$p$, t || '_delete', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['user_session', 'session_token', 'magic_link_challenge', 'rate_limit_window']
    LOOP
        EXECUTE format($p$CREATE POLICY %I ON %I FOR INSERT
                           WITH CHECK (current_setting('iamkit.scope', true) = 'identity')$p$, t || '_insert', t);
    END LOOP;
END
$$;

-- A tenant creating one of its own API keys registers the key's lookup in the same transaction:
-- it may insert lookups that point at itself, and nothing else.
CREATE POLICY api_key_lookup_insert ON api_key_lookup FOR INSERT
    WITH CHECK (current_setting('iamkit.scope', true) = 'identity'
                OR key_org_id = nullif(current_setting('iamkit.org_id', true), '')::uuid);

-- Lookups are written once and only ever removed with their organization: no updates at all.
REVOKE UPDATE ON api_key_lookup FROM "${appRole}";

-- Exact matches on the stored (lower-case) e-mail: lower(email) is not leakproof, so under row
-- level security PostgreSQL could no longer use an index on it and would scan every user.
DROP INDEX app_user_email_live;
CREATE UNIQUE INDEX app_user_email_live ON app_user (email) WHERE deleted_at IS NULL;

-- Trigger functions are for triggers (which run them whatever the caller's rights): nobody calls
-- them directly.
REVOKE ALL ON FUNCTION notify_revision() FROM PUBLIC;
REVOKE ALL ON FUNCTION notify_global_change() FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_event_append_only() FROM PUBLIC;

-- ------------------------------------------------------------------ the check functions

-- can, can_all and can_view answer from the rows the caller's settings show, and never across
-- tenants: with a tenant set, only about that tenant (false for any other organization); with no
-- tenant set, only about the user named by iamkit.user_id (in any organization), by setting the
-- asked organization as the tenant for their own reads and clearing it again; otherwise false.

CREATE OR REPLACE FUNCTION can(p_org uuid, p_user uuid, p_feature uuid, p_action text, p_at timestamptz DEFAULT now())
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
    answer boolean;
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_feature IS NULL OR p_action IS NULL OR p_at IS NULL THEN
        RETURN false;
    END IF;
    IF tenant IS NULL THEN
        IF p_user IS DISTINCT FROM nullif(current_setting('iamkit.user_id', true), '')::uuid THEN
            RETURN false;
        END IF;
        PERFORM set_config('iamkit.org_id', p_org::text, true);
    ELSIF tenant <> p_org THEN
        RETURN false;
    END IF;
    SELECT (SELECT open FROM "${flyway:defaultSchema}".member_open(p_org, p_user))
       AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".entitlement e
                     JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                     JOIN "${flyway:defaultSchema}".module_feature mf ON mf.module_id = e.module_id
                    WHERE e.org_id = p_org AND mf.feature_id = p_feature AND e.enabled AND md.enabled
                      AND (e.expires_at IS NULL OR e.expires_at > p_at))
       AND coalesce((SELECT bool_or(g.effect = 'ALLOW') AND NOT bool_or(g.effect = 'DENY')
                       FROM "${flyway:defaultSchema}".feature_grant g
                      WHERE g.org_id = p_org AND g.feature_id = p_feature AND g.action = p_action
                        AND g.role_id IN (SELECT role_id FROM "${flyway:defaultSchema}".held_roles(p_org, p_user, p_at))), false)
      INTO answer;
    IF tenant IS NULL THEN
        PERFORM set_config('iamkit.org_id', '', true);
    END IF;
    RETURN answer;
END
$$;

CREATE OR REPLACE FUNCTION can_all(p_org uuid, p_user uuid, p_features uuid[], p_actions text[], p_at timestamptz DEFAULT now())
RETURNS boolean[] LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
    answers boolean[];
BEGIN
    IF cardinality(p_features) IS DISTINCT FROM cardinality(p_actions) THEN
        RAISE EXCEPTION 'can_all: % features but % actions', cardinality(p_features), cardinality(p_actions)
            USING ERRCODE = '22023';
    END IF;
    IF p_org IS NULL OR p_user IS NULL OR p_at IS NULL
       OR (tenant IS NULL AND p_user IS DISTINCT FROM nullif(current_setting('iamkit.user_id', true), '')::uuid)
       OR tenant <> p_org THEN
        RETURN array_fill(false, ARRAY[coalesce(cardinality(p_features), 0)]);
    END IF;
    IF tenant IS NULL THEN
        PERFORM set_config('iamkit.org_id', p_org::text, true);
    END IF;
    SELECT coalesce(array_agg(
               (SELECT open FROM "${flyway:defaultSchema}".member_open(p_org, p_user))
               AND q.f IS NOT NULL AND q.a IS NOT NULL
               AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".entitlement e
                             JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                             JOIN "${flyway:defaultSchema}".module_feature mf ON mf.module_id = e.module_id
                            WHERE e.org_id = p_org AND mf.feature_id = q.f AND e.enabled AND md.enabled
                              AND (e.expires_at IS NULL OR e.expires_at > p_at))
               AND coalesce((SELECT bool_or(g.effect = 'ALLOW') AND NOT bool_or(g.effect = 'DENY')
                               FROM "${flyway:defaultSchema}".feature_grant g
                              WHERE g.org_id = p_org AND g.feature_id = q.f AND g.action = q.a
                                AND g.role_id IN (SELECT role_id FROM "${flyway:defaultSchema}".held_roles(p_org, p_user, p_at))), false)
               ORDER BY q.i), '{}')
      FROM unnest(p_features, p_actions) WITH ORDINALITY AS q(f, a, i)
      INTO answers;
    IF tenant IS NULL THEN
        PERFORM set_config('iamkit.org_id', '', true);
    END IF;
    RETURN answers;
END
$$;

CREATE OR REPLACE FUNCTION can_view(p_org uuid, p_user uuid, p_view uuid, p_at timestamptz DEFAULT now())
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
    answer boolean;
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_view IS NULL OR p_at IS NULL THEN
        RETURN false;
    END IF;
    IF tenant IS NULL THEN
        IF p_user IS DISTINCT FROM nullif(current_setting('iamkit.user_id', true), '')::uuid THEN
            RETURN false;
        END IF;
        PERFORM set_config('iamkit.org_id', p_org::text, true);
    ELSIF tenant <> p_org THEN
        RETURN false;
    END IF;
    SELECT (SELECT open FROM "${flyway:defaultSchema}".member_open(p_org, p_user))
       AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".entitlement e
                     JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                     JOIN "${flyway:defaultSchema}".module_view mv ON mv.module_id = e.module_id
                    WHERE e.org_id = p_org AND mv.view_id = p_view AND e.enabled AND md.enabled
                      AND (e.expires_at IS NULL OR e.expires_at > p_at))
       AND coalesce((SELECT bool_or(g.effect = 'ALLOW') AND NOT bool_or(g.effect = 'DENY')
                       FROM "${flyway:defaultSchema}".view_grant g
                      WHERE g.org_id = p_org AND g.view_id = p_view
                        AND g.role_id IN (SELECT role_id FROM "${flyway:defaultSchema}".held_roles(p_org, p_user, p_at))), false)
      INTO answer;
    IF tenant IS NULL THEN
        PERFORM set_config('iamkit.org_id', '', true);
    END IF;
    RETURN answer;
END
$$;
