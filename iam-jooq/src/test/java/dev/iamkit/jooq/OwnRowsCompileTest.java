package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.authz.Consistency;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.testkit.ContractBase;
import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cache miss answered by the user's own rows alone (V35): the store follows the inclusions of its
 * copy of the organization's shared parts, reads the assignments' expiries itself, and calls
 * {@code compile_direct} whenever the copy cannot answer. Each answer is compared with the
 * uncached check, and the test names which way the compile went.
 */
class OwnRowsCompileTest extends ContractBase {
    private static final PostgresFixture FIXTURE = new PostgresFixture("ownrows");

    private OrgId org;
    private Feature invoices;
    private Role clerk;
    private Role approver;
    private User first;
    private User second;

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }

    @BeforeEach
    void world() {
        Assumptions.assumeFalse(CitusTestMode.on(), "the own statement and compile_direct are the plain path's: on Citus the store "
                + "compiles with one statement of its own (JooqAccessCompiler), which CompileAgainstChecksTest compares");
        org = data.org().id();
        Module module = data.module();
        invoices = data.feature("read", "approve", "export");
        db.catalog().linkFeature(module.id(), invoices.id());
        db.tenant(org).entitlements().entitle(module.id());
        approver = data.role(org, Grant.allow(invoices, "approve"));
        clerk = data.role(org, Grant.allow(invoices, "read"));
        db.tenant(org).roles().include(clerk.id(), approver.id());
        first = data.member(org);
        second = data.member(org);
        for (User u : java.util.List.of(first, second)) {
            db.tenant(org).assignments().assign(clerk.id(), u.id());
        }
    }

    private AccessFunctions compiles() {
        return ((PostgresIam) db).accessFunctions();
    }

    /** The cached answer of {@code u} for {@code action}, checked against the uncached one. */
    private boolean can(User u, String action) {
        boolean cached = db.tenant(org).authz().check(u.id(), invoices.id(), action);
        assertThat(cached).as(u.id() + " " + action + ": the cached answer is the uncached one")
                .isEqualTo(db.tenant(org).authz(Consistency.uncached()).check(u.id(), invoices.id(), action));
        return cached;
    }

    @Test
    void aSecondMembersMissIsTheirOwnRowsAndFollowsTheCopysInclusions() {
        long own = compiles().ownCompiles.sum();
        long function = compiles().functionCompiles.sum();
        assertThat(can(first, "approve")).as("through the included role, first compile").isTrue();
        assertThat(compiles().functionCompiles.sum() - function).as("no copy yet: compile_direct").isEqualTo(1);
        assertThat(can(second, "approve")).as("through the included role, from the copy").isTrue();
        assertThat(can(second, "read")).isTrue();
        assertThat(can(second, "export")).isFalse();
        assertThat(compiles().ownCompiles.sum() - own).as("the second member's miss: the own rows alone").isEqualTo(1);
    }

    @Test
    void aRoleTheCopyLacksIsSentByTheFunction() {
        can(first, "read");
        Role exporter = data.role(org, Grant.allow(invoices, "export"));
        db.tenant(org).assignments().assign(exporter.id(), second.id());
        long function = compiles().functionCompiles.sum();
        assertThat(can(second, "export")).as("a role no compile has reached yet").isTrue();
        assertThat(can(second, "approve")).isTrue();
        assertThat(compiles().functionCompiles.sum() - function).as("compile_direct sent it").isGreaterThanOrEqualTo(1);
    }

    @Test
    void expiriesAreKeptByTheStoreAsTheFunctionKeepsThem() {
        Role exporter = data.role(org, Grant.allow(invoices, "export"));
        db.tenant(org).assignments().assign(exporter.id(), first.id());
        db.tenant(org).assignments().assign(exporter.id(), Principal.user(second.id()), Optional.of(clock.instant().plus(Duration.ofMinutes(10))));
        can(first, "read");   // the copy holds the exporter's grants
        long own = compiles().ownCompiles.sum();
        assertThat(can(second, "export")).as("until the assignment's expiry").isTrue();
        assertThat(compiles().ownCompiles.sum() - own).as("the own rows alone").isEqualTo(1);
        clock.advance(Duration.ofMinutes(11));
        assertThat(can(second, "export")).as("the assignment expired, nothing written").isFalse();
        assertThat(can(second, "read")).isTrue();
    }

    /** Expiries a host wrote with SQL at the ends of time: infinity never expires, -infinity has expired. */
    @Test
    void infiniteExpiriesWrittenBySqlAreReadAsTheFunctionReadsThem() {
        Role exporter = data.role(org, Grant.allow(invoices, "export"));
        db.tenant(org).assignments().assign(exporter.id(), first.id());
        db.tenant(org).assignments().assign(exporter.id(), second.id());
        String s = FIXTURE.schema();
        PostgresTestDatabase.get().execute("UPDATE " + s + ".user_assignment SET expires_at = 'infinity' WHERE user_id = '" + second.id().value()
                + "' AND role_id = '" + exporter.id().value() + "'");
        PostgresTestDatabase.get().execute("UPDATE " + s + ".user_assignment SET expires_at = '-infinity' WHERE user_id = '" + second.id().value()
                + "' AND role_id = '" + clerk.id().value() + "'");
        db.accessCache().invalidateAll();
        can(first, "read");   // the copy holds the exporter's grants
        long own = compiles().ownCompiles.sum();
        assertThat(can(second, "export")).as("expires at infinity").isTrue();
        assertThat(can(second, "read")).as("expired at -infinity").isFalse();
        assertThat(compiles().ownCompiles.sum() - own).as("the own rows alone").isEqualTo(1);
        // a change to a role this process heard: the copy is out of date, the next compile is compile_direct's
        Role other = data.role(org, Grant.allow(invoices, "read"));
        db.tenant(org).grants().grant(other.id(), Grant.allow(invoices, "approve"));
        db.accessCache().invalidateAll();
        long function = compiles().functionCompiles.sum();
        assertThat(can(second, "export")).as("compile_direct, expires at infinity").isTrue();
        assertThat(can(second, "read")).as("compile_direct, expired at -infinity").isFalse();
        assertThat(compiles().functionCompiles.sum() - function).as("compile_direct, once").isEqualTo(1);
    }
}
