package dev.iamkit.store;

import dev.iamkit.catalog.ApplyOptions;
import dev.iamkit.catalog.CatalogPlan;
import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewId;
import java.util.List;

/**
 * The global permission catalog: modules, features, views, and the links between them. Link
 * methods are idempotent and return whether they changed anything. Every method may also throw
 * {@link dev.iamkit.error.StorageException}; a link method throws
 * {@link dev.iamkit.error.NotFoundException} when either side does not exist.
 */
public interface CatalogStore {

    ModuleStore modules();

    FeatureStore features();

    ViewStore views();

    /** Puts a feature in a module; true if the link is new. */
    boolean linkFeature(ModuleId module, FeatureId feature);

    /** True if the link existed. */
    boolean unlinkFeature(ModuleId module, FeatureId feature);

    /** Puts a view in a module; true if the link is new. */
    boolean linkView(ModuleId module, ViewId view);

    boolean unlinkView(ModuleId module, ViewId view);

    /** Records that a view shows a feature; true if the link is new. */
    boolean linkFeatureView(FeatureId feature, ViewId view);

    boolean unlinkFeatureView(FeatureId feature, ViewId view);

    /** Features of a module, by code; never null. */
    List<Feature> featuresOf(ModuleId module);

    /** Views of a module, by ordering then code; never null. */
    List<View> viewsOf(ModuleId module);

    /** Modules that contain a feature, by priority then code; never null. */
    List<Module> modulesOfFeature(FeatureId feature);

    /** Modules that contain a view, by priority then code; never null. */
    List<Module> modulesOfView(ViewId view);

    /** Views linked to a feature, by ordering then code; never null. */
    List<View> viewsOfFeature(FeatureId feature);

    /** Features linked to a view, by code; never null. */
    List<Feature> featuresOfView(ViewId view);

    /**
     * What {@link #apply} would change: the catalog, the links and the menu compared with
     * {@code spec}, and the role templates compared with the roles of the organizations
     * {@code options} names. Writes nothing.
     *
     * @throws dev.iamkit.error.NotFoundException when {@code options} names an organization that does not exist
     */
    CatalogPlan plan(CatalogSpec spec, ApplyOptions options);

    /**
     * Makes the catalog, its links and the menu definition match {@code spec} in one transaction
     * (a failure applies none of it), removing what the file does not name only when
     * {@code options.prune()}; then makes the role templates' roles match in each organization
     * {@code options} names, one transaction per organization, audited as {@code options.actor()}.
     * Concurrent applies are serialized. Applying the same file again changes nothing: the global
     * revision stays, no audit event is written. Returns what it changed (the plan it carried out).
     *
     * @throws dev.iamkit.error.NotFoundException when {@code options} names an organization that does not exist
     * @throws dev.iamkit.error.AlreadyExistsException when a view's new path is another view's (one the file does not name)
     * @throws dev.iamkit.error.ValidationException when an organization's role change is refused (an inclusion cycle
     *         through a role outside the file)
     */
    CatalogPlan apply(CatalogSpec spec, ApplyOptions options);
}
