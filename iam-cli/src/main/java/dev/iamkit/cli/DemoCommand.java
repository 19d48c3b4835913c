package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.TenantScope;
import dev.iamkit.authz.Decision;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEvent;
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
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A readable walkthrough: builds an organization with a catalog, roles, a team and users (with a
 * DENY), then prints checks with their reasons, one user's effective permissions and the audit
 * trail. Runs on whichever store the environment selects; names carry a random suffix so it can
 * run repeatedly against the same database.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Walk through organizations, roles, teams, grants (with a DENY), checks and the audit trail.")
final class DemoCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (IamDatabase db = parent.openStore()) {
            new Walkthrough(db, out).run();
        }
        out.flush();
    }

    private static final class Walkthrough {
        private final IamDatabase db;
        private final PrintWriter out;
        private final String suffix = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16));
        private final Map<UserId, String> names = new HashMap<>();
        private dev.iamkit.model.OrgId org;

        Walkthrough(IamDatabase db, PrintWriter out) {
            this.db = db;
            this.out = out;
        }

        void run() {
            heading("iamkit demo on the " + db.kind() + " store");

            Module billing = module("billing", "Billing", 10);
            Module analytics = module("analytics", "Analytics", 20);
            Feature invoices = feature("invoices", "Invoices", List.of("read", "create", "approve", "delete"));
            Feature payments = feature("payments", "Payments", List.of("read", "refund"));
            Feature reports = feature("reports", "Reports", List.of("read", "export"));
            View invoiceList = view("invoice-list", "Invoices", "/invoices");
            View reportList = view("report-list", "Reports", "/reports");
            db.catalog().linkFeature(billing.id(), invoices.id());
            db.catalog().linkFeature(billing.id(), payments.id());
            db.catalog().linkView(billing.id(), invoiceList.id());
            db.catalog().linkFeature(analytics.id(), reports.id());
            db.catalog().linkView(analytics.id(), reportList.id());
            step("catalog", "modules billing (invoices, payments) and analytics (reports); views /invoices, /reports");

            Organization acme = db.organizations().create(new NewOrganization("acme-" + suffix, "Acme Inc."));
            org = acme.id();
            step("organization", acme.slug() + " (" + acme.id() + ")");

            User ana = user("ana", "Ana Admin");
            User ben = user("ben", "Ben Clerk");
            User chloe = user("chloe", "Chloe Approver");
            User dmitri = user("dmitri", "Dmitri Invited");
            step("users", "ana, ben, chloe, dmitri");

            Actor admin = Actor.user(ana.id()).withIp("203.0.113.7").withUserAgent("iam-cli demo");
            db.inTenant(acme.id(), admin, tx -> {
                tx.entitlements().entitle(billing.id());   // analytics is not entitled: reports stay off
                tx.memberships().add(ana.id(), OrgRole.OWNER);
                tx.memberships().add(ben.id(), OrgRole.MEMBER);
                tx.memberships().add(chloe.id(), OrgRole.MANAGER);
                tx.memberships().invite(dmitri.id(), OrgRole.MEMBER);

                Role clerk = tx.roles().create(new NewRole("clerk", "Clerk", "Enters invoices"));
                tx.grants().replace(clerk.id(), List.of(
                        Grant.allow(invoices, "read"), Grant.allow(invoices, "create"), Grant.allow(payments, "read")));
                tx.grants().grantView(clerk.id(), ViewAccess.allow(invoiceList.id()));

                Role approver = tx.roles().create(new NewRole("approver", "Approver", "Approves, never deletes"));
                tx.grants().replace(approver.id(), List.of(
                        Grant.allow(invoices, "read"), Grant.allow(invoices, "approve"), Grant.deny(invoices, "delete")));

                Role owner = tx.roles().create(new NewRole("owner", "Owner", "Everything"));
                tx.grants().replace(owner.id(), List.of(
                        Grant.allow(invoices, "read"), Grant.allow(invoices, "create"), Grant.allow(invoices, "approve"),
                        Grant.allow(invoices, "delete"), Grant.allow(payments, "read"), Grant.allow(payments, "refund"),
                        Grant.allow(reports, "read")));

                Team finance = tx.teams().create(new NewTeam("Finance", "Approves spending"));
                tx.teams().addMember(finance.id(), chloe.id());
                tx.teams().addMember(finance.id(), ana.id());

                tx.assignments().assign(owner.id(), ana.id());
                tx.assignments().assign(clerk.id(), ben.id());
                tx.assignments().assign(clerk.id(), dmitri.id());
                tx.assignments().assign(approver.id(), finance.id());
                return null;
            });
            step("access", "roles clerk, approver (DENY invoices.delete), owner; team Finance (chloe, ana) holds approver");
            step("", "ben is a clerk; dmitri is only invited; ana owns everything but is in Finance too");

            TenantScope acmeScope = db.tenant(acme.id());
            heading("checks");
            Table checks = new Table("user", "permission", "answer", "why");
            record Ask(User user, Feature feature, String action) {
            }
            for (Ask ask : List.of(
                    new Ask(ben, invoices, "create"),
                    new Ask(ben, invoices, "approve"),
                    new Ask(chloe, invoices, "approve"),
                    new Ask(chloe, invoices, "delete"),
                    new Ask(ana, invoices, "delete"),
                    new Ask(ana, payments, "refund"),
                    new Ask(ana, reports, "read"),
                    new Ask(dmitri, invoices, "read"))) {
                Decision d = acmeScope.authz().explain(ask.user().id(), ask.feature().id(), ask.action());
                checks.row(names.get(ask.user().id()), ask.feature().code() + "." + ask.action(),
                        d.allowed() ? "ALLOW" : "DENY", why(d));
            }
            checks.print(out);

            heading("effective permissions of chloe");
            Table perms = new Table("feature", "action");
            Map<dev.iamkit.model.FeatureId, String> codes = Map.of(invoices.id(), "invoices", payments.id(), "payments", reports.id(), "reports");
            for (Permission p : acmeScope.authz().effectivePermissions(chloe.id())) {
                perms.row(codes.get(p.featureId()), p.action());
            }
            perms.print(out);
            out.println("  views ben may open: " + acmeScope.authz().accessibleViews(ben.id()).stream()
                    .map(v -> v.equals(invoiceList.id()) ? invoiceList.path() : v.equals(reportList.id()) ? reportList.path() : v.toString())
                    .toList());

            heading("one call for many checks (ben)");
            Map<Permission, Boolean> many = acmeScope.authz().checkAll(ben.id(), List.of(
                    Permission.of(invoices.id(), "read"), Permission.of(invoices.id(), "delete"), Permission.of(payments.id(), "read")));
            many.forEach((p, ok) -> out.println("  " + codes.get(p.featureId()) + "." + p.action() + " -> " + (ok ? "ALLOW" : "DENY")));

            heading("suspending the organization turns every check off");
            db.organizations().update(db.organizations().find(acme.id()).orElseThrow().withStatus(dev.iamkit.model.OrgStatus.SUSPENDED));
            out.println("  ana invoices.read -> " + why(acmeScope.authz().explain(ana.id(), invoices.id(), "read")));
            db.organizations().update(db.organizations().find(acme.id()).orElseThrow().withStatus(dev.iamkit.model.OrgStatus.ACTIVE));

            heading("audit trail of " + acme.slug());
            Table audit = new Table("seq", "actor", "action", "target", "ip");
            Optional<PageRequest> next = Optional.of(PageRequest.first(100));
            while (next.isPresent()) {
                Page<AuditEvent> page = acmeScope.audit().list(next.get());
                for (AuditEvent e : page.items()) {
                    audit.row(e.seq(), actorName(e.actor()), e.action(), e.targetType() + " " + shortId(e.targetId()), e.ip().orElse("-"));
                }
                next = page.next();
            }
            audit.print(out);
            out.println();
        }

        private String why(Decision d) {
            return d.reason().text() + d.roleId().map(r -> " (role " + roleCode(r) + d.viaTeam().map(t -> " via team Finance").orElse("") + ")").orElse("");
        }

        private String roleCode(dev.iamkit.model.RoleId id) {
            return db.tenant(org).roles().find(id).map(Role::code).orElse(id.toString());
        }

        private String actorName(String label) {
            if (label.startsWith("user:")) {
                String name = names.get(UserId.parse(label.substring(5)));
                return name == null ? label : "user " + name;
            }
            return label;
        }

        private static String shortId(String id) {
            return id.length() > 8 ? "…" + id.substring(id.length() - 6) : id;
        }

        private User user(String first, String displayName) {
            User u = db.users().create(new NewUser(first + "@acme-" + suffix + ".example", displayName));
            names.put(u.id(), first);
            return u;
        }

        private Module module(String code, String name, int priority) {
            return find(() -> db.catalog().modules().findByCode(code),
                    () -> db.catalog().modules().create(new NewModule(code, name, "", true, priority)));
        }

        private Feature feature(String code, String name, List<String> actions) {
            return find(() -> db.catalog().features().findByCode(code),
                    () -> db.catalog().features().create(new NewFeature(code, name, actions)));
        }

        private View view(String code, String name, String path) {
            return find(() -> db.catalog().views().findByCode(code),
                    () -> db.catalog().views().create(new NewView(code, name, path)));
        }

        /** The catalog is global: a second run against the same database reuses it. */
        private static <T> T find(Supplier<Optional<T>> existing, Supplier<T> create) {
            return existing.get().orElseGet(create);
        }

        private void heading(String title) {
            out.println();
            out.println("== " + title);
        }

        private void step(String what, String detail) {
            out.printf("  %-13s %s%n", what, detail);
        }
    }
}
