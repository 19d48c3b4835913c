package dev.iamkit.jooq;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.testkit.TestData;

/** An organization whose member holds one role that allows {@code read} on one entitled feature. */
record OneRoleWorld(OrgId org, Feature invoices, User user, Role clerk) {
    static OneRoleWorld assigned(IamDatabase db) {
        TestData data = new TestData(db);
        OrgId org = data.org().id();
        Feature invoices = data.entitledFeature(org, "read");
        User user = data.member(org);
        Role clerk = data.role(org, Grant.allow(invoices, "read"));
        db.tenant(org).assignments().assign(clerk.id(), user.id());
        return new OneRoleWorld(org, invoices, user, clerk);
    }
}
