package dev.iamkit.jooq;

import dev.iamkit.authz.Impact;
import static dev.iamkit.jooq.generated.Tables.ROLE;
import static dev.iamkit.jooq.generated.Tables.TEAM_ASSIGNMENT;
import static dev.iamkit.jooq.generated.Tables.USER_ASSIGNMENT;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.jooq.generated.tables.records.TeamAssignmentRecord;
import dev.iamkit.jooq.generated.tables.records.UserAssignmentRecord;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.TeamPrincipal;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserPrincipal;
import dev.iamkit.model.Validate;
import dev.iamkit.store.AssignmentStore;
import dev.iamkit.support.AuditRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Who holds which role in the scope's organization. Assignments to users and to teams live in
 * two tables ({@code user_assignment}, {@code team_assignment}); {@code listForRole} reads both in
 * one query. Writes lock the role's row first, as the grant store does, and read the assignment
 * they replace after the lock is held, so the previous assignment an audit event records is the
 * one the write replaced. Like every tenant write they
 * report a missing organization first ({@link TenantContext#write}).
 */
final class JooqAssignmentStore implements AssignmentStore {
    private static final Field<UUID> P_ID = DSL.field(DSL.name("a", "principal_id"), SQLDataType.UUID);
    private static final Field<Boolean> P_TEAM = DSL.field(DSL.name("a", "is_team"), SQLDataType.BOOLEAN);
    private static final Field<String> P_BY = DSL.field(DSL.name("a", "granted_by"), SQLDataType.CLOB);
    private static final Field<OffsetDateTime> P_AT = DSL.field(DSL.name("a", "granted_at"), SQLDataType.TIMESTAMPWITHTIMEZONE(6));
    private static final Field<OffsetDateTime> P_EXPIRES = DSL.field(DSL.name("a", "expires_at"), SQLDataType.TIMESTAMPWITHTIMEZONE(6));

    private final TenantContext ctx;

    JooqAssignmentStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    /**
     * One exchange and the audit event: the role locked, then, in a statement whose snapshot is
     * taken once the role is held, the role and the principal looked up, the previous assignment
     * read, the assignment upserted and the counter moved (both rendered once for the store:
     * {@link AssignmentSql}). Nothing is written when the role or the principal is missing.
     */
    @Override
    public Assignment assign(RoleId role, Principal principal, Optional<Instant> expiresAt) {
        Validate.notNull("role", role);
        Validate.notNull("principal", principal);
        Optional<Instant> expiry = Validate.instant("expiresAt", expiresAt);
        return ctx.write(sql -> {
            Instant now = ctx.now();
            // Compared as stored (to the microsecond), so a stored assignment is never born expired.
            if (expiry.isPresent() && !expiry.get().isAfter(now)) {
                throw new ValidationException("expiresAt", "must be in the future");
            }
            AssignmentSql.Held held = held(principal);
            UUID who = uuidOf(principal);
            AssignmentSql statements = ctx.statements.assignments;
            Assignment stored = new Assignment(ctx.org, role, principal, ctx.actor.label(), now, expiry);
            AssignmentSql.Changed changed = sql.connectionResult(c -> statements.assign(c, held, ctx.org.value(), role.value(), who,
                    stored.grantedBy(), Times.db(stored.grantedAt()), Times.db(stored.expiresAt()), Impact.of(principal).encode(),
                    Impact.nothing().encode()));
            if (!changed.roleFound()) {
                throw new NotFoundException("role", role);
            }
            if (!changed.principalFound()) {
                throw switch (principal) {
                    case UserPrincipal u -> new NotFoundException("membership", u.userId());
                    case TeamPrincipal t -> new NotFoundException("team", t.teamId());
                };
            }
            Assignment previous = changed.grantedAt() == null ? null
                    : new Assignment(ctx.org, role, principal, changed.grantedBy(), Times.api(changed.grantedAt()), Times.opt(changed.expiresAt()));
            Impact impact = changed.asItWas() ? Impact.nothing() : Impact.of(principal);   // the reach the counter recorded
            ctx.audit(sql, changed.counters(), AuditRecord.of("assignment.set", "role", role, previous, stored).affecting(impact));
            return stored;
        });
    }

    /**
     * One exchange locks the role, then deletes the assignment and, when there was one, moves the
     * counter, in a statement whose snapshot is taken once the role is held; then the audit event.
     */
    @Override
    public boolean unassign(RoleId role, Principal principal) {
        Validate.notNull("role", role);
        Validate.notNull("principal", principal);
        return ctx.write(sql -> {
            AssignmentSql.Removed r = sql.connectionResult(c -> ctx.statements.assignments.unassign(c, held(principal), ctx.org.value(),
                    role.value(), uuidOf(principal), Impact.of(principal).encode()));
            if (!r.roleFound()) {
                throw new NotFoundException("role", role);
            }
            if (r.grantedAt() == null) {
                return ctx.unchanged(sql, false);
            }
            Assignment removed = new Assignment(ctx.org, role, principal, r.grantedBy(), Times.api(r.grantedAt()), Times.opt(r.expiresAt()));
            var counters = r.counters();
            ctx.audit(sql, counters, AuditRecord.of("assignment.remove", "role", role, removed, null).affecting(Impact.of(principal)));
            return true;
        });
    }

    private static AssignmentSql.Held held(Principal p) {
        return switch (p) {
            case UserPrincipal u -> AssignmentSql.USERS;
            case TeamPrincipal t -> AssignmentSql.TEAMS;
        };
    }

    @Override
    public List<Assignment> listFor(Principal principal) {
        Validate.notNull("principal", principal);
        return ctx.read(sql -> switch (principal) {
            case UserPrincipal u -> sql.selectFrom(USER_ASSIGNMENT)
                    .where(USER_ASSIGNMENT.ORG_ID.eq(ctx.org.value()), USER_ASSIGNMENT.USER_ID.eq(u.userId().value()))
                    .orderBy(USER_ASSIGNMENT.ROLE_ID)
                    .fetch(this::assignment);
            case TeamPrincipal t -> sql.selectFrom(TEAM_ASSIGNMENT)
                    .where(TEAM_ASSIGNMENT.ORG_ID.eq(ctx.org.value()), TEAM_ASSIGNMENT.TEAM_ID.eq(t.teamId().value()))
                    .orderBy(TEAM_ASSIGNMENT.ROLE_ID)
                    .fetch(this::assignment);
        });
    }

    /** Users and teams in one keyset-paged query: a UNION ALL of both tables, ordered by principal id. */
    @Override
    public Page<Assignment> listForRole(RoleId role, PageRequest page) {
        Validate.notNull("role", role);
        Validate.notNull("page", page);
        return ctx.read(sql -> {
            Optional<UUID> after;
            try {
                after = page.afterUuid();
            } catch (ValidationException e) {
                requireRole(sql, role);   // an unknown role is reported before a bad cursor, as in memory
                throw e;
            }
            Table<Record5<UUID, Boolean, String, OffsetDateTime, OffsetDateTime>> both = DSL
                    .select(USER_ASSIGNMENT.USER_ID.as("principal_id"), DSL.inline(false).as("is_team"),
                            USER_ASSIGNMENT.GRANTED_BY, USER_ASSIGNMENT.GRANTED_AT, USER_ASSIGNMENT.EXPIRES_AT)
                    .from(USER_ASSIGNMENT)
                    .where(USER_ASSIGNMENT.ORG_ID.eq(ctx.org.value()), USER_ASSIGNMENT.ROLE_ID.eq(role.value()),
                            after.map(USER_ASSIGNMENT.USER_ID::gt).orElse(DSL.noCondition()))
                    .unionAll(DSL.select(TEAM_ASSIGNMENT.TEAM_ID, DSL.inline(true),
                                    TEAM_ASSIGNMENT.GRANTED_BY, TEAM_ASSIGNMENT.GRANTED_AT, TEAM_ASSIGNMENT.EXPIRES_AT)
                            .from(TEAM_ASSIGNMENT)
                            .where(TEAM_ASSIGNMENT.ORG_ID.eq(ctx.org.value()), TEAM_ASSIGNMENT.ROLE_ID.eq(role.value()),
                                    after.map(TEAM_ASSIGNMENT.TEAM_ID::gt).orElse(DSL.noCondition())))
                    .asTable("a");
            List<Assignment> rows = sql.select(P_ID, P_TEAM, P_BY, P_AT, P_EXPIRES)
                    .from(both)
                    .orderBy(P_ID, P_TEAM)
                    .limit(page.limit() + 1)
                    .fetch(r -> new Assignment(ctx.org, role,
                            r.value2() ? Principal.team(new TeamId(r.value1())) : Principal.user(new UserId(r.value1())),
                            r.value3(), Times.api(r.value4()), Times.opt(r.value5())));
            // An assignment names its role by foreign key: rows prove the role exists, only none needs a look.
            if (rows.isEmpty()) {
                requireRole(sql, role);
            }
            return Page.fromOverfetch(rows, page.limit(), a -> uuidOf(a.principal()).toString());
        });
    }

    private void requireRole(DSLContext sql, RoleId role) {
        if (!sql.fetchExists(ROLE, ROLE.ORG_ID.eq(ctx.org.value()), ROLE.ID.eq(role.value()))) {
            throw new NotFoundException("role", role);
        }
    }

    private static UUID uuidOf(Principal p) {
        return switch (p) {
            case UserPrincipal u -> u.userId().value();
            case TeamPrincipal t -> t.teamId().value();
        };
    }

    private Assignment assignment(UserAssignmentRecord r) {
        return new Assignment(ctx.org, new RoleId(r.getRoleId()), Principal.user(new UserId(r.getUserId())), r.getGrantedBy(),
                Times.api(r.getGrantedAt()), Times.opt(r.getExpiresAt()));
    }

    private Assignment assignment(TeamAssignmentRecord r) {
        return new Assignment(ctx.org, new RoleId(r.getRoleId()), Principal.team(new TeamId(r.getTeamId())), r.getGrantedBy(),
                Times.api(r.getGrantedAt()), Times.opt(r.getExpiresAt()));
    }
}
