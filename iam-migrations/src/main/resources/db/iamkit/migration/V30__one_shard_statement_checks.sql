-- The check functions' path on Citus (V29) in two statements instead of one per table: a check by
-- can() sent the membership, the held roles and each (feature, action) to the organization's shard
-- one statement at a time. Now the organization and user rows (reference tables, where the user
-- row's policy may ask the membership on the coordinator) are read by one statement, and the
-- membership, the held roles and every answer by one more, with every tenant table filtered by
-- the organization, which Citus sends to that organization's shard as one task. The rules and
-- the refusal without a tenant are V29's. On plain PostgreSQL, can, can_all and can_view do not
-- take this path; these functions answer the same there (CitusCheckFunctionsTest compares them).

-- Rules 1 and 2 for the organization and the user (the membership is read with the answers), for
-- the tenant that is set only: it answers nothing about another organization.
CREATE OR REPLACE FUNCTION gate_on_citus(p_org uuid, p_user uuid) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
DECLARE
    open boolean;
BEGIN
    IF p_org IS DISTINCT FROM nullif(current_setting('iamkit.org_id', true), '')::uuid THEN
        RETURN false;
    END IF;
    SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".organization o WHERE o.id = p_org AND o.deleted_at IS NULL AND o.status = 'ACTIVE')
       AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".app_user u WHERE u.id = p_user AND u.deleted_at IS NULL AND u.status = 'ACTIVE')
      INTO open;
    RETURN open;
END
$$;

-- Rules 1 to 5 for each (feature, action) of the arrays, under the tenant that is set.
CREATE OR REPLACE FUNCTION checks_on_citus(p_org uuid, p_user uuid, p_features uuid[], p_actions text[], p_at timestamptz)
RETURNS boolean[] LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant  uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
    n       int := coalesce(cardinality(p_features), 0);
    answers boolean[];
BEGIN
    IF tenant IS NULL THEN
        RAISE EXCEPTION 'on Citus a check needs the tenant set in the transaction (SET LOCAL iamkit.org_id), which Citus carries to the workers'
            USING ERRCODE = '42501';
    END IF;
    IF p_org IS NULL OR p_user IS NULL OR p_at IS NULL OR tenant <> p_org OR n = 0
       OR NOT "${flyway:defaultSchema}".gate_on_citus(p_org, p_user) THEN
        RETURN array_fill(false, ARRAY[n]);
    END IF;
    WITH RECURSIVE held(role_id) AS (
        SELECT a.role_id FROM "${flyway:defaultSchema}".user_assignment a
         WHERE a.org_id = p_org AND a.user_id = p_user AND (a.expires_at IS NULL OR a.expires_at > p_at)
        UNION
        SELECT a.role_id FROM "${flyway:defaultSchema}".team_member tm
          JOIN "${flyway:defaultSchema}".team_assignment a ON a.org_id = tm.org_id AND a.team_id = tm.team_id
         WHERE tm.org_id = p_org AND tm.user_id = p_user AND (a.expires_at IS NULL OR a.expires_at > p_at)
        UNION
        SELECT i.included_role_id FROM "${flyway:defaultSchema}".role_inclusion i JOIN held h ON i.role_id = h.role_id
         WHERE i.org_id = p_org
    )
    SELECT array_agg(
               m.active AND q.f IS NOT NULL AND q.a IS NOT NULL
               AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".entitlement e
                             JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                             JOIN "${flyway:defaultSchema}".module_feature mf ON mf.module_id = e.module_id
                            WHERE e.org_id = p_org AND mf.feature_id = q.f AND e.enabled AND md.enabled
                              AND (e.expires_at IS NULL OR e.expires_at > p_at))
               AND coalesce((SELECT bool_or(g.effect = 'ALLOW') AND NOT bool_or(g.effect = 'DENY')
                               FROM "${flyway:defaultSchema}".feature_grant g
                              WHERE g.org_id = p_org AND g.feature_id = q.f AND g.action = q.a
                                AND g.role_id IN (SELECT role_id FROM held)), false)
               ORDER BY q.i)
      FROM unnest(p_features, p_actions) WITH ORDINALITY AS q(f, a, i)
     CROSS JOIN (SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".membership mm
                                 WHERE mm.org_id = p_org AND mm.user_id = p_user AND mm.status = 'ACTIVE')) AS m(active)
      INTO answers;
    RETURN answers;
END
$$;

-- Rules 1 to 5 for a view, under the tenant that is set.
CREATE OR REPLACE FUNCTION view_check_on_citus(p_org uuid, p_user uuid, p_view uuid, p_at timestamptz)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant uuid := nullif(current_setting('iamkit.org_id', true), '')::uuid;
    answer boolean;
BEGIN
    IF tenant IS NULL THEN
        RAISE EXCEPTION 'on Citus a check needs the tenant set in the transaction (SET LOCAL iamkit.org_id), which Citus carries to the workers'
            USING ERRCODE = '42501';
    END IF;
    IF p_org IS NULL OR p_user IS NULL OR p_view IS NULL OR p_at IS NULL OR tenant <> p_org
       OR NOT "${flyway:defaultSchema}".gate_on_citus(p_org, p_user) THEN
        RETURN false;
    END IF;
    WITH RECURSIVE held(role_id) AS (
        SELECT a.role_id FROM "${flyway:defaultSchema}".user_assignment a
         WHERE a.org_id = p_org AND a.user_id = p_user AND (a.expires_at IS NULL OR a.expires_at > p_at)
        UNION
        SELECT a.role_id FROM "${flyway:defaultSchema}".team_member tm
          JOIN "${flyway:defaultSchema}".team_assignment a ON a.org_id = tm.org_id AND a.team_id = tm.team_id
         WHERE tm.org_id = p_org AND tm.user_id = p_user AND (a.expires_at IS NULL OR a.expires_at > p_at)
        UNION
        SELECT i.included_role_id FROM "${flyway:defaultSchema}".role_inclusion i JOIN held h ON i.role_id = h.role_id
         WHERE i.org_id = p_org
    )
    SELECT EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".membership m
                    WHERE m.org_id = p_org AND m.user_id = p_user AND m.status = 'ACTIVE')
       AND EXISTS (SELECT 1 FROM "${flyway:defaultSchema}".entitlement e
                     JOIN "${flyway:defaultSchema}".module md ON md.id = e.module_id
                     JOIN "${flyway:defaultSchema}".module_view mv ON mv.module_id = e.module_id
                    WHERE e.org_id = p_org AND mv.view_id = p_view AND e.enabled AND md.enabled
                      AND (e.expires_at IS NULL OR e.expires_at > p_at))
       AND coalesce((SELECT bool_or(g.effect = 'ALLOW') AND NOT bool_or(g.effect = 'DENY')
                       FROM "${flyway:defaultSchema}".view_grant g
                      WHERE g.org_id = p_org AND g.view_id = p_view AND g.role_id IN (SELECT role_id FROM held)), false)
      INTO answer;
    RETURN answer;
END
$$;
