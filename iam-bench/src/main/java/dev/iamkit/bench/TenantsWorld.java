package dev.iamkit.bench;

import dev.iamkit.model.FeatureId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Many tenants, written with SQL as the owner (the rows the API would write, in seconds): a
 * catalog of 5 modules of 10 features x 4 actions (and 2 views each), and {@code orgs}
 * organizations, each entitled to every module (one of them expiring in 30 days), with 20 active
 * members, 10 roles of 20 grants (every tenth a DENY) and 2 view grants each, role 0 including
 * role 9, and a team of five members that holds role 2; member k holds roles k and k + 1 (mod 10)
 * directly; and the baseline write's table ({@link WriteData#BASELINE_TABLE}), for the mixed
 * workload's floors. The measured user is member 0 of organization 1: two roles, the role one of them
 * includes, and a team's role. Ids derive from names (md5), so the benchmark JVMs find them
 * without a query.
 */
final class TenantsWorld {
    static final int USERS_PER_ORG = 20;
    static final int ROLES_PER_ORG = 10;
    static final int GRANTS_PER_ROLE = 20;

    private TenantsWorld() {
    }

    /** Writes the world into {@code schema}, then analyzes it. */
    static void build(BenchDatabase db, String schema, int orgs) {
        db.execute("""
                INSERT INTO %1$s.module (id, code, name, enabled, priority)
                    SELECT md5('tw-module-' || m)::uuid, 'tw-module-' || m, 'Module ' || m, true, m FROM generate_series(0, 4) m;
                INSERT INTO %1$s.feature (id, code, name)
                    SELECT md5('tw-feature-' || f)::uuid, 'tw-feature-' || f, 'Feature ' || f FROM generate_series(0, 49) f;
                INSERT INTO %1$s.feature_action (feature_id, action)
                    SELECT md5('tw-feature-' || f)::uuid, 'a' || a FROM generate_series(0, 49) f, generate_series(0, 3) a;
                INSERT INTO %1$s.module_feature (module_id, feature_id)
                    SELECT md5('tw-module-' || f / 10)::uuid, md5('tw-feature-' || f)::uuid FROM generate_series(0, 49) f;
                INSERT INTO %1$s.catalog_view (id, code, name, path, requires_auth, ordering)
                    SELECT md5('tw-view-' || v)::uuid, 'tw-view-' || v, 'View ' || v, '/tw/' || v, true, v FROM generate_series(0, 9) v;
                INSERT INTO %1$s.module_view (module_id, view_id)
                    SELECT md5('tw-module-' || v / 2)::uuid, md5('tw-view-' || v)::uuid FROM generate_series(0, 9) v;
                INSERT INTO %1$s.organization (id, slug, name, status, created_at, updated_at)
                    SELECT md5('tw-org-' || n)::uuid, 'tw-' || n, 'Tenant ' || n, 'ACTIVE', now(), now() FROM generate_series(1, %2$d) n;
                INSERT INTO %1$s.org_counter (org_id, audit_seq, revision)
                    SELECT md5('tw-org-' || n)::uuid, 0, 1 FROM generate_series(1, %2$d) n;
                INSERT INTO %1$s.entitlement (org_id, module_id, enabled, expires_at, created_at, updated_at)
                    SELECT md5('tw-org-' || n)::uuid, md5('tw-module-' || m)::uuid, true,
                           CASE WHEN m = 4 THEN now() + interval '30 days' END, now(), now()
                      FROM generate_series(1, %2$d) n, generate_series(0, 4) m;
                INSERT INTO %1$s.app_user (id, email, display_name, status, created_at, updated_at)
                    SELECT md5('tw-user-' || n || '-' || k)::uuid, 'tw-' || n || '-' || k || '@example.com', 'User ' || k, 'ACTIVE', now(), now()
                      FROM generate_series(1, %2$d) n, generate_series(0, %3$d - 1) k;
                INSERT INTO %1$s.membership (org_id, user_id, org_role, status, joined_at, created_at, updated_at)
                    SELECT md5('tw-org-' || n)::uuid, md5('tw-user-' || n || '-' || k)::uuid, 'MEMBER', 'ACTIVE', now(), now(), now()
                      FROM generate_series(1, %2$d) n, generate_series(0, %3$d - 1) k;
                INSERT INTO %1$s.role (org_id, id, code, name, created_at, updated_at)
                    SELECT md5('tw-org-' || n)::uuid, md5('tw-role-' || n || '-' || r)::uuid, 'role-' || r, 'Role ' || r, now(), now()
                      FROM generate_series(1, %2$d) n, generate_series(0, %4$d - 1) r;
                INSERT INTO %1$s.feature_grant (org_id, role_id, feature_id, action, effect, granted_by, granted_at)
                    SELECT md5('tw-org-' || n)::uuid, md5('tw-role-' || n || '-' || r)::uuid,
                           md5('tw-feature-' || ((r * 17 + j * 3) %% 200) / 4)::uuid, 'a' || (r * 17 + j * 3) %% 4,
                           CASE WHEN j %% 10 = 9 THEN 'DENY' ELSE 'ALLOW' END, 'system', now()
                      FROM generate_series(1, %2$d) n, generate_series(0, %4$d - 1) r, generate_series(0, %5$d - 1) j;
                INSERT INTO %1$s.view_grant (org_id, role_id, view_id, effect, granted_by, granted_at)
                    SELECT md5('tw-org-' || n)::uuid, md5('tw-role-' || n || '-' || r)::uuid, md5('tw-view-' || (r + d) %% 10)::uuid,
                           'ALLOW', 'system', now()
                      FROM generate_series(1, %2$d) n, generate_series(0, %4$d - 1) r, unnest(ARRAY[0, 3]) d;
                INSERT INTO %1$s.role_inclusion (org_id, role_id, included_role_id)
                    SELECT md5('tw-org-' || n)::uuid, md5('tw-role-' || n || '-0')::uuid, md5('tw-role-' || n || '-9')::uuid
                      FROM generate_series(1, %2$d) n;
                INSERT INTO %1$s.user_assignment (org_id, role_id, user_id, granted_by, granted_at)
                    SELECT md5('tw-org-' || n)::uuid, md5('tw-role-' || n || '-' || (k + d) %% %4$d)::uuid, md5('tw-user-' || n || '-' || k)::uuid,
                           'system', now()
                      FROM generate_series(1, %2$d) n, generate_series(0, %3$d - 1) k, generate_series(0, 1) d;
                INSERT INTO %1$s.team (org_id, id, name, name_key, created_at, updated_at)
                    SELECT md5('tw-org-' || n)::uuid, md5('tw-team-' || n)::uuid, 'Team', 'team', now(), now() FROM generate_series(1, %2$d) n;
                INSERT INTO %1$s.team_member (org_id, team_id, user_id)
                    SELECT md5('tw-org-' || n)::uuid, md5('tw-team-' || n)::uuid, md5('tw-user-' || n || '-' || k)::uuid
                      FROM generate_series(1, %2$d) n, generate_series(0, 4) k;
                INSERT INTO %1$s.team_assignment (org_id, role_id, team_id, granted_by, granted_at)
                    SELECT md5('tw-org-' || n)::uuid, md5('tw-role-' || n || '-2')::uuid, md5('tw-team-' || n)::uuid, 'system', now()
                      FROM generate_series(1, %2$d) n;
                CREATE TABLE %1$s.%6$s (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL);
                GRANT INSERT ON %1$s.%6$s TO %7$s;
                """.formatted(schema, orgs, USERS_PER_ORG, ROLES_PER_ORG, GRANTS_PER_ROLE, WriteData.BASELINE_TABLE, BenchDatabase.LOGIN));
        db.refoldRoles(schema);
        db.execute("ANALYZE " + String.join(", ", java.util.stream.Stream.of("organization", "org_counter", "entitlement", "app_user", "membership",
                "role", "feature_grant", "view_grant", "role_inclusion", "user_assignment", "team", "team_member", "team_assignment", "module",
                "feature", "feature_action", "module_feature", "catalog_view", "module_view").map(t -> schema + "." + t).toList()));
    }

    static OrgId org() {
        return new OrgId(id("tw-org-1"));
    }

    /** Member 0 of organization 1: roles 0 and 1 directly, role 9 through role 0, role 2 through the team. */
    static UserId user() {
        return new UserId(id("tw-user-1-0"));
    }

    /** A permission the user holds only through the included role 9 (its first grant), so a check walks every rule. */
    static FeatureId feature() {
        return new FeatureId(id("tw-feature-" + (9 * 17) % 200 / 4));
    }

    /** Organization 1's team, which holds role 2. */
    static UUID team() {
        return id("tw-team-1");
    }

    /** Organization 1's role 0, which includes role 9. */
    static UUID includingRole() {
        return id("tw-role-1-0");
    }

    static String action() {
        return "a" + (9 * 17) % 4;
    }

    /**
     * The members of organizations {@code first} to {@code last} (20 each), the roles of each
     * organization, and every feature and action of the catalog: who the mixed workload asks about.
     */
    static MixedWorkload.Population population(int first, int last) {
        List<OrgId> userOrgs = new ArrayList<>();
        List<UserId> users = new ArrayList<>();
        Map<OrgId, List<RoleId>> roles = new HashMap<>();
        for (int n = first; n <= last; n++) {
            OrgId org = new OrgId(id("tw-org-" + n));
            List<RoleId> own = new ArrayList<>();
            for (int r = 0; r < ROLES_PER_ORG; r++) {
                own.add(new RoleId(id("tw-role-" + n + "-" + r)));
            }
            roles.put(org, own);
            for (int k = 0; k < USERS_PER_ORG; k++) {
                userOrgs.add(org);
                users.add(new UserId(id("tw-user-" + n + "-" + k)));
            }
        }
        List<FeatureId> features = new ArrayList<>();
        for (int f = 0; f < 50; f++) {
            features.add(new FeatureId(id("tw-feature-" + f)));
        }
        return new MixedWorkload.Population(userOrgs, users, roles, features, List.of("a0", "a1", "a2", "a3"));
    }

    /** PostgreSQL's {@code md5(name)::uuid}. */
    private static UUID id(String name) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8));
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = hi << 8 | (d[i] & 0xff);
                lo = lo << 8 | (d[i + 8] & 0xff);
            }
            return new UUID(hi, lo);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required algorithm", e);
        }
    }
}
