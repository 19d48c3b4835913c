package dev.iamkit.memory;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.ApiKey;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.MagicLinkChallenge;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Session;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.TrailEntry;
import dev.iamkit.model.User;
import dev.iamkit.model.UserExport;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserPrincipal;
import dev.iamkit.model.Validate;
import dev.iamkit.store.PrivacyStore;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.model.OrgId;
import dev.iamkit.support.Anonymization;
import dev.iamkit.support.AuditKeys;
import java.time.Duration;
import java.time.Instant;
import dev.iamkit.support.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads every organization's data under the store's lock, so the export is one consistent snapshot. */
final class InMemoryPrivacyStore implements PrivacyStore {
    private static final Comparator<Session> SESSION_ORDER = Comparator.comparing(Session::createdAt).thenComparing(Session::id);
    private static final Comparator<MagicLinkChallenge> LINK_ORDER = Comparator.comparing(MagicLinkChallenge::createdAt)
            .thenComparing(c -> c.id());

    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;
    private final AuthzCache cache;
    private final AuditKeys auditKeys;
    private final UserRows rows;

    InMemoryPrivacyStore(MemoryState state, Transactor transactor, Clock clock, AuthzCache cache, AuditKeys auditKeys, UserRows rows) {
        this.rows = rows;
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
        this.cache = cache;
        this.auditKeys = auditKeys;
    }

    @Override
    public String exportUser(UserId user) {
        Validate.notNull("user", user);
        return transactor.read(() -> Json.write(export(user)
                .withPrivacy(InMemoryConsentStore.all(state, user), InMemoryPrivacyRequestLog.all(state, user))));
    }

    @Override
    public dev.iamkit.store.PrivacyRequestLog requests() {
        return new InMemoryPrivacyRequestLog(state, transactor, clock);
    }

    /** One transaction; keys are revoked through each organization's own store, which joins it and audits as the system. */
    @Override
    public void anonymize(UserId user) {
        Validate.notNull("user", user);
        transactor.write(tx -> {
            User stored;
            try {
                stored = require(user);
            } catch (dev.iamkit.error.UnreadableDataException e) {
                stored = state.users.get(user);   // erasure must not depend on reading what it erases
            }
            Instant now = clock.instant();
            User anonymized = Anonymization.user(stored, now);
            if (anonymized != stored) {
                tx.accessChanged(cache);   // the user may be a member anywhere
            }
            if (anonymized != stored || state.personalData.containsKey(user)) {
                rows.writePlainAndShred(tx, anonymized);   // the placeholders hold nothing personal; the data key is destroyed
            }
            tx.remove(state.passwords, user);
            for (Session s : List.copyOf(state.sessions.values())) {
                Session cleared = Anonymization.session(s, now);
                if (s.userId().equals(user) && !cleared.equals(s)) {
                    tx.put(state.sessions, s.id(), cleared);
                }
            }
            List<String> forms = rows.cipher().storedForms(stored.email());   // plain, or the blind index under any key held
            for (var e : List.copyOf(state.magicLinks.entrySet())) {
                if (forms.contains(e.getValue().challenge().email())) {
                    tx.remove(state.magicLinks, e.getKey());
                }
            }
            String label = Actor.user(user).label();
            for (OrgId org : List.copyOf(state.organizations.keySet())) {
                TenantData d = state.readable(org);
                tx.remove(d.trails, user);
                List<ApiKey> keys = d.apiKeys.values().stream().filter(k -> k.createdBy().equals(label) && k.revokedAt().isEmpty()).toList();
                if (!keys.isEmpty()) {
                    var store = new InMemoryApiKeyStore(new TenantContext(state, transactor, clock, cache, auditKeys, org, Actor.system(), false));
                    keys.forEach(k -> store.revoke(k.id()));
                }
            }
            return null;
        });
    }

    /** Removes what the database's cascades remove; organizations bottom-up, as parent_id has no cascade. */
    @Override
    public long purge(Duration olderThan) {
        PrivacyStore.requirePositive(olderThan);
        return transactor.write(tx -> {
            Instant cutoff = clock.instant().minus(olderThan);
            long n = 0;
            for (User u : List.copyOf(state.users.values())) {
                if (u.deletedAt().filter(at -> at.isBefore(cutoff)).isPresent()) {
                    removeUser(tx, u.id());
                    n++;
                }
            }
            boolean progress = true;
            while (progress) {
                progress = false;
                for (Organization o : List.copyOf(state.organizations.values())) {
                    boolean hasChild = state.organizations.values().stream().anyMatch(c -> c.parentId().filter(o.id()::equals).isPresent());
                    if (o.deletedAt().filter(at -> at.isBefore(cutoff)).isPresent() && !hasChild) {
                        removeOrganization(tx, o.id());
                        n++;
                        progress = true;
                    }
                }
            }
            if (n > 0) {
                tx.accessChanged(cache);
            }
            return n;
        });
    }

    private void removeUser(Tx tx, UserId id) {
        tx.remove(state.users, id);
        tx.remove(state.personalData, id);
        tx.remove(state.dataKeys, id);
        tx.remove(state.passwords, id);
        tx.remove(state.consents, id);   // the privacy request log keeps the user's entries: they hold only the id
        UserPrincipal principal = new UserPrincipal(id);
        for (TenantData d : state.tenants.values()) {
            tx.remove(d.memberships, id);
            tx.remove(d.trails, id);
            d.teamMembers.values().forEach(members -> tx.remove(members, id));
            d.assignments.values().forEach(byPrincipal -> tx.remove(byPrincipal, principal));
        }
        removeSessions(tx, s -> s.userId().equals(id));
    }

    private void removeOrganization(Tx tx, OrgId org) {
        tx.remove(state.organizations, org);
        tx.remove(state.tenants, org);
        for (var e : List.copyOf(state.apiKeyLookup.entrySet())) {
            if (e.getValue().org().equals(org)) {
                tx.remove(state.apiKeyLookup, e.getKey());
            }
        }
        removeSessions(tx, s -> s.orgId().filter(org::equals).isPresent());
    }

    private void removeSessions(Tx tx, java.util.function.Predicate<Session> which) {
        for (Session s : List.copyOf(state.sessions.values())) {
            if (which.test(s)) {
                tx.remove(state.sessions, s.id());
            }
        }
        for (var e : List.copyOf(state.refreshTokens.entrySet())) {
            if (!state.sessions.containsKey(e.getValue().session())) {
                tx.remove(state.refreshTokens, e.getKey());
            }
        }
    }

    private User require(UserId id) {
        return rows.find(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    private UserExport export(UserId id) {
        User user = require(id);
        String label = Actor.user(id).label();
        String target = id.value().toString();
        List<UserExport.OrgExport> orgs = new ArrayList<>();
        for (Organization o : state.organizations.values()) {
            TenantData d = state.readable(o.id());
            List<TeamId> teams = d.teamMembers.entrySet().stream().filter(e -> e.getValue().contains(id)).map(Map.Entry::getKey)
                    .sorted().toList();
            List<Assignment> assignments = d.assignments.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getValue().get(new UserPrincipal(id))).filter(a -> a != null).toList();
            List<ApiKey> keys = d.apiKeys.values().stream().filter(k -> k.createdBy().equals(label))
                    .sorted(InMemoryApiKeyStore.ORDER).toList();
            List<TrailEntry> trail = d.trails.getOrDefault(id, List.of());
            List<AuditEvent> audit = d.audit.stream().filter(e -> e.actor().equals(label) || e.targetId().equals(target)).toList();
            UserExport.OrgExport org = new UserExport.OrgExport(o.id(), o.slug(), Optional.ofNullable(d.memberships.get(id)), teams,
                    assignments, keys, trail, audit);
            if (!org.empty()) {
                orgs.add(org);
            }
        }
        List<Session> sessions = state.sessions.values().stream().filter(s -> s.userId().equals(id)).sorted(SESSION_ORDER).toList();
        List<String> forms = rows.cipher().storedForms(user.email());
        List<MagicLinkChallenge> links = state.magicLinks.values().stream().filter(l -> forms.contains(l.challenge().email()))
                .map(l -> l.open(rows.cipher())).sorted(LINK_ORDER).toList();
        return new UserExport(user, orgs, sessions, links);
    }
}
