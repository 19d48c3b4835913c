package dev.iamkit.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.Consistency;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Principal;
import dev.iamkit.model.User;
import dev.iamkit.testkit.PostgresTestDatabase;
import dev.iamkit.testkit.TestData;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The sample against the test server (found as every iamkit test finds it): the application
 * connects as a login that is only a member of {@code iamkit_app}, iamkit's migrations and the
 * sample's own run as the administrative user, each test class in schemas of its own.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SampleApplicationTest {
    private static final String LOGIN = "iamkit_sample_test";
    private static final PostgresTestDatabase PG = PostgresTestDatabase.get();
    private static final String SAMPLE_SCHEMA = PG.createSchema("iamkit_sample");
    private static final String IAMKIT_SCHEMA = PG.createSchema("iamkit_sample_iam");

    @Autowired
    MockMvc mvc;
    @Autowired
    IamDatabase iam;
    @Autowired
    JdbcTemplate jdbc;

    private OrgId acme;
    private User ana;
    private User bob;
    private User carol;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry r) {
        PG.springBootProperties(LOGIN, "sample-secret", IAMKIT_SCHEMA).forEach((k, v) -> r.add(k, () -> v));
        r.add("sample.schema", () -> SAMPLE_SCHEMA);
    }

    @AfterAll
    static void dropSchemas() {
        PG.dropSchema(SAMPLE_SCHEMA);
        PG.dropSchema(IAMKIT_SCHEMA);
    }

    /** A new organization entitled to billing: Ana may read and create invoices, Bob is a member with no grant, Carol may be made an approver. */
    @BeforeEach
    void world() {
        Feature invoices = iam.catalog().features().findByCode("invoices").orElseGet(() ->
                iam.catalog().features().create(new NewFeature("invoices", "Invoices", List.of("read", "create", "approve"))));
        Module billing = iam.catalog().modules().findByCode("billing").orElseGet(() -> {
            Module m = iam.catalog().modules().create(new NewModule("billing", "Billing"));
            iam.catalog().linkFeature(m.id(), invoices.id());
            return m;
        });
        TestData data = new TestData(iam);
        acme = iam.organizations().create(new NewOrganization("acme-" + System.nanoTime(), "Acme")).id();
        iam.tenant(acme).entitlements().entitle(billing.id());
        ana = member(data);
        bob = member(data);
        carol = member(data);
        iam.inTenant(acme, Actor.system(), tx -> {
            var clerk = tx.roles().create(new NewRole("clerk", "Clerk"));
            tx.grants().replace(clerk.id(), List.of(Grant.allow(invoices, "read"), Grant.allow(invoices, "create")));
            tx.assignments().assign(clerk.id(), ana.id());
            var approver = tx.roles().create(new NewRole(Invoices.APPROVER, "Invoice approver"));
            return tx.grants().replace(approver.id(), List.of(Grant.allow(invoices, "approve")));
        });
    }

    private User member(TestData data) {
        User u = iam.users().create(new NewUser("u" + System.nanoTime() + "-" + data.next() + "@example.com", "U"));
        iam.tenant(acme).memberships().add(u.id(), OrgRole.MEMBER);
        return u;
    }

    private int invoiceRows() {
        return jdbc.queryForObject("SELECT count(*) FROM invoice WHERE org_id = ?", Integer.class, acme.value());
    }

    private boolean carolMayApprove() {
        return iam.tenant(acme).authz(Consistency.full()).check(carol.id(), "invoices", "approve");
    }

    @Test
    void aUserWhoMayReadInvoicesListsThem() throws Exception {
        mvc.perform(get("/orgs/{org}/invoices", acme).with(user(ana.id().toString()))).andExpect(status().isOk())
                .andExpect(jsonPath("$").isArray());
    }

    @Test
    void aMemberWithoutTheGrantIsForbidden() throws Exception {
        mvc.perform(get("/orgs/{org}/invoices", acme).with(user(bob.id().toString()))).andExpect(status().isForbidden());
    }

    @Test
    void aPrincipalThatIsNoIamkitUserIsForbiddenAndNoPrincipalUnauthorized() throws Exception {
        mvc.perform(get("/orgs/{org}/invoices", acme).with(user("mallory"))).andExpect(status().isForbidden());
        mvc.perform(get("/orgs/{org}/invoices", acme)).andExpect(status().isUnauthorized());
    }

    @Test
    void anOrganizationIdThatIsNoIdIsABadRequest() throws Exception {
        mvc.perform(get("/orgs/not-an-id/invoices").with(user(ana.id().toString()))).andExpect(status().isBadRequest());
    }

    @Test
    void theHealthEndpointShowsTheStore() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.iamkit.status").value("UP"))
                .andExpect(jsonPath("$.components.iamkit.details.store").value("postgres"))
                .andExpect(jsonPath("$.components.iamkit.details.rowLevelSecurity").value(true));
    }

    @Test
    void checksOfGuardedRequestsAreMetrics() throws Exception {
        mvc.perform(get("/orgs/{org}/invoices", acme).with(user(ana.id().toString()))).andExpect(status().isOk());

        mvc.perform(get("/actuator/metrics/iamkit.check").param("tag", "consistency:minimize_latency").with(user(ana.id().toString())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.measurements[?(@.statistic == 'COUNT')].value").value(everyItem(greaterThanOrEqualTo(1.0))))
                .andExpect(jsonPath("$.availableTags[?(@.tag == 'store')].values[0]").value("postgres"));
        mvc.perform(get("/actuator/metrics/iamkit.cache.trusted").with(user(ana.id().toString()))).andExpect(status().isOk());
    }

    @Test
    void issuingCommitsTheInvoiceAndTheApproverTogether() throws Exception {
        mvc.perform(post("/orgs/{org}/invoices", acme).param("approver", carol.id().toString()).with(user(ana.id().toString()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"number\": 1, \"amountCents\": 12500}"))
                .andExpect(status().isOk());

        assertThat(invoiceRows()).isEqualTo(1);
        assertThat(carolMayApprove()).isTrue();
    }

    @Test
    void aRollbackOfTheTransactionalMethodUndoesTheInvoiceRowAndTheGrant() throws Exception {
        mvc.perform(post("/orgs/{org}/invoices", acme).param("approver", carol.id().toString()).with(user(ana.id().toString()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"number\": 2, \"amountCents\": 0}"))
                .andExpect(status().isUnprocessableContent());

        assertThat(invoiceRows()).isZero();
        assertThat(carolMayApprove()).isFalse();
        assertThat(iam.tenant(acme).assignments().listFor(Principal.user(carol.id()))).isEmpty();
    }
}
