-- Undoes V12: row level security on the global tables, the membership test for user rows, and the
-- check functions' refusal to answer across tenants (back to V6's definitions).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['organization', 'module', 'feature', 'feature_action', 'catalog_view', 'module_feature',
                             'module_view', 'feature_view', 'menu_item', 'app_user', 'user_session', 'session_token',
                             'magic_link_challenge', 'rate_limit_window', 'api_key_lookup']
    LOOP
        EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_select', t);
        EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_insert', t);
        EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_update', t);
        EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_delete', t);
        EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
    END LOOP;
END
$$;
DROP FUNCTION IF EXISTS user_in_tenant(uuid);
GRANT EXECUTE ON FUNCTION notify_revision() TO PUBLIC;
GRANT EXECUTE ON FUNCTION notify_global_change() TO PUBLIC;
GRANT EXECUTE ON FUNCTION audit_event_append_only() TO PUBLIC;
GRANT UPDATE ON api_key_lookup TO "${appRole}";
DROP INDEX IF EXISTS app_user_email_live;
CREATE UNIQUE INDEX app_user_email_live ON app_user (lower(email)) WHERE deleted_at IS NULL;

CREATE OR REPLACE FUNCTION can(p_org uuid, p_user uuid, p_feature uuid, p_action text, p_at timestamptz DEFAULT now())
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    previous text := current_setting('iamkit.org_id', true);
    answer boolean;
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_feature IS NULL OR p_action IS NULL OR p_at IS NULL THEN
        RETURN false;
    END IF;
    PERFORM set_config('iamkit.org_id', p_org::text, true);
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
    PERFORM set_config('iamkit.org_id', coalesce(previous, ''), true);
    RETURN answer;
END
$$;

CREATE OR REPLACE FUNCTION can_all(p_org uuid, p_user uuid, p_features uuid[], p_actions text[], p_at timestamptz DEFAULT now())
RETURNS boolean[] LANGUAGE plpgsql STABLE AS $$
DECLARE
    previous text := current_setting('iamkit.org_id', true);
    answers boolean[];
BEGIN
    IF cardinality(p_features) IS DISTINCT FROM cardinality(p_actions) THEN
        RAISE EXCEPTION 'can_all: % features but % actions', cardinality(p_features), cardinality(p_actions)
            USING ERRCODE = '22023';
    END IF;
    IF p_org IS NULL OR p_user IS NULL OR p_at IS NULL THEN
        RETURN array_fill(false, ARRAY[coalesce(cardinality(p_features), 0)]);
    END IF;
    PERFORM set_config('iamkit.org_id', p_org::text, true);
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
    PERFORM set_config('iamkit.org_id', coalesce(previous, ''), true);
    RETURN answers;
END
$$;

CREATE OR REPLACE FUNCTION can_view(p_org uuid, p_user uuid, p_view uuid, p_at timestamptz DEFAULT now())
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    previous text := current_setting('iamkit.org_id', true);
    answer boolean;
BEGIN
    IF p_org IS NULL OR p_user IS NULL OR p_view IS NULL OR p_at IS NULL THEN
        RETURN false;
    END IF;
    PERFORM set_config('iamkit.org_id', p_org::text, true);
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
    PERFORM set_config('iamkit.org_id', coalesce(previous, ''), true);
    RETURN answer;
END
$$;

