package dev.iamkit.micrometer;

import dev.iamkit.ForwardingIamDatabase;
import dev.iamkit.IamDatabase;
import dev.iamkit.TenantScope;
import dev.iamkit.TenantWork;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;

/** The store of an {@link IamMetrics}, with its tenant checks and {@code inTenant} work timed. */
final class MeasuredIamDatabase extends ForwardingIamDatabase {
    private final IamMetrics metrics;

    MeasuredIamDatabase(IamDatabase store, IamMetrics metrics) {
        super(store);
        this.metrics = metrics;
    }

    IamMetrics metrics() {
        return metrics;
    }

    @Override
    public TenantScope tenant(OrgId org, Actor actor) {
        return new MeasuredTenantScope(delegate().tenant(org, actor), metrics);
    }

    @Override
    public <R> R inTenant(OrgId org, Actor actor, TenantWork<R> work) {
        return Timing.time(metrics.writeTimers(false), () -> delegate().inTenant(org, actor, work));
    }

    @Override
    public <R> R inTenant(OrgId org, Actor actor, IdempotencyKey key, ResultCodec<R> codec, TenantWork<R> work) {
        return Timing.time(metrics.writeTimers(true), () -> delegate().inTenant(org, actor, key, codec, work));
    }
}
