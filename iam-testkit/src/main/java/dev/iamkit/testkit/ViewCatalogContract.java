package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.unknownView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewView;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.model.ViewGrant;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.ViewStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Views of the global catalog: CRUD, code and path uniqueness, order, and the delete cascade to
 * view grants. See {@link ViewStore}.
 */
public abstract class ViewCatalogContract extends ContractBase {

    private ViewStore views() {
        return db.catalog().views();
    }

    private View create(String code, int ordering) {
        return views().create(new NewView(code, "View " + code, "/" + code, true, Optional.empty(), ordering));
    }

    @Test
    void theShortFormCreatesAViewThatRequiresAuthWithoutIconAtOrderingZero() {
        View view = views().create(new NewView("invoice-list", "Invoices", "/invoices"));

        assertThat(view.id()).isNotNull();
        assertThat(view.code()).isEqualTo("invoice-list");
        assertThat(view.name()).isEqualTo("Invoices");
        assertThat(view.path()).isEqualTo("/invoices");
        assertThat(view.requiresAuth()).isTrue();
        assertThat(view.icon()).isEmpty();
        assertThat(view.ordering()).isZero();
        assertThat(views().find(view.id())).contains(view);
    }

    @Test
    void createStoresEveryFieldAndTheViewIsFoundByCodeAndPath() {
        View view = views().create(new NewView("invoice-detail", "Invoice", " /invoices/{id}/lines ",
                false, Optional.of(" receipt "), -7));

        View expected = new View(view.id(), "invoice-detail", "Invoice", "/invoices/{id}/lines", false, Optional.of("receipt"), -7);
        assertThat(view).isEqualTo(expected);
        assertThat(views().find(view.id())).contains(expected);
        assertThat(views().findByCode("invoice-detail")).contains(expected);
        assertThat(views().findByPath("/invoices/{id}/lines")).contains(expected);
    }

    @Test
    void viewCodeIsUniqueAndAFailedCreateWritesNothing() {
        View first = views().create(new NewView("dashboard", "Dashboard", "/dashboard"));

        assertThatThrownBy(() -> views().create(new NewView("dashboard", "Other", "/other")))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("view");
                    assertThat(e.field()).isEqualTo("code");
                    assertThat(e.value()).isEqualTo("dashboard");
                });
        assertThat(views().list()).containsExactly(first);
        assertThat(views().findByPath("/other")).isEmpty();
    }

    @Test
    void viewPathIsUniqueAndAFailedCreateWritesNothing() {
        View first = views().create(new NewView("dashboard", "Dashboard", "/home"));

        assertThatThrownBy(() -> views().create(new NewView("landing", "Landing", "/home")))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("view");
                    assertThat(e.field()).isEqualTo("path");
                    assertThat(e.value()).isEqualTo("/home");
                });
        assertThat(views().list()).containsExactly(first);
        assertThat(views().findByCode("landing")).isEmpty();
    }

    @Test
    void viewsAreListedByOrderingThenCodeAndUnknownOnesAreNotFound() {
        View c = create("charts", 10);
        View a = create("accounts", 10);
        View first = create("zzz-first", -3);
        View mid = create("middle", 0);
        View b = create("billing", 10);

        assertThat(views().list()).containsExactly(first, mid, a, b, c);
        assertThat(views().find(unknownView())).isEmpty();
        assertThat(views().findByCode("nothing")).isEmpty();
        assertThat(views().findByPath("/nothing")).isEmpty();
    }

    @Test
    void updateStoresNamePathRequiresAuthIconAndOrderingAndFreesTheOldPath() {
        View other = create("other", 5);
        View view = views().create(new NewView("reports", "Reports", "/reports"));

        views().update(view.withName("Reporting").withPath("/reporting").withRequiresAuth(false)
                .withIcon(Optional.of("chart")).withOrdering(-1));

        View stored = views().find(view.id()).orElseThrow();
        assertThat(stored).isEqualTo(new View(view.id(), "reports", "Reporting", "/reporting", false, Optional.of("chart"), -1));
        assertThat(views().findByPath("/reporting")).contains(stored);
        assertThat(views().findByPath("/reports")).isEmpty();
        assertThat(views().list()).containsExactly(stored, other);
        View reuse = views().create(new NewView("reports-old", "Old reports", "/reports"));
        assertThat(views().findByPath("/reports")).contains(reuse);
        views().update(stored.withIcon(Optional.empty()));
        assertThat(views().find(view.id()).orElseThrow().icon()).isEmpty();
    }

    @Test
    void updateToThePathOfAnotherViewIsAlreadyExistsOnPathAndChangesNothing() {
        View home = views().create(new NewView("home", "Home", "/home"));
        View about = views().create(new NewView("about", "About", "/about"));

        assertThatThrownBy(() -> views().update(about.withPath("/home").withName("Renamed")))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("view");
                    assertThat(e.field()).isEqualTo("path");
                    assertThat(e.value()).isEqualTo("/home");
                });
        assertThat(views().find(about.id())).contains(about);
        assertThat(views().findByPath("/home")).contains(home);
    }

    @Test
    void updateOrDeleteOfAnUnknownViewIsNotFound() {
        ViewId missing = unknownView();

        assertThatThrownBy(() -> views().update(new View(missing, "ghost", "Ghost", "/ghost", true, Optional.empty(), 0)))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("view");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
        assertThatThrownBy(() -> views().delete(missing))
                .asInstanceOf(type(NotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.entity()).isEqualTo("view");
                    assertThat(e.id()).isEqualTo(missing.toString());
                });
        assertThat(views().list()).isEmpty();
        assertThat(views().findByPath("/ghost")).isEmpty();
    }

    @Test
    void deleteRemovesEveryViewGrantOfItInEveryOrganizationItsLinksAndFreesCodeAndPath() {
        View doomed = create("doomed", 0);
        View kept = create("kept", 0);
        Module module = data.module();
        Feature feature = data.feature("read");
        db.catalog().linkView(module.id(), doomed.id());
        db.catalog().linkView(module.id(), kept.id());
        db.catalog().linkFeatureView(feature.id(), doomed.id());
        Organization acme = data.org();
        Organization globex = data.org();
        Role acmeRole = data.role(acme.id());
        Role globexRole = data.role(globex.id());
        db.tenant(acme.id()).grants().replaceViews(acmeRole.id(), List.of(ViewAccess.allow(doomed.id()), ViewAccess.deny(kept.id())));
        db.tenant(globex.id()).grants().grantView(globexRole.id(), ViewAccess.deny(doomed.id()));
        List<ViewGrant> acmeKept = db.tenant(acme.id()).grants().listViews(acmeRole.id()).stream()
                .filter(g -> g.viewId().equals(kept.id())).toList();
        List<AuditEvent> globexTrail = db.tenant(globex.id()).audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();

        views().delete(doomed.id());

        assertThat(views().find(doomed.id())).isEmpty();
        assertThat(views().list()).containsExactly(kept);
        assertThat(db.tenant(acme.id()).grants().listViews(acmeRole.id())).hasSize(1).containsExactlyElementsOf(acmeKept);
        assertThat(db.tenant(globex.id()).grants().listViews(globexRole.id())).isEmpty();
        assertThat(db.tenant(globex.id()).audit().list(PageRequest.first(PageRequest.MAX_LIMIT)).items())
                .as("catalog changes are not in a tenant's trail").isEqualTo(globexTrail);
        assertThat(db.catalog().viewsOf(module.id())).containsExactly(kept);
        assertThat(db.catalog().modulesOfView(doomed.id())).isEmpty();
        assertThat(db.catalog().viewsOfFeature(feature.id())).isEmpty();
        assertThat(db.catalog().featuresOfView(doomed.id())).isEmpty();
        View again = views().create(new NewView("doomed", "Doomed again", "/doomed"));
        assertThat(again.id()).isNotEqualTo(doomed.id());
    }
}
