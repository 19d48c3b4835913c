package dev.iamkit.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The rows the write benchmarks need, written with SQL as the owner before the benchmark JVMs
 * start: {@link #ORGS} organizations of {@link #USERS} members each and one role, the same rows
 * the API would write; an audit history for the growth pair (organization {@link #SMALL}: about
 * 100 events, {@link #LARGE}: {@code largeHistory} events, numbered 1..n with their counter at n;
 * links left null, as events written before the chain existed, which the store accepts as the
 * chain's start); and the baseline table, one identity primary key and nothing else. Ids are md5
 * of a name, so {@link WriteState} finds them without asking.
 */
final class WriteData {
    /** Organizations 1..4 for the throughput rows; 5 and 6 for the growth pair. */
    static final int ORGS = 7;
    /** The organization of the audited-write floor, which moves its counter by hand. */
    static final int FLOOR = 7;
    static final int USERS = 4;
    static final int SMALL = 5;
    static final int LARGE = 6;
    static final int SMALL_HISTORY = 100;
    static final String BASELINE_TABLE = "bench_write";

    private WriteData() {
    }

    static void load(BenchDatabase db, String s, long largeHistory) {
        db.execute("""
                INSERT INTO %1$s.organization (id, slug, name, status, created_at, updated_at)
                    SELECT md5('write-org-' || o)::uuid, 'write-' || o, 'Write ' || o, 'ACTIVE', now(), now() FROM generate_series(1, %2$d) o;
                INSERT INTO %1$s.app_user (id, email, display_name, status, created_at, updated_at)
                    SELECT md5('write-user-' || o || '-' || u)::uuid, 'write-' || o || '-' || u || '@example.com', 'Writer', 'ACTIVE', now(), now()
                      FROM generate_series(1, %2$d) o, generate_series(0, %3$d - 1) u;
                INSERT INTO %1$s.membership (org_id, user_id, org_role, status, joined_at, created_at, updated_at)
                    SELECT md5('write-org-' || o)::uuid, md5('write-user-' || o || '-' || u)::uuid, 'MEMBER', 'ACTIVE', now(), now(), now()
                      FROM generate_series(1, %2$d) o, generate_series(0, %3$d - 1) u;
                INSERT INTO %1$s.role (org_id, id, code, name, created_at, updated_at)
                    SELECT md5('write-org-' || o)::uuid, md5('write-role-' || o)::uuid, 'writer', 'Writer', now(), now() FROM generate_series(1, %2$d) o;
                CREATE TABLE %1$s.%4$s (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL);
                GRANT INSERT ON %1$s.%4$s TO %5$s;
                """.formatted(s, ORGS, USERS, BASELINE_TABLE, BenchDatabase.LOGIN));
        history(db, s, SMALL, SMALL_HISTORY);
        history(db, s, LARGE, largeHistory);
        // vacuumed now, not by autovacuum in the middle of a measurement (1M fresh rows would call it in)
        db.execute("VACUUM (ANALYZE) %1$s.audit_event, %1$s.org_counter, %1$s.role, %1$s.membership, %1$s.user_assignment, %1$s.organization, %1$s.app_user"
                .formatted(s));
    }

    private static void history(BenchDatabase db, String s, int org, long events) {
        db.execute("""
                INSERT INTO %1$s.audit_event (org_id, seq, id, at, actor, action, target_type, target_id)
                    SELECT md5('write-org-%2$d')::uuid, n, md5('write-event-%2$d-' || n)::uuid, now(), 'system', 'bench.load', 'role', 'loaded'
                      FROM generate_series(1, %3$d::bigint) n;
                INSERT INTO %1$s.org_counter (org_id, audit_seq, revision) VALUES (md5('write-org-%2$d')::uuid, %3$d, %3$d);
                """.formatted(s, org, events));
    }

    /**
     * {@link WriteBenchmarks#replace1000Floor}'s statements: as the application login, the tenant
     * set, then one statement that deletes role {@code role}'s grants and inserts {@code grants}
     * (literals only: the ids are the bench's own).
     */
    static String floorReplace(String s, UUID org, UUID role, java.util.List<dev.iamkit.model.Grant> grants) {
        StringBuilder features = new StringBuilder("{");
        StringBuilder actions = new StringBuilder("{");
        for (dev.iamkit.model.Grant g : grants) {
            features.append(features.length() > 1 ? "," : "").append(g.featureId().value());
            actions.append(actions.length() > 1 ? "," : "").append('"').append(g.action()).append('"');
        }
        return """
                SELECT set_config('iamkit.org_id', '%2$s', true);
                WITH gone AS (DELETE FROM %1$s.feature_grant WHERE org_id = '%2$s' AND role_id = '%3$s')
                INSERT INTO %1$s.feature_grant (org_id, role_id, feature_id, action, effect, granted_by, granted_at)
                SELECT '%2$s', '%3$s', t.f, t.a, 'ALLOW', 'system', now() FROM unnest('%4$s}'::uuid[], '%5$s}'::text[]) AS t(f, a)"""
                .formatted(s, org, role, features, actions);
    }

    static UUID org(int o) {
        return md5("write-org-" + o);
    }

    static UUID user(int o, int u) {
        return md5("write-user-" + o + "-" + u);
    }

    static UUID role(int o) {
        return md5("write-role-" + o);
    }

    /** As PostgreSQL's {@code md5(text)::uuid}. */
    private static UUID md5(String text) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
            return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-"
                    + hex.substring(20));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required algorithm", e);
        }
    }
}
