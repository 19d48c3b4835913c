package dev.iamkit.jooq;

import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewConsent;
import dev.iamkit.model.NewPrivacyRequest;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.NewView;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestAuditKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What {@link AppLoginAttackTest} attacks: organizations A and B written through the library as
 * the application login (a user of each, the catalog, a menu, every tenant table, a session, an API
 * key, a magic link and a rate-limit window each), what counts as B's rows in each table, the
 * settings an attacker may make, and a runner of raw statements under them.
 */
final class AttackWorld {
    /** The settings a statement runs under (transaction-local, as a mistake or an attacker would set them). */
    enum Context {
        NONE(Map.of()),
        EMPTY(Map.of("iamkit.org_id", "", "iamkit.scope", "", "iamkit.user_id", "")),
        GARBAGE(Map.of("iamkit.org_id", "not-a-uuid", "iamkit.scope", "PLATFORM", "iamkit.user_id", "nobody")),
        TENANT_A(Map.of()),
        TENANT_A_ACTING_FOR_B_USER(Map.of()),
        PLATFORM_SCOPE(Map.of("iamkit.scope", "platform")),
        IDENTITY_SCOPE(Map.of("iamkit.scope", "identity")),
        ROW_SECURITY_OFF(Map.of()),
        /** Not an attack: B itself, the control that the statements do reach B's rows. */
        TENANT_B(Map.of());

        private final Map<String, String> fixed;

        Context(Map<String, String> fixed) {
            this.fixed = fixed;
        }

        boolean tenantSet() {
            return this == TENANT_A || this == TENANT_A_ACTING_FOR_B_USER || this == TENANT_B;
        }

        boolean scopeSet() {
            return this == PLATFORM_SCOPE || this == IDENTITY_SCOPE;
        }
    }

    record Outcome(boolean refused, String state, String message, long rows) {
    }

    private final PostgresTestDatabase pg;
    private final String schema;
    private final UUID a;
    private final UUID b;
    private final UUID userB;
    private final String emailB;
    private final UUID feature;
    private final UUID view;
    private final Map<String, String> predicates = new LinkedHashMap<>();

    private AttackWorld(PostgresTestDatabase pg, String schema, UUID a, UUID b, UUID userB, String emailB, UUID feature, UUID view) {
        this.pg = pg;
        this.schema = schema;
        this.a = a;
        this.b = b;
        this.userB = userB;
        this.emailB = emailB;
        this.feature = feature;
        this.view = view;
    }

    static AttackWorld create(PostgresTestDatabase pg, DataSource appPool, String schema) throws SQLException {
        try (PostgresIam db = open(appPool, schema)) {
            Module billing = db.catalog().modules().create(new NewModule("billing", "Billing"));
            Feature invoices = db.catalog().features().create(new NewFeature("invoices", "Invoices", List.of("read", "create")));
            View invoiceView = db.catalog().views().create(new NewView("invoice-list", "Invoices", "/invoices"));
            db.catalog().linkFeature(billing.id(), invoices.id());
            db.catalog().linkView(billing.id(), invoiceView.id());
            db.catalog().linkFeatureView(invoices.id(), invoiceView.id());
            db.navigation().create(NewMenuItem.link(invoiceView.id(), "Invoices", 1));
            OrgId[] orgs = new OrgId[2];
            User[] users = new User[2];
            for (int i = 0; i < 2; i++) {
                String n = i == 0 ? "a" : "b";
                OrgId org = db.organizations().create(new NewOrganization("org-" + n, "Org " + n)).id();
                User user = db.users().create(new NewUser("user-" + n + "@example.com", "User " + n));
                db.inTenant(org, Actor.system(), tx -> {
                    tx.entitlements().entitle(billing.id());
                    tx.memberships().add(user.id(), OrgRole.MEMBER);
                    Team team = tx.teams().create(new NewTeam("Team " + n, ""));
                    tx.teams().addMember(team.id(), user.id());
                    Role clerk = tx.roles().create(new NewRole("clerk", "Clerk"));
                    Role reader = tx.roles().create(new NewRole("reader", "Reader"));
                    tx.roles().include(clerk.id(), reader.id());
                    tx.grants().replace(clerk.id(), List.of(Grant.allow(invoices, "read")));
                    tx.grants().grantView(clerk.id(), ViewAccess.allow(invoiceView.id()));
                    tx.assignments().assign(clerk.id(), user.id());
                    tx.assignments().assign(reader.id(), team.id());
                    tx.trail().record(user.id(), invoiceView.id());
                    tx.usage().increment("api.calls", 1);
                    tx.apiKeys().create(new NewApiKey("key " + n, List.of("read")));
                    return null;
                });
                db.inTenant(org, Actor.system(), IdempotencyKey.of("world-" + n), ResultCodec.text(), tx -> "kept for " + n);
                db.sessions().create(NewSession.of(user.id(), db.clock().instant().plus(Duration.ofDays(1))).withOrg(org));
                db.magicLinks().create(user.email(), "sign-in", Duration.ofMinutes(10));
                db.rateLimits().hit("login:" + user.email(), 10, Duration.ofMinutes(1));
                db.credentials().importHash(user.id(), "$2b$04$KBCwKxOzLha2MUDgW0PjXe9FJK3tpHIA5SOyWjsmj9bGwPvB5f/gC");
                db.consents().record(user.id(), NewConsent.given("terms", "2026-01", "signup-form"));
                db.privacy().requests().receive(NewPrivacyRequest.export(user.id(), "email"));
                orgs[i] = org;
                users[i] = user;
            }
            AttackWorld w = new AttackWorld(pg, schema, orgs[0].value(), orgs[1].value(), users[1].id().value(), users[1].email(),
                    invoices.id().value(), invoiceView.id().value());
            w.definePredicates();
            return w;
        }
    }

    /** A store on the world's schema as the application login, with the audit and master keys the world was written under. */
    static PostgresIam open(DataSource appPool, String schema) {
        return PostgresIam.create(appPool, PostgresIamConfig.defaults().withSchema(schema).withCacheSize(0).withAuditKeys(TestAuditKeys.K1)
                .withPersonalData(dev.iamkit.testkit.TestMasterKeys.M1),
                Clock.systemUTC());
    }

    UUID a() {
        return a;
    }

    UUID b() {
        return b;
    }

    private void definePredicates() throws SQLException {
        List<String> sessions = adminColumn("SELECT id::text FROM \"" + schema + "\".user_session WHERE user_id = '" + userB + "'");
        for (String table : tables()) {
            predicates.put(table, switch (TableClasses.CLASSES.getOrDefault(table, TableClasses.TableClass.METADATA)) {
                case TENANT -> "org_id = '" + b + "'";
                case PLATFORM -> table.equals("organization") ? "id = '" + b + "'" : "true";
                case METADATA -> "true";
                case IDENTITY -> switch (table) {
                    case "app_user" -> "id = '" + userB + "'";
                    case "user_session" -> "user_id = '" + userB + "'";
                    case "session_token" -> "session_id IN ('" + String.join("', '", sessions) + "')";
                    case "api_key_lookup" -> "key_org_id = '" + b + "'";
                    // the world's store encrypts personal data: a challenge holds the address's blind index (V27)
                    case "magic_link_challenge" -> "email IN (" + dev.iamkit.testkit.TestMasterKeys.M1.storedForms(emailB).stream()
                            .map(f -> "'" + f + "'").collect(java.util.stream.Collectors.joining(", ")) + ")";
                    case "rate_limit_window" -> "bucket_key = 'login:" + emailB + "'";
                    case "password_credential", "user_data_key" -> "user_id = '" + userB + "'";
                    case "consent", "privacy_request" -> "user_id = '" + userB + "'";
                    default -> throw new IllegalStateException("no predicate for identity table " + table);
                };
            });
        }
    }

    /** The rows of B in {@code table} (all rows, for the shared platform tables and Flyway's history). */
    String predicate(String table) {
        return predicates.get(table);
    }

    List<String> tables() throws SQLException {
        return adminColumn("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema
                + "' AND c.relkind IN ('r', 'p') ORDER BY 1");
    }

    List<String> functions() throws SQLException {
        return adminColumn("SELECT DISTINCT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '"
                + schema + "' ORDER BY 1");
    }

    List<String[]> policies() throws SQLException {
        return adminColumn("SELECT tablename || ' ' || policyname FROM pg_policies WHERE schemaname = '" + schema + "' ORDER BY 1").stream()
                .map(s -> s.split(" ")).toList();
    }

    String firstColumn(String table) throws SQLException {
        return adminColumn("SELECT attname FROM pg_attribute WHERE attrelid = '\"" + schema + "\"." + table
                + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum LIMIT 1").get(0);
    }

    String primaryKey(String table) throws SQLException {
        return adminColumn("SELECT string_agg(a.attname, ', ' ORDER BY array_position(x.indkey::int2[], a.attnum)) FROM pg_index x "
                + "JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey) WHERE x.indrelid = '\"" + schema + "\"." + table
                + "'::regclass AND x.indisprimary").get(0);
    }

    /** One of B's rows (or a platform row) as JSON, read by the owner; there is one in every table, or the attack would prove nothing. */
    String sampleRow(String table) throws SQLException {
        List<String> rows = adminColumn("SELECT row_to_json(x)::text FROM \"" + schema + "\"." + table + " x WHERE " + predicate(table) + " LIMIT 1");
        if (rows.isEmpty()) {
            throw new IllegalStateException("the world has no row of B in " + table + ": the attacks on it would prove nothing");
        }
        return rows.get(0);
    }

    /** Per table, the count and digest of its rows of B (or all its rows, for shared tables), read by the owner. */
    Map<String, String> digests() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String table : tables()) {
            out.put(table, adminColumn("SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM \""
                    + schema + "\"." + table + " x WHERE " + predicate(table)).get(0));
        }
        return out;
    }

    /** A call of each function of the schema about B, answering true (or a count above zero) when it told anything about B. */
    Map<String, String> functionCalls() throws SQLException {
        String s = "\"" + schema + "\".";
        // B's roles, by id: an attacker may have learned them, the functions must still not tell
        String rolesB = "'" + adminColumn("SELECT array_agg(id)::text FROM \"" + schema + "\".role WHERE org_id = '" + b + "'").get(0) + "'::uuid[]";
        String org = "'" + b + "'::uuid";
        String user = "'" + userB + "'::uuid";
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("can", "SELECT coalesce(" + s + "can(" + org + ", " + user + ", '" + feature + "'::uuid, 'read'), false)");
        calls.put("can_all", "SELECT coalesce(true = ANY (" + s + "can_all(" + org + ", " + user + ", ARRAY['" + feature + "']::uuid[], ARRAY['read'])), false)");
        calls.put("can_view", "SELECT coalesce(" + s + "can_view(" + org + ", " + user + ", '" + view + "'::uuid), false)");
        calls.put("compile_access", "SELECT count(*) > 0 FROM " + s + "compile_access(" + org + ", " + user + ", now(), -1) c"
                + " WHERE c.r_open OR c.r_kind > 0 OR c.r_revision > 0");
        calls.put("compile_member", "SELECT count(*) > 0 FROM " + s + "compile_member(" + org + ", " + user + ", now(), -1, -1, -1, NULL) c"
                + " WHERE c.r_open OR c.r_kind > 0 OR c.r_revision > 0 OR c.r_access IS NOT NULL OR c.r_org_open OR c.r_roles IS NOT NULL");
        calls.put("compile_direct", "SELECT count(*) > 0 FROM " + s + "compile_direct(" + org + ", " + user + ", now(), -1, -1, -1, NULL) c"
                + " WHERE c.r_open OR c.r_kind > 0 OR c.r_revision > 0 OR c.r_access IS NOT NULL OR c.r_org_open OR c.r_roles IS NOT NULL"
                + " OR cardinality(c.r_includers) > 0");
        calls.put("held_roles", "SELECT count(*) > 0 FROM " + s + "held_roles(" + org + ", " + user + ", now())");
        calls.put("member_open", "SELECT coalesce((SELECT open FROM " + s + "member_open(" + org + ", " + user + ")), false)");
        calls.put("user_in_tenant", "SELECT " + s + "user_in_tenant(" + user + ")");
        calls.put("role_access_rows", "SELECT count(*) > 0 FROM " + s + "role_access_rows(" + org + ", " + rolesB + ")");
        calls.put("refresh_role_access", "SELECT count(*) > 0 FROM (SELECT " + s + "refresh_role_access(" + org + ", " + rolesB + ")) r"
                + " WHERE EXISTS (SELECT 1 FROM " + s + "role_access a WHERE a.org_id = " + org + ")");
        calls.put("bump_catalog_epoch", "SELECT " + s + "bump_catalog_epoch()");
        calls.put("keep_access_revision", "SELECT " + s + "keep_access_revision()");
        calls.put("changes_since", "SELECT count(*) > 0 FROM " + s + "changes_since(0, '{}') WHERE org_id = " + org);
        calls.put("gate_on_citus", "SELECT coalesce(" + s + "gate_on_citus(" + org + ", " + user + "), false)");
        calls.put("held_roles_on_citus", "SELECT cardinality(" + s + "held_roles_on_citus(" + org + ", " + user + ", now())) > 0");
        calls.put("checks_on_citus", "SELECT coalesce(true = ANY (" + s + "checks_on_citus(" + org + ", " + user + ", ARRAY['" + feature
                + "']::uuid[], ARRAY['read'], now())), false)");
        calls.put("view_check_on_citus", "SELECT coalesce(" + s + "view_check_on_citus(" + org + ", " + user + ", '" + view + "'::uuid, now()), false)");
        calls.put("tenant_on_shards", "SELECT (SELECT true FROM (SELECT " + s + "tenant_on_shards(" + org + ")) x)");
        calls.put("move_global_revision", "SELECT " + s + "move_global_revision(false, false) IS NULL");
        calls.put("bump_global_revision", "SELECT " + s + "bump_global_revision()");
        calls.put("audit_event_append_only", "SELECT " + s + "audit_event_append_only()");
        return calls;
    }

    /**
     * Runs {@code sql} as the application login in a transaction of its own under {@code ctx}, and
     * commits, so that whatever it could change stays changed for the digests to see. The outcome's
     * rows are the first column of a query's first row (true counts 1), or a change's row count.
     */
    Outcome run(Connection c, Context ctx, String sql, String... params) throws SQLException {
        c.setAutoCommit(false);
        try {
            Map<String, String> settings = new LinkedHashMap<>(ctx.fixed);
            switch (ctx) {
                case TENANT_A -> settings.put("iamkit.org_id", a.toString());
                case TENANT_A_ACTING_FOR_B_USER -> {
                    settings.put("iamkit.org_id", a.toString());
                    settings.put("iamkit.user_id", userB.toString());
                }
                case TENANT_B -> settings.put("iamkit.org_id", b.toString());
                default -> {
                }
            }
            for (Map.Entry<String, String> e : settings.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, true)")) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.execute();
                }
            }
            if (ctx == Context.ROW_SECURITY_OFF) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL row_security = off");
                }
            }
            long rows;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                if (ps.execute()) {
                    try (ResultSet rs = ps.getResultSet()) {
                        rows = 0;
                        if (rs.next()) {
                            Object v = rs.getObject(1);
                            rows = v instanceof Boolean bool ? (bool ? 1 : 0) : v instanceof Number n ? n.longValue() : v == null ? 0 : 1;
                        }
                    }
                } else {
                    rows = ps.getUpdateCount();
                }
            }
            c.commit();
            return new Outcome(false, "", "", rows);
        } catch (SQLException e) {
            c.rollback();
            return new Outcome(true, String.valueOf(e.getSQLState()), e.getMessage(), 0);
        }
    }

    private List<String> adminColumn(String sql) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
