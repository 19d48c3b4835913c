package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
import dev.iamkit.TenantScope;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.NewView;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.View;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds realistic test data with unique names, so a test states only what matters to it.
 * Every method writes through the public API of the store under test.
 */
public final class TestData {
    private static final String[] FIRST = {"ana", "ben", "chloe", "dmitri", "eve", "farah", "goran", "hana", "ivan", "jun", "kemal", "lena"};
    private static final String[] COMPANIES = {"acme", "globex", "initech", "umbrella", "hooli", "vandelay", "stark", "wayne"};
    private final IamDatabase db;
    private final AtomicInteger seq = new AtomicInteger();

    public TestData(IamDatabase db) {
        this.db = db;
    }

    public int next() {
        return seq.incrementAndGet();
    }

    /** A new active organization with a unique slug such as {@code acme-3}. */
    public Organization org() {
        int n = next();
        String company = COMPANIES[n % COMPANIES.length];
        return db.organizations().create(new NewOrganization(company + "-" + n, capitalize(company) + " " + n));
    }

    /** A new active user with a unique email such as {@code ana.4@example.com}. */
    public User user() {
        int n = next();
        String first = FIRST[n % FIRST.length];
        return db.users().create(new NewUser(first + "." + n + "@example.com", capitalize(first) + " " + n));
    }

    /** A new user who is an active {@code MEMBER} of {@code org}. */
    public User member(OrgId org) {
        User u = user();
        db.tenant(org).memberships().add(u.id(), OrgRole.MEMBER);
        return u;
    }

    public Module module() {
        int n = next();
        return db.catalog().modules().create(new NewModule("module-" + n, "Module " + n));
    }

    public Feature feature(String... actions) {
        int n = next();
        return db.catalog().features().create(new NewFeature("feature-" + n, "Feature " + n, List.of(actions)));
    }

    public View view() {
        int n = next();
        return db.catalog().views().create(new NewView("view-" + n, "View " + n, "/view-" + n));
    }

    /** A feature with these actions, in a new module that {@code org} is entitled to. */
    public Feature entitledFeature(OrgId org, String... actions) {
        Feature f = feature(actions);
        Module m = module();
        db.catalog().linkFeature(m.id(), f.id());
        db.tenant(org).entitlements().entitle(m.id());
        return f;
    }

    /** A view in a new module that {@code org} is entitled to. */
    public View entitledView(OrgId org) {
        View v = view();
        Module m = module();
        db.catalog().linkView(m.id(), v.id());
        db.tenant(org).entitlements().entitle(m.id());
        return v;
    }

    public Role role(OrgId org) {
        int n = next();
        return db.tenant(org).roles().create(new NewRole("role-" + n, "Role " + n));
    }

    /** A role with the given grants. */
    public Role role(OrgId org, Grant... grants) {
        Role r = role(org);
        db.tenant(org).grants().replace(r.id(), List.of(grants));
        return r;
    }

    public Team team(OrgId org) {
        int n = next();
        return db.tenant(org).teams().create(new NewTeam("Team " + n));
    }

    /**
     * A member of {@code org} holding a new role with these grants, assigned directly.
     */
    public User memberWith(OrgId org, Grant... grants) {
        User u = member(org);
        Role r = role(org, grants);
        db.tenant(org).assignments().assign(r.id(), u.id());
        return u;
    }

    public TenantScope tenant(OrgId org) {
        return db.tenant(org);
    }

    public UserId userId() {
        return user().id();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
