package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.globalState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.NewView;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Helpers shared by {@link ValidationContract} and {@link SettingsAndPagingValidationContract}: the
 * records each test starts from, lookups of them by their natural keys (for calls built before the
 * store is open), and the assertion that a call is rejected naming a field and writes nothing.
 */
final class ValidationFixtures {
    private ValidationFixtures() {
    }

    /** A call that is expected to be rejected; it gets the store under test. */
    @FunctionalInterface
    interface StoreCall {
        void call(IamDatabase db) throws Throwable;
    }

    /** The records written by {@link #seed}: organization "acme", user "ana@example.com", module "billing", feature "invoices", view "dashboard" and a role in acme. */
    record Seeded(Organization acme, User ana, Feature invoices, View dashboard, Role clerk) {
    }

    static Seeded seed(IamDatabase db, TestData data) {
        Organization acme = db.organizations().create(new NewOrganization("acme", "Acme").withSettings(Map.of("theme", "dark")));
        User ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        db.catalog().modules().create(new NewModule("billing", "Billing"));
        Feature invoices = db.catalog().features().create(new NewFeature("invoices", "Invoices", List.of("read", "write")));
        View dashboard = db.catalog().views().create(new NewView("dashboard", "Dashboard", "/dashboard"));
        Role clerk = data.role(acme.id());
        return new Seeded(acme, ana, invoices, dashboard, clerk);
    }

    /** Asserts the call throws a {@link ValidationException} on {@code field} and leaves the global stores as they were. */
    static void assertRejected(IamDatabase db, StoreCall call, String field) {
        List<Object> before = globalState(db);
        assertThatThrownBy(() -> call.call(db))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo(field));
        assertThat(globalState(db)).isEqualTo(before);
    }

    /** One row of a rejection table: the call, named by {@code description}, and the field it must name. */
    static Arguments rejects(String description, String field, StoreCall call) {
        return Arguments.of(Named.of(description, call), field);
    }

    static Organization acmeOf(IamDatabase db) {
        return db.organizations().findBySlug("acme").orElseThrow();
    }

    static User anaOf(IamDatabase db) {
        return db.users().findByEmail("ana@example.com").orElseThrow();
    }

    static Module billingOf(IamDatabase db) {
        return db.catalog().modules().findByCode("billing").orElseThrow();
    }

    static Feature invoicesOf(IamDatabase db) {
        return db.catalog().features().findByCode("invoices").orElseThrow();
    }

    static View dashboardOf(IamDatabase db) {
        return db.catalog().views().findByCode("dashboard").orElseThrow();
    }

    static NewOrganization newOrg(String slug, String name) {
        return new NewOrganization(slug, name);
    }
}
