package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.Consistency;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Feature;
import dev.iamkit.model.GlobalRevision;
import dev.iamkit.model.Grant;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.NewView;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Revision;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.UserStatus;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's global revision: every committed change to global data (organizations, users, the
 * catalog and its links, the menu definition) moves it on by one, atomically with the change, and
 * the store object reports the revision its latest such change committed at. Reads, refused
 * writes, calls that change nothing (a link already there, a restore of what is not deleted, a
 * second anonymization, a purge with nothing old enough), tenant writes and credentials (sessions,
 * magic links, rate limits, API keys) leave it alone; an update is a change even when it stores the
 * same values. {@code Consistency.atLeast(global revision)} never answers from an entry compiled
 * before it.
 */
public abstract class GlobalRevisionContract extends ContractBase {
    private OrgId org;
    private Module module;
    private Feature invoices;
    private View dashboard;
    private User user;

    @BeforeEach
    void scenario() {
        org = data.org().id();
        module = data.module();
        invoices = db.catalog().features().create(new NewFeature("invoices-" + data.next(), "Invoices", List.of("read", "approve")));
        dashboard = data.view();
        db.catalog().linkFeature(module.id(), invoices.id());
        db.catalog().linkView(module.id(), dashboard.id());
        db.tenant(org).entitlements().entitle(module.id());
        user = data.member(org);
        Role reader = data.role(org, Grant.allow(invoices, "read"), Grant.allow(invoices, "approve"));
        db.tenant(org).grants().grantView(reader.id(), ViewAccess.allow(dashboard.id()));
        db.tenant(org).assignments().assign(reader.id(), user.id());
    }

    private long global() {
        return db.globalRevision().value();
    }

    /** Runs {@code change} and asserts it moved the global revision on by one, to the one the store reports. */
    private <T> T increases(String what, Supplier<T> change) {
        long before = global();
        T result = change.get();
        assertThat(global()).as(what).isEqualTo(before + 1);
        assertThat(db.lastGlobalWriteRevision()).as(what).contains(GlobalRevision.of(before + 1));
        return result;
    }

    /** Runs {@code call} (which may throw) and asserts it moved nothing and reported nothing new. */
    private void leavesAlone(String what, Runnable call) {
        long before = global();
        Optional<GlobalRevision> reported = db.lastGlobalWriteRevision();
        try {
            call.run();
        } catch (RuntimeException refused) {
            assertThat(refused).as(what).isInstanceOfAny(AlreadyExistsException.class, NotFoundException.class,
                    StaleVersionException.class, ValidationException.class);
        }
        assertThat(global()).as(what).isEqualTo(before);
        assertThat(db.lastGlobalWriteRevision()).as(what).isEqualTo(reported);
    }

    private boolean can(Consistency consistency, String action) {
        return db.tenant(org).authz(consistency).check(user.id(), invoices.id(), action);
    }

    @Test
    void everyKindOfChangeToOrganizationsAndUsersMovesIt() {
        Organization acme = increases("organization created", () -> db.organizations().create(new NewOrganization("acme-gr", "Acme")));
        Organization renamed = increases("organization renamed", () -> db.organizations().update(acme.withName("Acme Renamed")));
        increases("organization suspended", () -> db.organizations().update(renamed.withStatus(OrgStatus.SUSPENDED)));
        increases("organization deleted", () -> db.organizations().delete(acme.id()));
        increases("organization restored", () -> db.organizations().restore(acme.id()));

        User ben = increases("user created", () -> db.users().create(new NewUser("ben.gr@example.com", "Ben")));
        increases("user renamed", () -> db.users().update(db.users().find(ben.id()).orElseThrow().withDisplayName("Benjamin")));
        increases("user suspended", () -> db.users().update(db.users().find(ben.id()).orElseThrow().withStatus(UserStatus.SUSPENDED)));
        increases("user deleted", () -> db.users().delete(ben.id()));
        increases("user restored", () -> db.users().restore(ben.id()));
        increases("user anonymized", () -> {
            db.privacy().anonymize(ben.id());
            return null;
        });
        increases("deleted again", () -> db.users().delete(ben.id()));
        clock.advance(Duration.ofDays(2));
        assertThat(increases("user purged", () -> db.privacy().purge(Duration.ofDays(1)))).isEqualTo(1);
    }

    @Test
    void everyKindOfChangeToTheCatalogAndTheMenuMovesIt() {
        Module billing = increases("module created", () -> db.catalog().modules().create(new NewModule("billing-gr", "Billing")));
        increases("module disabled", () -> db.catalog().modules().update(billing.withEnabled(false)));
        Feature reports = increases("feature created", () -> db.catalog().features().create(new NewFeature("reports-gr", "Reports", List.of("read"))));
        Feature more = increases("action added", () -> db.catalog().features().update(reports.withActions(List.of("read", "export"))));
        increases("action removed", () -> db.catalog().features().update(more.withActions(List.of("export"))));
        View page = increases("view created", () -> db.catalog().views().create(new NewView("reports-page-gr", "Reports", "/reports-gr")));
        increases("view updated", () -> db.catalog().views().update(page.withName("All reports")));
        increases("feature linked", () -> db.catalog().linkFeature(billing.id(), reports.id()));
        increases("view linked", () -> db.catalog().linkView(billing.id(), page.id()));
        increases("feature and view linked", () -> db.catalog().linkFeatureView(reports.id(), page.id()));
        increases("feature and view unlinked", () -> db.catalog().unlinkFeatureView(reports.id(), page.id()));
        increases("view unlinked", () -> db.catalog().unlinkView(billing.id(), page.id()));
        increases("feature unlinked", () -> db.catalog().unlinkFeature(billing.id(), reports.id()));

        MenuItem group = increases("menu group created", () -> db.navigation().create(NewMenuItem.group("Reports", 1)));
        MenuItem link = increases("menu item created", () -> db.navigation().create(NewMenuItem.link(page.id(), "All", 0).under(group.id())));
        MenuItem relabelled = increases("menu item updated", () -> db.navigation().update(link.withLabel("Every report")));
        increases("menu item moved", () -> db.navigation().move(relabelled, Optional.empty(), 2));
        increases("menu item deleted", () -> {
            db.navigation().delete(group.id());
            return null;
        });

        increases("view deleted, with its menu items", () -> {
            db.catalog().views().delete(page.id());
            return null;
        });
        increases("feature deleted", () -> {
            db.catalog().features().delete(reports.id());
            return null;
        });
        increases("module deleted", () -> {
            db.catalog().modules().delete(billing.id());
            return null;
        });
    }

    @Test
    void readsRefusedWritesAndCallsThatChangeNothingLeaveItAlone() {
        User taken = data.user();
        leavesAlone("reads", () -> {
            db.users().find(user.id());
            db.organizations().find(org);
            db.catalog().modules().list();
            db.navigation().list();
            db.tenant(org).authz().check(user.id(), invoices.id(), "read");
            db.globalRevision();
        });
        leavesAlone("email taken", () -> db.users().create(new NewUser(taken.email(), "Again")));
        db.users().update(taken.withDisplayName("Fresh"));
        leavesAlone("stale version", () -> db.users().update(taken.withDisplayName("Stale")));
        leavesAlone("module code taken", () -> db.catalog().modules().create(new NewModule(module.code(), "Again")));
        leavesAlone("unknown module deleted", () -> db.catalog().modules().delete(new ModuleId(UUID.randomUUID())));
        leavesAlone("link already there", () -> assertThat(db.catalog().linkFeature(module.id(), invoices.id())).isFalse());
        leavesAlone("link not there", () -> assertThat(db.catalog().unlinkFeatureView(invoices.id(), dashboard.id())).isFalse());
        leavesAlone("restore of a live user", () -> db.users().restore(user.id()));
        leavesAlone("restore of a live organization", () -> db.organizations().restore(org));
        leavesAlone("purge with nothing old enough", () -> assertThat(db.privacy().purge(Duration.ofDays(1))).isZero());
        db.privacy().anonymize(taken.id());
        leavesAlone("second anonymization", () -> db.privacy().anonymize(taken.id()));
        MenuItem kept = db.navigation().create(NewMenuItem.group("Kept", 0));
        MenuItem gone = db.navigation().create(NewMenuItem.group("Gone", 0));
        db.navigation().delete(gone.id());
        leavesAlone("menu item under an unknown parent", () -> db.navigation().create(NewMenuItem.group("Lost", 0).under(gone.id())));
        leavesAlone("menu item moved below itself", () -> db.navigation().move(kept, Optional.of(kept.id()), 0));
    }

    @Test
    void tenantWritesAndCredentialsLeaveItAlone() {
        leavesAlone("tenant and credential writes", () -> {
            Role clerk = data.role(org, Grant.allow(invoices, "read"));
            db.tenant(org).assignments().assign(clerk.id(), user.id());
            db.tenant(org).trail().record(user.id(), dashboard.id());
            db.tenant(org).usage().increment("api.calls", 1);
            db.tenant(org).apiKeys().create(new NewApiKey("ci", List.of("read")));
            db.sessions().create(NewSession.of(user.id(), clock.instant().plus(Duration.ofDays(1))).withOrg(org));
            db.magicLinks().create(user.email(), "sign-in", Duration.ofMinutes(10));
            db.rateLimits().hit("login:" + user.email(), 10, Duration.ofMinutes(1));
            db.housekeeping().cleanup();
        });
    }

    @Test
    void aStoreObjectThatChangedNoGlobalDataReportsNone() {
        try (IamDatabase fresh = fixture().open(clock)) {
            assertThat(fresh.lastGlobalWriteRevision()).isEmpty();
            assertThat(fresh.globalRevision().value()).isNotNegative();
            fresh.users().find(user.id());
            assertThat(fresh.lastGlobalWriteRevision()).isEmpty();
        }
    }

    @Test
    void concurrentGlobalWritesEachMoveItOnByOneAndTheStoreReportsTheHighest() throws Exception {
        int threads = 8;
        int each = 5;
        long before = global();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        db.users().create(new NewUser("writer-" + thread + "-" + i + "@example.com", "Writer"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(global()).isEqualTo(before + threads * each);
        assertThat(db.lastGlobalWriteRevision()).contains(GlobalRevision.of(before + threads * each));
    }

    @Test
    void atLeastAGlobalRevisionAnswersFromAnEntryCompiledAtItAndReadsTheStoreAboveIt() {
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        GlobalRevision now = db.globalRevision();
        long misses = db.accessCache().metrics().misses();

        assertThat(can(Consistency.atLeast(now), "read")).isTrue();
        assertThat(can(Consistency.atLeast(db.tenant(org).revision(), now), "read")).isTrue();
        assertThat(db.accessCache().metrics().misses()).as("the entry is at the global revision asked for").isEqualTo(misses);

        assertThat(can(Consistency.atLeast(GlobalRevision.of(now.value() + 1)), "read")).isTrue();
        assertThat(db.accessCache().metrics().misses()).as("no entry can be that new: the store is read").isEqualTo(misses + 1);
    }

    @Test
    void aGlobalChangeNoCheckDependsOnKeepsCachedAnswersButAtLeastItsRevisionCompilesAgain() {
        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        data.user();
        db.organizations().update(db.organizations().find(org).orElseThrow().withName("Renamed"));
        db.navigation().create(NewMenuItem.link(dashboard.id(), "Dashboard", 0));
        GlobalRevision written = db.lastGlobalWriteRevision().orElseThrow();
        long misses = db.accessCache().metrics().misses();

        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        assertThat(db.accessCache().metrics().misses()).as("a new user, a new name, a menu item: no cached answer depends on them").isEqualTo(misses);
        assertThat(can(Consistency.atLeast(written), "read")).isTrue();
        assertThat(db.accessCache().metrics().misses()).as("the entry is older than the revision asked for").isEqualTo(misses + 1);
    }

    @Test
    void aCachedAnswerIsNeverOlderThanTheGlobalRevisionAsked() {
        assertThat(can(Consistency.minimizeLatency(), "approve")).isTrue();
        db.catalog().features().update(db.catalog().features().find(invoices.id()).orElseThrow().withActions(List.of("read")));
        assertThat(can(Consistency.atLeast(db.lastGlobalWriteRevision().orElseThrow()), "approve")).as("action removed").isFalse();

        assertThat(db.tenant(org).authz().canAccessView(user.id(), dashboard.id())).isTrue();
        db.catalog().unlinkView(module.id(), dashboard.id());
        assertThat(db.tenant(org).authz(Consistency.atLeast(db.lastGlobalWriteRevision().orElseThrow())).canAccessView(user.id(), dashboard.id()))
                .as("view unlinked").isFalse();

        assertThat(can(Consistency.minimizeLatency(), "read")).isTrue();
        db.catalog().modules().update(db.catalog().modules().find(module.id()).orElseThrow().withEnabled(false));
        assertThat(can(Consistency.atLeast(db.lastGlobalWriteRevision().orElseThrow()), "read")).as("module disabled").isFalse();
        db.catalog().modules().update(db.catalog().modules().find(module.id()).orElseThrow().withEnabled(true));
        assertThat(can(Consistency.atLeast(db.lastGlobalWriteRevision().orElseThrow()), "read")).as("module enabled").isTrue();

        db.users().update(db.users().find(user.id()).orElseThrow().withStatus(UserStatus.SUSPENDED));
        Revision orgRevision = db.tenant(org).revision();
        assertThat(can(Consistency.atLeast(orgRevision, db.lastGlobalWriteRevision().orElseThrow()), "read")).as("user suspended").isFalse();
    }

    @Test
    void atLeastNeedsARevisionAndGlobalRevisionsAreNotNegative() {
        assertThatThrownBy(() -> Consistency.atLeast((GlobalRevision) null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("globalRevision"));
        assertThatThrownBy(() -> new Consistency.AtLeast(Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("consistency"));
        assertThatThrownBy(() -> GlobalRevision.of(-1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("globalRevision"));
        Revision foreign = Revision.of(data.org().id(), 1);
        assertThatThrownBy(() -> db.tenant(org).authz(Consistency.atLeast(foreign, GlobalRevision.of(0))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("consistency"));
        assertThat(GlobalRevision.of(3).isAtLeast(GlobalRevision.of(2))).isTrue();
        assertThat(GlobalRevision.of(3)).hasToString("global@3");
    }
}
