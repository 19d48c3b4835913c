package dev.iamkit.jooq;

import dev.iamkit.authz.Impact;
import static dev.iamkit.jooq.generated.Tables.APP_USER;
import static dev.iamkit.jooq.generated.Tables.MEMBERSHIP;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.jooq.generated.tables.records.MembershipRecord;
import dev.iamkit.model.Membership;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.store.MembershipStore;
import dev.iamkit.support.AuditRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Memberships of one organization. Removing one takes the user out of its teams and direct roles
 * through the foreign keys' cascades ({@code team_member}, {@code user_assignment}).
 */
final class JooqMembershipStore implements MembershipStore {
    private final TenantContext ctx;

    JooqMembershipStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Membership add(UserId user, OrgRole role) {
        return create(user, role, MembershipStatus.ACTIVE);
    }

    @Override
    public Membership invite(UserId user, OrgRole role) {
        return create(user, role, MembershipStatus.INVITED);
    }

    private Membership create(UserId user, OrgRole role, MembershipStatus status) {
        Validate.notNull("user", user);
        Validate.notNull("role", role);
        return ctx.write(sql -> {
            // A tenant sees a user's row only once the user is its member (V12), so the insert comes
            // first: its foreign key refuses a user that does not exist, and the primary key an
            // existing membership (left in place). Then the user's row is visible and says whether
            // the user is deleted; a refused add is undone with the call.
            Instant now = ctx.now();
            Optional<Instant> joined = status == MembershipStatus.ACTIVE ? Optional.of(now) : Optional.empty();
            Membership m = new Membership(ctx.org, user, role, status, joined, 0, now, now);
            int inserted;
            try {
                inserted = sql.insertInto(MEMBERSHIP).set(record(m)).onConflictDoNothing().execute();
            } catch (DataAccessException e) {
                throw SqlErrors.explainForeignKey(e, "membership_user_id_fkey", new NotFoundException("user", user));
            }
            Boolean live = sql.select(DSL.field(APP_USER.DELETED_AT.isNull())).from(APP_USER).where(APP_USER.ID.eq(user.value()))
                    .fetchOne(0, Boolean.class);
            if (!Boolean.TRUE.equals(live)) {
                throw new NotFoundException("user", user);
            }
            if (inserted == 0) {
                throw new AlreadyExistsException("membership", "userId", user);
            }
            ctx.audit(sql, status == MembershipStatus.ACTIVE
                    ? AuditRecord.created("membership", user, m).affecting(Impact.user(user))
                    : AuditRecord.of("membership.invite", "membership", user, null, m).affecting(Impact.user(user)));
            return m;
        });
    }

    @Override
    public Optional<Membership> find(UserId user) {
        Validate.notNull("user", user);
        return ctx.find(MEMBERSHIP, MEMBERSHIP.USER_ID, user.value()).map(JooqMembershipStore::membership);
    }

    @Override
    public Page<Membership> list(PageRequest page) {
        Validate.notNull("page", page);
        Optional<UUID> after = page.afterUuid();
        return ctx.read(sql -> Page.fromOverfetch(sql.selectFrom(MEMBERSHIP)
                .where(MEMBERSHIP.ORG_ID.eq(ctx.org.value()))
                .and(after.map(MEMBERSHIP.USER_ID::gt).orElse(DSL.noCondition()))
                .orderBy(MEMBERSHIP.USER_ID)
                .limit(page.limit() + 1)
                .fetch(JooqMembershipStore::membership), page.limit(), m -> m.userId().toString()));
    }

    @Override
    public Membership update(Membership changed) {
        Validate.notNull("changed", changed);
        TenantChecks.requireOwn(ctx, changed.orgId());
        return ctx.write(sql -> {
            Membership stored = sql.selectFrom(MEMBERSHIP)
                    .where(MEMBERSHIP.ORG_ID.eq(ctx.org.value()), MEMBERSHIP.USER_ID.eq(changed.userId().value()))
                    .forUpdate()
                    .fetchOptional().map(JooqMembershipStore::membership)
                    .orElseThrow(() -> new NotFoundException("membership", changed.userId()));
            if (stored.version() != changed.version()) {
                throw new StaleVersionException("membership", changed.userId(), changed.version());
            }
            Instant now = ctx.now();
            // joinedAt records the first activation and then never moves.
            Optional<Instant> joined = stored.joinedAt().isEmpty() && changed.status() == MembershipStatus.ACTIVE
                    ? Optional.of(now) : stored.joinedAt();
            Membership updated = new Membership(ctx.org, stored.userId(), changed.role(), changed.status(), joined,
                    stored.version() + 1, stored.createdAt(), now);
            sql.update(MEMBERSHIP)
                    .set(MEMBERSHIP.ORG_ROLE, updated.role().name())
                    .set(MEMBERSHIP.STATUS, updated.status().name())
                    .set(MEMBERSHIP.JOINED_AT, Times.db(updated.joinedAt()))
                    .set(MEMBERSHIP.VERSION, updated.version())
                    .set(MEMBERSHIP.UPDATED_AT, Times.db(updated.updatedAt()))
                    .where(MEMBERSHIP.ORG_ID.eq(ctx.org.value()), MEMBERSHIP.USER_ID.eq(updated.userId().value()))
                    .execute();
            ctx.audit(sql, AuditRecord.updated("membership", updated.userId(), stored, updated).affecting(Impact.user(updated.userId())));
            return updated;
        });
    }

    @Override
    public void remove(UserId user) {
        Validate.notNull("user", user);
        ctx.write(sql -> {
            // One statement reads what it deletes; the cascades remove team memberships and direct assignments.
            Membership stored = sql.deleteFrom(MEMBERSHIP)
                    .where(MEMBERSHIP.ORG_ID.eq(ctx.org.value()), MEMBERSHIP.USER_ID.eq(user.value()))
                    .returning()
                    .fetchOptional().map(JooqMembershipStore::membership)
                    .orElseThrow(() -> new NotFoundException("membership", user));
            ctx.audit(sql, AuditRecord.deleted("membership", user, stored).affecting(Impact.user(user)));
            return null;
        });
    }

    private static MembershipRecord record(Membership m) {
        MembershipRecord r = new MembershipRecord();
        r.setOrgId(m.orgId().value());
        r.setUserId(m.userId().value());
        r.setOrgRole(m.role().name());
        r.setStatus(m.status().name());
        r.setJoinedAt(Times.db(m.joinedAt()));
        r.setVersion(m.version());
        r.setCreatedAt(Times.db(m.createdAt()));
        r.setUpdatedAt(Times.db(m.updatedAt()));
        return r;
    }

    static Membership membership(MembershipRecord r) {
        return new Membership(new OrgId(r.getOrgId()), new UserId(r.getUserId()), OrgRole.valueOf(r.getOrgRole()),
                MembershipStatus.valueOf(r.getStatus()), Times.opt(r.getJoinedAt()), r.getVersion(),
                Times.api(r.getCreatedAt()), Times.api(r.getUpdatedAt()));
    }
}
