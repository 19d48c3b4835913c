package dev.iamkit;

/** Work done inside {@link IamDatabase#inTenant}; may return a result. */
@FunctionalInterface
public interface TenantWork<R> {
    R run(TenantScope tx);
}
