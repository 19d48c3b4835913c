package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.API_KEY;
import static dev.iamkit.jooq.generated.Tables.API_KEY_LOOKUP;

import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.jooq.generated.tables.records.ApiKeyLookupRecord;
import dev.iamkit.jooq.generated.tables.records.ApiKeyRecord;
import dev.iamkit.model.ApiKey;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Validate;
import dev.iamkit.store.ApiKeyAuthenticator;
import dev.iamkit.support.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * One transaction: the global {@code api_key_lookup} names the key's organization, which is then
 * set with {@code SET LOCAL} so the key itself is read under RLS like any tenant row (V8).
 */
final class JooqApiKeyAuthenticator implements ApiKeyAuthenticator {
    private final Sql sql;
    private final Clock clock;

    JooqApiKeyAuthenticator(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public ApiKey authenticate(String presented) {
        Secrets.PresentedKey p = Secrets.parseApiKey(presented);
        Optional<ApiKey> found = sql.global(Scope.IDENTITY, ctx -> {
            ApiKeyLookupRecord ref = ctx.selectFrom(API_KEY_LOOKUP).where(API_KEY_LOOKUP.LOOKUP_ID.eq(p.lookupId())).fetchOne();
            if (ref == null) {
                return Optional.<ApiKey>empty();
            }
            OrgId org = new OrgId(ref.getKeyOrgId());
            ctx.connection(c -> Sql.setTenant(c, org));
            ApiKeyRecord r = ctx.selectFrom(API_KEY).where(API_KEY.ORG_ID.eq(org.value()), API_KEY.ID.eq(ref.getKeyId())).fetchOne();
            Instant now = Validate.instant("now", clock.instant());
            if (r == null || !Secrets.same(r.getDigest(), p.digest())) {
                return Optional.<ApiKey>empty();
            }
            ApiKey key = JooqApiKeyStore.key(r);
            if (!key.activeAt(now)) {
                return Optional.<ApiKey>empty();
            }
            if (key.useDueAt(now)) {
                key = key.usedAt(now);
                ctx.update(API_KEY).set(API_KEY.LAST_USED_AT, Times.db(now))
                        .where(API_KEY.ORG_ID.eq(org.value()), API_KEY.ID.eq(key.id().value())).execute();
            }
            return Optional.of(key);
        });
        return found.orElseThrow(() -> new InvalidCredentialsException("API key is not valid"));
    }
}
