package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pool of one connection, borrowed thousands of times in turn for tenant A, tenant B and no
 * tenant, each borrow ending by commit, by rollback or by an exception. After every borrow the
 * same physical connection is inspected: the tenant setting must be gone and no tenant row
 * visible; and every tenant read must have seen only its own organization's rows.
 */
class PoolLeakTest {
    private static final int BORROWS = 3000;
    private static final PostgresFixture FIXTURE = new PostgresFixture("poolleak");
    private static HikariDataSource onePool;
    private static PostgresIam db;

    @BeforeAll
    static void open() {
        String schema = FIXTURE.schema();
        FIXTURE.open(Clock.systemUTC()).close(); // empties the tables
        onePool = TestDataSources.appPool(PostgresTestDatabase.get(), "iamkit-one", 1);
        db = PostgresIam.create(onePool, PostgresIamConfig.defaults().withSchema(schema));
    }

    @AfterAll
    static void close() {
        db.close();
        onePool.close();
    }

    @Test
    void noSettingAndNoRowOutlivesABorrow() throws SQLException {
        OrgId a = db.organizations().create(new NewOrganization("leak-a", "A")).id();
        OrgId b = db.organizations().create(new NewOrganization("leak-b", "B")).id();
        for (int i = 0; i < 2; i++) {
            db.tenant(a).roles().create(new NewRole("a-role-" + i, "A " + i));
        }
        for (int i = 0; i < 3; i++) {
            db.tenant(b).roles().create(new NewRole("b-role-" + i, "B " + i));
        }
        String roleTable = db.config().schema() + ".role";
        int leakedSettings = 0;
        int leakedRows = 0;
        int foreignRows = 0;
        int commits = 0;
        int rollbacks = 0;
        int exceptions = 0;

        for (int i = 0; i < BORROWS; i++) {
            OrgId org = switch (i % 3) {
                case 0 -> a;
                case 1 -> b;
                default -> null;
            };
            int ending = (i / 3) % 3;
            if (org == null) {
                db.organizations().find(a);
                commits++;
            } else if (ending == 0) {
                for (Role r : db.tenant(org).roles().list(PageRequest.first()).items()) {
                    foreignRows += r.orgId().equals(org) ? 0 : 1;
                }
                commits++;
            } else if (ending == 1) {
                OrgId o = org;
                assertThatThrownBy(() -> db.inTenant(o, Actor.system(), tx -> {
                    tx.roles().create(new NewRole("temp", "Temp"));
                    throw new IllegalStateException("roll back");
                })).isInstanceOf(IllegalStateException.class);
                rollbacks++;
            } else {
                String taken = org.equals(a) ? "a-role-0" : "b-role-0";
                OrgId o = org;
                assertThatThrownBy(() -> db.tenant(o).roles().create(new NewRole(taken, "Again"))).isInstanceOf(AlreadyExistsException.class);
                exceptions++;
            }
            try (Connection c = onePool.getConnection(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("select coalesce(current_setting('iamkit.org_id', true), '')")) {
                    rs.next();
                    leakedSettings += rs.getString(1).isEmpty() ? 0 : 1;
                }
                try (ResultSet rs = st.executeQuery("select count(*) from " + roleTable)) {
                    rs.next();
                    leakedRows += rs.getInt(1);
                }
            }
        }

        System.out.printf("pool-leak: %d borrows (%d commits, %d rollbacks, %d exceptions): %d settings leaked, %d rows leaked, %d foreign rows read%n",
                BORROWS, commits, rollbacks, exceptions, leakedSettings, leakedRows, foreignRows);
        assertThat(commits + rollbacks + exceptions).isEqualTo(BORROWS);
        assertThat(leakedSettings).isZero();
        assertThat(leakedRows).isZero();
        assertThat(foreignRows).isZero();
        assertThat(db.tenant(a).roles().list(PageRequest.first()).items()).hasSize(2);
        assertThat(db.tenant(b).roles().list(PageRequest.first()).items()).hasSize(3);
    }
}
