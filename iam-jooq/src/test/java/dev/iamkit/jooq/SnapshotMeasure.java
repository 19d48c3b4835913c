package dev.iamkit.jooq;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.iamkit.portable.Snapshots;
import dev.iamkit.snapshot.SnapshotImport;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotScope;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Runs one export or import of a PostgreSQL schema through {@link Snapshots} in a JVM of its own
 * (started by {@link SnapshotMillionRowsTest} with a small heap) and prints what it did: rows,
 * milliseconds, and the largest heap in use right after a full collection (the live data,
 * garbage left out), with the number of full collections. Arguments: {@code export|import <jdbc url> <user> <password> <schema> <file>}.
 */
public final class SnapshotMeasure {
    private SnapshotMeasure() {
    }

    public static void main(String[] args) throws Exception {
        AtomicLong liveAfterGc = new AtomicLong();
        java.util.Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).map(java.lang.management.MemoryPoolMXBean::getName)
                .collect(java.util.stream.Collectors.toSet());
        AtomicLong collections = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    if (!info.getGcAction().contains("major")) {
                        return;   // after a minor collection the old generation still holds garbage: only a full one shows the live data
                    }
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();   // the heap's pools, not metaspace
                    liveAfterGc.accumulateAndGet(used, Math::max);
                    collections.incrementAndGet();
                }
            }, null, null);
        }
        var config = PostgresIamConfig.defaults().withSchema(args[4]).withCacheSize(0);
        try (PostgresIam db = PostgresIam.create(TestDataSources.of(args[1], args[2], args[3]), config)) {
            long start = System.nanoTime();
            long rows;
            if (args[0].equals("export")) {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[5])))) {
                    Map<SnapshotKind, Long> counts = Snapshots.export(db, SnapshotScope.wholeStore(), out);
                    rows = counts.values().stream().mapToLong(Long::longValue).sum();
                }
            } else {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[5])))) {
                    SnapshotImport done = Snapshots.importInto(db, in);
                    rows = done.totalWritten();
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("rows=%d millis=%d liveAfterGc=%d collections=%d maxHeap=%d%n", rows, millis, liveAfterGc.get(), collections.get(),
                    Runtime.getRuntime().maxMemory());
        }
    }
}
