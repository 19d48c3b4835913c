package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.unknownFeature;
import static dev.iamkit.testkit.GlobalFixtures.unknownModule;
import static dev.iamkit.testkit.GlobalFixtures.unknownView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewView;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.CatalogStore;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Links between modules, features and views: idempotent link and unlink calls that report whether
 * they changed anything, references that must exist, and the orders of the lookups. See
 * {@link CatalogStore}.
 */
public abstract class CatalogLinkContract extends ContractBase {

    private CatalogStore catalog() {
        return db.catalog();
    }

    private Module module(String code, int priority) {
        return catalog().modules().create(new NewModule(code, "Module " + code, "", true, priority));
    }

    private Feature feature(String code) {
        return catalog().features().create(new NewFeature(code, "Feature " + code, List.of("read")));
    }

    private View view(String code, int ordering) {
        return catalog().views().create(new NewView(code, "View " + code, "/" + code, true, Optional.empty(), ordering));
    }

    private static void assertNotFound(ThrowingCallable call, String entity, Object id) {
        assertThatThrownBy(call)
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo(entity);
                    assertThat(e.id()).isEqualTo(id.toString());
                });
    }

    @Test
    void linkFeatureReportsANewLinkOnceAndUnlinkReportsAnExistingLinkOnce() {
        Module module = module("billing", 0);
        Feature feature = feature("invoices");

        assertThat(catalog().linkFeature(module.id(), feature.id())).isTrue();
        assertThat(catalog().linkFeature(module.id(), feature.id())).isFalse();
        assertThat(catalog().featuresOf(module.id())).containsExactly(feature);
        assertThat(catalog().modulesOfFeature(feature.id())).containsExactly(module);

        assertThat(catalog().unlinkFeature(module.id(), feature.id())).isTrue();
        assertThat(catalog().unlinkFeature(module.id(), feature.id())).isFalse();
        assertThat(catalog().featuresOf(module.id())).isEmpty();
        assertThat(catalog().modulesOfFeature(feature.id())).isEmpty();
        assertThat(catalog().linkFeature(module.id(), feature.id())).isTrue();
    }

    @Test
    void linkViewReportsANewLinkOnceAndUnlinkReportsAnExistingLinkOnce() {
        Module module = module("billing", 0);
        View view = view("invoices", 0);

        assertThat(catalog().linkView(module.id(), view.id())).isTrue();
        assertThat(catalog().linkView(module.id(), view.id())).isFalse();
        assertThat(catalog().viewsOf(module.id())).containsExactly(view);
        assertThat(catalog().modulesOfView(view.id())).containsExactly(module);

        assertThat(catalog().unlinkView(module.id(), view.id())).isTrue();
        assertThat(catalog().unlinkView(module.id(), view.id())).isFalse();
        assertThat(catalog().viewsOf(module.id())).isEmpty();
        assertThat(catalog().modulesOfView(view.id())).isEmpty();
    }

    @Test
    void linkFeatureViewReportsANewLinkOnceAndUnlinkReportsAnExistingLinkOnce() {
        Feature feature = feature("invoices");
        View view = view("invoice-list", 0);

        assertThat(catalog().linkFeatureView(feature.id(), view.id())).isTrue();
        assertThat(catalog().linkFeatureView(feature.id(), view.id())).isFalse();
        assertThat(catalog().viewsOfFeature(feature.id())).containsExactly(view);
        assertThat(catalog().featuresOfView(view.id())).containsExactly(feature);

        assertThat(catalog().unlinkFeatureView(feature.id(), view.id())).isTrue();
        assertThat(catalog().unlinkFeatureView(feature.id(), view.id())).isFalse();
        assertThat(catalog().viewsOfFeature(feature.id())).isEmpty();
        assertThat(catalog().featuresOfView(view.id())).isEmpty();
    }

    @Test
    void unlinkingOneLinkLeavesTheOtherLinksOfBothSides() {
        Module billing = module("billing", 0);
        Module crm = module("crm", 0);
        Feature invoices = feature("invoices");
        Feature leads = feature("leads");
        View list = view("invoice-list", 0);
        catalog().linkFeature(billing.id(), invoices.id());
        catalog().linkFeature(billing.id(), leads.id());
        catalog().linkFeature(crm.id(), invoices.id());
        catalog().linkView(billing.id(), list.id());
        catalog().linkFeatureView(invoices.id(), list.id());

        assertThat(catalog().unlinkFeature(billing.id(), invoices.id())).isTrue();

        assertThat(catalog().featuresOf(billing.id())).containsExactly(leads);
        assertThat(catalog().featuresOf(crm.id())).containsExactly(invoices);
        assertThat(catalog().modulesOfFeature(invoices.id())).containsExactly(crm);
        assertThat(catalog().viewsOf(billing.id())).containsExactly(list);
        assertThat(catalog().viewsOfFeature(invoices.id())).containsExactly(list);
    }

    @Test
    void linkingAMissingModuleFeatureOrViewIsNotFoundAndWritesNothing() {
        Module module = module("billing", 0);
        Feature feature = feature("invoices");
        View view = view("invoice-list", 0);
        ModuleId noModule = unknownModule();
        FeatureId noFeature = unknownFeature();
        ViewId noView = unknownView();

        assertNotFound(() -> catalog().linkFeature(noModule, feature.id()), "module", noModule);
        assertNotFound(() -> catalog().linkFeature(module.id(), noFeature), "feature", noFeature);
        assertNotFound(() -> catalog().linkView(noModule, view.id()), "module", noModule);
        assertNotFound(() -> catalog().linkView(module.id(), noView), "view", noView);
        assertNotFound(() -> catalog().linkFeatureView(noFeature, view.id()), "feature", noFeature);
        assertNotFound(() -> catalog().linkFeatureView(feature.id(), noView), "view", noView);

        assertThat(catalog().modulesOfFeature(feature.id())).isEmpty();
        assertThat(catalog().modulesOfView(view.id())).isEmpty();
        assertThat(catalog().featuresOf(module.id())).isEmpty();
        assertThat(catalog().viewsOf(module.id())).isEmpty();
        assertThat(catalog().viewsOfFeature(feature.id())).isEmpty();
        assertThat(catalog().featuresOfView(view.id())).isEmpty();
    }

    @Test
    void aModulesFeaturesAreOrderedByCodeAndItsViewsByOrderingThenCode() {
        Module module = module("suite", 0);
        Feature charts = feature("charts");
        Feature accounts = feature("accounts");
        Feature budgets = feature("budgets");
        feature("unlinked");
        View late = view("aaa-late", 50);
        View early = view("zzz-early", -50);
        View midB = view("mid-b", 0);
        View midA = view("mid-a", 0);
        for (Feature f : List.of(charts, accounts, budgets)) {
            catalog().linkFeature(module.id(), f.id());
        }
        for (View v : List.of(late, midB, early, midA)) {
            catalog().linkView(module.id(), v.id());
        }

        assertThat(catalog().featuresOf(module.id())).containsExactly(accounts, budgets, charts);
        assertThat(catalog().viewsOf(module.id())).containsExactly(early, midA, midB, late);
    }

    @Test
    void theModulesOfAFeatureOrViewAreOrderedByPriorityThenCode() {
        Module high = module("aaa-high", 100);
        Module low = module("zzz-low", -100);
        Module zeroB = module("bravo", 0);
        Module zeroA = module("alpha", 0);
        module("unlinked", -1000);
        Feature feature = feature("invoices");
        View view = view("invoice-list", 0);
        for (Module m : List.of(zeroB, high, low, zeroA)) {
            catalog().linkFeature(m.id(), feature.id());
            catalog().linkView(m.id(), view.id());
        }

        assertThat(catalog().modulesOfFeature(feature.id())).containsExactly(low, zeroA, zeroB, high);
        assertThat(catalog().modulesOfView(view.id())).containsExactly(low, zeroA, zeroB, high);
    }

    @Test
    void theViewsOfAFeatureAreOrderedByOrderingThenCodeAndTheFeaturesOfAViewByCode() {
        Feature feature = feature("invoices");
        Feature other = feature("audit");
        View second = view("beta", 1);
        View first = view("omega", 0);
        View third = view("alpha", 1);
        for (View v : List.of(second, third, first)) {
            catalog().linkFeatureView(feature.id(), v.id());
        }
        catalog().linkFeatureView(other.id(), first.id());

        assertThat(catalog().viewsOfFeature(feature.id())).containsExactly(first, third, second);
        assertThat(catalog().featuresOfView(first.id())).containsExactly(other, feature);
        assertThat(catalog().featuresOfView(second.id())).containsExactly(feature);
    }

    @Test
    void lookupsOfUnknownIdsAreEmpty() {
        Module module = module("billing", 0);
        Feature feature = feature("invoices");
        View view = view("invoice-list", 0);
        catalog().linkFeature(module.id(), feature.id());
        catalog().linkView(module.id(), view.id());
        catalog().linkFeatureView(feature.id(), view.id());

        assertThat(catalog().featuresOf(unknownModule())).isEmpty();
        assertThat(catalog().viewsOf(unknownModule())).isEmpty();
        assertThat(catalog().modulesOfFeature(unknownFeature())).isEmpty();
        assertThat(catalog().modulesOfView(unknownView())).isEmpty();
        assertThat(catalog().viewsOfFeature(unknownFeature())).isEmpty();
        assertThat(catalog().featuresOfView(unknownView())).isEmpty();
    }
}
