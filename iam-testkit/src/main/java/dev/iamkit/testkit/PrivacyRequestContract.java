package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.NewPrivacyRequest;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.PrivacyRequest;
import dev.iamkit.model.PrivacyRequestId;
import dev.iamkit.model.PrivacyRequestKind;
import dev.iamkit.model.PrivacyRequestStatus;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code privacy().requests()}: every export, anonymize and purge call is logged with its outcome; a
 * request received from outside is logged open and closed once; lists are newest first and paged;
 * the log outlives anonymize and purge and holds nothing personal but the user id; the export holds
 * the user's entries.
 */
public abstract class PrivacyRequestContract extends ContractBase {
    private User ana;
    private User bob;

    @BeforeEach
    void users() {
        ana = data.user();
        bob = data.user();
    }

    private List<PrivacyRequest> recent() {
        return db.privacy().requests().recent(PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    private List<PrivacyRequest> of(UserId user) {
        return db.privacy().requests().forUser(user, PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    @Test
    void eachCallOfThePrivacyStoreIsLoggedAsCompleted() {
        Instant start = clock.instant();
        db.privacy().exportUser(ana.id());
        clock.advance(Duration.ofMinutes(1));
        db.privacy().anonymize(ana.id());
        db.users().delete(bob.id());
        clock.advance(Duration.ofDays(10));
        long purged = db.privacy().purge(Duration.ofDays(7));

        List<PrivacyRequest> log = recent();
        assertThat(log).extracting(PrivacyRequest::kind)
                .containsExactly(PrivacyRequestKind.PURGE, PrivacyRequestKind.ANONYMIZE, PrivacyRequestKind.EXPORT);
        assertThat(log).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(PrivacyRequestStatus.COMPLETED);
            assertThat(r.channel()).isEqualTo(PrivacyRequest.CALL);
            assertThat(r.reason()).isEmpty();
            assertThat(r.closedAt()).isPresent();
        });
        assertThat(purged).isEqualTo(1);
        assertThat(log.get(0).userId()).isEmpty();
        assertThat(log.get(0).purged()).contains(1L);
        assertThat(log.get(0).receivedAt()).isEqualTo(clock.instant());
        assertThat(log.get(1).userId()).contains(ana.id());
        assertThat(log.get(1).purged()).isEmpty();
        assertThat(log.get(2).userId()).contains(ana.id());
        assertThat(log.get(2).receivedAt()).isEqualTo(start);
        assertThat(log.get(2).closedAt()).contains(start);
        assertThat(db.privacy().requests().find(log.get(1).id())).contains(log.get(1));
    }

    @Test
    void aFailedCallIsLoggedAsFailedWithAReasonCode() {
        UserId unknown = new UserId(UUID.randomUUID());
        assertThatThrownBy(() -> db.privacy().exportUser(unknown)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> db.privacy().anonymize(unknown)).isInstanceOf(NotFoundException.class);

        List<PrivacyRequest> log = of(unknown);
        assertThat(log).extracting(PrivacyRequest::kind).containsExactly(PrivacyRequestKind.ANONYMIZE, PrivacyRequestKind.EXPORT);
        assertThat(log).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(PrivacyRequestStatus.FAILED);
            assertThat(r.reason()).contains("not_found");
            assertThat(r.closedAt()).contains(clock.instant());
        });
    }

    @Test
    void aCallRefusedForBadInputLogsNothing() {
        TenantFixtures.assertValidation(() -> db.privacy().exportUser(null), "user");
        TenantFixtures.assertValidation(() -> db.privacy().anonymize(null), "user");
        TenantFixtures.assertValidation(() -> db.privacy().purge(Duration.ZERO), "olderThan");
        assertThat(recent()).isEmpty();
    }

    @Test
    void aReceivedRequestIsOpenUntilCompletedOrRejectedOnce() {
        Instant received = clock.instant();
        PrivacyRequest export = db.privacy().requests().receive(NewPrivacyRequest.export(ana.id(), "email"));
        PrivacyRequest erase = db.privacy().requests().receive(NewPrivacyRequest.anonymize(ana.id(), "support"));
        PrivacyRequest purge = db.privacy().requests().receive(NewPrivacyRequest.purge("ops"));
        assertThat(export.status()).isEqualTo(PrivacyRequestStatus.RECEIVED);
        assertThat(export.receivedAt()).isEqualTo(received);
        assertThat(export.closedAt()).isEmpty();
        assertThat(export.channel()).isEqualTo("email");
        assertThat(purge.userId()).isEmpty();
        assertThat(db.privacy().requests().find(export.id())).contains(export);

        clock.advance(Duration.ofHours(2));
        PrivacyRequest done = db.privacy().requests().complete(export.id());
        PrivacyRequest refused = db.privacy().requests().reject(erase.id(), "identity_not_verified");

        assertThat(done.status()).isEqualTo(PrivacyRequestStatus.COMPLETED);
        assertThat(done.closedAt()).contains(clock.instant());
        assertThat(done.receivedAt()).isEqualTo(received);
        assertThat(refused.status()).isEqualTo(PrivacyRequestStatus.REJECTED);
        assertThat(refused.reason()).contains("identity_not_verified");
        assertThat(db.privacy().requests().find(export.id())).contains(done);
        assertThat(db.privacy().requests().find(erase.id())).contains(refused);

        TenantFixtures.assertValidation(() -> db.privacy().requests().complete(export.id()), "status");
        TenantFixtures.assertValidation(() -> db.privacy().requests().reject(erase.id(), "again"), "status");
        assertThat(db.privacy().requests().find(erase.id())).contains(refused);
        PrivacyRequestId unknown = new PrivacyRequestId(UUID.randomUUID());
        assertThatThrownBy(() -> db.privacy().requests().complete(unknown)).isInstanceOf(NotFoundException.class);
        assertThat(db.privacy().requests().find(unknown)).isEmpty();
        assertThat(db.privacy().requests().find(purge.id()).orElseThrow().status()).isEqualTo(PrivacyRequestStatus.RECEIVED);
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() {
        TenantFixtures.assertValidation(() -> NewPrivacyRequest.export(null, "email"), "userId");
        TenantFixtures.assertValidation(() -> new NewPrivacyRequest(PrivacyRequestKind.PURGE, Optional.of(ana.id()), "email"), "userId");
        TenantFixtures.assertValidation(() -> NewPrivacyRequest.export(ana.id(), "E-Mail"), "channel");
        TenantFixtures.assertValidation(() -> new NewPrivacyRequest(null, Optional.of(ana.id()), "email"), "kind");
        TenantFixtures.assertValidation(() -> db.privacy().requests().receive(null), "request");
        PrivacyRequest open = db.privacy().requests().receive(NewPrivacyRequest.export(ana.id(), "email"));
        TenantFixtures.assertValidation(() -> db.privacy().requests().reject(open.id(), "Not a code"), "reason");
        TenantFixtures.assertValidation(() -> db.privacy().requests().reject(open.id(), null), "reason");
        TenantFixtures.assertValidation(() -> db.privacy().requests().complete(null), "id");
        TenantFixtures.assertValidation(() -> db.privacy().requests().find(null), "id");
        TenantFixtures.assertValidation(() -> db.privacy().requests().forUser(null, PageRequest.first()), "user");
        TenantFixtures.assertValidation(() -> db.privacy().requests().recent(null), "page");
        TenantFixtures.assertValidation(() -> db.privacy().requests().recent(PageRequest.after("nope", 5)), "after");

        assertThat(recent()).containsExactly(open);
    }

    @Test
    void listsAreNewestFirstPagedAndForUserHoldsOnlyThatUsersEntries() {
        List<PrivacyRequest> anas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            anas.add(db.privacy().requests().receive(NewPrivacyRequest.export(ana.id(), "email")));
            db.privacy().requests().receive(NewPrivacyRequest.export(bob.id(), "email"));
        }
        db.privacy().requests().receive(NewPrivacyRequest.purge("ops"));

        List<PrivacyRequest> seen = new ArrayList<>();
        Page<PrivacyRequest> page = db.privacy().requests().forUser(ana.id(), PageRequest.first(2));
        seen.addAll(page.items());
        assertThat(page.items()).hasSize(2);
        page = db.privacy().requests().forUser(ana.id(), page.next().orElseThrow());
        seen.addAll(page.items());
        assertThat(page.hasNext()).isFalse();
        assertThat(seen).containsExactlyElementsOf(anas.reversed());

        List<PrivacyRequest> all = recent();
        assertThat(all).hasSize(7);
        assertThat(all.get(0).kind()).isEqualTo(PrivacyRequestKind.PURGE);
        assertThat(db.privacy().requests().recent(PageRequest.first(3)).items()).containsExactlyElementsOf(all.subList(0, 3));
    }

    @Test
    void theLogOutlivesAnonymizeAndPurgeWithTheUserIdOnly() {
        PrivacyRequest received = db.privacy().requests().receive(NewPrivacyRequest.anonymize(ana.id(), "email"));
        db.privacy().anonymize(ana.id());
        db.privacy().requests().complete(received.id());
        db.users().delete(ana.id());
        clock.advance(Duration.ofDays(10));
        db.privacy().purge(Duration.ofDays(7));

        assertThat(db.users().find(ana.id())).isEmpty();
        List<PrivacyRequest> log = of(ana.id());
        assertThat(log).extracting(PrivacyRequest::kind).containsExactly(PrivacyRequestKind.ANONYMIZE, PrivacyRequestKind.ANONYMIZE);
        assertThat(log).allSatisfy(r -> assertThat(r.userId()).contains(ana.id()));
        assertThat(db.privacy().requests().find(received.id()).orElseThrow().status()).isEqualTo(PrivacyRequestStatus.COMPLETED);
        assertThat(recent().get(0).kind()).isEqualTo(PrivacyRequestKind.PURGE);
    }

    @Test
    void theExportHoldsTheUsersRequestsNewestFirst() {
        PrivacyRequest received = db.privacy().requests().receive(NewPrivacyRequest.export(ana.id(), "email"));
        db.privacy().exportUser(ana.id());
        db.privacy().requests().receive(NewPrivacyRequest.export(bob.id(), "email"));
        PrivacyRequest call = of(ana.id()).get(0);

        String json = db.privacy().exportUser(ana.id());

        assertThat(json).contains("\"privacyRequests\":[");
        assertThat(json.indexOf(call.id().toString())).isPositive().isLessThan(json.indexOf(received.id().toString()));
        assertThat(json).doesNotContain(bob.id().toString());
    }
}
