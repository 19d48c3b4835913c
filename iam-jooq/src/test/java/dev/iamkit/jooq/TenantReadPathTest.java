package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.Decision.Reason;
import dev.iamkit.model.Feature;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.User;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * Tenant reads send the tenant setting with each statement. pgjdbc switches a statement it has
 * run five times to a named server-side statement, which must not split the setting from the
 * query: the same reads, repeated well past that point, keep their answers. Global finds by key
 * carry their scope inside one statement, which may be named.
 */
class TenantReadPathTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("readpath");

    @Test
    void repeatedTenantReadsKeepSeeingTheirTenant() {
        try (IamDatabase db = FIXTURE.open(new MutableClock())) {
            TestData data = new TestData(db);
            OrgId a = data.org().id();
            OrgId b = data.org().id();
            Feature f = data.entitledFeature(a, "read");
            User invited = data.user();
            db.tenant(a).memberships().invite(invited.id(), OrgRole.MEMBER);
            data.role(a);
            data.role(a);
            data.role(b);
            for (int i = 0; i < 30; i++) {
                assertThat(db.tenant(a).authz().explain(invited.id(), f.id(), "read").reason()).as("read %d", i)
                        .isEqualTo(Reason.MEMBERSHIP_NOT_ACTIVE);
                assertThat(db.tenant(a).memberships().find(invited.id())).as("read %d", i).isPresent();
                assertThat(db.tenant(a).roles().list(PageRequest.first()).items()).as("read %d", i).hasSize(2);
                assertThat(db.tenant(b).roles().list(PageRequest.first()).items()).as("read %d", i).hasSize(1);
            }
        }
    }

    /**
     * A global find by key sets its scope inside its one statement (ScopedFind), so it may become a
     * named statement with a cached plan: repeated past the driver's threshold and the server's
     * switch to a generic plan it keeps finding, and the connection holds it prepared.
     */
    @Test
    void repeatedGlobalFindsKeepSeeingTheirRowsAsNamedStatements() throws Exception {
        FIXTURE.open(new MutableClock()).close();
        try (com.zaxxer.hikari.HikariDataSource one = TestDataSources.appPool(dev.iamkit.testkit.PostgresTestDatabase.get(), "iamkit-scopedfind", 1);
                PostgresIam db = PostgresIam.create(one, PostgresIamConfig.defaults().withSchema(FIXTURE.schema()).withCacheSize(0))) {
            TestData data = new TestData(db);
            OrgId org = data.org().id();
            User user = data.user();
            for (int i = 0; i < 30; i++) {
                assertThat(db.users().find(user.id())).as("find %d", i).isPresent();
                assertThat(db.users().findByEmail(user.email())).as("find %d", i).isPresent();
                assertThat(db.organizations().find(org)).as("find %d", i).isPresent();
            }
            try (java.sql.Connection c = one.getConnection(); java.sql.Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%set_config(''iamkit.scope''%'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("finds held prepared on the server").isGreaterThanOrEqualTo(2);
            }
        }
    }
}
