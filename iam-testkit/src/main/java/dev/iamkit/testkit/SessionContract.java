package dev.iamkit.testkit;

import static dev.iamkit.testkit.TenantFixtures.assertNotFound;
import static dev.iamkit.testkit.TenantFixtures.assertValidation;
import static dev.iamkit.testkit.TenantFixtures.unknownOrgId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.model.IssuedSession;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Session;
import dev.iamkit.model.SessionId;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.store.SessionStore;
import dev.iamkit.support.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sessions()}: refresh tokens shown once, rotated on each refresh, a replayed old token
 * revoking the session; expiry by the injected clock; revocation one by one and all at once.
 */
public abstract class SessionContract extends ContractBase {
    private static final Duration DAY = Duration.ofDays(1);
    private User user;

    @BeforeEach
    void scenario() {
        user = data.user();
    }

    private SessionStore sessions() {
        return db.sessions();
    }

    private IssuedSession start(UserId u) {
        return sessions().create(NewSession.of(u, clock.instant().plus(DAY)));
    }

    private void assertRejected(String token) {
        assertThatThrownBy(() -> sessions().refresh(token)).isInstanceOf(InvalidCredentialsException.class)
                .satisfies(e -> assertThat(token == null || token.isEmpty() || !e.getMessage().contains(token)).isTrue());
    }

    @Test
    void createReturnsTheSessionAndAPrefixedRandomTokenOnce() {
        OrgId org = data.org().id();
        Instant now = clock.instant();
        IssuedSession issued = sessions().create(NewSession.of(user.id(), now.plus(DAY)).withOrg(org)
                .withClient(" Ana's laptop ", "203.0.113.7", "Mozilla/5.0"));

        Session s = issued.session();
        assertThat(s.userId()).isEqualTo(user.id());
        assertThat(s.orgId()).contains(org);
        assertThat(s.deviceName()).contains("Ana's laptop");
        assertThat(s.ip()).contains("203.0.113.7");
        assertThat(s.userAgent()).contains("Mozilla/5.0");
        assertThat(s.createdAt()).isEqualTo(now);
        assertThat(s.lastSeenAt()).isEqualTo(now);
        assertThat(s.expiresAt()).isEqualTo(now.plus(DAY));
        assertThat(s.revokedAt()).isEmpty();
        assertThat(issued.refreshToken()).startsWith(Secrets.REFRESH_PREFIX).hasSize(Secrets.REFRESH_PREFIX.length() + 43)
                .matches("iks_[A-Za-z0-9_-]{43}");
        assertThat(issued.toString()).doesNotContain(issued.refreshToken());
        assertThat(sessions().find(s.id())).contains(s);
        assertThat(start(user.id()).refreshToken()).isNotEqualTo(issued.refreshToken());
    }

    @Test
    void refreshRotatesTheTokenAndMovesLastSeenButNotTheExpiry() {
        IssuedSession first = start(user.id());
        clock.advance(Duration.ofMinutes(5));

        IssuedSession second = sessions().refresh(first.refreshToken());

        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken()).startsWith(Secrets.REFRESH_PREFIX);
        assertThat(second.session().id()).isEqualTo(first.session().id());
        assertThat(second.session().lastSeenAt()).isEqualTo(clock.instant());
        assertThat(second.session().expiresAt()).isEqualTo(first.session().expiresAt());
        assertThat(sessions().find(first.session().id())).contains(second.session());
        clock.advance(Duration.ofMinutes(5));
        IssuedSession third = sessions().refresh(second.refreshToken());
        assertThat(third.session().lastSeenAt()).isEqualTo(clock.instant());
    }

    @Test
    void aReplayedRotatedTokenFailsAndRevokesTheWholeSession() {
        IssuedSession first = start(user.id());
        IssuedSession other = start(user.id());
        IssuedSession second = sessions().refresh(first.refreshToken());
        clock.advance(Duration.ofSeconds(30));

        assertRejected(first.refreshToken());

        Session revoked = sessions().find(first.session().id()).orElseThrow();
        assertThat(revoked.revokedAt()).contains(clock.instant());
        assertRejected(second.refreshToken());
        assertRejected(first.refreshToken());
        assertThat(sessions().listActive(user.id())).extracting(Session::id).containsExactly(other.session().id());
        assertThat(sessions().refresh(other.refreshToken()).session().id()).isEqualTo(other.session().id());
    }

    @Test
    void ofSixteenRefreshesRacingWithOneTokenExactlyOneWinsAndTheOthersCountAsReuse() throws InterruptedException {
        IssuedSession issued = start(user.id());
        var outcomes = Races.race(() -> sessions().refresh(issued.refreshToken()));

        assertThat(outcomes).filteredOn(Races.Outcome::won).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.won()).extracting(Races.Outcome::error)
                .allSatisfy(e -> assertThat(e).isInstanceOf(InvalidCredentialsException.class));
        assertThat(sessions().find(issued.session().id()).orElseThrow().revokedAt())
                .as("the losers presented a token the winner had rotated: reuse, so the session is revoked").isPresent();
    }

    @Test
    void anExpiredSessionCannotBeRefreshedAndIsNotListed() {
        IssuedSession s = start(user.id());
        clock.advance(DAY.minusSeconds(1));
        IssuedSession renewed = sessions().refresh(s.refreshToken());
        assertThat(sessions().listActive(user.id())).hasSize(1);

        clock.advance(Duration.ofSeconds(1));

        assertRejected(renewed.refreshToken());
        assertThat(sessions().listActive(user.id())).isEmpty();
        assertThat(sessions().find(s.session().id()).orElseThrow().revokedAt()).isEmpty();
    }

    @Test
    void aRevokedSessionCannotBeRefreshedAndRevokingAgainKeepsTheFirstTime() {
        IssuedSession s = start(user.id());
        Instant at = clock.instant();
        Session revoked = sessions().revoke(s.session().id());
        assertThat(revoked.revokedAt()).contains(at);
        clock.advance(Duration.ofMinutes(1));

        assertThat(sessions().revoke(s.session().id()).revokedAt()).contains(at);
        assertRejected(s.refreshToken());
        SessionId unknown = new SessionId(UUID.randomUUID());
        assertNotFound(() -> sessions().revoke(unknown), "session", unknown);
    }

    @Test
    void unknownMalformedAndMissingTokensAreRejected() {
        start(user.id());
        assertRejected(Secrets.generate(Secrets.REFRESH_PREFIX));
        assertRejected(Secrets.generate(Secrets.API_KEY_PREFIX));
        assertRejected("iks_short");
        assertRejected("iks_" + "!".repeat(43));
        assertRejected("");
        assertRejected(null);
    }

    @Test
    void listActiveIsOldestFirstAndOnlyTheUsersLiveSessions() {
        User other = data.user();
        IssuedSession a = start(user.id());
        start(other.id());
        IssuedSession b = start(user.id());
        clock.advance(Duration.ofSeconds(1));
        IssuedSession c = start(user.id());
        IssuedSession shortLived = sessions().create(NewSession.of(user.id(), clock.instant().plusSeconds(10)));
        sessions().revoke(b.session().id());
        clock.advance(Duration.ofSeconds(10));

        assertThat(sessions().listActive(user.id())).extracting(Session::id).containsExactly(a.session().id(), c.session().id());
        assertThat(sessions().listActive(new UserId(UUID.randomUUID()))).isEmpty();
        assertThat(shortLived.session().activeAt(clock.instant())).isFalse();
    }

    @Test
    void revokeAllRevokesTheUsersActiveSessionsAndCountsThem() {
        User other = data.user();
        start(user.id());
        IssuedSession b = start(user.id());
        IssuedSession c = start(user.id());
        IssuedSession keep = start(other.id());
        sessions().revoke(c.session().id());

        assertThat(sessions().revokeAll(user.id())).isEqualTo(2);

        assertThat(sessions().listActive(user.id())).isEmpty();
        assertThat(sessions().revokeAll(user.id())).isZero();
        assertRejected(b.refreshToken());
        assertThat(sessions().listActive(other.id())).extracting(Session::id).containsExactly(keep.session().id());
    }

    @Test
    void invalidInputIsRejectedNamingTheFieldAndNothingIsWritten() {
        Instant later = clock.instant().plus(DAY);
        assertValidation(() -> sessions().create(null), "session");
        assertValidation(() -> sessions().create(NewSession.of(user.id(), clock.instant())), "expiresAt");
        assertValidation(() -> sessions().create(NewSession.of(user.id(), clock.instant().minusSeconds(1))), "expiresAt");
        assertValidation(() -> NewSession.of(null, later), "userId");
        assertValidation(() -> NewSession.of(user.id(), null), "expiresAt");
        assertValidation(() -> NewSession.of(user.id(), later).withClient("x".repeat(201), null, null), "deviceName");
        assertValidation(() -> NewSession.of(user.id(), later).withClient(null, " ", null), "ip");
        assertValidation(() -> NewSession.of(user.id(), later).withClient(null, "1".repeat(46), null), "ip");
        assertValidation(() -> NewSession.of(user.id(), later).withClient(null, null, "a".repeat(1001)), "userAgent");
        assertValidation(() -> new NewSession(user.id(), null, Optional.empty(), Optional.empty(), Optional.empty(), later), "orgId");
        assertValidation(() -> sessions().listActive(null), "userId");
        assertValidation(() -> sessions().revoke(null), "id");
        assertThat(sessions().listActive(user.id())).isEmpty();
    }

    @Test
    void unknownOrDeletedUsersAndOrganizationsAreNotFoundAndNothingIsWritten() {
        Instant later = clock.instant().plus(DAY);
        UserId nobody = new UserId(UUID.randomUUID());
        OrgId nowhere = unknownOrgId();
        User gone = data.user();
        db.users().delete(gone.id());
        OrgId closed = data.org().id();
        db.organizations().delete(closed);

        assertNotFound(() -> sessions().create(NewSession.of(nobody, later)), "user", nobody);
        assertNotFound(() -> sessions().create(NewSession.of(gone.id(), later)), "user", gone.id());
        assertNotFound(() -> sessions().create(NewSession.of(user.id(), later).withOrg(nowhere)), "organization", nowhere);
        assertNotFound(() -> sessions().create(NewSession.of(user.id(), later).withOrg(closed)), "organization", closed);
        assertThat(sessions().listActive(user.id())).isEmpty();
        assertThat(sessions().listActive(gone.id())).isEmpty();
    }
}
