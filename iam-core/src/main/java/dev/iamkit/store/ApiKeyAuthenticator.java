package dev.iamkit.store;

import dev.iamkit.model.ApiKey;

/**
 * Answers "whose key is this?" for a presented API key, in any organization: the key names its
 * own lookup id, which finds one candidate; its digest is then compared in constant time.
 */
public interface ApiKeyAuthenticator {

    /**
     * The key (with its organization and scopes) when {@code presented} is an active key.
     * Records the use in {@code lastUsedAt} when the last recorded use is a minute or more
     * before the clock's now (or there is none), so busy keys do not write on every request.
     *
     * @throws dev.iamkit.error.InvalidCredentialsException when the key is malformed, unknown, revoked or expired
     */
    ApiKey authenticate(String presented);
}
