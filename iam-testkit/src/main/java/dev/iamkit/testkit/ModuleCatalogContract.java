package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.unknownModule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Entitlement;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.View;
import dev.iamkit.store.ModuleStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modules of the global catalog: CRUD, code uniqueness, list order and the delete cascade. See {@link ModuleStore}. */
public abstract class ModuleCatalogContract extends ContractBase {

    private ModuleStore modules() {
        return db.catalog().modules();
    }

    private Module create(String code, int priority) {
        return modules().create(new NewModule(code, "Module " + code, "", true, priority));
    }

    @Test
    void theShortFormCreatesAnEnabledModuleOfPriorityZeroWithoutDescription() {
        Module module = modules().create(new NewModule("billing", "Billing"));

        assertThat(module.id()).isNotNull();
        assertThat(module.code()).isEqualTo("billing");
        assertThat(module.name()).isEqualTo("Billing");
        assertThat(module.description()).isEmpty();
        assertThat(module.enabled()).isTrue();
        assertThat(module.priority()).isZero();
        assertThat(modules().find(module.id())).contains(module);
    }

    @Test
    void createStoresEveryFieldAndTheModuleIsFoundByIdAndCode() {
        Module module = modules().create(new NewModule(" crm.pro ", " CRM Pro ", " Pipelines and leads ", false, -42));

        Module expected = new Module(module.id(), "crm.pro", "CRM Pro", "Pipelines and leads", false, -42);
        assertThat(module).isEqualTo(expected);
        assertThat(modules().find(module.id())).contains(expected);
        assertThat(modules().findByCode("crm.pro")).contains(expected);
    }

    @Test
    void moduleCodeIsUniqueAndAFailedCreateWritesNothing() {
        Module billing = create("billing", 0);

        assertThatThrownBy(() -> modules().create(new NewModule("billing", "Billing Two", "other", false, 9)))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("module");
                    assertThat(e.field()).isEqualTo("code");
                    assertThat(e.value()).isEqualTo("billing");
                });
        assertThat(modules().list()).containsExactly(billing);
    }

    @Test
    void findAndFindByCodeOfUnknownModulesAreEmpty() {
        create("billing", 0);

        assertThat(modules().find(unknownModule())).isEmpty();
        assertThat(modules().findByCode("crm")).isEmpty();
    }

    @Test
    void modulesAreListedByPriorityThenCode() {
        Module c = create("charlie", 1);
        Module a = create("alpha", 1);
        Module low = create("zulu", -5);
        Module zero = create("yankee", 0);
        Module b = create("bravo", 1);

        assertThat(modules().list()).containsExactly(low, zero, a, b, c);
    }

    @Test
    void updateStoresNameDescriptionEnabledAndPriority() {
        Module first = create("alpha", 1);
        Module second = create("bravo", 2);

        modules().update(new Module(second.id(), "bravo", "Bravo Plus", "Now with more", false, -1));

        Module stored = modules().find(second.id()).orElseThrow();
        assertThat(stored).isEqualTo(new Module(second.id(), "bravo", "Bravo Plus", "Now with more", false, -1));
        assertThat(modules().findByCode("bravo")).contains(stored);
        assertThat(modules().list()).containsExactly(stored, first);
    }

    @Test
    void updateOrDeleteOfAnUnknownModuleIsNotFound() {
        ModuleId missing = unknownModule();

        assertThatThrownBy(() -> modules().update(new Module(missing, "ghost", "Ghost", "", true, 0)))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("module");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
        assertThatThrownBy(() -> modules().delete(missing))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("module");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
        assertThat(modules().list()).isEmpty();
        assertThat(modules().findByCode("ghost")).isEmpty();
    }

    @Test
    void deleteRemovesTheModuleAndFreesItsCode() {
        Module billing = create("billing", 0);
        Module crm = create("crm", 0);

        modules().delete(billing.id());

        assertThat(modules().find(billing.id())).isEmpty();
        assertThat(modules().findByCode("billing")).isEmpty();
        assertThat(modules().list()).containsExactly(crm);
        Module again = create("billing", 3);
        assertThat(again.id()).isNotEqualTo(billing.id());
        assertThat(modules().findByCode("billing")).contains(again);
    }

    @Test
    void deleteRemovesTheModulesLinksAndEveryOrganizationsEntitlementToIt() {
        Module doomed = create("doomed", 0);
        Module kept = create("kept", 0);
        Feature feature = data.feature("read");
        View view = data.view();
        db.catalog().linkFeature(doomed.id(), feature.id());
        db.catalog().linkView(doomed.id(), view.id());
        db.catalog().linkFeature(kept.id(), feature.id());
        Organization acme = data.org();
        Organization globex = data.org();
        db.tenant(acme.id()).entitlements().entitle(doomed.id());
        db.tenant(globex.id()).entitlements().entitle(doomed.id());
        Entitlement keptEntitlement = db.tenant(globex.id()).entitlements().entitle(kept.id());
        List<AuditEvent> acmeTrail = db.tenant(acme.id()).audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();

        modules().delete(doomed.id());

        assertThat(db.catalog().featuresOf(doomed.id())).isEmpty();
        assertThat(db.catalog().viewsOf(doomed.id())).isEmpty();
        assertThat(db.catalog().modulesOfFeature(feature.id())).containsExactly(kept);
        assertThat(db.catalog().modulesOfView(view.id())).isEmpty();
        assertThat(db.tenant(acme.id()).entitlements().find(doomed.id())).isEmpty();
        assertThat(db.tenant(acme.id()).entitlements().list()).isEmpty();
        assertThat(db.tenant(acme.id()).audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items())
                .as("catalog changes are not in a tenant's trail").isEqualTo(acmeTrail);
        assertThat(db.tenant(globex.id()).entitlements().find(doomed.id())).isEmpty();
        assertThat(db.tenant(globex.id()).entitlements().list()).containsExactly(keptEntitlement);
        assertThat(db.catalog().features().find(feature.id())).contains(feature);
        assertThat(db.catalog().views().find(view.id())).contains(view);
    }
}
