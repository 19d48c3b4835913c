package dev.iamkit.support;

import dev.iamkit.IamDatabase;
import dev.iamkit.catalog.ApplyOptions;
import dev.iamkit.catalog.CatalogPlan;
import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.catalog.PlannedChange;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Validate;
import dev.iamkit.model.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Plans and applies a catalog file for a store: the catalog and the menu in one global
 * transaction that the store provides, then the role templates in each chosen organization, one
 * transaction per organization through {@link IamDatabase#inTenant}. Internal to the stores.
 */
public final class CatalogApplier {
    /** Attempts per organization: a concurrent apply that made the same role first is read back and compared again. */
    private static final int ORG_ATTEMPTS = 3;

    /**
     * Runs work in one transaction of the store's global data in which the store's own catalog
     * and menu calls on the calling thread take part, serialized with any other apply.
     */
    public interface GlobalTransaction {
        <R> R run(Supplier<R> work);
    }

    private final IamDatabase db;
    private final GlobalTransaction transaction;

    public CatalogApplier(IamDatabase db, GlobalTransaction transaction) {
        this.db = db;
        this.transaction = transaction;
    }

    public CatalogPlan plan(CatalogSpec spec, ApplyOptions options) {
        Validate.notNull("spec", spec);
        Validate.notNull("options", options);
        List<PlannedChange> all = new ArrayList<>(CatalogDiff.of(spec, options.prune(), db.catalog(), db.navigation()).changes());
        for (Organization org : targets(options)) {
            all.addAll(RoleTemplateDiff.of(spec, org.slug(), db.tenant(org.id(), options.actor()), db.catalog()).changes());
        }
        return new CatalogPlan(all);
    }

    public CatalogPlan apply(CatalogSpec spec, ApplyOptions options) {
        Validate.notNull("spec", spec);
        Validate.notNull("options", options);
        List<Organization> targets = targets(options);
        List<PlannedChange> all = new ArrayList<>(transaction.run(() -> {
            // compared inside the transaction, under its lock, so what it applies is what it read
            CatalogDiff diff = CatalogDiff.of(spec, options.prune(), db.catalog(), db.navigation());
            diff.apply();
            return diff.changes();
        }));
        for (Organization org : targets) {
            all.addAll(applyRoles(spec, org, options));
        }
        return new CatalogPlan(all);
    }

    private List<PlannedChange> applyRoles(CatalogSpec spec, Organization org, ApplyOptions options) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTenant(org.id(), options.actor(), tx -> {
                    RoleTemplateDiff diff = RoleTemplateDiff.of(spec, org.slug(), tx, db.catalog());
                    diff.apply();
                    return diff.changes();
                });
            } catch (AlreadyExistsException | StaleVersionException e) {
                if (attempt == ORG_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The organizations the role templates go to, in creation order. */
    private List<Organization> targets(ApplyOptions options) {
        if (options.org().isPresent()) {
            Organization org = db.organizations().find(options.org().get()).filter(o -> o.deletedAt().isEmpty())
                    .orElseThrow(() -> new NotFoundException("organization", options.org().get()));
            return List.of(org);
        }
        List<Organization> all = new ArrayList<>();
        if (options.allOrgs()) {
            Page<Organization> page = db.organizations().list(PageRequest.first(PageRequest.MAX_LIMIT));
            all.addAll(page.items());
            while (page.next().isPresent()) {
                page = db.organizations().list(page.next().get());
                all.addAll(page.items());
            }
        }
        return all;
    }
}
