package dev.iamkit.testkit;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one task on 16 threads released together by one latch, and collects what each got. */
final class Races {
    static final int THREADS = 16;

    /** What one racing thread got: a value, or the exception it threw. */
    record Outcome<T>(T value, Throwable error) {
        boolean won() {
            return error == null;
        }
    }

    private Races() {
    }

    static <T> List<Outcome<T>> race(Callable<T> task) throws InterruptedException {
        return race(task, THREADS);
    }

    /** Like {@link #race(Callable)}, on {@code threads} threads. */
    static <T> List<Outcome<T>> race(Callable<T> task, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    if (!go.await(60, SECONDS)) {
                        throw new IllegalStateException("the start latch never opened");
                    }
                    return task.call();
                }));
            }
            go.countDown();
            List<Outcome<T>> out = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    out.add(new Outcome<>(f.get(120, SECONDS), null));
                } catch (ExecutionException e) {
                    out.add(new Outcome<>(null, e.getCause()));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("a racing thread did not finish", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
