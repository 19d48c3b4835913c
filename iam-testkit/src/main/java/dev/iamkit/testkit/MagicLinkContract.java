package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.IssuedMagicLink;
import dev.iamkit.model.MagicLinkChallenge;
import dev.iamkit.model.MagicLinkId;
import dev.iamkit.store.MagicLinkStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One-time challenges: consumed exactly once, counted wrong tokens and lockout, expiry, validation. */
public abstract class MagicLinkContract extends ContractBase {
    private static final Duration TTL = Duration.ofMinutes(15);

    private MagicLinkStore links() {
        return db.magicLinks();
    }

    private IssuedMagicLink issue() {
        return links().create("Ana@Example.com", "login", TTL);
    }

    @Test
    void createReturnsAPendingChallengeAndItsTokenOnce() {
        IssuedMagicLink issued = issue();
        MagicLinkChallenge c = issued.challenge();

        assertThat(issued.token()).startsWith("iml_").hasSize(4 + 43).matches("iml_[A-Za-z0-9_-]{43}");
        assertThat(issued.toString()).doesNotContain(issued.token());
        assertThat(c.email()).isEqualTo("ana@example.com");
        assertThat(c.purpose()).isEqualTo("login");
        assertThat(c.createdAt()).isEqualTo(clock.instant());
        assertThat(c.expiresAt()).isEqualTo(clock.instant().plus(TTL));
        assertThat(c.consumedAt()).isEmpty();
        assertThat(c.failedAttempts()).isZero();
        assertThat(links().find(c.id())).contains(c);
        assertThat(issue().token()).isNotEqualTo(issued.token());
    }

    @Test
    void theRightTokenConsumesTheChallengeExactlyOnce() {
        IssuedMagicLink issued = issue();
        clock.advance(Duration.ofMinutes(3));

        MagicLinkChallenge consumed = links().consume(issued.challenge().id(), issued.token());

        assertThat(consumed.consumedAt()).contains(clock.instant());
        assertThat(links().find(issued.challenge().id())).contains(consumed);
        assertThatThrownBy(() -> links().consume(issued.challenge().id(), issued.token()))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("already been used");
    }

    @Test
    void ofSixteenRacingConsumersExactlyOneSucceeds() throws Exception {
        IssuedMagicLink issued = issue();

        List<Races.Outcome<MagicLinkChallenge>> outcomes = Races.race(() -> links().consume(issued.challenge().id(), issued.token()));

        assertThat(outcomes).filteredOn(Races.Outcome::won).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.won()).hasSize(Races.THREADS - 1)
                .allSatisfy(o -> assertThat(o.error()).isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("already been used"));
        assertThat(links().find(issued.challenge().id()).orElseThrow().failedAttempts()).isZero();
    }

    @Test
    void wrongTokensAreCountedAndTheChallengeLocksAtTheLimit() {
        IssuedMagicLink issued = issue();
        MagicLinkId id = issued.challenge().id();
        String otherToken = issue().token();

        for (int i = 1; i < MagicLinkStore.MAX_FAILED_ATTEMPTS; i++) {
            assertThatThrownBy(() -> links().consume(id, otherToken)).isInstanceOf(InvalidCredentialsException.class)
                    .hasMessage("the magic link is invalid");
            assertThat(links().find(id).orElseThrow().failedAttempts()).isEqualTo(i);
        }
        assertThatThrownBy(() -> links().consume(id, "iml_guess")).isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("now locked");
        assertThat(links().find(id).orElseThrow().locked()).isTrue();

        assertThatThrownBy(() -> links().consume(id, issued.token())).isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("locked");
        assertThat(links().find(id).orElseThrow().failedAttempts()).isEqualTo(MagicLinkStore.MAX_FAILED_ATTEMPTS);
        assertThat(links().find(id).orElseThrow().consumedAt()).isEmpty();
    }

    @Test
    void fewerWrongTokensThanTheLimitLeaveTheChallengeUsable() {
        IssuedMagicLink issued = issue();
        MagicLinkId id = issued.challenge().id();
        for (int i = 1; i < MagicLinkStore.MAX_FAILED_ATTEMPTS; i++) {
            assertThatThrownBy(() -> links().consume(id, "wrong")).isInstanceOf(InvalidCredentialsException.class);
        }

        assertThat(links().consume(id, issued.token()).failedAttempts()).isEqualTo(MagicLinkStore.MAX_FAILED_ATTEMPTS - 1);
    }

    @Test
    void sixteenRacingWrongTokensCountUpToTheLimitExactly() throws Exception {
        IssuedMagicLink issued = issue();
        MagicLinkId id = issued.challenge().id();

        List<Races.Outcome<MagicLinkChallenge>> outcomes = Races.race(() -> links().consume(id, "wrong"));

        assertThat(outcomes).noneMatch(Races.Outcome::won)
                .allSatisfy(o -> assertThat(o.error()).isInstanceOf(InvalidCredentialsException.class));
        assertThat(outcomes).filteredOn(o -> o.error().getMessage().startsWith("the magic link is invalid"))
                .hasSize(MagicLinkStore.MAX_FAILED_ATTEMPTS);
        assertThat(links().find(id).orElseThrow().failedAttempts()).isEqualTo(MagicLinkStore.MAX_FAILED_ATTEMPTS);
    }

    @Test
    void aChallengeExpiresAtItsExpiryAndWrongTokensAreThenNotCounted() {
        IssuedMagicLink early = issue();
        IssuedMagicLink late = issue();
        clock.advance(TTL.minusMillis(1));
        assertThat(links().consume(early.challenge().id(), early.token()).consumedAt()).isPresent();

        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> links().consume(late.challenge().id(), late.token()))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> links().consume(late.challenge().id(), "wrong"))
                .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("expired");
        assertThat(links().find(late.challenge().id()).orElseThrow().failedAttempts()).isZero();
    }

    @Test
    void anUnknownChallengeIsInvalidCredentials() {
        IssuedMagicLink issued = issue();
        MagicLinkId unknown = MagicLinkId.parse("01890000-0000-7000-8000-000000000000");

        assertThatThrownBy(() -> links().consume(unknown, issued.token()))
                .isInstanceOf(InvalidCredentialsException.class).hasMessage("the magic link is invalid");
        assertThat(links().find(unknown)).isEmpty();
        assertThat(links().find(issued.challenge().id()).orElseThrow().consumedAt()).isEmpty();
    }

    @Test
    void invalidInputIsRefusedNamingTheField() {
        assertInvalid("email", () -> links().create("not-an-email", "login", TTL));
        assertInvalid("email", () -> links().create(null, "login", TTL));
        assertInvalid("purpose", () -> links().create("ana@example.com", "", TTL));
        assertInvalid("purpose", () -> links().create("ana@example.com", "Log In", TTL));
        assertInvalid("ttl", () -> links().create("ana@example.com", "login", Duration.ZERO));
        assertInvalid("ttl", () -> links().create("ana@example.com", "login", Duration.ofSeconds(-5)));
        assertInvalid("ttl", () -> links().create("ana@example.com", "login", MagicLinkStore.TTL_MAX.plusSeconds(1)));
        assertInvalid("ttl", () -> links().create("ana@example.com", "login", null));
        IssuedMagicLink issued = issue();
        assertInvalid("id", () -> links().consume(null, issued.token()));
        assertInvalid("token", () -> links().consume(issued.challenge().id(), null));

        assertThat(links().find(issued.challenge().id()).orElseThrow().failedAttempts()).isZero();
        assertThat(links().create("ana@example.com", "login", MagicLinkStore.TTL_MAX).challenge().expiresAt())
                .isEqualTo(Instant.parse("2030-01-08T00:00:00Z"));
    }

    private static void assertInvalid(String field, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
