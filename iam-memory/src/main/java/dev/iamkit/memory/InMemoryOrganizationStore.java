package dev.iamkit.memory;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.ValidationException;
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
import java.util.Objects;
import java.util.Optional;

/** Organizations, kept forever: a delete only stamps {@code deletedAt}. */
final class InMemoryOrganizationStore implements OrganizationStore {
    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;
    private final AuthzCache cache;

    InMemoryOrganizationStore(MemoryState state, Transactor transactor, Clock clock, AuthzCache cache) {
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
        this.cache = cache;
    }

    @Override
    public Organization create(NewOrganization org) {
        Validate.notNull("org", org);
        return transactor.write(tx -> {
            org.parentId().ifPresent(this::requireLive);
            requireFreeSlug(org.slug(), null);
            Instant now = clock.instant();
            Organization created = new Organization(new OrgId(Uuid7.next(clock)), org.parentId(), org.slug(), org.name(),
                    OrgStatus.ACTIVE, org.settings(), 0, now, now, Optional.empty());
            tx.put(state.organizations, created.id(), created);
            tx.put(state.tenants, created.id(), new TenantData());
            return created;
        });
    }

    @Override
    public Optional<Organization> find(OrgId id) {
        Validate.notNull("id", id);
        return transactor.read(() -> Optional.ofNullable(state.organizations.get(id)));
    }

    @Override
    public Optional<Organization> findBySlug(String slug) {
        String s = Validate.slug("slug", slug);
        return transactor.read(() -> liveWithSlug(s));
    }

    @Override
    public Page<Organization> list(PageRequest page) {
        Validate.notNull("page", page);
        return transactor.read(() -> Paging.byId(state.organizations, page, OrgId::new, o -> !o.deleted(), Organization::id));
    }

    @Override
    public List<Organization> children(OrgId parent) {
        Validate.notNull("parent", parent);
        return transactor.read(() -> state.organizations.values().stream()
                .filter(o -> !o.deleted() && o.parentId().filter(parent::equals).isPresent())
                .toList());
    }

    @Override
    public Organization update(Organization changed) {
        Validate.notNull("changed", changed);
        return transactor.write(tx -> {
            Organization stored = requireLive(changed.id());
            if (stored.version() != changed.version()) {
                throw new StaleVersionException("organization", changed.id(), changed.version());
            }
            if (!changed.parentId().equals(stored.parentId())) {
                changed.parentId().ifPresent(p -> checkParent(changed.id(), p));
            }
            requireFreeSlug(changed.slug(), changed.id());
            Organization updated = new Organization(stored.id(), changed.parentId(), changed.slug(), changed.name(),
                    changed.status(), changed.settings(), stored.version() + 1, stored.createdAt(), clock.instant(), stored.deletedAt());
            tx.put(state.organizations, updated.id(), updated);
            if (updated.status() != stored.status()) {
                accessChanged(tx, updated.id());
            }
            return updated;
        });
    }

    @Override
    public Organization delete(OrgId id) {
        Validate.notNull("id", id);
        return transactor.write(tx -> {
            Organization stored = requireLive(id);
            Instant now = clock.instant();
            Organization deleted = new Organization(stored.id(), stored.parentId(), stored.slug(), stored.name(), stored.status(),
                    stored.settings(), stored.version() + 1, stored.createdAt(), now, Optional.of(now));
            tx.put(state.organizations, id, deleted);
            accessChanged(tx, id);
            return deleted;
        });
    }

    @Override
    public Organization restore(OrgId id) {
        Validate.notNull("id", id);
        return transactor.write(tx -> {
            Organization stored = state.organizations.get(id);
            if (stored == null) {
                throw new NotFoundException("organization", id);
            }
            if (!stored.deleted()) {
                return stored;
            }
            requireFreeSlug(stored.slug(), id);
            Organization restored = new Organization(stored.id(), stored.parentId(), stored.slug(), stored.name(), stored.status(),
                    stored.settings(), stored.version() + 1, stored.createdAt(), clock.instant(), Optional.empty());
            tx.put(state.organizations, id, restored);
            accessChanged(tx, id);
            return restored;
        });
    }

    /** Status, deletion and restore decide every check in the organization: they move its revision. */
    private void accessChanged(Tx tx, OrgId id) {
        long revision = tx.bumpRevision(state.writable(id));
        tx.afterCommit(() -> cache.orgChanged(id, revision));
    }

    private Organization requireLive(OrgId id) {
        Organization o = state.organizations.get(id);
        if (o == null || o.deleted()) {
            throw new NotFoundException("organization", id);
        }
        return o;
    }

    /** A new parent must be live and must not be the organization or one of its descendants. */
    private void checkParent(OrgId self, OrgId parent) {
        if (parent.equals(self)) {
            throw new ValidationException("parentId", "an organization cannot be its own parent");
        }
        requireLive(parent);
        // Walk up from the new parent; meeting self means self would become its own ancestor.
        Optional<OrgId> at = Optional.of(parent);
        for (int steps = 0; at.isPresent() && steps <= state.organizations.size(); steps++) {
            if (at.get().equals(self)) {
                throw new ValidationException("parentId", "an organization cannot be its own ancestor");
            }
            Organization o = state.organizations.get(at.get());
            at = o == null ? Optional.empty() : o.parentId();
        }
    }

    private Optional<Organization> liveWithSlug(String slug) {
        return state.organizations.values().stream().filter(o -> !o.deleted() && o.slug().equals(slug)).findFirst();
    }

    private void requireFreeSlug(String slug, OrgId self) {
        Optional<Organization> holder = liveWithSlug(slug);
        if (holder.isPresent() && !Objects.equals(holder.get().id(), self)) {
            throw new AlreadyExistsException("organization", "slug", slug);
        }
    }
}
