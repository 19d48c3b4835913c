package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.TenantScope;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.OrgId;

/**
 * The starting point shared by {@link AuditContract} and {@link AuditTrailContract}: an
 * organization entitled to a module with one feature ({@code read}, {@code write}), and a tenant
 * scope of it acting as a user who brings an IP address and a user agent.
 */
final class AuditScenario {
    static final String IP = "203.0.113.7";
    static final String AGENT = "Mozilla/5.0 (iamkit contract)";

    final AccessFixtures fx;
    final OrgId org;
    final Actor actor;
    final TenantScope tenant;
    final Feature feature;

    AuditScenario(IamDatabase db, TestData data) {
        fx = new AccessFixtures(db, data);
        org = data.org().id();
        actor = Actor.user(data.userId()).withIp(IP).withUserAgent(AGENT);
        tenant = db.tenant(org, actor);
        feature = data.feature("read", "write");
        fx.entitledModule(org, feature);
    }

    /** Runs the change and asserts that it appended nothing to the trail of {@link #org}. */
    void assertNothingRecorded(Runnable change) {
        int before = fx.audit(org).size();
        change.run();
        assertThat(fx.audit(org)).hasSize(before);
    }
}
