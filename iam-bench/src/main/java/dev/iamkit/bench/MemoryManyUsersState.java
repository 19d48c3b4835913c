package dev.iamkit.bench;

import dev.iamkit.authz.Authz;
import dev.iamkit.memory.InMemoryIam;
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
import dev.iamkit.model.Role;
import dev.iamkit.model.UserId;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The {@link ManyUsers} world in the in-memory store, built through its API, each user's entry warmed once. */
@State(Scope.Benchmark)
public class MemoryManyUsersState extends ManyUsersWorld {
    /** As many users as the PostgreSQL store's default cache size holds. */
    static final int USERS = 10_000;

    InMemoryIam db;

    @Setup(Level.Trial)
    public void open() {
        db = InMemoryIam.create();
        Module module = db.catalog().modules().create(new NewModule("bulk-module", "Bulk"));
        List<String> actions = new ArrayList<>();
        for (int a = 0; a < ManyUsers.ACTIONS; a++) {
            actions.add("a" + a);
        }
        List<Grant> grants = new ArrayList<>();
        for (int f = 0; f < ManyUsers.FEATURES; f++) {
            Feature feat = db.catalog().features().create(new NewFeature("bulk-feature-" + f, "Bulk " + f, actions));
            db.catalog().linkFeature(module.id(), feat.id());
            for (int a = 0; a < ManyUsers.GRANTED_ACTIONS; a++) {
                grants.add(Grant.allow(feat, actions.get(a)));
            }
            if (f == ManyUsers.CHECKED_FEATURE) {
                feature = feat.id();
            }
        }
        action = ManyUsers.CHECKED_ACTION;
        users = new UserId[USERS];
        authz = new Authz[USERS];
        int perOrg = USERS / ManyUsers.ORGS;
        for (int o = 0; o < ManyUsers.ORGS; o++) {
            OrgId org = db.organizations().create(new NewOrganization("bulk-" + o, "Bulk " + o)).id();
            List<UserId> members = new ArrayList<>();
            for (int u = 0; u < perOrg; u++) {
                members.add(db.users().create(new NewUser("bulk-" + (o * perOrg + u) + "@example.com", "Bulk")).id());
            }
            db.inTenant(org, Actor.system(), tx -> {
                tx.entitlements().entitle(module.id());
                Role role = tx.roles().create(new NewRole("bulk", "Bulk"));
                tx.grants().replace(role.id(), grants);
                for (UserId m : members) {
                    tx.memberships().add(m, OrgRole.MEMBER);
                    tx.assignments().assign(role.id(), m);
                }
                return null;
            });
            Authz a = db.tenant(org).authz();
            for (int u = 0; u < perOrg; u++) {
                users[o * perOrg + u] = members.get(u);
                authz[o * perOrg + u] = a;
            }
        }
        warm(db.accessCache()::metrics);
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }
}
