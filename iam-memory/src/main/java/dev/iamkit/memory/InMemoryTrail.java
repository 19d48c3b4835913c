package dev.iamkit.memory;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.TrailEntry;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import dev.iamkit.store.Trail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Each member's trail as one immutable list, newest first, replaced whole on each visit so the undo log can restore it. */
final class InMemoryTrail implements Trail {
    private final TenantContext ctx;

    InMemoryTrail(TenantContext ctx) {
        this.ctx = ctx;
    }

    /** Not access data: no audit event, no new revision, so the cache is not told either. */
    @Override
    public TrailEntry record(UserId user, ViewId view) {
        Validate.notNull("user", user);
        Validate.notNull("view", view);
        return ctx.write((d, tx) -> {
            if (!d.memberships.containsKey(user)) {
                throw new NotFoundException("membership", user);
            }
            if (!ctx.state.views.containsKey(view)) {
                throw new NotFoundException("view", view);
            }
            TrailEntry entry = new TrailEntry(ctx.org, user, view, ctx.now());
            List<TrailEntry> next = new ArrayList<>(CAPACITY);
            next.add(entry);
            for (TrailEntry e : d.trails.getOrDefault(user, List.of())) {
                if (!e.viewId().equals(view) && next.size() < CAPACITY) {
                    next.add(e);
                }
            }
            tx.put(d.trails, user, List.copyOf(next));
            return entry;
        });
    }

    @Override
    public List<TrailEntry> recent(UserId user, int limit) {
        Validate.notNull("user", user);
        Validate.range("limit", limit, 1, 1000);
        return ctx.read(d -> {
            List<TrailEntry> all = d.trails.getOrDefault(user, List.of());
            return all.subList(0, Math.min(limit, all.size()));
        });
    }

    /** Drops a deleted view from every trail of one organization. */
    static void forgetView(TenantData d, Tx tx, ViewId view) {
        for (Map.Entry<UserId, List<TrailEntry>> e : List.copyOf(d.trails.entrySet())) {
            if (e.getValue().stream().anyMatch(t -> t.viewId().equals(view))) {
                tx.put(d.trails, e.getKey(), e.getValue().stream().filter(t -> !t.viewId().equals(view)).toList());
            }
        }
    }
}
