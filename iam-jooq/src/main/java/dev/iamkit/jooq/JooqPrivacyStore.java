package dev.iamkit.jooq;

import dev.iamkit.authz.Impact;
import static dev.iamkit.jooq.generated.Tables.API_KEY;
import static dev.iamkit.jooq.generated.Tables.APP_USER;
import static dev.iamkit.jooq.generated.Tables.AUDIT_EVENT;
import static dev.iamkit.jooq.generated.Tables.MAGIC_LINK_CHALLENGE;
import static dev.iamkit.jooq.generated.Tables.PASSWORD_CREDENTIAL;
import static dev.iamkit.jooq.generated.Tables.MEMBERSHIP;
import static dev.iamkit.jooq.generated.Tables.ORGANIZATION;
import static dev.iamkit.jooq.generated.Tables.TEAM_MEMBER;
import static dev.iamkit.jooq.generated.Tables.TRAIL_ENTRY;
import static dev.iamkit.jooq.generated.Tables.USER_ASSIGNMENT;
import static dev.iamkit.jooq.generated.Tables.USER_SESSION;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.ApiKey;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.MagicLinkChallenge;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.Session;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.TrailEntry;
import dev.iamkit.model.User;
import dev.iamkit.model.UserExport;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserPrincipal;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import dev.iamkit.support.Json;
import dev.iamkit.support.Anonymization;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.support.AuditRecord;
import dev.iamkit.authz.AuthzCache;
import java.time.Duration;
import java.time.Instant;
import dev.iamkit.store.PrivacyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * Tenant rows are under RLS and no global table says which organizations a user is in (membership
 * is a tenant table), so the export visits every organization: one transaction in the identity
 * scope (which reads organizations), the tenant set with {@code SET LOCAL} once per organization
 * (as {@link JooqApiKeyAuthenticator} does for one). Purge deletes users in the identity scope,
 * then organizations in the platform scope.
 * O(organizations) statements; an operator task, chosen over a SECURITY DEFINER function because
 * FORCE ROW LEVEL SECURITY binds the owner too and it needs no privileged code.
 */
final class JooqPrivacyStore implements PrivacyStore {
    private final Sql sql;
    private final Clock clock;
    private final AuthzCache cache;
    private final AuditKeys auditKeys;
    private final JooqUserRows rows;

    JooqPrivacyStore(Sql sql, Clock clock, AuthzCache cache, AuditKeys auditKeys, JooqUserRows rows) {
        this.rows = rows;
        this.sql = sql;
        this.clock = clock;
        this.cache = cache;
        this.auditKeys = auditKeys;
    }

    @Override
    public String exportUser(UserId user) {
        Validate.notNull("user", user);
        return Json.write(sql.global(Scope.IDENTITY, ctx -> export(ctx, user)
                .withPrivacy(JooqConsentStore.all(ctx, user), JooqPrivacyRequestLog.all(ctx, user))));
    }

    /**
     * One transaction, organizations visited as in the export; keys are revoked and audited per
     * organization with the same audit append as a tenant scope's, as the system actor.
     */
    @Override
    public void anonymize(UserId user) {
        Validate.notNull("user", user);
        Map<OrgId, List<TenantContext.Made>> revisions = new LinkedHashMap<>();
        sql.globalWrite(Scope.IDENTITY, ctx -> {
            org.jooq.Record row = JooqUserRows.locked(ctx, APP_USER.ID.eq(user.value())).orElseThrow(() -> new NotFoundException("user", user));
            User stored;
            try {
                stored = rows.user(row);
            } catch (dev.iamkit.error.UnreadableDataException e) {
                stored = JooqUserRows.plain(row.into(APP_USER));   // erasure must not depend on reading what it erases
            }
            Instant now = clock.instant();
            User anonymized = Anonymization.user(stored, now);
            if (anonymized != stored) {
                GlobalChanges.accessChanged(ctx);   // the user may be a member of any organization
            }
            if (anonymized != stored || row.get(APP_USER.PERSONAL_DATA) != null) {
                JooqUserRows.writePlainAndShred(ctx, anonymized);   // the placeholders hold nothing personal; the data key is destroyed
            }
            var revocation = JooqSessionStore.revocation(now);
            ctx.update(USER_SESSION).set(USER_SESSION.REVOKED_AT, JooqSessionStore.firstRevocation(revocation))
                    .setNull(USER_SESSION.DEVICE_NAME).setNull(USER_SESSION.IP).setNull(USER_SESSION.USER_AGENT)
                    .from(revocation)
                    .where(USER_SESSION.USER_ID.eq(user.value())).execute();
            ctx.deleteFrom(MAGIC_LINK_CHALLENGE).where(MAGIC_LINK_CHALLENGE.EMAIL.in(rows.cipher().storedForms(stored.email()))).execute();
            ctx.deleteFrom(PASSWORD_CREDENTIAL).where(PASSWORD_CREDENTIAL.USER_ID.eq(user.value())).execute();
            String label = Actor.user(user).label();
            for (UUID o : ctx.select(ORGANIZATION.ID).from(ORGANIZATION).orderBy(ORGANIZATION.ID).fetch(ORGANIZATION.ID)) {
                OrgId org = new OrgId(o);
                ctx.connection(c -> Sql.setTenant(c, org));
                ctx.deleteFrom(TRAIL_ENTRY).where(TRAIL_ENTRY.ORG_ID.eq(o), TRAIL_ENTRY.USER_ID.eq(user.value())).execute();
                List<ApiKey> keys = ctx.selectFrom(API_KEY)
                        .where(API_KEY.ORG_ID.eq(o), API_KEY.CREATED_BY.eq(label), API_KEY.REVOKED_AT.isNull())
                        .orderBy(API_KEY.CREATED_AT, API_KEY.ID).forUpdate().fetch(JooqApiKeyStore::key);
                TenantContext tenant = new TenantContext(org, Actor.system(), clock, new TenantRunner.PerCall(sql, org), cache, null, auditKeys, sql.statements());
                for (ApiKey k : keys) {
                    ApiKey revoked = k.revoked(now);
                    ctx.update(API_KEY).set(API_KEY.REVOKED_AT, Times.db(now)).where(API_KEY.ORG_ID.eq(o), API_KEY.ID.eq(k.id().value()))
                            .execute();
                    tenant.audit(ctx, AuditRecord.of("api_key.revoke", "api_key", k.id(), k, revoked).affecting(Impact.nothing()));
                }
                if (!keys.isEmpty()) {
                    revisions.put(org, TenantContext.made(ctx));
                    TenantContext.restoreRevisionMade(ctx, -1);
                }
            }
            return null;
        });
        revisions.forEach((org, made) -> TenantContext.report(cache, org, made));   // committed, as a tenant scope reports its own writes
    }

    @Override
    public dev.iamkit.store.PrivacyRequestLog requests() {
        return new JooqPrivacyRequestLog(sql, clock);
    }

    /** Organizations bottom-up: a child's row is what would keep its parent (parent_id has no cascade). */
    @Override
    public long purge(Duration olderThan) {
        PrivacyStore.requirePositive(olderThan);
        return sql.globalWrite(Scope.IDENTITY, ctx -> {
            var cutoff = Times.db(clock.instant().minus(olderThan));
            long n = ctx.deleteFrom(APP_USER).where(APP_USER.DELETED_AT.lt(cutoff)).execute();
            ctx.connection(c -> Sql.setScope(c, Scope.PLATFORM));   // organizations are platform rows
            var child = ORGANIZATION.as("child");
            int step;
            do {
                step = ctx.deleteFrom(ORGANIZATION).where(ORGANIZATION.DELETED_AT.lt(cutoff),
                        DSL.notExists(DSL.selectOne().from(child).where(child.PARENT_ID.eq(ORGANIZATION.ID)))).execute();
                n += step;
            } while (step > 0);
            if (n > 0) {
                GlobalChanges.accessChanged(ctx);
            }
            return n;
        });
    }

    private static org.jooq.Record require(org.jooq.ResultQuery<org.jooq.Record> query, UserId id) {
        org.jooq.Record r = query.fetchOne();
        if (r == null) {
            throw new NotFoundException("user", id);
        }
        return r;
    }

    private UserExport export(DSLContext ctx, UserId id) {
        User user = rows.user(require(JooqUserRows.select(ctx).where(APP_USER.ID.eq(id.value())), id));
        UUID uid = id.value();
        String label = Actor.user(id).label();
        String target = uid.toString();
        List<UserExport.OrgExport> orgs = new ArrayList<>();
        for (Record2<UUID, String> o : ctx.select(ORGANIZATION.ID, ORGANIZATION.SLUG).from(ORGANIZATION).orderBy(ORGANIZATION.ID).fetch()) {
            OrgId org = new OrgId(o.value1());
            ctx.connection(c -> Sql.setTenant(c, org));
            Optional<dev.iamkit.model.Membership> membership = ctx.selectFrom(MEMBERSHIP)
                    .where(MEMBERSHIP.ORG_ID.eq(org.value()), MEMBERSHIP.USER_ID.eq(uid)).fetchOptional()
                    .map(JooqMembershipStore::membership);
            List<TeamId> teams = ctx.select(TEAM_MEMBER.TEAM_ID).from(TEAM_MEMBER)
                    .where(TEAM_MEMBER.ORG_ID.eq(org.value()), TEAM_MEMBER.USER_ID.eq(uid)).orderBy(TEAM_MEMBER.TEAM_ID)
                    .fetch(t -> new TeamId(t.value1()));
            List<Assignment> assignments = ctx.selectFrom(USER_ASSIGNMENT)
                    .where(USER_ASSIGNMENT.ORG_ID.eq(org.value()), USER_ASSIGNMENT.USER_ID.eq(uid)).orderBy(USER_ASSIGNMENT.ROLE_ID)
                    .fetch(a -> new Assignment(org, new RoleId(a.getRoleId()), new UserPrincipal(id), a.getGrantedBy(),
                            Times.api(a.getGrantedAt()), Times.opt(a.getExpiresAt())));
            List<ApiKey> keys = ctx.selectFrom(API_KEY).where(API_KEY.ORG_ID.eq(org.value()), API_KEY.CREATED_BY.eq(label))
                    .orderBy(API_KEY.CREATED_AT, API_KEY.ID).fetch(JooqApiKeyStore::key);
            List<TrailEntry> trail = ctx.selectFrom(TRAIL_ENTRY).where(TRAIL_ENTRY.ORG_ID.eq(org.value()), TRAIL_ENTRY.USER_ID.eq(uid))
                    .orderBy(TRAIL_ENTRY.SEQ.desc())
                    .fetch(t -> new TrailEntry(org, id, new ViewId(t.getViewId()), Times.api(t.getVisitedAt())));
            List<AuditEvent> audit = ctx.selectFrom(AUDIT_EVENT)
                    .where(AUDIT_EVENT.ORG_ID.eq(org.value()), AUDIT_EVENT.ACTOR.eq(label).or(AUDIT_EVENT.TARGET_ID.eq(target)))
                    .orderBy(AUDIT_EVENT.SEQ).fetch(JooqAuditLog::event);
            UserExport.OrgExport export = new UserExport.OrgExport(org, o.value2(), membership, teams, assignments, keys, trail, audit);
            if (!export.empty()) {
                orgs.add(export);
            }
        }
        List<Session> sessions = ctx.selectFrom(USER_SESSION).where(USER_SESSION.USER_ID.eq(uid))
                .orderBy(USER_SESSION.CREATED_AT, USER_SESSION.ID).fetch(JooqSessionStore::session);
        List<MagicLinkChallenge> links = ctx.selectFrom(MAGIC_LINK_CHALLENGE).where(MAGIC_LINK_CHALLENGE.EMAIL.in(rows.cipher().storedForms(user.email())))
                .orderBy(MAGIC_LINK_CHALLENGE.CREATED_AT, MAGIC_LINK_CHALLENGE.ID).fetch(r -> JooqMagicLinkStore.challenge(r, rows.cipher()));
        return new UserExport(user, orgs, sessions, links);
    }
}
