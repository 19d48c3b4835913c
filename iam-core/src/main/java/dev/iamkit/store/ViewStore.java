package dev.iamkit.store;

import dev.iamkit.model.NewView;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewId;
import java.util.List;
import java.util.Optional;

/** Views of the global catalog. Every method may also throw {@link dev.iamkit.error.StorageException}. */
public interface ViewStore {

    /** @throws dev.iamkit.error.AlreadyExistsException on {@code code} or on {@code path} */
    View create(NewView view);

    Optional<View> find(ViewId id);

    Optional<View> findByCode(String code);

    Optional<View> findByPath(String path);

    /** All views by ordering, then code; never null. */
    List<View> list();

    /**
     * Stores name, path, requiresAuth, icon and ordering of {@code changed}.
     *
     * @throws dev.iamkit.error.NotFoundException when the view does not exist
     * @throws dev.iamkit.error.ValidationException on {@code code} when it differs from the stored one: codes are stable keys
     * @throws dev.iamkit.error.AlreadyExistsException on {@code path} when another view has the new path
     */
    View update(View changed);

    /**
     * Deletes the view, its links and every view grant of it in every organization.
     *
     * @throws dev.iamkit.error.NotFoundException when the view does not exist
     */
    void delete(ViewId id);
}
