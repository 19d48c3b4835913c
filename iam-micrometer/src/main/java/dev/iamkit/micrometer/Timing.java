package dev.iamkit.micrometer;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Times a call into the success or the error timer of a pair, by how it ended. */
final class Timing {
    private Timing() {
    }

    static <T> T time(Timer[] successAndError, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            successAndError[0].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException | Error e) {
            successAndError[1].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw e;
        }
    }
}
