package dev.iamkit.store;

import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.NewFeature;
import java.util.List;
import java.util.Optional;

/** Features of the global catalog. Every method may also throw {@link dev.iamkit.error.StorageException}. */
public interface FeatureStore {

    /** @throws dev.iamkit.error.AlreadyExistsException on {@code code} */
    Feature create(NewFeature feature);

    Optional<Feature> find(FeatureId id);

    Optional<Feature> findByCode(String code);

    /** All features by code; never null. */
    List<Feature> list();

    /**
     * Stores name, description and actions of {@code changed}. Grants of an action that is no
     * longer listed are deleted in every organization.
     *
     * @throws dev.iamkit.error.ValidationException on {@code code} when it differs from the stored one: codes are stable keys
     * @throws dev.iamkit.error.NotFoundException when the feature does not exist
     */
    Feature update(Feature changed);

    /**
     * Deletes the feature, its links and every grant of it in every organization.
     *
     * @throws dev.iamkit.error.NotFoundException when the feature does not exist
     */
    void delete(FeatureId id);
}
