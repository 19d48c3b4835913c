package dev.iamkit.memory;

import dev.iamkit.authz.Impact;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.memory.MemoryState.ApiKeyRef;
import dev.iamkit.model.ApiKey;
import dev.iamkit.model.ApiKeyId;
import dev.iamkit.model.IssuedApiKey;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.ApiKeyStore;
import dev.iamkit.support.AuditRecord;
import dev.iamkit.support.Secrets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** An organization's API keys; the digest is kept beside the key, the lookup id in the global index. */
final class InMemoryApiKeyStore implements ApiKeyStore {
    static final String ENTITY = "api_key";
    static final Comparator<ApiKey> ORDER = Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id);

    private final TenantContext ctx;

    InMemoryApiKeyStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public IssuedApiKey create(NewApiKey key) {
        Validate.notNull("key", key);
        Instant now = Validate.instant("now", ctx.now());
        key.requireExpiryAfter(now);
        return ctx.write((d, tx) -> {
            Secrets.ApiKeyParts parts = Secrets.newApiKey();
            ApiKey created = new ApiKey(new ApiKeyId(Uuid7.next(ctx.clock)), ctx.org, key.name(), parts.lookupId(), key.scopes(),
                    ctx.actor.label(), now, key.expiresAt(), Optional.empty(), Optional.empty());
            tx.put(d.apiKeys, created.id(), created);
            tx.put(d.apiKeyDigests, created.id(), Secrets.sha256(parts.plaintext()));
            tx.put(ctx.state.apiKeyLookup, parts.lookupId(), new ApiKeyRef(ctx.org, created.id()));
            ctx.audit(d, tx, AuditRecord.created(ENTITY, created.id(), created).affecting(Impact.nothing()));
            return new IssuedApiKey(created, parts.plaintext());
        });
    }

    @Override
    public Optional<ApiKey> find(ApiKeyId id) {
        Validate.notNull("id", id);
        return ctx.read(d -> Optional.ofNullable(d.apiKeys.get(id)));
    }

    @Override
    public List<ApiKey> list() {
        return ctx.read(d -> d.apiKeys.values().stream().sorted(ORDER).toList());
    }

    @Override
    public ApiKey revoke(ApiKeyId id) {
        Validate.notNull("id", id);
        return ctx.write((d, tx) -> {
            ApiKey stored = d.apiKeys.get(id);
            if (stored == null) {
                throw new NotFoundException(ENTITY, id);
            }
            if (stored.revokedAt().isPresent()) {
                return stored;
            }
            ApiKey revoked = stored.revoked(Validate.instant("now", ctx.now()));
            tx.put(d.apiKeys, id, revoked);
            ctx.audit(d, tx, AuditRecord.of(ENTITY + ".revoke", ENTITY, id, stored, revoked).affecting(Impact.nothing()));
            return revoked;
        });
    }
}
