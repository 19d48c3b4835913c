package dev.iamkit.jooq;

import dev.iamkit.authz.Impact;
import static dev.iamkit.jooq.generated.Tables.API_KEY;
import static dev.iamkit.jooq.generated.Tables.API_KEY_LOOKUP;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.jooq.generated.tables.records.ApiKeyRecord;
import dev.iamkit.model.ApiKey;
import dev.iamkit.model.ApiKeyId;
import dev.iamkit.model.IssuedApiKey;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.ApiKeyStore;
import dev.iamkit.support.AuditRecord;
import dev.iamkit.support.Secrets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;

/**
 * An organization's API keys in {@code api_key}, under RLS; each key's lookup id also goes into
 * the global {@code api_key_lookup} in the same transaction, so {@link JooqApiKeyAuthenticator}
 * can find the organization of a presented key (V8).
 */
final class JooqApiKeyStore implements ApiKeyStore {
    private static final String ENTITY = "api_key";

    private final TenantContext ctx;

    JooqApiKeyStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public IssuedApiKey create(NewApiKey key) {
        Validate.notNull("key", key);
        Instant now = Validate.instant("now", ctx.now());
        key.requireExpiryAfter(now);
        return ctx.write(sql -> {
            Secrets.ApiKeyParts parts = Secrets.newApiKey();
            ApiKey created = new ApiKey(new ApiKeyId(Uuid7.next(ctx.clock)), ctx.org, key.name(), parts.lookupId(), key.scopes(),
                    ctx.actor.label(), now, key.expiresAt(), Optional.empty(), Optional.empty());
            ApiKeyRecord r = record(created);
            r.setDigest(Secrets.sha256(parts.plaintext()));
            // The audit's counter upsert comes first: its foreign key reports a missing organization.
            ctx.audit(sql, AuditRecord.created(ENTITY, created.id(), created).affecting(Impact.nothing()));
            sql.insertInto(API_KEY).set(r).execute();
            sql.insertInto(API_KEY_LOOKUP).set(API_KEY_LOOKUP.LOOKUP_ID, parts.lookupId()).set(API_KEY_LOOKUP.KEY_ORG_ID, ctx.org.value())
                    .set(API_KEY_LOOKUP.KEY_ID, created.id().value()).execute();
            return new IssuedApiKey(created, parts.plaintext());
        });
    }

    @Override
    public Optional<ApiKey> find(ApiKeyId id) {
        Validate.notNull("id", id);
        return ctx.find(API_KEY, API_KEY.ID, id.value()).map(JooqApiKeyStore::key);
    }

    @Override
    public List<ApiKey> list() {
        return ctx.read(sql -> sql.selectFrom(API_KEY).where(own()).orderBy(API_KEY.CREATED_AT, API_KEY.ID).fetch(JooqApiKeyStore::key));
    }

    @Override
    public ApiKey revoke(ApiKeyId id) {
        Validate.notNull("id", id);
        return ctx.write(sql -> {
            ApiKey stored = sql.selectFrom(API_KEY).where(own(), API_KEY.ID.eq(id.value())).forUpdate().fetchOptional()
                    .map(JooqApiKeyStore::key).orElseThrow(() -> new NotFoundException(ENTITY, id));
            if (stored.revokedAt().isPresent()) {
                return ctx.unchanged(sql, stored);
            }
            ApiKey revoked = stored.revoked(Validate.instant("now", ctx.now()));
            sql.update(API_KEY).set(API_KEY.REVOKED_AT, Times.db(revoked.revokedAt())).where(own(), API_KEY.ID.eq(id.value())).execute();
            ctx.audit(sql, AuditRecord.of(ENTITY + ".revoke", ENTITY, id, stored, revoked).affecting(Impact.nothing()));
            return revoked;
        });
    }

    private Condition own() {
        return API_KEY.ORG_ID.eq(ctx.org.value());
    }

    private static ApiKeyRecord record(ApiKey k) {
        ApiKeyRecord r = new ApiKeyRecord();
        r.setOrgId(k.orgId().value());
        r.setId(k.id().value());
        r.setName(k.name());
        r.setLookupId(k.lookupId());
        r.setScopes(k.scopes().toArray(String[]::new));
        r.setCreatedBy(k.createdBy());
        r.setCreatedAt(Times.db(k.createdAt()));
        r.setExpiresAt(Times.db(k.expiresAt()));
        r.setLastUsedAt(Times.db(k.lastUsedAt()));
        r.setRevokedAt(Times.db(k.revokedAt()));
        return r;
    }

    static ApiKey key(ApiKeyRecord r) {
        return new ApiKey(new ApiKeyId(r.getId()), new OrgId(r.getOrgId()), r.getName(), r.getLookupId(), NewApiKey.scopes("scopes",
                Arrays.asList(r.getScopes())), r.getCreatedBy(), Times.api(r.getCreatedAt()), Times.opt(r.getExpiresAt()),
                Times.opt(r.getLastUsedAt()), Times.opt(r.getRevokedAt()));
    }
}
