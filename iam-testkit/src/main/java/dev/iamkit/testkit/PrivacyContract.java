package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.UserStatus;
import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.model.IssuedApiKey;
import dev.iamkit.model.IssuedMagicLink;
import dev.iamkit.model.IssuedSession;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.View;
import dev.iamkit.support.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code privacy()}: everything held about a user exported as one JSON document without secrets,
 * in both stores alike; personal data erased on request, audit trail kept intact; soft-deleted
 * users and organizations purged once deleted long enough.
 */
public abstract class PrivacyContract extends ContractBase {
    private Organization org;
    private Organization other;
    private Organization unrelated;
    private User user;
    private Role role;
    private Feature feature;
    private Team team;
    private View view;
    private IssuedSession session;
    private IssuedApiKey key;
    private IssuedMagicLink link;

    @BeforeEach
    void scenario() {
        org = data.org();
        other = data.org();
        unrelated = data.org();
        user = data.member(org.id());
        db.tenant(other.id()).memberships().add(user.id(), dev.iamkit.model.OrgRole.ADMIN);
        data.member(unrelated.id());
        feature = data.entitledFeature(org.id(), "read");
        role = data.role(org.id(), Grant.allow(feature, "read"));
        db.tenant(org.id()).assignments().assign(role.id(), user.id());
        team = data.team(org.id());
        db.tenant(org.id()).teams().addMember(team.id(), user.id());
        view = data.view();
        db.tenant(org.id()).trail().record(user.id(), view.id());
        session = db.sessions().create(NewSession.of(user.id(), clock.instant().plus(Duration.ofDays(1))).withOrg(org.id())
                .withClient("Laptop", "203.0.113.7", "Mozilla/5.0"));
        key = db.tenant(other.id(), Actor.user(user.id())).apiKeys().create(new NewApiKey("deploys", List.of("invoices:read")));
        link = db.magicLinks().create(user.email(), "sign-in", Duration.ofMinutes(15));
    }

    private String export(UserId id) {
        return db.privacy().exportUser(id);
    }

    /** The export up to the privacy request log, to which each call of the privacy store adds its own entry. */
    private static String withoutRequestLog(String json) {
        int log = json.indexOf(",\"privacyRequests\":");
        assertThat(log).isPositive();
        return json.substring(0, log);
    }

    @Test
    void exportHoldsEachKindOfDataAboutTheUser() {
        String json = export(user.id());

        assertThat(json).startsWith("{\"user\":{\"id\":\"" + user.id() + "\"").contains("\"email\":\"" + user.email() + "\"")
                .contains("\"displayName\":\"" + user.displayName() + "\"");
        assertThat(json).contains("\"orgId\":\"" + org.id() + "\",\"slug\":\"" + org.slug() + "\"")
                .contains("\"orgId\":\"" + other.id() + "\",\"slug\":\"" + other.slug() + "\"")
                .contains("\"role\":\"ADMIN\"", "\"role\":\"MEMBER\"")
                .contains("\"teams\":[\"" + team.id() + "\"]")
                .contains("\"roleId\":\"" + role.id() + "\"")
                .contains("\"viewId\":\"" + view.id() + "\"")
                .contains("\"id\":\"" + session.session().id() + "\"", "\"deviceName\":\"Laptop\"")
                .contains("\"id\":\"" + key.key().id() + "\"", "\"lookupId\":\"" + key.key().lookupId() + "\"")
                .contains("\"id\":\"" + link.challenge().id() + "\"", "\"purpose\":\"sign-in\"");
        assertThat(json).doesNotContain(unrelated.id().toString()).doesNotContain(unrelated.slug());
    }

    @Test
    void exportOrdersOrganizationsByIdAndIsTheSameWhenRepeated() {
        String json = export(user.id());
        List<OrgId> ids = List.of(org.id(), other.id()).stream().sorted().toList();

        assertThat(json.indexOf("\"orgId\":\"" + ids.get(0) + "\",\"slug\""))
                .isPositive().isLessThan(json.indexOf("\"orgId\":\"" + ids.get(1) + "\",\"slug\""));
        assertThat(withoutRequestLog(export(user.id()))).isEqualTo(withoutRequestLog(json));
    }

    @Test
    void exportHoldsAuditEventsByTheUserAndAboutTheUserOnly() {
        User stranger = data.member(org.id());
        String json = export(user.id());

        assertThat(json).contains("\"actor\":\"user:" + user.id() + "\"", "\"action\":\"api_key.create\"")
                .contains("\"targetId\":\"" + user.id() + "\"");
        assertThat(json).doesNotContain("\"targetId\":\"" + stranger.id() + "\"");
    }

    @Test
    void exportHoldsNoSecrets() {
        String json = export(user.id());

        assertThat(json).doesNotContain(session.refreshToken()).doesNotContain(key.plaintext()).doesNotContain(link.token())
                .doesNotContain(Secrets.hex(Secrets.sha256(key.plaintext())))
                .doesNotContain("digest");
    }

    @Test
    void exportOfAnUnknownUserIsNotFoundAndOfNullIsInvalid() {
        assertThatThrownBy(() -> export(new UserId(UUID.randomUUID()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> export(null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void anonymizeErasesTheUsersPersonalDataFromTheUserAndTheExport() {
        db.privacy().anonymize(user.id());

        User after = db.users().find(user.id()).orElseThrow();
        assertThat(after.id()).isEqualTo(user.id());
        assertThat(after.email()).isEqualTo("anonymized-" + user.id() + "@anonymized.invalid");
        assertThat(after.displayName()).isEqualTo("Anonymized user");
        assertThat(after.status()).isEqualTo(UserStatus.INACTIVE);
        assertThat(after.emailVerifiedAt()).isEmpty();
        assertThat(after.version()).isEqualTo(user.version() + 1);
        assertThat(after.updatedAt()).isEqualTo(clock.instant());
        assertThat(db.users().findByEmail(user.email())).isEmpty();
        String json = export(user.id());
        assertThat(json).doesNotContain(user.displayName()).doesNotContain("\"email\":\"" + user.email() + "\"")
                .doesNotContain("Laptop").doesNotContain("203.0.113.7").doesNotContain("Mozilla/5.0")
                .doesNotContain(link.challenge().id().toString()).doesNotContain("\"viewId\":\"" + view.id() + "\"");
        assertThat(db.tenant(org.id()).trail().recent(user.id(), 10)).isEmpty();
        assertThat(db.tenant(org.id()).memberships().find(user.id())).isPresent();
    }

    @Test
    void anonymizeRevokesSessionsAndKeysAndChecksBecomeFalse() {
        assertThat(db.tenant(org.id()).authz().check(user.id(), feature.id(), "read")).isTrue();

        db.privacy().anonymize(user.id());

        assertThatThrownBy(() -> db.sessions().refresh(session.refreshToken())).isInstanceOf(InvalidCredentialsException.class);
        assertThat(db.sessions().find(session.session().id()).orElseThrow().revokedAt()).contains(clock.instant());
        assertThat(db.sessions().listActive(user.id())).isEmpty();
        assertThatThrownBy(() -> db.apiKeys().authenticate(key.plaintext())).isInstanceOf(InvalidCredentialsException.class);
        assertThat(db.tenant(other.id()).apiKeys().find(key.key().id()).orElseThrow().revokedAt()).contains(clock.instant());
        assertThat(db.tenant(org.id()).authz().check(user.id(), feature.id(), "read")).isFalse();
    }

    @Test
    void anonymizeAuditsKeyRevocationAsTheSystemAndLeavesTheAuditChainIntact() {
        int before = TenantFixtures.auditOf(db, other.id()).size();

        db.privacy().anonymize(user.id());

        List<AuditEvent> events = TenantFixtures.auditOf(db, other.id());
        assertThat(events).hasSize(before + 1);
        AuditEvent last = events.get(events.size() - 1);
        assertThat(last.action()).isEqualTo("api_key.revoke");
        assertThat(last.actor()).isEqualTo(Actor.system().label());
        assertThat(last.targetId()).isEqualTo(key.key().id().toString());
        assertThat(db.tenant(org.id()).audit().verify().broken()).isZero();
        assertThat(db.tenant(other.id()).audit().verify().broken()).isZero();
    }

    @Test
    void anonymizeTwiceChangesNothingTheSecondTime() {
        db.privacy().anonymize(user.id());
        User once = db.users().find(user.id()).orElseThrow();
        String exported = export(user.id());
        clock.advance(Duration.ofMinutes(5));

        db.privacy().anonymize(user.id());

        assertThat(db.users().find(user.id())).contains(once);
        assertThat(withoutRequestLog(export(user.id()))).isEqualTo(withoutRequestLog(exported));
    }

    @Test
    void anonymizeOfAnUnknownUserIsNotFoundAndChangesNothing() {
        assertThatThrownBy(() -> db.privacy().anonymize(new UserId(UUID.randomUUID()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> db.privacy().anonymize(null)).isInstanceOf(ValidationException.class);
        assertThat(db.sessions().listActive(user.id())).hasSize(1);
    }

    @Test
    void purgeRemovesOnlyUsersAndOrganizationsDeletedLongerAgoThanAsked() {
        db.users().delete(user.id());
        db.organizations().delete(other.id());
        clock.advance(Duration.ofDays(10));
        User recent = data.member(org.id());
        db.users().delete(recent.id());
        Organization recentOrg = data.org();
        db.organizations().delete(recentOrg.id());

        assertThat(db.privacy().purge(Duration.ofDays(7))).isEqualTo(2);

        assertThat(db.users().find(user.id())).isEmpty();
        assertThatThrownBy(() -> export(user.id())).isInstanceOf(NotFoundException.class);
        assertThat(db.tenant(org.id()).memberships().find(user.id())).isEmpty();
        assertThat(db.tenant(org.id()).teams().members(team.id())).doesNotContain(user.id());
        assertThat(db.tenant(org.id()).trail().recent(user.id(), 10)).isEmpty();
        assertThat(db.sessions().find(session.session().id())).isEmpty();
        assertThat(db.organizations().find(other.id())).isEmpty();
        assertThat(TenantFixtures.auditOf(db, other.id())).isEmpty();
        assertThatThrownBy(() -> db.apiKeys().authenticate(key.plaintext())).isInstanceOf(InvalidCredentialsException.class);
        assertThat(db.users().find(recent.id())).isPresent();
        assertThat(db.organizations().find(recentOrg.id())).isPresent();
        assertThat(db.organizations().find(org.id())).isPresent();
        assertThat(db.tenant(org.id()).audit().verify().broken()).isZero();
        assertThat(db.privacy().purge(Duration.ofDays(7))).isZero();

        clock.advance(Duration.ofDays(8));
        assertThat(db.privacy().purge(Duration.ofDays(7))).isEqualTo(2);
        assertThat(db.users().find(recent.id())).isEmpty();
        assertThat(db.organizations().find(recentOrg.id())).isEmpty();
    }

    @Test
    void purgeKeepsAnOrganizationWhileItHasAChildAndTakesChildThenParentTogether() {
        Organization child = db.organizations().create(new NewOrganization("child-" + data.next(), "Child").withParent(unrelated.id()));
        db.organizations().delete(unrelated.id());
        clock.advance(Duration.ofDays(2));

        assertThat(db.privacy().purge(Duration.ofDays(1))).isZero();
        assertThat(db.organizations().find(unrelated.id())).isPresent();

        db.organizations().delete(child.id());
        clock.advance(Duration.ofDays(2));
        assertThat(db.privacy().purge(Duration.ofDays(1))).isEqualTo(2);
        assertThat(db.organizations().find(child.id())).isEmpty();
        assertThat(db.organizations().find(unrelated.id())).isEmpty();
    }

    @Test
    void purgeNeedsAPositiveAgeAndRemovesNothingOtherwise() {
        db.users().delete(user.id());
        clock.advance(Duration.ofDays(1));

        TenantFixtures.assertValidation(() -> db.privacy().purge(null), "olderThan");
        TenantFixtures.assertValidation(() -> db.privacy().purge(Duration.ZERO), "olderThan");
        TenantFixtures.assertValidation(() -> db.privacy().purge(Duration.ofDays(-1)), "olderThan");
        assertThat(db.users().find(user.id())).isPresent();
    }
}
