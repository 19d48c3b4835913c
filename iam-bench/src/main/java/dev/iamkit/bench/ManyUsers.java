package dev.iamkit.bench;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The shape of the many-users benchmark: {@link #ORGS} organizations of {@code users / ORGS}
 * members each, every member holding its organization's one role, which grants 4 actions on each
 * of 10 features of one entitled module. Ids are derived from names as PostgreSQL's
 * {@code md5(name)::uuid} derives them, so the SQL that writes the rows and the benchmark JVM
 * that asks about them agree without reading anything back.
 */
final class ManyUsers {
    static final int ORGS = 100;
    static final int FEATURES = 10;
    static final int ACTIONS = 10;
    /** Actions {@code a0..a3} of every feature are granted; the benchmark checks {@code a2} of feature 7. */
    static final int GRANTED_ACTIONS = 4;
    static final String CHECKED_ACTION = "a2";
    static final int CHECKED_FEATURE = 7;
    private static final String SCHEMA_PREFIX = "iamkit_bench_users_";

    private ManyUsers() {
    }

    /** The schema of a world of {@code users} users: the benchmark JVM reads the count back from its name. */
    static String schema(int users) {
        if (users < ORGS || users % ORGS != 0) {
            throw new ConfigurationException("the many-users benchmark needs a multiple of " + ORGS + " users, not " + users);
        }
        return SCHEMA_PREFIX + users;
    }

    static int usersOf(String schema) {
        if (schema == null || !schema.startsWith(SCHEMA_PREFIX)) {
            throw new ConfigurationException("not a many-users schema: " + schema);
        }
        return Integer.parseInt(schema.substring(SCHEMA_PREFIX.length()));
    }

    /** User {@code n} (1-based) is a member of organization {@code (n - 1) / (users / ORGS) + 1}. */
    static int orgOf(int user, int users) {
        return (user - 1) / (users / ORGS) + 1;
    }

    static UserId user(int n) {
        return new UserId(md5("bulk-user-" + n));
    }

    static OrgId org(int n) {
        return new OrgId(md5("bulk-org-" + n));
    }

    static FeatureId feature(int n) {
        return new FeatureId(md5("bulk-feature-" + n));
    }

    /** As PostgreSQL's {@code md5(text)::uuid}: the digest's 16 bytes in order. */
    static UUID md5(String text) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = msb << 8 | (d[i] & 0xff);
                lsb = lsb << 8 | (d[i + 8] & 0xff);
            }
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new ConfigurationException("MD5 is missing from this JVM", e);
        }
    }

    /** The rows of {@code users} users, written with SQL as the owner (the same rows the API would write). */
    static void write(BenchDatabase db, String s, int users) {
        db.execute("""
                INSERT INTO %1$s.module (id, code, name, enabled, priority)
                    VALUES (md5('bulk-module')::uuid, 'bulk-module', 'Bulk', true, 0);
                INSERT INTO %1$s.feature (id, code, name)
                    SELECT md5('bulk-feature-' || f)::uuid, 'bulk-feature-' || f, 'Bulk ' || f FROM generate_series(0, %4$d - 1) f;
                INSERT INTO %1$s.feature_action (feature_id, action)
                    SELECT md5('bulk-feature-' || f)::uuid, 'a' || a FROM generate_series(0, %4$d - 1) f, generate_series(0, %5$d - 1) a;
                INSERT INTO %1$s.module_feature (module_id, feature_id)
                    SELECT md5('bulk-module')::uuid, md5('bulk-feature-' || f)::uuid FROM generate_series(0, %4$d - 1) f;
                INSERT INTO %1$s.organization (id, slug, name, status, created_at, updated_at)
                    SELECT md5('bulk-org-' || n)::uuid, 'bulk-' || n, 'Bulk ' || n, 'ACTIVE', now(), now() FROM generate_series(1, %3$d) n;
                INSERT INTO %1$s.entitlement (org_id, module_id, enabled, created_at, updated_at)
                    SELECT md5('bulk-org-' || n)::uuid, md5('bulk-module')::uuid, true, now(), now() FROM generate_series(1, %3$d) n;
                INSERT INTO %1$s.role (org_id, id, code, name, created_at, updated_at)
                    SELECT md5('bulk-org-' || n)::uuid, md5('bulk-role-' || n)::uuid, 'bulk', 'Bulk', now(), now() FROM generate_series(1, %3$d) n;
                INSERT INTO %1$s.feature_grant (org_id, role_id, feature_id, action, effect, granted_by, granted_at)
                    SELECT md5('bulk-org-' || n)::uuid, md5('bulk-role-' || n)::uuid, md5('bulk-feature-' || f)::uuid, 'a' || a, 'ALLOW', 'system', now()
                      FROM generate_series(1, %3$d) n, generate_series(0, %4$d - 1) f, generate_series(0, %6$d - 1) a;
                INSERT INTO %1$s.app_user (id, email, display_name, status, created_at, updated_at)
                    SELECT md5('bulk-user-' || n)::uuid, 'bulk-' || n || '@example.com', 'Bulk ' || n, 'ACTIVE', now(), now() FROM generate_series(1, %2$d) n;
                INSERT INTO %1$s.membership (org_id, user_id, org_role, status, joined_at, created_at, updated_at)
                    SELECT md5('bulk-org-' || ((n - 1) / (%2$d / %3$d) + 1))::uuid, md5('bulk-user-' || n)::uuid, 'MEMBER', 'ACTIVE', now(), now(), now()
                      FROM generate_series(1, %2$d) n;
                INSERT INTO %1$s.user_assignment (org_id, role_id, user_id, granted_by, granted_at)
                    SELECT md5('bulk-org-' || ((n - 1) / (%2$d / %3$d) + 1))::uuid, md5('bulk-role-' || ((n - 1) / (%2$d / %3$d) + 1))::uuid,
                           md5('bulk-user-' || n)::uuid, 'system', now()
                      FROM generate_series(1, %2$d) n;
                ANALYZE %1$s.app_user, %1$s.membership, %1$s.user_assignment, %1$s.feature_grant;
                """.formatted(s, users, ORGS, FEATURES, ACTIONS, GRANTED_ACTIONS));
        db.refoldRoles(s);
    }
}
