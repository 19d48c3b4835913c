package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.unknownFeature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewView;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.View;
import dev.iamkit.store.FeatureStore;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Features of the global catalog: CRUD, code uniqueness, order, and what changing or deleting a
 * feature does to the grants of every organization. See {@link FeatureStore}.
 */
public abstract class FeatureCatalogContract extends ContractBase {

    private FeatureStore features() {
        return db.catalog().features();
    }

    private Feature create(String code, String... actions) {
        return features().create(new NewFeature(code, "Feature " + code, List.of(actions)));
    }

    private List<FeatureGrant> grantsOf(Organization org, Role role) {
        return db.tenant(org.id()).grants().list(role.id());
    }

    private List<AuditEvent> trailOf(Organization org) {
        return db.tenant(org.id()).audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    @Test
    void createStoresTheActionsSortedAndWithoutDuplicates() {
        Feature feature = features().create(new NewFeature(" invoices ", " Invoices ", List.of("write", "read", " approve ", "read")));

        assertThat(feature.code()).isEqualTo("invoices");
        assertThat(feature.name()).isEqualTo("Invoices");
        assertThat(feature.description()).isEmpty();
        assertThat(feature.actions()).containsExactly("approve", "read", "write");
        assertThat(features().find(feature.id())).contains(feature);
        assertThat(features().findByCode("invoices")).contains(feature);
        assertThat(features().find(feature.id()).orElseThrow().supports("approve")).isTrue();
    }

    @Test
    void featureCodeIsUniqueAndAFailedCreateWritesNothing() {
        Feature invoices = create("invoices", "read");

        assertThatThrownBy(() -> create("invoices", "write"))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("feature");
                    assertThat(e.field()).isEqualTo("code");
                    assertThat(e.value()).isEqualTo("invoices");
                });
        assertThat(features().list()).containsExactly(invoices);
    }

    @Test
    void featuresAreListedByCodeAndUnknownOnesAreNotFound() {
        Feature c = create("charts", "read");
        Feature a = create("accounts", "read");
        Feature b = create("billing.runs", "read");
        Feature b2 = create("billing-export", "read");

        assertThat(features().list()).containsExactly(a, b2, b, c);
        assertThat(features().find(unknownFeature())).isEmpty();
        assertThat(features().findByCode("nothing")).isEmpty();
    }

    @Test
    void updateStoresNameDescriptionAndActions() {
        Feature feature = create("invoices", "read");

        features().update(feature.withName("Bills").withDescription("Incoming bills").withActions(List.of("read", "pay")));

        Feature stored = features().find(feature.id()).orElseThrow();
        assertThat(stored.code()).isEqualTo("invoices");
        assertThat(stored.name()).isEqualTo("Bills");
        assertThat(stored.description()).isEqualTo("Incoming bills");
        assertThat(stored.actions()).containsExactly("pay", "read");
        assertThat(features().findByCode("invoices")).contains(stored);
    }

    @Test
    void catalogCodesCannotBeChangedByAnUpdate() {
        Feature feature = create("invoices", "read");
        Module module = db.catalog().modules().create(new NewModule("billing", "Billing"));
        View view = db.catalog().views().create(new NewView("invoice-list", "Invoices", "/invoices"));

        assertThatThrownBy(() -> features().update(new Feature(feature.id(), "bills", "Bills", "", feature.actions())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("code"));
        assertThatThrownBy(() -> db.catalog().modules().update(new Module(module.id(), "money", "Money", "", true, 0)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("code"));
        assertThatThrownBy(() -> db.catalog().views().update(new View(view.id(), "bill-list", "Bills", "/bills", true, java.util.Optional.empty(), 0)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("code"));
        assertThat(features().find(feature.id())).contains(feature);
        assertThat(db.catalog().modules().find(module.id())).contains(module);
        assertThat(db.catalog().views().find(view.id())).contains(view);
    }

    @Test
    void removingAnActionDeletesItsGrantsInEveryOrganizationAndKeepsTheOthers() {
        Feature invoices = create("invoices", "read", "write", "approve");
        Feature other = create("reports", "write");
        Organization acme = data.org();
        Organization globex = data.org();
        Role acmeRole = data.role(acme.id(), Grant.allow(invoices, "read"), Grant.deny(invoices, "write"), Grant.allow(other, "write"));
        Role globexRole = data.role(globex.id(), Grant.allow(invoices, "write"), Grant.allow(invoices, "approve"));
        List<FeatureGrant> acmeBefore = grantsOf(acme, acmeRole);
        List<FeatureGrant> globexBefore = grantsOf(globex, globexRole);
        List<AuditEvent> acmeTrail = trailOf(acme);
        List<AuditEvent> globexTrail = trailOf(globex);

        features().update(invoices.withActions(List.of("read", "approve")));

        assertThat(grantsOf(acme, acmeRole)).containsExactlyElementsOf(acmeBefore.stream()
                .filter(g -> !(g.featureId().equals(invoices.id()) && g.action().equals("write"))).toList());
        assertThat(grantsOf(acme, acmeRole)).extracting(FeatureGrant::action).containsExactlyInAnyOrder("read", "write");
        assertThat(grantsOf(globex, globexRole)).containsExactlyElementsOf(globexBefore.stream()
                .filter(g -> !g.action().equals("write")).toList());
        assertThat(grantsOf(globex, globexRole)).extracting(FeatureGrant::action).containsExactly("approve");
        assertThat(trailOf(acme)).as("catalog changes are not in a tenant's trail").isEqualTo(acmeTrail);
        assertThat(trailOf(globex)).isEqualTo(globexTrail);
    }

    @Test
    void addingAnActionKeepsTheExistingGrantsAndMakesTheNewActionGrantable() {
        Feature invoices = create("invoices", "read");
        Organization acme = data.org();
        Role role = data.role(acme.id(), Grant.allow(invoices, "read"));
        List<FeatureGrant> before = grantsOf(acme, role);

        features().update(invoices.withActions(List.of("read", "export")));
        FeatureGrant export = db.tenant(acme.id()).grants().grant(role.id(), Grant.allow(invoices, "export"));

        assertThat(export.action()).isEqualTo("export");
        assertThat(grantsOf(acme, role)).containsExactly(export, before.get(0));
    }

    @Test
    void updateOrDeleteOfAnUnknownFeatureIsNotFound() {
        FeatureId missing = unknownFeature();

        assertThatThrownBy(() -> features().update(new Feature(missing, "ghost", "Ghost", "", new TreeSet<>(List.of("read")))))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("feature");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
        assertThatThrownBy(() -> features().delete(missing))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("feature");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
        assertThat(features().list()).isEmpty();
    }

    @Test
    void deleteRemovesEveryGrantOfTheFeatureInEveryOrganizationAndItsLinks() {
        Feature doomed = create("doomed", "read", "write");
        Feature kept = create("kept", "read");
        Module module = data.module();
        View view = data.view();
        db.catalog().linkFeature(module.id(), doomed.id());
        db.catalog().linkFeature(module.id(), kept.id());
        db.catalog().linkFeatureView(doomed.id(), view.id());
        Organization acme = data.org();
        Organization globex = data.org();
        Role acmeRole = data.role(acme.id(), Grant.allow(doomed, "read"), Grant.deny(doomed, "write"), Grant.allow(kept, "read"));
        Role globexRole = data.role(globex.id(), Grant.allow(doomed, "write"));
        List<FeatureGrant> acmeKept = grantsOf(acme, acmeRole).stream().filter(g -> g.featureId().equals(kept.id())).toList();
        List<AuditEvent> globexTrail = trailOf(globex);

        features().delete(doomed.id());

        assertThat(features().find(doomed.id())).isEmpty();
        assertThat(features().findByCode("doomed")).isEmpty();
        assertThat(features().list()).containsExactly(kept);
        assertThat(grantsOf(acme, acmeRole)).hasSize(1).containsExactlyElementsOf(acmeKept);
        assertThat(grantsOf(globex, globexRole)).isEmpty();
        assertThat(trailOf(globex)).as("catalog changes are not in a tenant's trail").isEqualTo(globexTrail);
        assertThat(db.catalog().featuresOf(module.id())).containsExactly(kept);
        assertThat(db.catalog().modulesOfFeature(doomed.id())).isEmpty();
        assertThat(db.catalog().featuresOfView(view.id())).isEmpty();
        assertThat(db.catalog().viewsOfFeature(doomed.id())).isEmpty();
    }

    @Test
    void aDeletedFeatureCanNoLongerBeGrantedAndItsCodeIsFree() {
        Feature doomed = create("doomed", "read");
        Organization acme = data.org();
        Role role = data.role(acme.id());
        features().delete(doomed.id());

        assertThatThrownBy(() -> db.tenant(acme.id()).grants().grant(role.id(), Grant.allow(doomed, "read")))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("feature");
                    assertThat(e.id()).isEqualTo(doomed.id().toString());
                });
        assertThat(grantsOf(acme, role)).isEmpty();
        Feature again = create("doomed", "read");
        assertThat(again.id()).isNotEqualTo(doomed.id());
    }
}
