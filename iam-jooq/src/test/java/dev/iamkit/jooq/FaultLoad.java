package dev.iamkit.jooq;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.StorageException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.RoleId;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import dev.iamkit.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Writers that create roles in one organization, on several threads, until stopped, and the log
 * of what each call came to: every other write is keyed work through {@code db.retrying}, the
 * others plain {@code inTenant} calls, not retried, so their failures show as the store reports
 * them. Each write creates a role whose code names it, so what is stored can be checked against
 * what callers were told.
 */
final class FaultLoad implements AutoCloseable {
    static final ResultCodec<RoleId> ROLE_ID = ResultCodec.of(RoleId::toString, RoleId::parse);

    /** What one write came to: a result, or a failure (its class, kind and SQLState), and when it ran. */
    record Outcome(String code, boolean keyed, long start, long end, RoleId id, String failure, StorageException.Kind kind, String state) {
        boolean acknowledged() {
            return failure == null;
        }
    }

    private final IamDatabase db;
    private final OrgId org;
    private final RetryPolicy policy;
    private final String prefix;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService writers;
    private volatile boolean running = true;

    FaultLoad(IamDatabase db, OrgId org, RetryPolicy policy, String prefix, int threads) {
        this.db = db;
        this.org = org;
        this.policy = policy;
        this.prefix = prefix;
        this.writers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            writers.execute(this::writeUntilStopped);
        }
    }

    private void writeUntilStopped() {
        while (running) {
            write(next.incrementAndGet());
        }
    }

    /** One write, logged; number {@code n} is keyed when even. */
    Outcome write(int n) {
        boolean keyed = n % 2 == 0;
        String code = prefix + (keyed ? "-k-" : "-p-") + n;
        long start = System.nanoTime();
        Outcome o;
        try {
            RoleId id = keyed
                    ? db.retrying(policy).inTenant(org, Actor.system(), IdempotencyKey.of(code), ROLE_ID,
                            tx -> tx.roles().create(new NewRole(code, "Written under faults")).id())
                    : db.inTenant(org, Actor.system(), tx -> tx.roles().create(new NewRole(code, "Written under faults")).id());
            o = new Outcome(code, keyed, start, System.nanoTime(), id, null, null, null);
        } catch (StorageException e) {
            o = new Outcome(code, keyed, start, System.nanoTime(), null, "StorageException", e.kind(), e.code().orElse("none"));
        } catch (RuntimeException e) {
            o = new Outcome(code, keyed, start, System.nanoTime(), null, e.getClass().getSimpleName(), null, null);
        }
        outcomes.add(o);
        return o;
    }

    List<Outcome> outcomes() {
        return new ArrayList<>(outcomes);
    }

    long acknowledgedAfter(long nanos) {
        return outcomes.stream().filter(o -> o.acknowledged() && o.end() > nanos).count();
    }

    /** When the first write to be acknowledged after {@code nanos} was acknowledged. */
    Optional<Long> firstAcknowledgedAfter(long nanos) {
        return outcomes.stream().filter(o -> o.acknowledged() && o.end() > nanos).map(Outcome::end).min(Long::compare);
    }

    List<Outcome> between(long from, long until, Predicate<Outcome> which) {
        return outcomes.stream().filter(o -> o.end() > from && o.start() < until).filter(which).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        writers.shutdown();
        if (!writers.awaitTermination(2, TimeUnit.MINUTES)) {
            writers.shutdownNow();
            throw new IllegalStateException("the writers did not stop");
        }
    }
}
