package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.ORGANIZATION;
import static dev.iamkit.jooq.generated.Tables.ORG_COUNTER;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.authz.Impact;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.jooq.generated.tables.records.OrganizationRecord;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.OrganizationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.impl.DSL;

final class JooqOrganizationStore implements OrganizationStore {
    private final Sql sql;
    private final Clock clock;

    private final AuthzCache cache;

    JooqOrganizationStore(Sql sql, Clock clock, AuthzCache cache) {
        this.sql = sql;
        this.clock = clock;
        this.cache = cache;
    }

    @Override
    public Organization create(NewOrganization org) {
        Validate.notNull("org", org);
        return sql.globalWrite(Scope.PLATFORM, ctx -> {
            org.parentId().ifPresent(p -> requireLive(ctx, p));
            requireFreeSlug(ctx, org.slug(), null);
            Instant now = clock.instant();
            Organization created = new Organization(new OrgId(Uuid7.next(clock)), org.parentId(), org.slug(), org.name(),
                    OrgStatus.ACTIVE, org.settings(), 0, now, now, Optional.empty());
            GlobalChanges.changed(ctx, ctx.insertInto(ORGANIZATION).set(record(created)).execute());
            return created;
        });
    }

    @Override
    public Optional<Organization> find(OrgId id) {
        Validate.notNull("id", id);
        return sql.find(Scope.PLATFORM, ORGANIZATION, ORGANIZATION.ID, id.value(), false).map(JooqOrganizationStore::organization);
    }

    @Override
    public Optional<Organization> findBySlug(String slug) {
        String s = Validate.slug("slug", slug);
        return sql.find(Scope.PLATFORM, ORGANIZATION, ORGANIZATION.SLUG, s, true)
                .map(JooqOrganizationStore::organization);
    }

    @Override
    public Page<Organization> list(PageRequest page) {
        Validate.notNull("page", page);
        Optional<UUID> after = page.afterUuid();
        return sql.read(Scope.PLATFORM, ctx -> Page.fromOverfetch(ctx.selectFrom(ORGANIZATION)
                .where(ORGANIZATION.DELETED_AT.isNull())
                .and(after.map(ORGANIZATION.ID::gt).orElse(DSL.noCondition()))
                .orderBy(ORGANIZATION.ID)
                .limit(page.limit() + 1)
                .fetch(JooqOrganizationStore::organization), page.limit(), o -> o.id().toString()));
    }

    @Override
    public List<Organization> children(OrgId parent) {
        Validate.notNull("parent", parent);
        return sql.read(Scope.PLATFORM, ctx -> ctx.selectFrom(ORGANIZATION)
                .where(ORGANIZATION.PARENT_ID.eq(parent.value()), ORGANIZATION.DELETED_AT.isNull())
                .orderBy(ORGANIZATION.ID)
                .fetch(JooqOrganizationStore::organization));
    }

    @Override
    public Organization update(Organization changed) {
        Validate.notNull("changed", changed);
        long[] revision = {-1};
        Organization result = sql.globalWrite(Scope.PLATFORM, ctx -> {
            if (changed.parentId().isPresent()) {
                // Moves under a parent are made one at a time (a transaction-scoped advisory lock,
                // taken before any row lock: a move's foreign-key check waits for the new parent's
                // row, which another move could hold while it waited for this lock), and the walk
                // up from the new parent is a statement of its own after it, which sees every move
                // committed before: two moves checked at the same moment (A under B, B under A) each
                // passed their walk and closed a cycle together.
                ctx.select(DSL.field("pg_advisory_xact_lock({0})", Object.class, DSL.inline(HIERARCHY_LOCK))).fetch();
            }
            Organization stored = lockLive(ctx, changed.id());
            if (stored.version() != changed.version()) {
                throw new StaleVersionException("organization", changed.id(), changed.version());
            }
            if (!changed.parentId().equals(stored.parentId()) && changed.parentId().isPresent()) {
                checkParent(ctx, changed.id(), changed.parentId().get());
            }
            requireFreeSlug(ctx, changed.slug(), changed.id());
            Organization updated = new Organization(stored.id(), changed.parentId(), changed.slug(), changed.name(),
                    changed.status(), changed.settings(), stored.version() + 1, stored.createdAt(), clock.instant(), stored.deletedAt());
            store(ctx, updated);
            if (updated.status() != stored.status()) {
                revision[0] = accessChanged(ctx, updated.id());
            }
            return updated;
        });
        announce(changed.id(), revision[0]);
        return result;
    }

    @Override
    public Organization delete(OrgId id) {
        Validate.notNull("id", id);
        long[] revision = {-1};
        Organization result = sql.globalWrite(Scope.PLATFORM, ctx -> {
            Organization stored = lockLive(ctx, id);
            Instant now = clock.instant();
            Organization deleted = new Organization(stored.id(), stored.parentId(), stored.slug(), stored.name(), stored.status(),
                    stored.settings(), stored.version() + 1, stored.createdAt(), now, Optional.of(now));
            store(ctx, deleted);
            revision[0] = accessChanged(ctx, id);
            return deleted;
        });
        announce(id, revision[0]);
        return result;
    }

    @Override
    public Organization restore(OrgId id) {
        Validate.notNull("id", id);
        long[] revision = {-1};
        Organization result = sql.globalWrite(Scope.PLATFORM, ctx -> {
            Organization stored = ctx.selectFrom(ORGANIZATION).where(ORGANIZATION.ID.eq(id.value())).forUpdate()
                    .fetchOptional().map(JooqOrganizationStore::organization)
                    .orElseThrow(() -> new NotFoundException("organization", id));
            if (!stored.deleted()) {
                return stored;
            }
            requireFreeSlug(ctx, stored.slug(), id);
            Organization restored = new Organization(stored.id(), stored.parentId(), stored.slug(), stored.name(), stored.status(),
                    stored.settings(), stored.version() + 1, stored.createdAt(), clock.instant(), Optional.empty());
            store(ctx, restored);
            revision[0] = accessChanged(ctx, id);
            return restored;
        });
        announce(id, revision[0]);
        return result;
    }

    /**
     * Status, deletion and restore decide every check in the organization: they move its
     * revision, in the transaction of the change. The counter row is tenant data, so the
     * transaction is bound to the organization for the upsert, and unbound again.
     */
    private static long accessChanged(DSLContext ctx, OrgId id) {
        // SET takes no bind values; a uuid's canonical text cannot carry anything else (and SET LOCAL reaches Citus workers)
        ctx.execute("SET LOCAL iamkit.org_id = '" + id.value() + "'");
        // stamped like every revision (V28); a null reach: any answer of the organization may change
        long revision = ctx.insertInto(ORG_COUNTER, ORG_COUNTER.ORG_ID, ORG_COUNTER.REVISION, ORG_COUNTER.CHANGED_XID, ORG_COUNTER.REACH)
                .values(DSL.val(id.value()), DSL.inline(1L), TenantContext.CURRENT_XID, DSL.castNull(ORG_COUNTER.REACH))
                .onConflict(ORG_COUNTER.ORG_ID)
                .doUpdate().set(ORG_COUNTER.REVISION, ORG_COUNTER.REVISION.plus(1L))
                .set(ORG_COUNTER.ACCESS_REVISION, ORG_COUNTER.REVISION.plus(1L))
                .set(ORG_COUNTER.CHANGED_XID, DSL.excluded(ORG_COUNTER.CHANGED_XID))
                .set(ORG_COUNTER.REACH, DSL.excluded(ORG_COUNTER.REACH))
                .returningResult(ORG_COUNTER.REVISION)
                .fetchSingle().value1();
        ctx.execute("SET LOCAL iamkit.org_id = ''");
        return revision;
    }

    /** After the commit: this process's cache hears of the new revision at once. */
    private void announce(OrgId id, long revision) {
        if (revision >= 0) {
            cache.committed(id, revision, Impact.everything());
        }
    }

    private static void store(DSLContext ctx, Organization o) {
        GlobalChanges.changed(ctx, ctx.update(ORGANIZATION).set(record(o)).where(ORGANIZATION.ID.eq(o.id().value())).execute());
    }

    /** Reads and locks a live organization, so a concurrent update waits and then sees the new version. */
    private static Organization lockLive(DSLContext ctx, OrgId id) {
        return ctx.selectFrom(ORGANIZATION).where(ORGANIZATION.ID.eq(id.value()), ORGANIZATION.DELETED_AT.isNull())
                .forUpdate().fetchOptional().map(JooqOrganizationStore::organization)
                .orElseThrow(() -> new NotFoundException("organization", id));
    }

    private static void requireLive(DSLContext ctx, OrgId id) {
        if (!ctx.fetchExists(ORGANIZATION, ORGANIZATION.ID.eq(id.value()), ORGANIZATION.DELETED_AT.isNull())) {
            throw new NotFoundException("organization", id);
        }
    }

    /** The unique index is the real guard; this check names the slug before the insert fails on it. */
    private static void requireFreeSlug(DSLContext ctx, String slug, OrgId self) {
        if (ctx.fetchExists(ORGANIZATION, ORGANIZATION.SLUG.eq(slug), ORGANIZATION.DELETED_AT.isNull(),
                self == null ? DSL.noCondition() : ORGANIZATION.ID.ne(self.value()))) {
            throw new AlreadyExistsException("organization", "slug", slug);
        }
    }

    /** The advisory lock that orders moves of organizations under a parent ("iamkit.o" in ASCII); no other lock of the library uses it. */
    private static final long HIERARCHY_LOCK = 0x69616d6b69742e6fL;

    /** A new parent must be live and must not be the organization itself or one of its descendants: one recursive query walks up from it. */
    private static void checkParent(DSLContext ctx, OrgId self, OrgId parent) {
        if (parent.equals(self)) {
            throw new ValidationException("parentId", "an organization cannot be its own parent");
        }
        requireLive(ctx, parent);
        Name up = DSL.name("up");
        var upId = DSL.field(DSL.name("up", "id"), UUID.class);
        boolean cycle = ctx.withRecursive(up, DSL.name("id"), DSL.name("parent_id"))
                .as(DSL.select(ORGANIZATION.ID, ORGANIZATION.PARENT_ID).from(ORGANIZATION).where(ORGANIZATION.ID.eq(parent.value()))
                        .union(DSL.select(ORGANIZATION.ID, ORGANIZATION.PARENT_ID).from(ORGANIZATION)
                                .join(DSL.table(up)).on(ORGANIZATION.ID.eq(DSL.field(DSL.name("up", "parent_id"), UUID.class)))))
                .select(DSL.field(DSL.exists(DSL.selectOne().from(DSL.table(up)).where(upId.eq(self.value())))))
                .fetchSingle().value1();
        if (cycle) {
            throw new ValidationException("parentId", "an organization cannot be its own ancestor");
        }
    }

    private static OrganizationRecord record(Organization o) {
        OrganizationRecord r = new OrganizationRecord();
        r.setId(o.id().value());
        r.setParentId(o.parentId().map(OrgId::value).orElse(null));
        r.setSlug(o.slug());
        r.setName(o.name());
        r.setStatus(o.status().name());
        r.setSettings(JsonMaps.jsonb(o.settings()));
        r.setVersion(o.version());
        r.setCreatedAt(Times.db(o.createdAt()));
        r.setUpdatedAt(Times.db(o.updatedAt()));
        r.setDeletedAt(Times.db(o.deletedAt()));
        return r;
    }

    static Organization organization(OrganizationRecord r) {
        OrgId id = new OrgId(r.getId());
        return new Organization(id, Optional.ofNullable(r.getParentId()).map(OrgId::new), r.getSlug(), r.getName(),
                OrgStatus.valueOf(r.getStatus()), JsonMaps.map(id, r.getSettings()), r.getVersion(),
                Times.api(r.getCreatedAt()), Times.api(r.getUpdatedAt()), Times.opt(r.getDeletedAt()));
    }
}
