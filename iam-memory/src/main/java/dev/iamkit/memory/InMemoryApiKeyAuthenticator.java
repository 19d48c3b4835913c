package dev.iamkit.memory;

import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.memory.MemoryState.ApiKeyRef;
import dev.iamkit.model.ApiKey;
import dev.iamkit.model.Validate;
import dev.iamkit.store.ApiKeyAuthenticator;
import dev.iamkit.support.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Finds a key by its lookup id across organizations, then compares digests in constant time. */
final class InMemoryApiKeyAuthenticator implements ApiKeyAuthenticator {
    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;

    InMemoryApiKeyAuthenticator(MemoryState state, Transactor transactor, Clock clock) {
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public ApiKey authenticate(String presented) {
        Secrets.PresentedKey p = Secrets.parseApiKey(presented);
        Optional<ApiKey> found = transactor.write(tx -> {
            ApiKeyRef ref = state.apiKeyLookup.get(p.lookupId());
            if (ref == null) {
                return Optional.<ApiKey>empty();
            }
            TenantData d = state.readable(ref.org());
            ApiKey key = d.apiKeys.get(ref.id());
            Instant now = Validate.instant("now", clock.instant());
            if (key == null || !Secrets.same(d.apiKeyDigests.get(ref.id()), p.digest()) || !key.activeAt(now)) {
                return Optional.<ApiKey>empty();
            }
            if (key.useDueAt(now)) {
                key = key.usedAt(now);
                tx.put(d.apiKeys, key.id(), key);
            }
            return Optional.of(key);
        });
        return found.orElseThrow(() -> new InvalidCredentialsException("API key is not valid"));
    }
}
