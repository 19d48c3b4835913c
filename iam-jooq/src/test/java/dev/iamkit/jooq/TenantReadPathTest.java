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
        try (OneConnectionStore one = OneConnectionStore.open(FIXTURE, "iamkit-scopedfind")) {
            PostgresIam db = one.db();
            TestData data = new TestData(db);
            OrgId org = data.org().id();
            User user = data.user();
            for (int i = 0; i < 30; i++) {
                assertThat(db.users().find(user.id())).as("find %d", i).isPresent();
                assertThat(db.users().findByEmail(user.email())).as("find %d", i).isPresent();
                assertThat(db.organizations().find(org)).as("find %d", i).isPresent();
            }
            if (!CitusTestMode.on()) {   // the Citus mode reads in a transaction after SET LOCAL: nothing to hold prepared
                assertThat(one.executions("SELECT u.* FROM (SELECT set_config('iamkit.scope', %").size()).as("finds held prepared on the server").isGreaterThanOrEqualTo(2);
            }
        }
    }

    /**
     * A tenant find by key binds its organization inside its one statement (ScopedFind), so one
     * named statement with a generic plan serves every organization: repeated past the driver's
     * threshold and the server's switch to a generic plan, each organization finds its own row and
     * never another's.
     */
    @Test
    void repeatedTenantFindsKeepTheirTenantAsNamedStatements() throws Exception {
        try (OneConnectionStore one = OneConnectionStore.open(FIXTURE, "iamkit-tenantfind")) {
            PostgresIam db = one.db();
            TestData data = new TestData(db);
            OrgId a = data.org().id();
            OrgId b = data.org().id();
            dev.iamkit.model.Role ofA = data.role(a);
            dev.iamkit.model.Role ofB = data.role(b);
            for (int i = 0; i < 30; i++) {
                assertThat(db.tenant(a).roles().find(ofA.id())).as("find %d", i).contains(ofA);
                assertThat(db.tenant(b).roles().find(ofA.id())).as("find %d", i).isEmpty();
                assertThat(db.tenant(b).roles().findByCode(ofB.code())).as("find %d", i).contains(ofB);
                assertThat(db.tenant(a).roles().findByCode(ofB.code())).as("find %d", i).isEmpty();
            }
            if (!CitusTestMode.on()) {
                assertThat(one.executions("SELECT u.* FROM (SELECT set_config('iamkit.org_id', $1, true) AS v)%").size()).as("finds held prepared on the server").isGreaterThanOrEqualTo(2);
            }
        }
    }
}
