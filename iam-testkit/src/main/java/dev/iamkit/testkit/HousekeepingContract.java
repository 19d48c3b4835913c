package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.model.CleanupReport;
import dev.iamkit.model.IssuedMagicLink;
import dev.iamkit.model.IssuedSession;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.UserId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code housekeeping().cleanup()} removes exactly what can no longer be used, and counts it. */
public abstract class HousekeepingContract extends ContractBase {

    @Test
    void cleanupDeletesExpiredRevokedAndConsumedThingsAndLeavesUsableOnes() {
        UserId ana = data.user().id();
        IssuedSession shortLived = db.sessions().create(NewSession.of(ana, clock.instant().plus(Duration.ofMinutes(10))));
        IssuedSession revoked = db.sessions().create(NewSession.of(ana, clock.instant().plus(Duration.ofDays(30))));
        IssuedSession active = db.sessions().create(NewSession.of(ana, clock.instant().plus(Duration.ofDays(30))));
        db.sessions().revoke(revoked.session().id());

        IssuedMagicLink quick = db.magicLinks().create("ana@example.com", "login", Duration.ofMinutes(5));
        IssuedMagicLink used = db.magicLinks().create("ana@example.com", "login", Duration.ofHours(1));
        IssuedMagicLink open = db.magicLinks().create("ana@example.com", "login", Duration.ofHours(1));
        db.magicLinks().consume(used.challenge().id(), used.token());

        db.rateLimits().hit("short", 5, Duration.ofMinutes(1));
        db.rateLimits().hit("long", 5, Duration.ofDays(1));
        db.rateLimits().hit("long", 5, Duration.ofDays(1));

        clock.advance(Duration.ofMinutes(15));   // the 10-minute session, the 5-minute link and the 1-minute window are over
        assertThat(db.housekeeping().cleanup()).isEqualTo(new CleanupReport(2, 2, 1));
        assertThat(db.housekeeping().cleanup()).as("nothing left to remove").isEqualTo(new CleanupReport(0, 0, 0));

        assertThat(db.sessions().find(shortLived.session().id())).isEmpty();
        assertThat(db.sessions().find(revoked.session().id())).isEmpty();
        assertThat(db.sessions().refresh(active.refreshToken()).session().id()).isEqualTo(active.session().id());
        assertThat(db.magicLinks().find(quick.challenge().id())).isEmpty();
        assertThatThrownBy(() -> db.magicLinks().consume(used.challenge().id(), used.token())).isInstanceOf(InvalidCredentialsException.class);
        assertThat(db.magicLinks().consume(open.challenge().id(), open.token()).consumedAt()).isPresent();
        assertThat(db.rateLimits().hit("long", 5, Duration.ofDays(1)).remaining()).as("the live window kept its count").isEqualTo(2);
    }

    /** A window ends at its reset time: kept a moment before it, removed from then on. */
    @Test
    void aRateLimitWindowIsRemovedExactlyWhenItEnds() {
        Instant resetAt = db.rateLimits().hit("edge", 5, Duration.ofMinutes(1)).resetAt();
        clock.advance(Duration.between(clock.instant(), resetAt).minusMillis(1));
        assertThat(db.housekeeping().cleanup().total()).as("a millisecond before its end").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(db.housekeeping().cleanup()).as("at its end").isEqualTo(new CleanupReport(0, 0, 1));
    }

    @Test
    void aStoreWithNothingToRemoveReportsZeros() {
        CleanupReport r = db.housekeeping().cleanup();
        assertThat(r.total()).isZero();
    }
}
