package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keyed tenant work ({@code inTenant(org, actor, key, codec, work)}): made at most once per key
 * and organization, the key recorded in the work's own transaction, a repeated call answered with
 * the first result and nothing written, keys forgotten after {@link IdempotencyKey#RETENTION}.
 */
public abstract class IdempotencyContract extends ContractBase {
    private static final ResultCodec<RoleId> ROLE_ID = ResultCodec.of(RoleId::toString, RoleId::parse);

    private AccessFixtures fx;
    private OrgId org;

    @BeforeEach
    void scenario() {
        fx = new AccessFixtures(db, data);
        org = data.org().id();
    }

    private RoleId createRole(OrgId in, IdempotencyKey key, String code, AtomicInteger runs) {
        return db.inTenant(in, Actor.system(), key, ROLE_ID, tx -> {
            runs.incrementAndGet();
            return tx.roles().create(new NewRole(code, "Role " + code)).id();
        });
    }

    private List<String> roleCodes(OrgId in) {
        return db.tenant(in).roles().list(PageRequest.first()).items().stream().map(Role::code).toList();
    }

    @Test
    void aSecondCallWithTheSameKeyReturnsTheFirstResultAndWritesNothing() {
        IdempotencyKey key = IdempotencyKey.of("order-4711");
        AtomicInteger runs = new AtomicInteger();
        RoleId first = createRole(org, key, "clerk", runs);
        int events = fx.audit(org).size();
        long revision = db.tenant(org).revision().value();

        RoleId again = createRole(org, key, "other", runs);

        assertThat(again).isEqualTo(first);
        assertThat(runs).hasValue(1);
        assertThat(roleCodes(org)).containsExactly("clerk");
        assertThat(fx.audit(org)).hasSize(events);
        assertThat(db.tenant(org).revision().value()).isEqualTo(revision);
    }

    @Test
    void aRepeatedCreateIsAnsweredWithTheFirstResultNotAnAlreadyExistsException() {
        IdempotencyKey key = IdempotencyKey.of("create-clerk");
        AtomicInteger runs = new AtomicInteger();
        RoleId first = createRole(org, key, "clerk", runs);

        assertThat(createRole(org, key, "clerk", runs)).isEqualTo(first);
        assertThat(createRole(org, key, "clerk", runs)).isEqualTo(first);
        assertThat(runs).hasValue(1);
    }

    @Test
    void workThatThrowsRecordsNoKeySoTheNextCallRunsIt() {
        IdempotencyKey key = IdempotencyKey.of("flaky");
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), key, ROLE_ID, tx -> {
            runs.incrementAndGet();
            tx.roles().create(new NewRole("doomed", "Doomed"));
            throw new IllegalStateException("the work failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(roleCodes(org)).isEmpty();

        RoleId made = createRole(org, key, "clerk", runs);

        assertThat(runs).hasValue(2);
        assertThat(db.tenant(org).roles().find(made)).isPresent();
        assertThat(roleCodes(org)).containsExactly("clerk");
    }

    @Test
    void keysBelongToOneOrganization() {
        OrgId other = data.org().id();
        IdempotencyKey key = IdempotencyKey.of("same-key");
        AtomicInteger runs = new AtomicInteger();

        RoleId here = createRole(org, key, "clerk", runs);
        RoleId there = createRole(other, key, "clerk", runs);

        assertThat(there).isNotEqualTo(here);
        assertThat(runs).hasValue(2);
        assertThat(roleCodes(org)).containsExactly("clerk");
        assertThat(roleCodes(other)).containsExactly("clerk");
    }

    @Test
    void keysAreComparedExactly() {
        AtomicInteger runs = new AtomicInteger();
        createRole(org, IdempotencyKey.of("Key"), "role-a", runs);
        createRole(org, IdempotencyKey.of("key"), "role-b", runs);
        createRole(org, IdempotencyKey.of("key "), "role-c", runs);

        assertThat(runs).hasValue(3);
        assertThat(roleCodes(org)).containsExactlyInAnyOrder("role-a", "role-b", "role-c");
    }

    @Test
    void aKeyIsRememberedForTheRetentionAndThenNamesANewChange() {
        IdempotencyKey key = IdempotencyKey.of("daily-sync");
        AtomicInteger runs = new AtomicInteger();
        RoleId first = createRole(org, key, "first", runs);

        clock.advance(IdempotencyKey.RETENTION.minusSeconds(1));
        assertThat(createRole(org, key, "second", runs)).isEqualTo(first);
        assertThat(runs).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        RoleId later = createRole(org, key, "second", runs);
        assertThat(later).isNotEqualTo(first);
        assertThat(runs).hasValue(2);
        assertThat(createRole(org, key, "third", runs)).isEqualTo(later);
        assertThat(roleCodes(org)).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void workThatWritesNothingStillRecordsItsKey() {
        IdempotencyKey key = IdempotencyKey.of("read-only");
        AtomicInteger runs = new AtomicInteger();
        ResultCodec<String> text = ResultCodec.text();

        String first = db.inTenant(org, Actor.system(), key, text, tx -> {
            runs.incrementAndGet();
            return "roles: " + tx.roles().list(PageRequest.first()).items().size();
        });
        data.role(org);
        String again = db.inTenant(org, Actor.system(), key, text, tx -> {
            runs.incrementAndGet();
            return "roles: " + tx.roles().list(PageRequest.first()).items().size();
        });

        assertThat(first).isEqualTo("roles: 0");
        assertThat(again).isEqualTo("roles: 0");
        assertThat(runs).hasValue(1);
    }

    @Test
    void theFirstCallReturnsTheWorksOwnResultAndARepeatedCallTheDecodedText() {
        IdempotencyKey key = IdempotencyKey.of("codec");
        Object own = new Object();
        ResultCodec<Object> codec = ResultCodec.of(o -> "kept", text -> "decoded from " + text);

        assertThat(db.inTenant(org, Actor.system(), key, codec, tx -> own)).isSameAs(own);
        assertThat(db.inTenant(org, Actor.system(), key, codec, tx -> own)).isEqualTo("decoded from kept");
    }

    @Test
    void aNullResultAndTheNoneCodecGiveNullAgain() {
        AtomicInteger runs = new AtomicInteger();
        ResultCodec<Void> none = ResultCodec.none();
        IdempotencyKey key = IdempotencyKey.of("void");
        assertThat(db.inTenant(org, Actor.system(), key, none, tx -> {
            runs.incrementAndGet();
            tx.roles().create(new NewRole("clerk", "Clerk"));
            return null;
        })).isNull();
        assertThat(db.inTenant(org, Actor.system(), key, none, tx -> {
            runs.incrementAndGet();
            return null;
        })).isNull();

        IdempotencyKey nullKey = IdempotencyKey.of("null-result");
        assertThat(db.inTenant(org, Actor.system(), nullKey, ROLE_ID, tx -> null)).isNull();
        assertThat(db.inTenant(org, Actor.system(), nullKey, ROLE_ID, tx -> RoleId.of(UUID.randomUUID()))).isNull();
        assertThat(runs).hasValue(1);
    }

    @Test
    void concurrentCallsWithOneKeyRunTheWorkOnceAndAllReturnItsResult() throws InterruptedException {
        IdempotencyKey key = IdempotencyKey.of("race");
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger codes = new AtomicInteger();

        List<Races.Outcome<RoleId>> outcomes = Races.race(() -> createRole(org, key, "racer-" + codes.incrementAndGet(), runs));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).as("error").isNull());
        Set<RoleId> results = outcomes.stream().map(Races.Outcome::value).collect(Collectors.toSet());
        assertThat(results).hasSize(1);
        assertThat(runs).hasValue(1);
        assertThat(roleCodes(org)).hasSize(1);
        assertThat(db.tenant(org).roles().find(results.iterator().next())).isPresent();
    }

    @Test
    void anOrganizationThatDoesNotExistIsNotFoundAndTheWorkDoesNotRun() {
        AtomicInteger runs = new AtomicInteger();
        OrgId nowhere = OrgId.of(UUID.randomUUID());

        assertThatThrownBy(() -> createRole(nowhere, IdempotencyKey.of("k"), "clerk", runs))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("organization");
                    assertThat(e.id()).isEqualTo(nowhere.toString());
                });
        assertThat(runs).hasValue(0);
    }

    @Test
    void malformedKeysAreRefusedNamingTheKey() {
        for (String bad : new String[] {null, "", "x".repeat(IdempotencyKey.MAX_LENGTH + 1), "line\nbreak", "nul\0", "lone\uD800", "\uDC00"}) {
            assertThatThrownBy(() -> IdempotencyKey.of(bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("idempotencyKey"));
        }
        assertThat(IdempotencyKey.of("x".repeat(IdempotencyKey.MAX_LENGTH)).value()).hasSize(IdempotencyKey.MAX_LENGTH);
        assertThat(IdempotencyKey.of("ключ-\uD83D\uDD11 with spaces").value()).isEqualTo("ключ-\uD83D\uDD11 with spaces");
    }

    @Test
    void missingArgumentsAreRefusedNamingThemAndNothingRuns() {
        AtomicInteger runs = new AtomicInteger();
        IdempotencyKey key = IdempotencyKey.of("k");
        assertField("orgId", () -> db.inTenant(null, Actor.system(), key, ROLE_ID, tx -> null));
        assertField("actor", () -> db.inTenant(org, null, key, ROLE_ID, tx -> null));
        assertField("idempotencyKey", () -> db.inTenant(org, Actor.system(), null, ROLE_ID, tx -> null));
        assertField("codec", () -> db.inTenant(org, Actor.system(), key, null, tx -> {
            runs.incrementAndGet();
            return null;
        }));
        assertField("work", () -> db.inTenant(org, Actor.system(), key, ROLE_ID, null));
        assertThat(runs).hasValue(0);
    }

    @Test
    void aResultThatCannotBeKeptIsAValidationExceptionAndNothingIsWritten() {
        IdempotencyKey key = IdempotencyKey.of("unkeepable");
        AtomicInteger runs = new AtomicInteger();
        for (String unkeepable : new String[] {"nul\0inside", "lone\uD800", "x".repeat(1_000_001)}) {
            assertField("result", () -> db.inTenant(org, Actor.system(), key, ResultCodec.<String>of(r -> unkeepable, t -> t), tx -> {
                runs.incrementAndGet();
                tx.roles().create(new NewRole("clerk", "Clerk"));
                return "made";
            }));
        }
        assertThat(roleCodes(org)).isEmpty();
        assertThat(createRole(org, key, "clerk", runs)).isNotNull();
        assertThat(runs).hasValue(4);
    }

    private static void assertField(String field, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).as(field).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
