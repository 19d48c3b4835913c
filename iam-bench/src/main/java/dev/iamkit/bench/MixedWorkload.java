package dev.iamkit.bench;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.CacheMetrics;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Principal;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a host app lives with: threads that mostly check permissions at the default consistency,
 * for users picked at random, while a small share of their operations write (assign or unassign a
 * role, in one of the organizations at random), so entries keep being invalidated and compiled
 * again. Not a JMH benchmark, because it reports checks and writes of one run separately (check
 * p50 and p99, write p50, operations per second in all, and the cache's hit rate over the run).
 */
final class MixedWorkload {

    /** Who may be asked about: every user with the organization it belongs to, the roles of each organization, what is checked. */
    record Population(List<OrgId> userOrgs, List<UserId> users, Map<OrgId, List<RoleId>> roles, List<FeatureId> features, List<String> actions) {
        Population {
            if (userOrgs.size() != users.size() || users.isEmpty() || features.isEmpty() || actions.isEmpty()
                    || !roles.keySet().containsAll(userOrgs) || roles.values().stream().anyMatch(List::isEmpty)) {
                throw new ValidationException("population", "the users, their organizations and the roles do not match up");
            }
            roles = Map.copyOf(roles);
        }
    }

    /** What one write of the workload does: the library's write, or a floor to compare it with. */
    @FunctionalInterface
    interface Writer {
        void write(IamDatabase db, Population p, SplittableRandom random);

        /** Assigns or unassigns (at random) a role of the organization to one of its users, through the library. */
        Writer ASSIGNMENTS = MixedWorkload::assignOrUnassign;
    }

    record Result(int threads, double writeShare, double opsPerSecond, long checks, long writes, double checkP50Micros, double checkP99Micros,
            double writeP50Micros, double hitRate) {
    }

    private MixedWorkload() {
    }

    /**
     * Warms every user's entry once, runs {@code warmup}, then measures for {@code measure}.
     * A write is {@code writer}'s.
     */
    static Result run(IamDatabase db, Population p, Writer writer, int threads, double writeShare, Duration warmup, Duration measure) {
        for (int i = 0; i < p.users().size(); i++) {
            db.tenant(p.userOrgs().get(i)).authz().check(p.users().get(i), p.features().get(0), p.actions().get(0));
        }
        phase(db, p, writer, threads, writeShare, warmup.toNanos(), 1);
        CacheMetrics before = db.accessCache().metrics();
        long start = System.nanoTime();
        List<long[][]> samples = phase(db, p, writer, threads, writeShare, measure.toNanos(), 2);
        double seconds = (System.nanoTime() - start) / 1e9;
        CacheMetrics after = db.accessCache().metrics();
        long[] checks = concat(samples, 0);
        long[] writes = concat(samples, 1);
        Arrays.sort(checks);
        Arrays.sort(writes);
        long hits = after.hits() - before.hits();
        long misses = after.misses() - before.misses();
        return new Result(threads, writeShare, (checks.length + writes.length) / seconds, checks.length, writes.length,
                percentile(checks, 0.50) / 1e3, percentile(checks, 0.99) / 1e3, percentile(writes, 0.50) / 1e3,
                hits + misses == 0 ? 0 : (double) hits / (hits + misses));
    }

    /** Runs the threads for {@code nanos}; per thread, the check and the write latencies in nanoseconds. */
    private static List<long[][]> phase(IamDatabase db, Population p, Writer writer, int threads, double writeShare, long nanos, long seed) {
        List<long[][]> out = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            long[][] result = new long[2][];
            out.add(result);
            SplittableRandom random = new SplittableRandom(seed * 1_000 + t);
            workers.add(Thread.ofPlatform().name("mixed-" + t).start(() -> {
                Samples checks = new Samples();
                Samples writes = new Samples();
                try {
                    go.await();
                    long end = System.nanoTime() + nanos;
                    while (true) {
                        long begin = System.nanoTime();
                        if (begin - end >= 0) {
                            break;
                        }
                        if (random.nextDouble() < writeShare) {
                            writer.write(db, p, random);
                            writes.add(System.nanoTime() - begin);
                        } else {
                            int u = random.nextInt(p.users().size());
                            db.tenant(p.userOrgs().get(u)).authz()
                                    .check(p.users().get(u), p.features().get(random.nextInt(p.features().size())), p.actions().get(random.nextInt(p.actions().size())));
                            checks.add(System.nanoTime() - begin);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
                result[0] = checks.values();
                result[1] = writes.values();
            }));
        }
        go.countDown();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.iamkit.error.ConfigurationException("the mixed workload was interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return out;
    }

    private static void assignOrUnassign(IamDatabase db, Population p, SplittableRandom random) {
        int u = random.nextInt(p.users().size());
        OrgId org = p.userOrgs().get(u);
        List<RoleId> roles = p.roles().get(org);
        RoleId role = roles.get(random.nextInt(roles.size()));
        if (random.nextBoolean()) {
            db.tenant(org).assignments().assign(role, p.users().get(u));
        } else {
            db.tenant(org).assignments().unassign(role, Principal.user(p.users().get(u)));
        }
    }

    private static long[] concat(List<long[][]> samples, int kind) {
        return samples.stream().flatMapToLong(s -> Arrays.stream(s[kind])).toArray();
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /** A growable array of longs, so recording a sample allocates nothing most of the time. */
    private static final class Samples {
        private long[] values = new long[1 << 16];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] values() {
            return Arrays.copyOf(values, size);
        }
    }
}
