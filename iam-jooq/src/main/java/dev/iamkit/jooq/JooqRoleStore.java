package dev.iamkit.jooq;

import dev.iamkit.authz.Impact;
import static dev.iamkit.jooq.generated.Tables.ROLE;
import static dev.iamkit.jooq.generated.Tables.ROLE_INCLUSION;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.jooq.generated.tables.records.RoleRecord;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.RoleStore;
import dev.iamkit.support.AuditRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Roles of one organization and their inclusions. Deleting one takes its feature grants, view
 * grants, assignments and inclusions (both ways) with it through the foreign keys' cascades.
 */
final class JooqRoleStore implements RoleStore {
    private final TenantContext ctx;

    JooqRoleStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Role create(NewRole role) {
        Validate.notNull("role", role);
        return ctx.write(sql -> {
            Instant now = ctx.now();
            Role created = new Role(ctx.org, new RoleId(Uuid7.next(ctx.clock)), role.code(), role.name(), role.description(), 0, now, now);
            // one statement (RoleSql): the insert, skipped when the code is taken, and the counter moved only when it inserted
            var counters = sql.connectionResult(c -> ctx.statements.roles.create(c, ctx.org.value(), created.id().value(), created.code(),
                            created.name(), created.description(), Times.db(created.createdAt()), Impact.nothing().encode()))
                    .orElseThrow(() -> new AlreadyExistsException("role", "code", role.code()));
            ctx.audit(sql, counters, AuditRecord.created("role", created.id(), created).affecting(Impact.nothing()));
            return created;
        });
    }

    @Override
    public Optional<Role> find(RoleId id) {
        Validate.notNull("id", id);
        return ctx.find(ROLE, ROLE.ID, id.value()).map(JooqRoleStore::role);
    }

    @Override
    public Optional<Role> findByCode(String code) {
        String c = Validate.lookup("code", code);
        return ctx.find(ROLE, ROLE.CODE, c).map(JooqRoleStore::role);
    }

    @Override
    public Page<Role> list(PageRequest page) {
        Validate.notNull("page", page);
        Optional<UUID> after = page.afterUuid();
        return ctx.read(sql -> Page.fromOverfetch(sql.selectFrom(ROLE)
                .where(own())
                .and(after.map(ROLE.ID::gt).orElse(DSL.noCondition()))
                .orderBy(ROLE.ID)
                .limit(page.limit() + 1)
                .fetch(JooqRoleStore::role), page.limit(), r -> r.id().toString()));
    }

    @Override
    public Role update(Role changed) {
        Validate.notNull("changed", changed);
        TenantChecks.requireOwn(ctx, changed.orgId());
        return ctx.write(sql -> {
            Role stored = sql.selectFrom(ROLE).where(own(), ROLE.ID.eq(changed.id().value()))
                    .forUpdate()
                    .fetchOptional().map(JooqRoleStore::role)
                    .orElseThrow(() -> new NotFoundException("role", changed.id()));
            if (stored.version() != changed.version()) {
                throw new StaleVersionException("role", changed.id(), changed.version());
            }
            requireFreeCode(sql, changed.code(), stored.id());
            Role updated = new Role(ctx.org, stored.id(), changed.code(), changed.name(), changed.description(), stored.version() + 1,
                    stored.createdAt(), ctx.now());
            sql.update(ROLE)
                    .set(ROLE.CODE, updated.code())
                    .set(ROLE.NAME, updated.name())
                    .set(ROLE.DESCRIPTION, updated.description())
                    .set(ROLE.VERSION, updated.version())
                    .set(ROLE.UPDATED_AT, Times.db(updated.updatedAt()))
                    .where(own(), ROLE.ID.eq(updated.id().value()))
                    .execute();
            ctx.audit(sql, AuditRecord.updated("role", updated.id(), stored, updated).affecting(Impact.nothing()));
            return updated;
        });
    }

    @Override
    public boolean include(RoleId role, RoleId included) {
        Validate.notNull("role", role);
        Validate.notNull("included", included);
        return ctx.write(sql -> {
            // Inclusions of one organization are made one at a time (a transaction-scoped advisory
            // lock on the organization): otherwise two includes of unrelated pairs could each pass
            // their cycle check and close a cycle together. Row locks in id order keep the
            // roles from being deleted meanwhile.
            sql.select(DSL.field("pg_advisory_xact_lock({0})", Object.class,
                    DSL.val(ctx.org.value().getMostSignificantBits() ^ ctx.org.value().getLeastSignificantBits()))).fetch();
            Set<UUID> found = new HashSet<>(sql.select(ROLE.ID).from(ROLE)
                    .where(own(), ROLE.ID.in(role.value(), included.value()))
                    .orderBy(ROLE.ID)
                    .forNoKeyUpdate()
                    .fetch(ROLE.ID));
            if (!found.contains(role.value())) {
                throw new NotFoundException("role", role);
            }
            if (!found.contains(included.value())) {
                throw new NotFoundException("role", included);
            }
            if (reaches(sql, included, role)) {
                throw new ValidationException("includedRoleId", role.equals(included)
                        ? "a role cannot include itself"
                        : "role " + included + " includes role " + role + ", directly or through others; the inclusion would make a cycle");
            }
            // A concurrent include of the same pair waits on the primary key and then does nothing.
            int added = sql.insertInto(ROLE_INCLUSION, ROLE_INCLUSION.ORG_ID, ROLE_INCLUSION.ROLE_ID, ROLE_INCLUSION.INCLUDED_ROLE_ID)
                    .values(ctx.org.value(), role.value(), included.value())
                    .onConflictDoNothing()
                    .execute();
            if (added == 0) {
                return ctx.unchanged(sql, false);
            }
            ctx.audit(sql, AuditRecord.inclusion(true, role, included));
            return true;
        });
    }

    @Override
    public boolean exclude(RoleId role, RoleId included) {
        Validate.notNull("role", role);
        Validate.notNull("included", included);
        return ctx.write(sql -> {
            int removed = sql.deleteFrom(ROLE_INCLUSION)
                    .where(ROLE_INCLUSION.ORG_ID.eq(ctx.org.value()), ROLE_INCLUSION.ROLE_ID.eq(role.value()),
                            ROLE_INCLUSION.INCLUDED_ROLE_ID.eq(included.value()))
                    .execute();
            if (removed == 0) {
                // Nothing to remove: only now does it matter whether the role exists.
                requireRole(sql, role);
                return ctx.unchanged(sql, false);
            }
            ctx.audit(sql, AuditRecord.inclusion(false, role, included));
            return true;
        });
    }

    @Override
    public List<Role> includes(RoleId role) {
        Validate.notNull("role", role);
        return ctx.read(sql -> {
            List<Role> out = sql.select(ROLE.fields())
                    .from(ROLE_INCLUSION)
                    .join(ROLE).on(ROLE.ORG_ID.eq(ROLE_INCLUSION.ORG_ID), ROLE.ID.eq(ROLE_INCLUSION.INCLUDED_ROLE_ID))
                    .where(ROLE_INCLUSION.ORG_ID.eq(ctx.org.value()), ROLE_INCLUSION.ROLE_ID.eq(role.value()))
                    .orderBy(ROLE.ID)
                    .fetch(r -> role(r.into(ROLE)));
            // An inclusion names its role by foreign key: rows prove the role exists, only none needs a look.
            if (out.isEmpty()) {
                requireRole(sql, role);
            }
            return out;
        });
    }

    /**
     * Whether {@code to} is {@code from} or a role {@code from} includes, transitively: one
     * recursive query. {@code UNION} keeps each role once, so the walk ends on any graph.
     */
    private boolean reaches(DSLContext sql, RoleId from, RoleId to) {
        Name reach = DSL.name("reach");
        Field<UUID> reached = DSL.field(DSL.name("reach", "role_id"), SQLDataType.UUID);
        CommonTableExpression<Record1<UUID>> walk = reach.fields("role_id")
                .as(DSL.select(DSL.val(from.value(), SQLDataType.UUID))
                        .union(DSL.select(ROLE_INCLUSION.INCLUDED_ROLE_ID)
                                .from(ROLE_INCLUSION)
                                .join(DSL.table(reach)).on(ROLE_INCLUSION.ROLE_ID.eq(reached))
                                .where(ROLE_INCLUSION.ORG_ID.eq(ctx.org.value()))));
        return sql.withRecursive(walk)
                .select(DSL.field(DSL.exists(DSL.selectOne().from(walk).where(reached.eq(to.value())))))
                .fetchSingle().value1();
    }

    private void requireRole(DSLContext sql, RoleId role) {
        if (!sql.fetchExists(ROLE, own(), ROLE.ID.eq(role.value()))) {
            throw new NotFoundException("role", role);
        }
    }

    @Override
    public void delete(RoleId id) {
        Validate.notNull("id", id);
        ctx.write(sql -> {
            // One statement reads what it deletes; the cascades remove grants, view grants, assignments and inclusions.
            Role stored = sql.deleteFrom(ROLE).where(own(), ROLE.ID.eq(id.value()))
                    .returning()
                    .fetchOptional().map(JooqRoleStore::role)
                    .orElseThrow(() -> new NotFoundException("role", id));
            ctx.audit(sql, AuditRecord.deleted("role", id, stored).affecting(Impact.role(id)));
            return null;
        });
    }

    private Condition own() {
        return ROLE.ORG_ID.eq(ctx.org.value());
    }

    /** The unique key is the real guard; this check names the code before the insert or update fails on it. */
    private void requireFreeCode(DSLContext sql, String code, RoleId self) {
        if (sql.fetchExists(ROLE, own(), ROLE.CODE.eq(code), self == null ? DSL.noCondition() : ROLE.ID.ne(self.value()))) {
            throw new AlreadyExistsException("role", "code", code);
        }
    }

    static Role role(RoleRecord r) {
        return new Role(new OrgId(r.getOrgId()), new RoleId(r.getId()), r.getCode(), r.getName(), r.getDescription(), r.getVersion(),
                Times.api(r.getCreatedAt()), Times.api(r.getUpdatedAt()));
    }
}
