package dev.iamkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.Consistency;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import dev.iamkit.testkit.TestData;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Store calls inside a Spring-managed transaction of the application's DataSource run in it:
 * the transaction commits or rolls back iamkit's changes with the application's rows, the tenant
 * setting of the connection is put back, and nothing is committed by iamkit.
 */
class TransactionJoinTest {
    private static String invoices;
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
            .withConfiguration(IamkitAutoConfigurationTest.IAMKIT);

    @BeforeAll
    static void tables() {
        String app = TestPostgres.schema("iamkit_sb_txapp");
        invoices = "\"" + app + "\".invoice";
        TestPostgres.pg().execute("CREATE TABLE " + invoices + " (org_id uuid NOT NULL, id integer NOT NULL, PRIMARY KEY (org_id, id));"
                + "GRANT USAGE ON SCHEMA \"" + app + "\" TO iamkit_app; GRANT SELECT, INSERT, DELETE ON " + invoices + " TO iamkit_app");
    }

    /** Ana, a member of acme holding clerk, which may read invoices but not create them. */
    private record World(IamDatabase db, TransactionTemplate tx, JdbcTemplate jdbc, OrgId acme, Feature invoices, Role clerk, User ana) {
        boolean canCreate(Consistency c) {
            return db.tenant(acme).authz(c).check(ana.id(), invoices.id(), "create");
        }

        void grantCreate() {
            db.inTenant(acme, Actor.system(), t -> t.grants().grant(clerk.id(), Grant.allow(invoices, "create")));
        }

        void insertInvoice(int id) {
            jdbc.update("INSERT INTO " + TransactionJoinTest.invoices + " (org_id, id) VALUES (?, ?)", acme.value(), id);
        }

        int invoiceRows() {
            return jdbc.queryForObject("SELECT count(*) FROM " + TransactionJoinTest.invoices + " WHERE org_id = ?", Integer.class, acme.value());
        }
    }

    /** Runs {@code test} in a context of its own over a schema of its own. */
    private void run(Consumer<World> test, String... properties) {
        runner.withPropertyValues(TestPostgres.properties(TestPostgres.schema("iamkit_sb_tx"))).withPropertyValues(properties).run(ctx -> test.accept(world(ctx)));
    }

    private static World world(AssertableApplicationContext ctx) {
        assertThat(ctx).hasNotFailed();
        IamDatabase db = ctx.getBean(IamDatabase.class);
        TestData data = new TestData(db);
        OrgId acme = data.org().id();
        Feature invoices = data.entitledFeature(acme, "read", "create");
        Role clerk = data.role(acme, Grant.allow(invoices, "read"));
        User ana = data.member(acme);
        db.tenant(acme).assignments().assign(clerk.id(), ana.id());
        return new World(db, ctx.getBean(TransactionTemplate.class), ctx.getBean(JdbcTemplate.class), acme, invoices, clerk, ana);
    }

    @Test
    void aRollbackUndoesTheApplicationsRowAndTheGrantTogether() {
        run(w -> {
            w.tx().executeWithoutResult(status -> {
                w.insertInvoice(1);
                w.grantCreate();
                assertThat(w.canCreate(Consistency.minimizeLatency())).as("read in the transaction").isTrue();
                status.setRollbackOnly();
            });

            assertThat(w.invoiceRows()).isZero();
            assertThat(w.canCreate(Consistency.full())).isFalse();
            assertThat(w.canCreate(Consistency.minimizeLatency())).isFalse();
        });
    }

    @Test
    void anExceptionOutOfTheTransactionRollsBothBack() {
        run(w -> {
            assertThatThrownBy(() -> w.tx().executeWithoutResult(status -> {
                w.grantCreate();
                w.insertInvoice(1);
                throw new IllegalStateException("the order failed");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(w.invoiceRows()).isZero();
            assertThat(w.canCreate(Consistency.full())).isFalse();
        });
    }

    @Test
    void aCommitKeepsBothAndTheCacheLearnsOfIt() {
        run(w -> {
            assertThat(w.canCreate(Consistency.minimizeLatency())).isFalse();   // cached
            w.tx().executeWithoutResult(status -> {
                w.insertInvoice(1);
                w.grantCreate();
            });

            assertThat(w.invoiceRows()).isEqualTo(1);
            assertThat(w.canCreate(Consistency.full())).isTrue();
            org.awaitility.Awaitility.await().until(() -> w.canCreate(Consistency.minimizeLatency()));
        });
    }

    @Test
    void callsThroughTheTenantScopeJoinToo() {
        run(w -> {
            w.tx().executeWithoutResult(status -> {
                w.db().tenant(w.acme()).grants().grant(w.clerk().id(), Grant.allow(w.invoices(), "create"));
                w.db().tenant(w.acme()).assignments().unassign(w.clerk().id(), dev.iamkit.model.Principal.user(w.ana().id()));
                status.setRollbackOnly();
            });

            assertThat(w.db().tenant(w.acme()).grants().list(w.clerk().id())).hasSize(1);
            assertThat(w.db().tenant(w.acme()).authz(Consistency.full()).check(w.ana().id(), w.invoices().id(), "read")).isTrue();
        });
    }

    @Test
    void checksInATransactionStayOnTheCacheUntilIamkitWorkHasRunInIt() {
        run(w -> {
            w.canCreate(Consistency.minimizeLatency());   // compiled and cached
            long hits = w.db().accessCache().metrics().hits();
            w.tx().executeWithoutResult(status -> {
                assertThat(w.canCreate(Consistency.minimizeLatency())).isFalse();
                assertThat(w.db().accessCache().metrics().hits()).as("answered from the cache").isEqualTo(hits + 1);
                w.grantCreate();
                assertThat(w.canCreate(Consistency.minimizeLatency())).as("the transaction's own grant").isTrue();
                assertThat(w.db().accessCache().metrics().hits()).as("read in the transaction").isEqualTo(hits + 1);
                status.setRollbackOnly();
            });
        });
    }

    @Test
    void theConnectionsTenantSettingIsPutBackAfterJoinedWork() {
        run(w -> {
            String mine = UUID.randomUUID().toString();
            String after = w.tx().execute(status -> {
                w.jdbc().queryForObject("SELECT set_config('iamkit.org_id', ?, true)", String.class, mine);
                w.grantCreate();
                status.setRollbackOnly();
                return w.jdbc().queryForObject("SELECT current_setting('iamkit.org_id', true)", String.class);
            });

            assertThat(after).isEqualTo(mine);
        });
    }

    @Test
    void keyedWorkIsRefusedInsideATransactionAndRunsOutsideOne() {
        run(w -> {
            ResultCodec<String> codec = ResultCodec.of(s -> s, s -> s);
            assertThatThrownBy(() -> w.tx().executeWithoutResult(status -> w.db().inTenant(w.acme(), Actor.system(), IdempotencyKey.of("k-1"),
                    codec, t -> "done"))).isInstanceOf(ConfigurationException.class).hasMessageContaining("NOT_SUPPORTED");

            assertThat(w.db().inTenant(w.acme(), Actor.system(), IdempotencyKey.of("k-1"), codec, t -> "done")).isEqualTo("done");
        });
    }

    @Test
    void globalCallsKeepTransactionsOfTheirOwn() {
        run(w -> {
            w.tx().executeWithoutResult(status -> {
                w.db().users().create(new NewUser("bob-tx@example.com", "Bob"));
                status.setRollbackOnly();
            });

            assertThat(w.db().users().findByEmail("bob-tx@example.com")).isPresent();
        });
    }

    @Test
    void withJoiningOffInTenantWorkCommitsOnItsOwn() {
        run(w -> {
            w.tx().executeWithoutResult(status -> {
                w.grantCreate();
                status.setRollbackOnly();
            });

            assertThat(w.canCreate(Consistency.full())).isTrue();
        }, "iamkit.join-transactions=false");
    }

    @Test
    void aTransactionAwareDataSourceProxyAsTheApplicationsDataSourceServesAndJoins() {
        var pg = TestPostgres.pg();
        DataSource target = new DriverManagerDataSource(pg.jdbcUrl(), TestPostgres.LOGIN, TestPostgres.PASSWORD);
        runner.withBean(DataSource.class, () -> new TransactionAwareDataSourceProxy(target))
                .withPropertyValues("iamkit.schema=" + TestPostgres.schema("iamkit_sb_txproxy"), "iamkit.migrations.username=" + pg.user(), "iamkit.migrations.password=" + pg.password())
                .run(ctx -> {
                    World w = world(ctx);
                    w.tx().executeWithoutResult(status -> {
                        w.insertInvoice(7);
                        w.grantCreate();
                        assertThat(w.canCreate(Consistency.minimizeLatency())).isTrue();
                        status.setRollbackOnly();
                    });

                    assertThat(w.invoiceRows()).isZero();
                    assertThat(w.canCreate(Consistency.full())).isFalse();
                });
    }
}
