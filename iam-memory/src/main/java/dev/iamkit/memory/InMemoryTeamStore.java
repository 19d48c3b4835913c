package dev.iamkit.memory;

import dev.iamkit.authz.Impact;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Principal;
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
import java.util.TreeMap;
import java.util.TreeSet;

/** Teams of one organization and their members. Names are unique by {@link CaseFolding#key}, as on PostgreSQL. */
final class InMemoryTeamStore implements TeamStore {
    private static final TreeSet<UserId> NO_MEMBERS = new TreeSet<>();
    private final TenantContext ctx;

    InMemoryTeamStore(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Team create(NewTeam team) {
        Validate.notNull("team", team);
        return ctx.write((d, tx) -> {
            requireFreeName(d, team.name(), null);
            Instant now = ctx.now();
            Team created = new Team(ctx.org, new TeamId(Uuid7.next(ctx.clock)), team.name(), team.description(), 0, now, now);
            tx.put(d.teams, created.id(), created);
            ctx.audit(d, tx, AuditRecord.created("team", created.id(), created).affecting(Impact.nothing()));
            return created;
        });
    }

    @Override
    public Optional<Team> find(TeamId id) {
        Validate.notNull("id", id);
        return ctx.read(d -> Optional.ofNullable(d.teams.get(id)));
    }

    @Override
    public Optional<Team> findByName(String name) {
        String key = CaseFolding.key(Validate.lookup("name", name));
        return ctx.read(d -> withName(d, key));
    }

    @Override
    public Page<Team> list(PageRequest page) {
        Validate.notNull("page", page);
        return ctx.read(d -> Paging.byId(d.teams, page, TeamId::new, t -> true, Team::id));
    }

    @Override
    public Team update(Team changed) {
        Validate.notNull("changed", changed);
        ctx.requireOwn(changed.orgId());
        return ctx.write((d, tx) -> {
            Team stored = TenantContext.team(d, changed.id());
            if (stored.version() != changed.version()) {
                throw new StaleVersionException("team", changed.id(), changed.version());
            }
            requireFreeName(d, changed.name(), stored.id());
            Team updated = new Team(ctx.org, stored.id(), changed.name(), changed.description(), stored.version() + 1,
                    stored.createdAt(), ctx.now());
            tx.put(d.teams, updated.id(), updated);
            ctx.audit(d, tx, AuditRecord.updated("team", updated.id(), stored, updated).affecting(Impact.nothing()));
            return updated;
        });
    }

    @Override
    public void delete(TeamId id) {
        Validate.notNull("id", id);
        ctx.write((d, tx) -> {
            Team stored = TenantContext.team(d, id);
            tx.remove(d.teams, id);
            tx.remove(d.teamMembers, id);
            Principal p = Principal.team(id);
            for (TreeMap<Principal, Assignment> held : d.assignments.values()) {
                tx.remove(held, p);
            }
            ctx.audit(d, tx, AuditRecord.deleted("team", id, stored).affecting(Impact.team(id)));
            return null;
        });
    }

    @Override
    public boolean addMember(TeamId team, UserId user) {
        Validate.notNull("team", team);
        Validate.notNull("user", user);
        return ctx.write((d, tx) -> {
            TenantContext.team(d, team);
            if (!d.memberships.containsKey(user)) {
                throw new NotFoundException("membership", user);
            }
            if (!tx.add(tx.child(d.teamMembers, team, TreeSet::new), user)) {
                return false;
            }
            ctx.audit(d, tx, AuditRecord.teamMember(true, team, user));
            return true;
        });
    }

    @Override
    public boolean removeMember(TeamId team, UserId user) {
        Validate.notNull("team", team);
        Validate.notNull("user", user);
        return ctx.write((d, tx) -> {
            TenantContext.team(d, team);
            TreeSet<UserId> members = d.teamMembers.get(team);
            if (members == null || !tx.remove(members, user)) {
                return false;
            }
            ctx.audit(d, tx, AuditRecord.teamMember(false, team, user));
            return true;
        });
    }

    @Override
    public List<UserId> members(TeamId team) {
        Validate.notNull("team", team);
        return ctx.read(d -> {
            TenantContext.team(d, team);
            TreeSet<UserId> members = d.teamMembers.get(team);
            return members == null ? List.of() : List.copyOf(members);
        });
    }

    @Override
    public List<Team> teamsOf(UserId user) {
        Validate.notNull("user", user);
        return ctx.read(d -> d.teams.values().stream()
                .filter(t -> d.teamMembers.getOrDefault(t.id(), NO_MEMBERS).contains(user))
                .toList());
    }

    private static Optional<Team> withName(TenantData d, String folded) {
        return d.teams.values().stream().filter(t -> CaseFolding.key(t.name()).equals(folded)).findFirst();
    }

    private static void requireFreeName(TenantData d, String name, TeamId self) {
        Optional<Team> holder = withName(d, CaseFolding.key(name));
        if (holder.isPresent() && !holder.get().id().equals(self)) {
            throw new AlreadyExistsException("team", "name", name);
        }
    }
}
