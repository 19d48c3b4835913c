package dev.iamkit.bench;

import dev.iamkit.error.ValidationException;
/**
 * Bulk rows for the growth curve, written with SQL as the owner (many times faster than the API,
 * and the same rows the API would write): {@code orgs} organizations, each with one active
 * member holding one role in an entitled module of 10 features x 10 actions; then grants, 100
 * per role at most, filled organization by organization until the schema holds the asked total.
 * Ids are derived from ordinals (md5), so growing is idempotent and needs no bookkeeping.
 */
final class GrowthData {
    static final int PAIRS_PER_ROLE = 100;

    private final BenchDatabase db;
    private final String s;
    private final int orgs;
    private long grants;

    GrowthData(BenchDatabase db, String schema, int orgs) {
        this.db = db;
        this.s = schema;
        this.orgs = orgs;
    }

    /** The organizations, users, memberships, roles, assignments, catalog and entitlements, no grants. */
    void base() {
        db.execute("""
                INSERT INTO %1$s.module (id, code, name, enabled, priority)
                    VALUES (md5('bulk-module')::uuid, 'bulk-module', 'Bulk', true, 0);
                INSERT INTO %1$s.feature (id, code, name)
                    SELECT md5('bulk-feature-' || f)::uuid, 'bulk-feature-' || f, 'Bulk ' || f FROM generate_series(0, 9) f;
                INSERT INTO %1$s.feature_action (feature_id, action)
                    SELECT md5('bulk-feature-' || f)::uuid, 'a' || a FROM generate_series(0, 9) f, generate_series(0, 9) a;
                INSERT INTO %1$s.module_feature (module_id, feature_id)
                    SELECT md5('bulk-module')::uuid, md5('bulk-feature-' || f)::uuid FROM generate_series(0, 9) f;
                INSERT INTO %1$s.organization (id, slug, name, status, created_at, updated_at)
                    SELECT md5('bulk-org-' || n)::uuid, 'bulk-' || n, 'Bulk ' || n, 'ACTIVE', now(), now() FROM generate_series(1, %2$d) n;
                INSERT INTO %1$s.app_user (id, email, display_name, status, created_at, updated_at)
                    SELECT md5('bulk-user-' || n)::uuid, 'bulk-' || n || '@example.com', 'Bulk ' || n, 'ACTIVE', now(), now() FROM generate_series(1, %2$d) n;
                INSERT INTO %1$s.membership (org_id, user_id, org_role, status, joined_at, created_at, updated_at)
                    SELECT md5('bulk-org-' || n)::uuid, md5('bulk-user-' || n)::uuid, 'MEMBER', 'ACTIVE', now(), now(), now() FROM generate_series(1, %2$d) n;
                INSERT INTO %1$s.entitlement (org_id, module_id, enabled, created_at, updated_at)
                    SELECT md5('bulk-org-' || n)::uuid, md5('bulk-module')::uuid, true, now(), now() FROM generate_series(1, %2$d) n;
                INSERT INTO %1$s.role (org_id, id, code, name, created_at, updated_at)
                    SELECT md5('bulk-org-' || n)::uuid, md5('bulk-role-' || n)::uuid, 'bulk', 'Bulk', now(), now() FROM generate_series(1, %2$d) n;
                INSERT INTO %1$s.user_assignment (org_id, role_id, user_id, granted_by, granted_at)
                    SELECT md5('bulk-org-' || n)::uuid, md5('bulk-role-' || n)::uuid, md5('bulk-user-' || n)::uuid, 'system', now() FROM generate_series(1, %2$d) n;
                """.formatted(s, orgs));
    }

    /** Adds grants until the schema holds {@code total} bulk grants (at most 100 per organization), then analyzes. */
    void growTo(long total) {
        long max = (long) orgs * PAIRS_PER_ROLE;
        if (total > max) {
            throw new ValidationException("grants", total + " grants need more than " + orgs + " organizations");
        }
        if (total > grants) {
            db.execute("""
                    INSERT INTO %1$s.feature_grant (org_id, role_id, feature_id, action, effect, granted_by, granted_at)
                        SELECT md5('bulk-org-' || (r / %4$d + 1))::uuid, md5('bulk-role-' || (r / %4$d + 1))::uuid,
                               md5('bulk-feature-' || (r %% %4$d / 10))::uuid, 'a' || (r %% 10), 'ALLOW', 'system', now()
                          FROM generate_series(%2$d::bigint, %3$d::bigint - 1) r
                    """.formatted(s, grants, total, PAIRS_PER_ROLE));
            grants = total;
            db.refoldRoles(s);
        }
        db.execute(("ANALYZE %1$s.feature_grant, %1$s.organization, %1$s.app_user, %1$s.membership, %1$s.role, %1$s.user_assignment, "
                + "%1$s.entitlement, %1$s.module_feature, %1$s.feature_action").formatted(s));
    }
}
