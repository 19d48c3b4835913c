package dev.iamkit.micrometer;

import dev.iamkit.authz.Authz;
import dev.iamkit.authz.Decision;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import dev.iamkit.model.ViewId;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;

/** Times the questions a host asks on a hot path; explanations and whole pictures are for diagnosis, and pass untimed. */
final class TimedAuthz implements Authz {
    private final Authz authz;
    private final Timer[] timers;

    TimedAuthz(Authz authz, Timer[] successAndError) {
        this.authz = authz;
        this.timers = successAndError;
    }

    @Override
    public boolean check(UserId user, FeatureId feature, String action) {
        return Timing.time(timers, () -> authz.check(user, feature, action));
    }

    @Override
    public boolean check(UserId user, String featureCode, String action) {
        return Timing.time(timers, () -> authz.check(user, featureCode, action));
    }

    @Override
    public Map<Permission, Boolean> checkAll(UserId user, Collection<Permission> permissions) {
        return Timing.time(timers, () -> authz.checkAll(user, permissions));
    }

    @Override
    public boolean canAccessView(UserId user, ViewId view) {
        return Timing.time(timers, () -> authz.canAccessView(user, view));
    }

    @Override
    public Decision explain(UserId user, FeatureId feature, String action) {
        return authz.explain(user, feature, action);
    }

    @Override
    public SortedSet<Permission> effectivePermissions(UserId user) {
        return authz.effectivePermissions(user);
    }

    @Override
    public Decision explainView(UserId user, ViewId view) {
        return authz.explainView(user, view);
    }

    @Override
    public SortedSet<ViewId> accessibleViews(UserId user) {
        return authz.accessibleViews(user);
    }
}
