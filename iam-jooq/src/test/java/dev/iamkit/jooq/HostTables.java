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
import dev.iamkit.model.NewView;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.util.List;

/**
 * A host app's own schema beside the store's: table {@code invoice(org_id, id)} that the
 * application role may read and write, and a small access world over two organizations.
 */
final class HostTables {
    final String schema;
    final String invoices;

    HostTables(PostgresTestDatabase pg) {
        schema = pg.createSchema("iamkit_host");
        invoices = schema + ".invoice";
        TestDataSources.app(pg);   // the application role exists
        pg.execute("CREATE TABLE " + invoices + " (org_id uuid NOT NULL, id integer NOT NULL, PRIMARY KEY (org_id, id))");
        pg.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + TestDataSources.APP_ROLE);
        pg.execute("GRANT SELECT, INSERT, DELETE ON " + invoices + " TO " + TestDataSources.APP_ROLE);
    }

    /** Ana may read invoices and access the invoice view in {@code acme}; in {@code globex} she is a member with no grants. */
    record World(OrgId acme, OrgId globex, User ana, Feature invoices, View invoiceView, Role clerk) {
        static World create(IamDatabase db, String suffix) {
            OrgId acme = db.organizations().create(new NewOrganization("acme-" + suffix, "Acme")).id();
            OrgId globex = db.organizations().create(new NewOrganization("globex-" + suffix, "Globex")).id();
            User ana = db.users().create(new NewUser("ana-" + suffix + "@example.com", "Ana"));
            Module billing = db.catalog().modules().create(new NewModule("billing-" + suffix, "Billing"));
            Feature invoices = db.catalog().features().create(new NewFeature("invoices-" + suffix, "Invoices", List.of("read", "create")));
            View invoiceView = db.catalog().views().create(new NewView("invoice-view-" + suffix, "Invoices", "/invoices-" + suffix));
            db.catalog().linkFeature(billing.id(), invoices.id());
            db.catalog().linkView(billing.id(), invoiceView.id());
            for (OrgId org : List.of(acme, globex)) {
                db.tenant(org).entitlements().entitle(billing.id());
                db.tenant(org).memberships().add(ana.id(), OrgRole.MEMBER);
            }
            Role clerk = db.inTenant(acme, Actor.system(), tx -> {
                Role r = tx.roles().create(new NewRole("clerk", "Clerk"));
                tx.grants().replace(r.id(), List.of(Grant.allow(invoices, "read")));
                tx.grants().grantView(r.id(), ViewAccess.allow(invoiceView.id()));
                tx.assignments().assign(r.id(), ana.id());
                return r;
            });
            return new World(acme, globex, ana, invoices, invoiceView, clerk);
        }
    }
}
