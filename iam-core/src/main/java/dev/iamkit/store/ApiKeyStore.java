package dev.iamkit.store;

import dev.iamkit.model.ApiKey;
import dev.iamkit.model.ApiKeyId;
import dev.iamkit.model.IssuedApiKey;
import dev.iamkit.model.NewApiKey;
import java.util.List;
import java.util.Optional;

/**
 * An organization's API keys. Creating and revoking one writes an audit event (actions
 * {@code api_key.create}, {@code api_key.revoke}) recorded as the scope's actor; the secret is in
 * neither. Keys are authenticated without knowing the organization, through
 * {@link ApiKeyAuthenticator}. Results are never null.
 */
public interface ApiKeyStore {

    /**
     * Makes a key and returns it with its plaintext, shown only here.
     *
     * @throws dev.iamkit.error.ValidationException on {@code key} when null, on {@code expiresAt}
     *         when it is not after the clock's now; nothing is written
     * @throws dev.iamkit.error.NotFoundException when the organization does not exist
     */
    IssuedApiKey create(NewApiKey key);

    /** The key, active or not; empty when unknown here (including another organization's key). */
    Optional<ApiKey> find(ApiKeyId id);

    /** Every key of the organization, revoked and expired ones included, oldest first (by created, then id). */
    List<ApiKey> list();

    /**
     * Revokes the key at the clock's now; revoking one already revoked keeps its first time and
     * writes no audit event.
     *
     * @throws dev.iamkit.error.NotFoundException when the key is unknown here
     */
    ApiKey revoke(ApiKeyId id);
}
