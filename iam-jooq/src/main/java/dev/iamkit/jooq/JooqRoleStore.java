package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.ROLE;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
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
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Roles of one organization. Deleting one takes its feature grants, view grants and assignments
 * with it through the foreign keys' cascades.
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
            requireFreeCode(sql, role.code(), null);
            Instant now = ctx.now();
            Role created = new Role(ctx.org, new RoleId(Uuid7.next(ctx.clock)), role.code(), role.name(), role.description(), 0, now, now);
            sql.insertInto(ROLE).set(record(created)).execute();
            ctx.audit(sql, AuditRecord.created("role", created.id(), created));
            return created;
        });
    }

    @Override
    public Optional<Role> find(RoleId id) {
        Validate.notNull("id", id);
        return ctx.read(sql -> sql.selectFrom(ROLE).where(own(), ROLE.ID.eq(id.value()))
                .fetchOptional().map(JooqRoleStore::role));
    }

    @Override
    public Optional<Role> findByCode(String code) {
        String c = Validate.notNull("code", code).strip();
        return ctx.read(sql -> sql.selectFrom(ROLE).where(own(), ROLE.CODE.eq(c))
                .fetchOptional().map(JooqRoleStore::role));
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
            ctx.audit(sql, AuditRecord.updated("role", updated.id(), stored, updated));
            return updated;
        });
    }

    @Override
    public void delete(RoleId id) {
        Validate.notNull("id", id);
        ctx.write(sql -> {
            // One statement reads what it deletes; the cascades remove grants, view grants and assignments.
            Role stored = sql.deleteFrom(ROLE).where(own(), ROLE.ID.eq(id.value()))
                    .returning()
                    .fetchOptional().map(JooqRoleStore::role)
                    .orElseThrow(() -> new NotFoundException("role", id));
            ctx.audit(sql, AuditRecord.deleted("role", id, stored));
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

    private static RoleRecord record(Role r) {
        RoleRecord rec = new RoleRecord();
        rec.setOrgId(r.orgId().value());
        rec.setId(r.id().value());
        rec.setCode(r.code());
        rec.setName(r.name());
        rec.setDescription(r.description());
        rec.setVersion(r.version());
        rec.setCreatedAt(Times.db(r.createdAt()));
        rec.setUpdatedAt(Times.db(r.updatedAt()));
        return rec;
    }

    static Role role(RoleRecord r) {
        return new Role(new OrgId(r.getOrgId()), new RoleId(r.getId()), r.getCode(), r.getName(), r.getDescription(), r.getVersion(),
                Times.api(r.getCreatedAt()), Times.api(r.getUpdatedAt()));
    }
}
