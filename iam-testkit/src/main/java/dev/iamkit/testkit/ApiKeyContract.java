package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.assertNotFound;
import static dev.iamkit.testkit.TenantFixtures.assertValidation;
import static dev.iamkit.testkit.TenantFixtures.auditOf;
import static dev.iamkit.testkit.TenantFixtures.unknownOrgId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.ApiKey;
import dev.iamkit.model.ApiKeyId;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.IssuedApiKey;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.User;
import dev.iamkit.store.ApiKeyStore;
import dev.iamkit.support.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code apiKeys()}: per-organization keys shown once, authenticated across organizations by
 * {@code db.apiKeys()}, revocation and expiry, last use recorded at most once a minute, audited.
 */
public abstract class ApiKeyContract extends ContractBase {
    private OrgId org;
    private OrgId other;
    private User admin;

    @BeforeEach
    void scenario() {
        org = data.org().id();
        other = data.org().id();
        admin = data.member(org);
    }

    private ApiKeyStore keys(OrgId o) {
        return db.tenant(o, Actor.user(admin.id())).apiKeys();
    }

    private IssuedApiKey make(OrgId o, String name, String... scopes) {
        return keys(o).create(new NewApiKey(name, List.of(scopes)));
    }

    private void assertRejected(String presented) {
        assertThatThrownBy(() -> db.apiKeys().authenticate(presented)).isInstanceOf(InvalidCredentialsException.class)
                .satisfies(e -> assertThat(presented == null || presented.isEmpty() || !e.getMessage().contains(presented)).isTrue());
    }

    @Test
    void createReturnsTheKeyAndItsPlaintextOnce() {
        Instant now = clock.instant();
        IssuedApiKey issued = keys(org).create(new NewApiKey(" CI deploys ", List.of("invoices:write", "invoices:read"))
                .expiringAt(now.plus(Duration.ofDays(30))));

        ApiKey k = issued.key();
        assertThat(k.orgId()).isEqualTo(org);
        assertThat(k.name()).isEqualTo("CI deploys");
        assertThat(k.scopes()).containsExactly("invoices:read", "invoices:write");
        assertThat(k.createdBy()).isEqualTo("user:" + admin.id());
        assertThat(k.createdAt()).isEqualTo(now);
        assertThat(k.expiresAt()).contains(now.plus(Duration.ofDays(30)));
        assertThat(k.lastUsedAt()).isEmpty();
        assertThat(k.revokedAt()).isEmpty();
        assertThat(issued.plaintext()).matches("ikk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}").startsWith("ikk_" + k.lookupId() + "_");
        assertThat(issued.toString()).doesNotContain(issued.plaintext());
        assertThat(keys(org).find(k.id())).contains(k);
        assertThat(keys(org).list()).containsExactly(k);
        assertThat(make(org, "second").plaintext()).isNotEqualTo(issued.plaintext());
    }

    @Test
    void authenticateFindsTheKeyInWhicheverOrganizationItBelongsTo() {
        IssuedApiKey a = make(org, "a", "read");
        IssuedApiKey b = make(other, "b", "write");

        ApiKey found = db.apiKeys().authenticate(a.plaintext());
        assertThat(found.id()).isEqualTo(a.key().id());
        assertThat(found.orgId()).isEqualTo(org);
        assertThat(found.scopes()).containsExactly("read");
        assertThat(db.apiKeys().authenticate(b.plaintext()).orgId()).isEqualTo(other);
    }

    @Test
    void revokedExpiredUnknownAndAlteredKeysAreRejected() {
        IssuedApiKey revoked = make(org, "revoked");
        IssuedApiKey expiring = keys(org).create(new NewApiKey("expiring", List.of()).expiringAt(clock.instant().plusSeconds(60)));
        IssuedApiKey good = make(org, "good");
        keys(org).revoke(revoked.key().id());

        assertRejected(revoked.plaintext());
        assertThat(db.apiKeys().authenticate(expiring.plaintext()).id()).isEqualTo(expiring.key().id());
        clock.advance(Duration.ofSeconds(60));
        assertRejected(expiring.plaintext());

        String p = good.plaintext();
        String altered = p.substring(0, p.length() - 1) + (p.endsWith("A") ? "B" : "A");
        assertRejected(altered);
        assertRejected(Secrets.newApiKey().plaintext());
        assertRejected(Secrets.generate(Secrets.REFRESH_PREFIX));
        assertRejected("ikk_short");
        assertRejected("");
        assertRejected(null);
        assertThat(db.apiKeys().authenticate(p).id()).isEqualTo(good.key().id());
    }

    @Test
    void lastUseIsRecordedAtMostOnceAMinute() {
        IssuedApiKey k = make(org, "busy");
        Instant first = clock.instant();
        assertThat(db.apiKeys().authenticate(k.plaintext()).lastUsedAt()).contains(first);

        clock.advance(Duration.ofSeconds(59));
        assertThat(db.apiKeys().authenticate(k.plaintext()).lastUsedAt()).contains(first);
        assertThat(keys(org).find(k.key().id()).orElseThrow().lastUsedAt()).contains(first);

        clock.advance(Duration.ofSeconds(2));
        Instant later = clock.instant();
        assertThat(db.apiKeys().authenticate(k.plaintext()).lastUsedAt()).contains(later);
        assertThat(keys(org).find(k.key().id()).orElseThrow().lastUsedAt()).contains(later);
    }

    @Test
    void anotherOrganizationNeitherSeesNorRevokesAKey() {
        IssuedApiKey k = make(org, "mine");
        make(other, "theirs");

        assertThat(keys(other).find(k.key().id())).isEmpty();
        assertThat(keys(other).list()).extracting(ApiKey::name).containsExactly("theirs");
        assertNotFound(() -> keys(other).revoke(k.key().id()), "api_key", k.key().id());
        assertThat(db.apiKeys().authenticate(k.plaintext()).revokedAt()).isEmpty();
    }

    @Test
    void creatingAndRevokingAreAuditedWithoutTheSecretAndRevokingTwiceKeepsTheFirstTime() {
        IssuedApiKey k = make(org, "audited", "read");
        Instant at = clock.instant();
        assertThat(keys(org).revoke(k.key().id()).revokedAt()).contains(at);
        clock.advance(Duration.ofMinutes(1));
        assertThat(keys(org).revoke(k.key().id()).revokedAt()).contains(at);

        List<AuditEvent> events = auditOf(db, org).stream().filter(e -> e.targetType().equals("api_key")).toList();
        assertThat(events).extracting(AuditEvent::action).containsExactly("api_key.create", "api_key.revoke");
        assertThat(events).extracting(AuditEvent::actor).containsOnly("user:" + admin.id());
        assertThat(events).extracting(AuditEvent::targetId).containsOnly(k.key().id().toString());
        String secret = k.plaintext().substring(("ikk_" + k.key().lookupId() + "_").length());
        assertThat(events).allSatisfy(e -> assertThat(e.before().orElse("") + e.after().orElse("")).doesNotContain(secret));
    }

    @Test
    void listIsOldestFirst() {
        IssuedApiKey a = make(org, "a");
        clock.advance(Duration.ofSeconds(1));
        IssuedApiKey b = make(org, "b");
        IssuedApiKey c = make(org, "c");
        keys(org).revoke(b.key().id());
        assertThat(keys(org).list()).extracting(ApiKey::id).containsExactly(a.key().id(), b.key().id(), c.key().id());
    }

    @Test
    void invalidInputIsRejectedNamingTheFieldAndNothingIsWritten() {
        int events = auditOf(db, org).size();
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= NewApiKey.SCOPES_MAX; i++) {
            tooMany.add("s" + i);
        }
        assertValidation(() -> keys(org).create(null), "key");
        assertValidation(() -> new NewApiKey(" ", List.of()), "name");
        assertValidation(() -> new NewApiKey("x".repeat(201), List.of()), "name");
        assertValidation(() -> new NewApiKey("k", List.of("Bad Scope")), "scopes");
        assertValidation(() -> new NewApiKey("k", Collections.singletonList(null)), "scopes");
        assertValidation(() -> new NewApiKey("k", (List<String>) null), "scopes");
        assertValidation(() -> new NewApiKey("k", tooMany), "scopes");
        assertValidation(() -> new NewApiKey("k", null, Optional.empty()), "scopes");
        assertValidation(() -> keys(org).create(new NewApiKey("k", List.of()).expiringAt(clock.instant())), "expiresAt");
        assertValidation(() -> keys(org).find(null), "id");
        assertValidation(() -> keys(org).revoke(null), "id");
        assertThat(keys(org).list()).isEmpty();
        assertThat(auditOf(db, org)).hasSize(events);
        ApiKeyId unknown = new ApiKeyId(UUID.randomUUID());
        assertNotFound(() -> keys(org).revoke(unknown), "api_key", unknown);
        OrgId nowhere = unknownOrgId();
        assertNotFound(() -> make(nowhere, "k"), "organization", nowhere);
    }
}
