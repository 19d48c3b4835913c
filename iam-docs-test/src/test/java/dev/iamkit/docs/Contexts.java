package dev.iamkit.docs;

import java.util.Map;

/**
 * What a block may use without declaring it, by context name: fields of the class the block's
 * statements run in, typed with full names (so a block still imports every type it names
 * itself). A block names its contexts in its marker, {@code <!-- docs-test: context quickstart -->}.
 */
final class Contexts {
    private Contexts() {
    }

    static final Map<String, String> ALL = Map.of(
            // what the README's Quickstart makes, and the scope later sections use
            "quickstart", """
                    dev.iamkit.IamDatabase db; dev.iamkit.model.Module billing; dev.iamkit.model.Feature invoices;
                    dev.iamkit.model.Organization acme; dev.iamkit.model.User admin; dev.iamkit.model.User ana;
                    dev.iamkit.model.Role clerk; dev.iamkit.TenantScope t; java.time.Clock clock;""",
            // what a request handler has at hand
            "request", """
                    String email; String cParam; String tParam; String userAgent; java.time.Instant from; java.time.Instant until;""",
            // a host's own pool, jOOQ context and generated tables (stand-ins of what jOOQ would generate)
            "host", """
                    javax.sql.DataSource hostDataSource; org.jooq.DSLContext ctx; dev.iamkit.jooq.PostgresIam iam; dev.iamkit.model.Role approver;
                    static final Invoices INVOICES = null; static final Orders ORDERS = null; long orderId;
                    static abstract class Invoices extends org.jooq.impl.TableImpl<org.jooq.Record> {
                        Invoices() { super(org.jooq.impl.DSL.name("invoices")); }
                        org.jooq.TableField<org.jooq.Record, java.util.UUID> ORG_ID; }
                    static abstract class Orders extends org.jooq.impl.TableImpl<org.jooq.Record> {
                        Orders() { super(org.jooq.impl.DSL.name("orders")); }
                        org.jooq.TableField<org.jooq.Record, Long> ID; org.jooq.TableField<org.jooq.Record, java.util.UUID> ORG_ID; }""",
            // audit keys made elsewhere
            "keys", """
                    byte[] newKey; byte[] oldKey;""");
}
