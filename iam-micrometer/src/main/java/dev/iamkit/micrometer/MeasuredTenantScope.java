package dev.iamkit.micrometer;

import dev.iamkit.ForwardingTenantScope;
import dev.iamkit.TenantScope;
import dev.iamkit.authz.Authz;
import dev.iamkit.authz.Consistency;

/** A tenant scope whose checks are timed by consistency. */
final class MeasuredTenantScope extends ForwardingTenantScope {
    private final IamMetrics metrics;

    MeasuredTenantScope(TenantScope scope, IamMetrics metrics) {
        super(scope);
        this.metrics = metrics;
    }

    @Override
    public Authz authz(Consistency consistency) {
        Authz authz = delegate().authz(consistency);   // validates the consistency first
        return new TimedAuthz(authz, metrics.checkTimers(consistency));
    }
}
