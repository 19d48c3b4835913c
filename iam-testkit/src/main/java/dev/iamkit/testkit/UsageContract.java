package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.UsageValue;
import dev.iamkit.store.UsageCounters;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-organization daily counters: UTC days from the clock, ranges, exact sums under concurrency, isolation, no audit. */
public abstract class UsageContract extends ContractBase {
    private static final LocalDate D1 = LocalDate.of(2030, 1, 1);
    private OrgId org;

    @BeforeEach
    void scenario() {
        org = data.org().id();
    }

    private UsageCounters usage() {
        return db.tenant(org).usage();
    }

    @Test
    void incrementsAddUpPerMetricAndReturnTheNewValue() {
        assertThat(usage().increment("api.calls", 3)).isEqualTo(3);
        assertThat(usage().increment("api.calls", 4)).isEqualTo(7);
        assertThat(usage().increment("emails", 1)).isEqualTo(1);

        assertThat(usage().range("api.calls", D1, D1)).containsExactly(new UsageValue(D1, 7));
        assertThat(usage().range("emails", D1, D1)).containsExactly(new UsageValue(D1, 1));
        assertThat(usage().range("unknown", D1, D1)).isEmpty();
    }

    @Test
    void todayIsTheUtcDateOfTheClock() {
        clock.set(Instant.parse("2030-01-01T23:59:59.999Z"));
        usage().increment("api.calls", 1);
        clock.advance(Duration.ofMillis(1));
        usage().increment("api.calls", 5);

        assertThat(usage().range("api.calls", D1, D1.plusDays(1)))
                .containsExactly(new UsageValue(D1, 1), new UsageValue(D1.plusDays(1), 5));
    }

    @Test
    void aRangeListsTheDaysWithCountsOldestFirstBothEndsIncluded() {
        usage().increment("m1", D1.plusDays(5), 50);
        usage().increment("m1", D1.plusDays(2), 20);
        usage().increment("m1", D1, 10);
        usage().increment("m1", D1.plusDays(6), 60);

        assertThat(usage().range("m1", D1, D1.plusDays(5))).containsExactly(
                new UsageValue(D1, 10), new UsageValue(D1.plusDays(2), 20), new UsageValue(D1.plusDays(5), 50));
        assertThat(usage().range("m1", D1.plusDays(3), D1.plusDays(4))).isEmpty();
    }

    @Test
    void sixteenThreadsIncrementingOneCounterAllCount() throws Exception {
        int each = 20;
        List<Races.Outcome<Long>> outcomes = Races.race(() -> {
            long last = 0;
            for (int i = 0; i < each; i++) {
                last = usage().increment("api.calls", 2);
            }
            return last;
        });

        assertThat(outcomes).allMatch(Races.Outcome::won);
        assertThat(usage().range("api.calls", D1, D1)).containsExactly(new UsageValue(D1, 2L * each * Races.THREADS));
        assertThat(outcomes).extracting(Races.Outcome::value).contains(2L * each * Races.THREADS);
    }

    @Test
    void countersOfOneOrganizationAreInvisibleToAnother() {
        OrgId other = data.org().id();
        usage().increment("api.calls", 9);
        db.tenant(other).usage().increment("api.calls", 1);

        assertThat(usage().range("api.calls", D1, D1)).containsExactly(new UsageValue(D1, 9));
        assertThat(db.tenant(other).usage().range("api.calls", D1, D1)).containsExactly(new UsageValue(D1, 1));
        List<UsageValue> inside = db.inTenant(other, Actor.system(), tx -> tx.usage().range("api.calls", D1, D1));
        assertThat(inside).containsExactly(new UsageValue(D1, 1));
    }

    @Test
    void incrementsAreNotAuditedAndDoNotMoveTheRevision() {
        long revision = db.tenant(org).revision().value();
        long events = db.tenant(org).audit().list(PageRequest.first()).items().size();

        usage().increment("api.calls", 1);
        db.inTenant(org, Actor.system(), tx -> tx.usage().increment("api.calls", D1.plusDays(1), 2));

        assertThat(db.tenant(org).revision().value()).isEqualTo(revision);
        assertThat(db.tenant(org).audit().list(PageRequest.first()).items()).hasSize((int) events);
        assertThat(usage().range("api.calls", D1, D1.plusDays(1))).hasSize(2);
    }

    @Test
    void anIncrementInsideAFailedTransactionIsUndone() {
        assertThatThrownBy(() -> db.inTenant(org, Actor.system(), tx -> {
            tx.usage().increment("api.calls", 5);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(usage().range("api.calls", D1, D1)).isEmpty();
    }

    @Test
    void anIncrementInAnOrganizationThatDoesNotExistIsNotFound() {
        OrgId missing = OrgId.parse("01890000-0000-7000-8000-000000000000");

        assertThatThrownBy(() -> db.tenant(missing).usage().increment("api.calls", 1))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.getMessage()).contains("organization"));
        assertThat(db.tenant(missing).usage().range("api.calls", D1, D1)).isEmpty();
    }

    @Test
    void invalidInputIsRefusedNamingTheFieldAndCountsNothing() {
        assertInvalid("metric", () -> usage().increment("", 1));
        assertInvalid("metric", () -> usage().increment(null, 1));
        assertInvalid("metric", () -> usage().increment("API Calls", 1));
        assertInvalid("amount", () -> usage().increment("api.calls", 0));
        assertInvalid("amount", () -> usage().increment("api.calls", -1));
        assertInvalid("day", () -> usage().increment("api.calls", null, 1));
        assertInvalid("day", () -> usage().increment("api.calls", LocalDate.of(10000, 1, 1), 1));
        assertInvalid("from", () -> usage().range("api.calls", null, D1));
        assertInvalid("to", () -> usage().range("api.calls", D1, D1.minusDays(1)));
        assertInvalid("to", () -> usage().range("api.calls", D1, D1.plusDays(UsageCounters.RANGE_MAX_DAYS + 1)));
        usage().increment("big", Long.MAX_VALUE - 1);
        assertInvalid("amount", () -> usage().increment("big", 2));

        assertThat(usage().range("api.calls", D1, D1)).isEmpty();
        assertThat(usage().range("big", D1, D1)).containsExactly(new UsageValue(D1, Long.MAX_VALUE - 1));
        assertThat(usage().increment("big", 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(usage().range("api.calls", D1, D1.plusDays(UsageCounters.RANGE_MAX_DAYS))).isEmpty();
    }

    private static void assertInvalid(String field, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
