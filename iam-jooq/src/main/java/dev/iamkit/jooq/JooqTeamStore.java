package dev.iamkit.jooq;

import dev.iamkit.authz.Impact;
import static dev.iamkit.jooq.generated.Tables.MEMBERSHIP;
import static dev.iamkit.jooq.generated.Tables.TEAM;
import static dev.iamkit.jooq.generated.Tables.TEAM_MEMBER;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.jooq.generated.tables.records.TeamRecord;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Team;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.TeamStore;
import dev.iamkit.support.AuditRecord;
import dev.iamkit.support.CaseFolding;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Teams of one organization and their members. Names are unique by {@link CaseFolding#key},
 * computed here and stored in {@code name_key} (V13), whose unique index {@code team_name} decides
 * races; every comparison is on that column, so the store's check, the index and the in-memory
 * store agree whatever the database's collation. Deleting a team removes its member list and its
 * assignments through the foreign keys' cascades.
 */
final class JooqTeamStore implements TeamStore {
    private final TenantContext ctx;

    JooqTeamStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Team create(NewTeam team) {
        Validate.notNull("team", team);
        return ctx.write(sql -> {
            requireFreeName(sql, team.name(), null);
            Instant now = ctx.now();
            Team created = new Team(ctx.org, new TeamId(Uuid7.next(ctx.clock)), team.name(), team.description(), 0, now, now);
            sql.insertInto(TEAM).set(record(created)).execute();
            ctx.audit(sql, AuditRecord.created("team", created.id(), created).affecting(Impact.nothing()));
            return created;
        });
    }

    @Override
    public Optional<Team> find(TeamId id) {
        Validate.notNull("id", id);
        return ctx.find(TEAM, TEAM.ID, id.value()).map(JooqTeamStore::team);
    }

    @Override
    public Optional<Team> findByName(String name) {
        String n = Validate.lookup("name", name);
        return ctx.read(sql -> sql.selectFrom(TEAM).where(own(), sameName(n))
                .fetchOptional().map(JooqTeamStore::team));
    }

    @Override
    public Page<Team> list(PageRequest page) {
        Validate.notNull("page", page);
        Optional<UUID> after = page.afterUuid();
        return ctx.read(sql -> Page.fromOverfetch(sql.selectFrom(TEAM)
                .where(own())
                .and(after.map(TEAM.ID::gt).orElse(DSL.noCondition()))
                .orderBy(TEAM.ID)
                .limit(page.limit() + 1)
                .fetch(JooqTeamStore::team), page.limit(), t -> t.id().toString()));
    }

    @Override
    public Team update(Team changed) {
        Validate.notNull("changed", changed);
        TenantChecks.requireOwn(ctx, changed.orgId());
        return ctx.write(sql -> {
            Team stored = sql.selectFrom(TEAM).where(own(), TEAM.ID.eq(changed.id().value()))
                    .forUpdate()
                    .fetchOptional().map(JooqTeamStore::team)
                    .orElseThrow(() -> new NotFoundException("team", changed.id()));
            if (stored.version() != changed.version()) {
                throw new StaleVersionException("team", changed.id(), changed.version());
            }
            requireFreeName(sql, changed.name(), stored.id());
            Team updated = new Team(ctx.org, stored.id(), changed.name(), changed.description(), stored.version() + 1,
                    stored.createdAt(), ctx.now());
            sql.update(TEAM)
                    .set(TEAM.NAME, updated.name())
                    .set(TEAM.NAME_KEY, CaseFolding.key(updated.name()))
                    .set(TEAM.DESCRIPTION, updated.description())
                    .set(TEAM.VERSION, updated.version())
                    .set(TEAM.UPDATED_AT, Times.db(updated.updatedAt()))
                    .where(own(), TEAM.ID.eq(updated.id().value()))
                    .execute();
            ctx.audit(sql, AuditRecord.updated("team", updated.id(), stored, updated).affecting(Impact.nothing()));
            return updated;
        });
    }

    @Override
    public void delete(TeamId id) {
        Validate.notNull("id", id);
        ctx.write(sql -> {
            // One statement reads what it deletes; the cascades remove the member list and the team's assignments.
            Team stored = sql.deleteFrom(TEAM).where(own(), TEAM.ID.eq(id.value()))
                    .returning()
                    .fetchOptional().map(JooqTeamStore::team)
                    .orElseThrow(() -> new NotFoundException("team", id));
            ctx.audit(sql, AuditRecord.deleted("team", id, stored).affecting(Impact.team(id)));
            return null;
        });
    }

    @Override
    public boolean addMember(TeamId team, UserId user) {
        Validate.notNull("team", team);
        Validate.notNull("user", user);
        return ctx.write(sql -> {
            Record2<Boolean, Boolean> found = sql.select(
                            DSL.field(DSL.exists(DSL.selectOne().from(TEAM).where(own(), TEAM.ID.eq(team.value())))),
                            DSL.field(DSL.exists(DSL.selectOne().from(MEMBERSHIP)
                                    .where(MEMBERSHIP.ORG_ID.eq(ctx.org.value()), MEMBERSHIP.USER_ID.eq(user.value())))))
                    .fetchSingle();
            if (!found.value1()) {
                throw new NotFoundException("team", team);
            }
            if (!found.value2()) {
                throw new NotFoundException("membership", user);
            }
            // A concurrent add of the same pair waits on the primary key and then does nothing.
            int added = sql.insertInto(TEAM_MEMBER, TEAM_MEMBER.ORG_ID, TEAM_MEMBER.TEAM_ID, TEAM_MEMBER.USER_ID)
                    .values(ctx.org.value(), team.value(), user.value())
                    .onConflictDoNothing()
                    .execute();
            if (added == 0) {
                return ctx.unchanged(sql, false);
            }
            ctx.audit(sql, AuditRecord.teamMember(true, team, user));
            return true;
        });
    }

    @Override
    public boolean removeMember(TeamId team, UserId user) {
        Validate.notNull("team", team);
        Validate.notNull("user", user);
        return ctx.write(sql -> {
            int removed = sql.deleteFrom(TEAM_MEMBER)
                    .where(TEAM_MEMBER.ORG_ID.eq(ctx.org.value()), TEAM_MEMBER.TEAM_ID.eq(team.value()), TEAM_MEMBER.USER_ID.eq(user.value()))
                    .execute();
            if (removed == 0) {
                // Nothing to remove: only now does it matter whether the team exists.
                requireTeam(sql, team);
                return ctx.unchanged(sql, false);
            }
            ctx.audit(sql, AuditRecord.teamMember(false, team, user));
            return true;
        });
    }

    @Override
    public List<UserId> members(TeamId team) {
        Validate.notNull("team", team);
        return ctx.read(sql -> {
            // One query: the team row, joined to its members if it has any.
            Result<Record2<UUID, UUID>> rows = sql.select(TEAM.ID, TEAM_MEMBER.USER_ID)
                    .from(TEAM)
                    .leftJoin(TEAM_MEMBER).on(TEAM_MEMBER.ORG_ID.eq(TEAM.ORG_ID), TEAM_MEMBER.TEAM_ID.eq(TEAM.ID))
                    .where(own(), TEAM.ID.eq(team.value()))
                    .orderBy(TEAM_MEMBER.USER_ID)
                    .fetch();
            if (rows.isEmpty()) {
                throw new NotFoundException("team", team);
            }
            return rows.stream().map(Record2::value2).filter(u -> u != null).map(UserId::new).toList();
        });
    }

    @Override
    public List<Team> teamsOf(UserId user) {
        Validate.notNull("user", user);
        return ctx.read(sql -> sql.select(TEAM.fields())
                .from(TEAM)
                .join(TEAM_MEMBER).on(TEAM_MEMBER.ORG_ID.eq(TEAM.ORG_ID), TEAM_MEMBER.TEAM_ID.eq(TEAM.ID))
                .where(own(), TEAM_MEMBER.ORG_ID.eq(ctx.org.value()), TEAM_MEMBER.USER_ID.eq(user.value()))
                .orderBy(TEAM.ID)
                .fetch(r -> team(r.into(TEAM))));
    }

    private Condition own() {
        return TEAM.ORG_ID.eq(ctx.org.value());
    }

    private static Condition sameName(String name) {
        return TEAM.NAME_KEY.eq(CaseFolding.key(name));
    }

    private void requireTeam(DSLContext sql, TeamId team) {
        if (!sql.fetchExists(TEAM, own(), TEAM.ID.eq(team.value()))) {
            throw new NotFoundException("team", team);
        }
    }

    /** The unique index is the real guard; this check names the field before the insert or update fails on it. */
    private void requireFreeName(DSLContext sql, String name, TeamId self) {
        if (sql.fetchExists(TEAM, own(), sameName(name), self == null ? DSL.noCondition() : TEAM.ID.ne(self.value()))) {
            throw new AlreadyExistsException("team", "name", name);
        }
    }

    private static TeamRecord record(Team t) {
        TeamRecord r = new TeamRecord();
        r.setOrgId(t.orgId().value());
        r.setId(t.id().value());
        r.setName(t.name());
        r.setNameKey(CaseFolding.key(t.name()));
        r.setDescription(t.description());
        r.setVersion(t.version());
        r.setCreatedAt(Times.db(t.createdAt()));
        r.setUpdatedAt(Times.db(t.updatedAt()));
        return r;
    }

    static Team team(TeamRecord r) {
        return new Team(new OrgId(r.getOrgId()), new TeamId(r.getId()), r.getName(), r.getDescription(), r.getVersion(),
                Times.api(r.getCreatedAt()), Times.api(r.getUpdatedAt()));
    }
}
