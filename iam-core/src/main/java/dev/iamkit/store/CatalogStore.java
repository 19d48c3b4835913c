package dev.iamkit.store;

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
}
