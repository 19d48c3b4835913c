package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.authz.Consistency;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.IssuedApiKey;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.NewView;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Counts the exchanges with the server each operation makes ({@link ExchangeCounter}).
 */
class RoundTripsTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("roundtrips");
    private static final ExchangeCounter COUNTER = new ExchangeCounter();
    private static PostgresIam db;

    @BeforeAll
    static void open() {
        db = COUNTER.store(FIXTURE);
    }

    /** In {@code @BeforeEach}: Surefire counts a class skipped in {@code @BeforeAll} as no test at all, so the skip would not show. */
    @org.junit.jupiter.api.BeforeEach
    void plainPostgreSqlOnly() {
        org.junit.jupiter.api.Assumptions.assumeFalse(CitusTestMode.on(), "the counts are the plain path's: on Citus the store sends "
                + "SET LOCAL and a user's state in exchanges of their own (docs/citus.md)");
    }

    private static int measure(Runnable op) {
        return COUNTER.measure(op);
    }

    @Test
    void keyedWorkCostsThreeRoundTripsMoreThanInTenantAndARepeatThree() {
        OrgId org = db.organizations().create(new NewOrganization("rt-keyed", "RT keyed")).id();
        dev.iamkit.retry.ResultCodec<String> text = dev.iamkit.retry.ResultCodec.text();
        int plain = measure(() -> db.inTenant(org, dev.iamkit.model.Actor.system(), tx -> tx.roles().create(new NewRole("rt-plain", "RT")).code()));
        int keyed = measure(() -> db.inTenant(org, dev.iamkit.model.Actor.system(), dev.iamkit.retry.IdempotencyKey.of("rt"), text,
                tx -> tx.roles().create(new NewRole("rt-keyed", "RT")).code()));
        int repeat = measure(() -> db.inTenant(org, dev.iamkit.model.Actor.system(), dev.iamkit.retry.IdempotencyKey.of("rt"), text,
                tx -> tx.roles().create(new NewRole("rt-keyed", "RT")).code()));
        System.out.printf("inTenant creating a role %d, keyed %d, repeated with its key %d%n", plain, keyed, repeat);
        assertThat(keyed).as("claim the key before the work; the work's audit event goes before the record instead of with the commit; "
                + "record the result and sweep forgotten keys in one batch").isEqualTo(plain + 3);
        assertThat(repeat).as("the claim (carrying the tenant setting) finds the key, its result is read, the transaction rolled back").isEqualTo(3);
    }

    /**
     * Global writes learn the global revision their transaction took (V15) in the exchanges of
     * their own statements: each costs what it cost before the revision existed.
     */
    @Test
    void globalWritesLearnTheirGlobalRevisionAtNoRoundTrip() {
        User u = db.users().create(new NewUser("global-rt@example.com", "Global"));
        Module m = db.catalog().modules().create(new NewModule("global-rt-module", "Global"));
        Feature f = db.catalog().features().create(new NewFeature("global-rt-feature", "Global", List.of("read")));
        View v = db.catalog().views().create(new NewView("global-rt-view", "Global", "/global-rt"));
        User active = db.users().find(u.id()).orElseThrow();
        int suspend = measure(() -> db.users().update(active.withStatus(dev.iamkit.model.UserStatus.SUSPENDED)));
        int deleteUser = measure(() -> db.users().delete(u.id()));
        int restoreUser = measure(() -> db.users().restore(u.id()));
        Module enabled = db.catalog().modules().find(m.id()).orElseThrow();
        int disable = measure(() -> db.catalog().modules().update(enabled.withEnabled(false)));
        int link = measure(() -> db.catalog().linkFeature(m.id(), f.id()));
        int linkAgain = measure(() -> db.catalog().linkFeature(m.id(), f.id()));
        int unlink = measure(() -> db.catalog().unlinkFeature(m.id(), f.id()));
        int createModule = measure(() -> db.catalog().modules().create(new NewModule("global-rt-module-2", "Global")));
        int createFeature = measure(() -> db.catalog().features().create(new NewFeature("global-rt-feature-2", "Global", List.of("read"))));
        int createMenuItem = measure(() -> db.navigation().create(NewMenuItem.link(v.id(), "Global", 0)));
        int deleteView = measure(() -> db.catalog().views().delete(v.id()));
        int read = measure(() -> db.globalRevision());
        int reported = measure(() -> assertThat(db.lastGlobalWriteRevision()).isPresent());
        System.out.printf("global writes: suspend a user %d, delete a user %d, restore %d, disable a module %d, link %d, link again %d, unlink %d, "
                + "create a module %d, create a feature %d, create a menu item %d, delete a view %d; globalRevision() %d, lastGlobalWriteRevision() %d%n",
                suspend, deleteUser, restoreUser, disable, link, linkAgain, unlink, createModule, createFeature, createMenuItem, deleteView, read, reported);
        // as measured before V15, on the same operations
        assertThat(suspend).as("lock the user, check the email, update, commit").isEqualTo(4);
        assertThat(deleteUser).as("lock the user, update, commit").isEqualTo(3);
        assertThat(restoreUser).as("lock the user, check the email, update, commit").isEqualTo(4);
        assertThat(disable).as("lock the module, update, commit").isEqualTo(3);
        assertThat(link).as("insert the link, commit").isEqualTo(2);
        assertThat(linkAgain).as("insert nothing, look for both sides, commit").isEqualTo(3);
        assertThat(unlink).as("delete the link, commit").isEqualTo(2);
        assertThat(createModule).isEqualTo(3);
        assertThat(createFeature).as("check the code, insert the feature, its actions, commit").isEqualTo(4);
        assertThat(createMenuItem).isEqualTo(3);
        assertThat(deleteView).as("delete, its links and menu items by cascade, commit").isEqualTo(2);
        assertThat(read).as("one statement").isEqualTo(1);
        assertThat(reported).as("what this object's writes committed at is kept here").isZero();
    }

    /**
     * Writes of access data: each statement locks, reads and writes what it can at once, the
     * counter moves in the statement of the change, and the tenant setting and a call's savepoint
     * travel with the first statement; the audit event goes with the commit, in one exchange.
     */
    @Test
    void writesCostTheirStatementsTheAuditEventAndTheCommit() {
        OrgId org = db.organizations().create(new NewOrganization("rt-writes", "RT writes")).id();
        User user = db.users().create(new NewUser("rt-writes@example.com", "RT"));
        db.tenant(org).memberships().add(user.id(), OrgRole.MEMBER);
        Role role = db.tenant(org).roles().create(new NewRole("rt-writer", "RT"));
        dev.iamkit.model.Actor actor = dev.iamkit.model.Actor.system();

        int create = measure(() -> db.tenant(org).roles().create(new NewRole("rt-created", "RT")));
        int assign = measure(() -> db.tenant(org).assignments().assign(role.id(), user.id()));
        int reassign = measure(() -> db.tenant(org).assignments().assign(role.id(), user.id()));
        int unassign = measure(() -> db.tenant(org).assignments().unassign(role.id(), dev.iamkit.model.Principal.user(user.id())));
        int unassignNothing = measure(() -> db.tenant(org).assignments().unassign(role.id(), dev.iamkit.model.Principal.user(user.id())));
        int assignInTenant = measure(() -> db.inTenant(org, actor, tx -> tx.assignments().assign(role.id(), user.id())));
        int bothInTenant = measure(() -> db.inTenant(org, actor, tx -> {
            tx.assignments().assign(role.id(), user.id());
            return tx.assignments().unassign(role.id(), dev.iamkit.model.Principal.user(user.id()));
        }));
        Feature feature = db.catalog().features().create(new NewFeature("rt-writes-feature", "RT", List.of("read", "write")));
        int grant = measure(() -> db.tenant(org).grants().grant(role.id(), Grant.allow(feature, "read")));
        int grantAgain = measure(() -> db.tenant(org).grants().grant(role.id(), Grant.allow(feature, "read")));
        int flip = measure(() -> db.tenant(org).grants().grant(role.id(), Grant.deny(feature, "read")));
        int revoke = measure(() -> db.tenant(org).grants().revoke(role.id(), feature.id(), "read"));
        int revokeNothing = measure(() -> db.tenant(org).grants().revoke(role.id(), feature.id(), "read"));
        System.out.printf("writes: create role %d, assign %d, re-assign %d, unassign %d, unassign nothing %d; in inTenant: assign %d, "
                + "assign and unassign %d; grant %d, again %d, flipped %d, revoke %d, revoke nothing %d%n", create, assign, reassign, unassign,
                unassignNothing, assignInTenant, bothInTenant, grant, grantAgain, flip, revoke, revokeNothing);
        assertThat(grant).as("lock the role and, in the same exchange, read the feature, its action and the grant, upsert it moving the counter;"
                + " append (rewriting the role's folded grants) with the commit").isEqualTo(2);
        assertThat(grantAgain).as("held with the same effect: the one exchange writes nothing, rollback").isEqualTo(2);
        assertThat(flip).isEqualTo(grant);
        assertThat(revoke).as("lock the role and, in the same exchange, delete and move the counter; append with the commit").isEqualTo(2);
        assertThat(revokeNothing).as("the one exchange, rollback").isEqualTo(2);
        View view = db.catalog().views().create(new NewView("rt-writes-view", "RT", "/rt-writes"));
        int grantView = measure(() -> db.tenant(org).grants().grantView(role.id(), ViewAccess.allow(view.id())));
        int grantViewAgain = measure(() -> db.tenant(org).grants().grantView(role.id(), ViewAccess.allow(view.id())));
        int revokeView = measure(() -> db.tenant(org).grants().revokeView(role.id(), view.id()));
        int revokeViewNothing = measure(() -> db.tenant(org).grants().revokeView(role.id(), view.id()));
        System.out.printf("view grants: grant %d, again %d, revoke %d, revoke nothing %d%n", grantView, grantViewAgain, revokeView,
                revokeViewNothing);
        assertThat(grantView).as("as a feature grant").isEqualTo(2);
        assertThat(grantViewAgain).isEqualTo(2);
        assertThat(revokeView).isEqualTo(2);
        assertThat(revokeViewNothing).isEqualTo(2);
        assertThat(create).as("insert the role and move the counter, append the event with the commit").isEqualTo(2);
        assertThat(assign).as("lock the role and, in the same exchange, read the membership and the assignment, upsert it moving the counter;"
                + " append with the commit").isEqualTo(2);
        assertThat(reassign).isEqualTo(assign);
        assertThat(unassign).as("lock the role and, in the same exchange, delete and move the counter; append with the commit").isEqualTo(2);
        assertThat(unassignNothing).as("the one exchange, rollback").isEqualTo(2);
        assertThat(assignInTenant).as("a call's savepoint and its release cost no round trip when it succeeds").isEqualTo(assign);
        assertThat(bothInTenant).as("the first write's audit event goes in an exchange of its own, before the second write; one commit")
                .isEqualTo(assign + unassign);
    }

    @Test
    void whileTheCacheCannotAnswerADefaultCheckCostsOneCallAsFullDoes() {
        OrgId org = db.organizations().create(new NewOrganization("rt-deaf", "RT deaf")).id();
        User user = db.users().create(new NewUser("rt-deaf@example.com", "RT"));
        db.tenant(org).memberships().add(user.id(), OrgRole.MEMBER);
        Feature feature = db.catalog().features().create(new NewFeature("rt-deaf-feature", "F", List.of("read")));
        // a store whose change listener never connects: its cache is never trusted
        try (PostgresIam deaf = PostgresIam.create(COUNTER.counting(FIXTURE.pool()), PostgresIamConfig.defaults().withSchema(FIXTURE.schema()),
                Clock.systemUTC(), () -> {
                    throw new java.sql.SQLException("this test's listener cannot connect", "08001");
                })) {
            assertThat(deaf.accessCache().metrics().trusted()).isFalse();
            int full = measure(() -> deaf.tenant(org).authz(Consistency.full()).check(user.id(), feature.id(), "read"));
            int uncached = measure(() -> deaf.tenant(org).authz(Consistency.uncached()).check(user.id(), feature.id(), "read"));
            int untrusted = measure(() -> deaf.tenant(org).authz().check(user.id(), feature.id(), "read"));
            int untrustedViews = measure(() -> deaf.tenant(org).authz().accessibleViews(user.id()));
            System.out.printf("untrusted cache: default check %d round trip(s), full %d, accessible views %d%n", untrusted, full, untrustedViews);
            assertThat(untrusted).as("a default check while the cache cannot answer").isEqualTo(full).isEqualTo(uncached).isEqualTo(1);
            assertThat(deaf.accessCache().metrics().misses()).as("nothing compiled").isZero();
            // the default check, the views and full(); uncached() never asks the cache
            assertThat(deaf.accessCache().metrics().bypassed()).isEqualTo(3);
        }
    }

    @Test
    void roundTripsPerOperation() {
        OrgId org = db.organizations().create(new NewOrganization("rt-org", "RT")).id();
        User user = db.users().create(new NewUser("rt@example.com", "RT"));
        Module module = db.catalog().modules().create(new NewModule("rt-module", "RT"));
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            actions.add("a" + i);
        }
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Feature f = db.catalog().features().create(new NewFeature("rt-feature-" + i, "F", actions));
            db.catalog().linkFeature(module.id(), f.id());
            features.add(f);
        }
        db.tenant(org).entitlements().entitle(module.id());
        db.tenant(org).memberships().add(user.id(), OrgRole.MEMBER);
        Role role = db.tenant(org).roles().create(new NewRole("rt-role", "RT"));
        db.tenant(org).assignments().assign(role.id(), user.id());
        List<Grant> ten = new ArrayList<>();
        List<Grant> thousand = new ArrayList<>();
        for (Feature f : features) {
            for (String a : actions) {
                if (ten.size() < 10) {
                    ten.add(Grant.allow(f, a));
                }
                thousand.add(Grant.allow(f, a));
            }
        }

        int findOrg = measure(() -> db.organizations().find(org));
        int findUser = measure(() -> db.users().find(user.id()));
        int findRole = measure(() -> db.tenant(org).roles().find(role.id()));
        int replace10 = measure(() -> db.tenant(org).grants().replace(role.id(), ten));
        int replace1000 = measure(() -> db.tenant(org).grants().replace(role.id(), thousand));
        User second = db.users().create(new NewUser("rt-second@example.com", "RT second"));
        db.tenant(org).memberships().add(second.id(), OrgRole.MEMBER);
        int check = measure(() -> assertThat(db.tenant(org).authz().check(user.id(), features.get(0).id(), "a0")).isTrue());
        int cachedCheck = measure(() -> assertThat(db.tenant(org).authz().check(user.id(), features.get(0).id(), "a1")).isTrue());
        // a second member's miss, after the first member's compile left the organization's shared parts and the catalog (V35);
        // the member was made before that compile: a new user moves the global revision, and the first compile after any
        // global change calls compile_direct for the catalog (two round trips, docs/semantics.md)
        db.tenant(org).assignments().assign(role.id(), second.id());
        long ownBefore = db.accessFunctions().ownCompiles.sum();
        int secondMemberCheck = measure(() -> assertThat(db.tenant(org).authz().check(second.id(), features.get(0).id(), "a0")).isTrue());
        long ownCompiles = db.accessFunctions().ownCompiles.sum() - ownBefore;
        // a change to global data (a new user) moves the global revision the catalog copy is kept at: the next miss sends the own
        // statement, finds the catalog out of date and calls compile_direct, which brings it; the miss after that is one round trip
        db.users().create(new NewUser("rt-third@example.com", "RT third"));
        db.accessCache().invalidateAll();
        int missAfterGlobalChange = measure(() -> assertThat(db.tenant(org).authz().check(second.id(), features.get(0).id(), "a0")).isTrue());
        db.accessCache().invalidateAll();
        int missAfterThat = measure(() -> assertThat(db.tenant(org).authz().check(second.id(), features.get(0).id(), "a0")).isTrue());
        db.tenant(org).assignments().unassign(role.id(), dev.iamkit.model.Principal.user(second.id()));   // the lookups below ask about one user
        assertThat(db.tenant(org).authz().check(user.id(), features.get(0).id(), "a0")).isTrue();   // the first user's entry again, dropped above
        long missesBefore = db.accessCache().metrics().misses();
        int fullCheck = measure(() -> assertThat(db.tenant(org).authz(Consistency.full()).check(user.id(), features.get(0).id(), "a0")).isTrue());
        int fullCheckAllHeld = measure(() -> assertThat(db.tenant(org).authz(Consistency.full()).checkAll(user.id(),
                List.of(Permission.of(features.get(0).id(), "a0"), Permission.of(features.get(24).id(), "a39")))).containsValues(true, true));
        long fullMisses = db.accessCache().metrics().misses() - missesBefore;
        int uncachedCheck = measure(() -> assertThat(db.tenant(org).authz(Consistency.uncached()).check(user.id(), features.get(0).id(), "a0")).isTrue());
        int fullCheckAll = measure(() -> assertThat(db.tenant(org).authz(Consistency.uncached()).checkAll(user.id(),
                List.of(Permission.of(features.get(0).id(), "a0"), Permission.of(features.get(2).id(), "a3"), Permission.of(features.get(24).id(), "a39"))))
                .containsValues(true, true, true));
        int createRole = measure(() -> db.tenant(org).roles().create(new NewRole("rt-role-2", "RT 2")));

        // A chain of inclusions: role includes middle, middle includes leaf, which alone grants a1.
        Role middle = db.tenant(org).roles().create(new NewRole("rt-middle", "RT middle"));
        Role leaf = db.tenant(org).roles().create(new NewRole("rt-leaf", "RT leaf"));
        db.tenant(org).grants().grant(leaf.id(), Grant.allow(features.get(1), "a1"));
        db.tenant(org).roles().include(middle.id(), leaf.id());
        int include = measure(() -> db.tenant(org).roles().include(role.id(), middle.id()));
        int includes = measure(() -> db.tenant(org).roles().includes(role.id()));
        int inheritedCheck = measure(() -> assertThat(db.tenant(org).authz().check(user.id(), features.get(1).id(), "a1")).isTrue());
        int fullInheritedCheck = measure(() -> assertThat(db.tenant(org).authz(Consistency.uncached()).check(user.id(), features.get(1).id(), "a1")).isTrue());
        int whoCan = measure(() -> assertThat(db.tenant(org).lookups().usersWhoCan(features.get(1).id(), "a1", PageRequest.first(10)).items())
                .containsExactly(user.id()));
        int permissionsOf = measure(() -> assertThat(db.tenant(org).lookups().permissionsOf(user.id(), PageRequest.first(10)).hasNext()).isTrue());
        int exclude = measure(() -> db.tenant(org).roles().exclude(role.id(), middle.id()));
        // the role grants a1 itself too (the 1000 grants): the answer stays, the entry is out of date all the same
        int fullAfterExclude = measure(() -> assertThat(db.tenant(org).authz(Consistency.full()).check(user.id(), features.get(1).id(), "a1")).isTrue());
        int fullAfterThat = measure(() -> assertThat(db.tenant(org).authz(Consistency.full()).check(user.id(), features.get(1).id(), "a1")).isTrue());

        // A menu of a group holding two views, one of them granted; and the trail of the user.
        View granted = db.catalog().views().create(new NewView("rt-view", "RT", "/rt"));
        View other = db.catalog().views().create(new NewView("rt-other", "RT other", "/rt-other"));
        db.catalog().linkView(module.id(), granted.id());
        db.catalog().linkView(module.id(), other.id());
        db.tenant(org).grants().grantView(role.id(), ViewAccess.allow(granted.id()));
        MenuItem group = db.navigation().create(NewMenuItem.group("RT", 0));
        db.navigation().create(NewMenuItem.link(granted.id(), "Granted", 0).under(group.id()));
        db.navigation().create(NewMenuItem.link(other.id(), "Other", 1).under(group.id()));
        int menu = measure(() -> assertThat(db.tenant(org).menu().forUser(user.id())).hasSize(1));
        int record = measure(() -> db.tenant(org).trail().record(user.id(), granted.id()));
        int recent = measure(() -> assertThat(db.tenant(org).trail().recent(user.id(), 10)).hasSize(1));

        // Global calls: each transaction carries its scope (V12) with its first statement.
        int createOrg = measure(() -> db.organizations().create(new NewOrganization("rt-org-2", "RT 2")));
        int createUser = measure(() -> db.users().create(new NewUser("rt2@example.com", "RT 2")));
        IssuedApiKey key = db.tenant(org).apiKeys().create(new NewApiKey("rt", List.of("read")));
        int authenticate = measure(() -> db.apiKeys().authenticate(key.plaintext()));
        int session = measure(() -> db.sessions().create(NewSession.of(user.id(), Instant.now().plus(Duration.ofDays(1))).withOrg(org)));
        System.out.printf("global: create organization %d, create user %d, authenticate API key %d, create session %d%n",
                createOrg, createUser, authenticate, session);
        assertThat(createOrg).as("check the slug, insert, commit; the platform scope rides with the first, the global revision with each").isEqualTo(3);
        assertThat(createUser).as("check the email, insert, commit; the identity scope rides with the first, the global revision with each").isEqualTo(3);
        assertThat(authenticate).as("lookup, set the key's tenant, read the key, record its use, commit").isEqualTo(5);
        assertThat(session).as("read the user and the organization, insert the session and its token, commit").isEqualTo(5);

        System.out.printf("menu %d, record a visit %d, recent visits %d%n", menu, record, recent);
        assertThat(menu).as("the menu is one statement: access rules and the tree walk together").isEqualTo(1);
        assertThat(record).as("a visit is one statement: upsert and trim, no audit, no revision").isEqualTo(1);
        assertThat(recent).isEqualTo(1);

        System.out.printf("full: check with the entry current %d, checkAll %d (%d compiles), after a write that reaches the user %d,"
                + " the next %d%n", fullCheck, fullCheckAllHeld, fullMisses, fullAfterExclude, fullAfterThat);
        assertThat(fullCheck).as("full, the entry current: one read of the revisions").isEqualTo(1);
        assertThat(fullCheckAllHeld).isEqualTo(1);
        assertThat(fullMisses).as("nothing compiled while the entry was current").isZero();
        assertThat(fullAfterExclude).as("full, the entry out of date: the revisions, then a compile").isEqualTo(2);
        assertThat(fullAfterThat).as("full after that: the compile was kept").isEqualTo(1);
        System.out.printf("round trips: find organization %d, find user %d, find role (tenant) %d, check %d, cached check %d, "
                + "uncached check %d, uncached checkAll of 3 %d, create role %d, replace 10 grants %d, replace 1000 grants %d, include %d, "
                + "includes %d, check through two inclusions %d (uncached %d), usersWhoCan page %d, permissionsOf page %d, exclude %d%n",
                findOrg, findUser, findRole, check, cachedCheck, uncachedCheck, fullCheckAll, createRole, replace10, replace1000, include, includes,
                inheritedCheck, fullInheritedCheck, whoCan, permissionsOf, exclude);
        assertThat(findOrg).isEqualTo(1);
        assertThat(findUser).isEqualTo(1);
        assertThat(findRole).as("a tenant read carries SET LOCAL with its statement").isEqualTo(1);
        assertThat(check).as("a check is one statement: snapshot and the feature's catalog entry together").isEqualTo(1);
        assertThat(inheritedCheck).as("inclusions are followed inside the one statement").isEqualTo(1);
        assertThat(secondMemberCheck).as("another member's miss: the user's own rows, one statement").isEqualTo(1);
        assertThat(ownCompiles).as("answered by the own statement alone").isEqualTo(1);
        assertThat(missAfterGlobalChange).as("the first miss after a change to global data: the own statement, then compile_direct").isEqualTo(2);
        assertThat(missAfterThat).as("the catalog it brought is kept").isEqualTo(1);
        assertThat(cachedCheck).as("a check of a user whose permissions are cached asks the server nothing").isZero();
        assertThat(uncachedCheck).as("an uncached check is one call of the check function").isEqualTo(1);
        assertThat(fullCheckAll).as("checkAll is one call whatever the number of checks").isEqualTo(1);
        assertThat(fullInheritedCheck).as("the check function follows inclusions in its one statement").isEqualTo(1);
        assertThat(whoCan).as("a page of a lookup is one statement, inclusions followed inside it").isEqualTo(1);
        assertThat(permissionsOf).isEqualTo(1);
        assertThat(replace10).as("lock the role reading the features, replace moving the counter, append the event with the commit").isEqualTo(3);
        assertThat(replace1000).as("replacing grants costs the same whatever their number").isEqualTo(replace10);
        assertThat(createRole).isEqualTo(2);
    }
}
