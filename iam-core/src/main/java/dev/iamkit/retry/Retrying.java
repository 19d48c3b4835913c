package dev.iamkit.retry;

import dev.iamkit.IamDatabase;
import dev.iamkit.TenantWork;
import dev.iamkit.error.StorageException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Validate;
import dev.iamkit.support.IdempotentResults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls on a store, repeated while they fail without being applied ({@link StorageException.Kind#NOT_APPLIED}),
 * as {@link RetryPolicy} says; from {@link IamDatabase#retrying(RetryPolicy)}. Every other
 * exception, and the last failure when the policy gives up, reaches the caller unchanged (earlier
 * failures are attached to it as suppressed exceptions).
 *
 * <p>A failure whose outcome is unknown ({@link StorageException.Kind#OUTCOME_UNKNOWN}) is
 * repeated only for work that carries an {@link IdempotencyKey}: the store then finds the key if
 * the first attempt committed and returns its result instead of running the work again, so the
 * change is made once. Without a key it reaches the caller at once: repeating the call could make
 * the change twice, or fail because the first attempt did.
 *
 * <p>Thread-safe; holds nothing but the store and the policy. The pause between attempts blocks
 * the calling thread.
 */
public final class Retrying {
    private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);
    /** Earlier failures attached to the one thrown, at most. */
    private static final int KEPT_FAILURES = 10;

    private final IamDatabase db;
    private final RetryPolicy policy;

    public Retrying(IamDatabase db, RetryPolicy policy) {
        this.db = Validate.notNull("db", db);
        this.policy = Validate.notNull("policy", policy);
    }

    public RetryPolicy policy() {
        return policy;
    }

    /**
     * {@code call}'s result, repeating it while it fails {@link StorageException.Kind#NOT_APPLIED}.
     * Any call on the store fits (reads, global writes, {@code db.tenant(org)} calls); an
     * {@link StorageException.Kind#OUTCOME_UNKNOWN} failure is thrown at once.
     */
    public <R> R call(Supplier<R> call) {
        Validate.notNull("call", call);
        return attempt(call, false);
    }

    /** Like {@link #call(Supplier)}, for a call that returns nothing. */
    public void run(Runnable call) {
        Validate.notNull("call", call);
        attempt(() -> {
            call.run();
            return null;
        }, false);
    }

    /**
     * {@link IamDatabase#inTenant(OrgId, Actor, TenantWork)}, repeated while it fails
     * {@link StorageException.Kind#NOT_APPLIED}; each attempt runs {@code work} anew in a new
     * transaction. An {@link StorageException.Kind#OUTCOME_UNKNOWN} failure is thrown at once.
     */
    public <R> R inTenant(OrgId org, Actor actor, TenantWork<R> work) {
        Validate.notNull("orgId", org);
        Validate.notNull("actor", actor);
        Validate.notNull("work", work);
        return attempt(() -> db.inTenant(org, actor, work), false);
    }

    /**
     * {@link IamDatabase#inTenant(OrgId, Actor, IdempotencyKey, ResultCodec, TenantWork)},
     * repeated while it fails {@link StorageException.Kind#NOT_APPLIED} or
     * {@link StorageException.Kind#OUTCOME_UNKNOWN}: an attempt after one that did commit finds the
     * key and returns the first result without running {@code work}, so the change is made once.
     */
    public <R> R inTenant(OrgId org, Actor actor, IdempotencyKey key, ResultCodec<R> codec, TenantWork<R> work) {
        IdempotentResults.requireArguments(org, actor, key, codec, work);
        return attempt(() -> db.inTenant(org, actor, key, codec, work), true);
    }

    /**
     * The failure to throw when no attempt follows: the last one, with the earlier ones attached;
     * but when the last applied nothing and an earlier one's outcome is unknown, the call's outcome
     * is unknown, and that is what the caller is told.
     */
    private static StorageException giveUp(StorageException last, List<StorageException> earlier) {
        StorageException unknown = last.kind() != StorageException.Kind.NOT_APPLIED ? null
                : earlier.stream().filter(x -> x.kind() == StorageException.Kind.OUTCOME_UNKNOWN).findFirst().orElse(null);
        StorageException thrown = unknown == null ? last : new StorageException(StorageException.Kind.OUTCOME_UNKNOWN, unknown.code().orElse(null),
                "the last attempt applied nothing, but an earlier one's outcome is unknown, so the change may or may not be stored: "
                        + last.getMessage(), last);
        earlier.stream().filter(x -> x != last).forEach(thrown::addSuppressed);
        return thrown;
    }

    private <R> R attempt(Supplier<R> call, boolean keyed) {
        long deadline = System.nanoTime() + policy.deadline().toNanos();
        List<StorageException> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (StorageException e) {
                boolean again = e.kind() == StorageException.Kind.NOT_APPLIED || keyed && e.kind() == StorageException.Kind.OUTCOME_UNKNOWN;
                Duration pause = policy.pauseAfter(attempt, ThreadLocalRandom.current());
                if (!again || attempt >= policy.maxAttempts() || System.nanoTime() + pause.toNanos() - deadline > 0) {
                    throw giveUp(e, earlier);
                }
                if (earlier.size() < KEPT_FAILURES) {
                    earlier.add(e);
                }
                LOG.debug("iamkit: attempt {} failed {} ({}), again in {} ms", attempt, e.kind(), e.code().orElse("no code"), pause.toMillis());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    StorageException thrown = giveUp(e, earlier);
                    thrown.addSuppressed(interrupted);
                    throw thrown;
                }
            }
        }
    }
}
