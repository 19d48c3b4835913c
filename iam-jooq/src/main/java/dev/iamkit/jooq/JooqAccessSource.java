package dev.iamkit.jooq;

import dev.iamkit.authz.AccessSnapshot;
import dev.iamkit.authz.SnapshotAuthz;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.ViewId;
import java.util.Optional;

/** Skeleton: pending implementation. */
final class JooqAccessSource implements SnapshotAuthz.Source {
    private final TenantContext ctx;

    JooqAccessSource(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public AccessSnapshot snapshot(UserId user) {
        throw new IllegalStateException("pending");
    }

    @Override
    public Optional<Feature> feature(FeatureId id) {
        throw new IllegalStateException("pending");
    }

    @Override
    public boolean viewExists(ViewId id) {
        throw new IllegalStateException("pending");
    }
}
