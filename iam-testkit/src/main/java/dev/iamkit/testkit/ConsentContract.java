package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.Consent;
import dev.iamkit.model.ConsentDecision;
import dev.iamkit.model.NewConsent;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code consents()}: a user's consent decisions, global like users, append-only; the current state
 * is the latest decision per purpose; the history is newest first and paged; bad input names its
 * field and writes nothing; anonymize keeps decisions, purge removes them; the export holds them.
 */
public abstract class ConsentContract extends ContractBase {
    private User ana;
    private User bob;

    @BeforeEach
    void users() {
        ana = data.user();
        bob = data.user();
    }

    private Consent give(UserId user, String purpose, String version) {
        return db.consents().record(user, NewConsent.given(purpose, version, "signup-form"));
    }

    private List<Consent> history(UserId user) {
        return db.consents().history(user, PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    @Test
    void recordStampsTheStoreClockAndKeepsWhatWasDecided() {
        Instant at = clock.instant();
        Consent c = db.consents().record(ana.id(), new NewConsent("marketing-email", " 2026-01 ", ConsentDecision.GIVEN, " api "));

        assertThat(c.userId()).isEqualTo(ana.id());
        assertThat(c.purpose()).isEqualTo("marketing-email");
        assertThat(c.version()).isEqualTo("2026-01");
        assertThat(c.decision()).isEqualTo(ConsentDecision.GIVEN);
        assertThat(c.given()).isTrue();
        assertThat(c.source()).isEqualTo("api");
        assertThat(c.at()).isEqualTo(at);
        assertThat(history(ana.id())).containsExactly(c);
    }

    @Test
    void currentIsTheLatestDecisionOfEachPurposeOrderedByPurpose() {
        give(ana.id(), "terms", "2025-06");
        clock.advance(Duration.ofMinutes(1));
        give(ana.id(), "marketing-email", "2026-01");
        clock.advance(Duration.ofMinutes(1));
        Consent withdrawn = db.consents().record(ana.id(), NewConsent.withdrawn("marketing-email", "2026-01", "settings-page"));
        clock.advance(Duration.ofMinutes(1));
        Consent terms = give(ana.id(), "terms", "2026-01");

        assertThat(db.consents().current(ana.id())).containsExactly(withdrawn, terms);
        assertThat(db.consents().current(ana.id(), "marketing-email")).contains(withdrawn);
        assertThat(db.consents().current(ana.id(), "terms")).contains(terms);
        assertThat(db.consents().current(ana.id(), "analytics")).isEmpty();
        assertThat(db.consents().current(bob.id())).isEmpty();
    }

    @Test
    void decisionsRecordedAtTheSameInstantAreOrderedAsRecorded() {
        Consent first = give(ana.id(), "terms", "v1");
        Consent second = db.consents().record(ana.id(), NewConsent.withdrawn("terms", "v1", "api"));
        Consent third = give(ana.id(), "terms", "v2");

        assertThat(history(ana.id())).containsExactly(third, second, first);
        assertThat(db.consents().current(ana.id(), "terms")).contains(third);
    }

    @Test
    void historyIsNewestFirstPagedAndOneUsersOnly() {
        List<Consent> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(give(ana.id(), "purpose-" + (i % 2), "v" + i));
            give(bob.id(), "terms", "v" + i);
            clock.advance(Duration.ofSeconds(1));
        }
        List<Consent> seen = new ArrayList<>();
        Page<Consent> page = db.consents().history(ana.id(), PageRequest.first(2));
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            sizes.add(page.items().size());
            seen.addAll(page.items());
            if (page.next().isEmpty()) {
                break;
            }
            page = db.consents().history(ana.id(), page.next().get());
        }
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyElementsOf(made.reversed());
        assertThat(history(bob.id())).hasSize(5).allSatisfy(c -> assertThat(c.userId()).isEqualTo(bob.id()));
    }

    @Test
    void aDecisionOfAnUnknownOrDeletedUserIsNotFoundAndWritesNothing() {
        UserId unknown = new UserId(UUID.randomUUID());
        assertThatThrownBy(() -> give(unknown, "terms", "v1")).isInstanceOf(NotFoundException.class);
        db.users().delete(bob.id());
        assertThatThrownBy(() -> give(bob.id(), "terms", "v1")).isInstanceOf(NotFoundException.class);
        assertThat(history(unknown)).isEmpty();
        assertThat(history(bob.id())).isEmpty();
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() {
        TenantFixtures.assertValidation(() -> NewConsent.given("Marketing Email", "v1", "api"), "purpose");
        TenantFixtures.assertValidation(() -> NewConsent.given(null, "v1", "api"), "purpose");
        TenantFixtures.assertValidation(() -> NewConsent.given("terms", " ", "api"), "version");
        TenantFixtures.assertValidation(() -> NewConsent.given("terms", "v".repeat(NewConsent.VERSION_MAX + 1), "api"), "version");
        TenantFixtures.assertValidation(() -> NewConsent.given("terms", "v1", ""), "source");
        TenantFixtures.assertValidation(() -> NewConsent.given("terms", "v1", "s".repeat(NewConsent.SOURCE_MAX + 1)), "source");
        TenantFixtures.assertValidation(() -> NewConsent.given("terms", "v1", "sign\u0000up"), "source");
        TenantFixtures.assertValidation(() -> new NewConsent("terms", "v1", null, "api"), "decision");
        TenantFixtures.assertValidation(() -> db.consents().record(null, NewConsent.given("terms", "v1", "api")), "user");
        TenantFixtures.assertValidation(() -> db.consents().record(ana.id(), null), "consent");
        TenantFixtures.assertValidation(() -> db.consents().current(null), "user");
        TenantFixtures.assertValidation(() -> db.consents().current(ana.id(), "Not A Code"), "purpose");
        TenantFixtures.assertValidation(() -> db.consents().history(ana.id(), null), "page");
        TenantFixtures.assertValidation(() -> db.consents().history(ana.id(), PageRequest.after("not-a-cursor", 10)), "after");

        assertThat(history(ana.id())).isEmpty();
        assertThat(db.consents().current(ana.id())).isEmpty();
    }

    @Test
    void anonymizeKeepsTheDecisionsAndPurgeRemovesThemWithTheUser() {
        Consent terms = give(ana.id(), "terms", "v1");
        Consent kept = give(bob.id(), "terms", "v1");
        db.privacy().anonymize(ana.id());
        assertThat(history(ana.id())).containsExactly(terms);

        db.users().delete(ana.id());
        clock.advance(Duration.ofDays(10));
        db.privacy().purge(Duration.ofDays(7));

        assertThat(history(ana.id())).isEmpty();
        assertThat(db.consents().current(ana.id())).isEmpty();
        assertThat(history(bob.id())).containsExactly(kept);
    }

    @Test
    void theExportHoldsEveryDecisionNewestFirst() {
        Consent first = give(ana.id(), "terms", "v1");
        clock.advance(Duration.ofMinutes(1));
        Consent second = db.consents().record(ana.id(), NewConsent.withdrawn("marketing-email", "2026-01", "settings-page"));
        give(bob.id(), "bobs-only-purpose", "v9");

        String json = db.privacy().exportUser(ana.id());

        assertThat(json).contains("\"consents\":[");
        assertThat(json.indexOf(second.id().toString())).isPositive().isLessThan(json.indexOf(first.id().toString()));
        assertThat(json).contains("settings-page").contains("\"WITHDRAWN\"").doesNotContain("bobs-only-purpose");
    }
}
