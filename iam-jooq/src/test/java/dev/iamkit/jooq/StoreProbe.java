package dev.iamkit.jooq;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs inside an {@link IsolatedClassPath}: creates a PostgreSQL store over a schema migrated
 * beforehand, writes a little and checks, and says which Flyway and jOOQ classes it saw.
 */
public final class StoreProbe {
    private StoreProbe() {
    }

    /** {@code args}: JDBC URL, login, password, schema. */
    public static String run(String... args) {
        var config = PostgresIamConfig.defaults().withSchema(args[3]).withCacheSize(0);
        PGSimpleDataSource ds = new PGSimpleDataSource();   // DriverManager would not see a driver of this class loader
        ds.setURL(args[0]);
        ds.setUser(args[1]);
        ds.setPassword(args[2]);
        try (IamDatabase db = PostgresIam.create(ds, config)) {
            Module m = db.catalog().modules().create(new NewModule("probe", "Probe"));
            Feature f = db.catalog().features().create(new NewFeature("probes", "Probes", List.of("run")));
            db.catalog().linkFeature(m.id(), f.id());
            Organization org = db.organizations().create(new NewOrganization("probe-org", "Probe"));
            User u = db.users().create(new NewUser("probe@example.com", "Probe"));
            db.inTenant(org.id(), Actor.system(), tx -> {
                tx.entitlements().entitle(m.id());
                tx.memberships().add(u.id(), OrgRole.MEMBER);
                Role r = tx.roles().create(new NewRole("runner", "Runner"));
                tx.grants().replace(r.id(), List.of(Grant.allow(f, "run")));
                tx.assignments().assign(r.id(), u.id());
                return null;
            });
            boolean allowed = db.tenant(org.id()).authz().check(u.id(), f.id(), "run");
            return "allowed=" + allowed + " flyway=" + loaded("org.flywaydb.core.Flyway");
        }
    }

    private static boolean loaded(String name) {
        try {
            Class.forName(name, false, StoreProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
