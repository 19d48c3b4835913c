package dev.iamkit.memory;

import dev.iamkit.model.UsageValue;
import dev.iamkit.store.UsageCounters;
import dev.iamkit.support.Usage;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;

/** Each metric's counters by day, in a sorted map so a range is a sub-map. Not access data: no audit event, no revision. */
final class InMemoryUsageCounters implements UsageCounters {
    private final TenantContext ctx;

    InMemoryUsageCounters(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public long increment(String metric, long amount) {
        return increment(metric, Usage.today(ctx.clock), amount);
    }

    @Override
    public long increment(String metric, LocalDate day, long amount) {
        String m = Usage.increment(metric, day, amount);
        return ctx.write((d, tx) -> {
            TreeMap<LocalDate, Long> days = tx.child(d.usage, m, TreeMap::new);
            long before = days.getOrDefault(day, 0L);
            if (before > Long.MAX_VALUE - amount) {
                throw Usage.overflow();
            }
            tx.put(days, day, before + amount);
            return before + amount;
        });
    }

    @Override
    public List<UsageValue> range(String metric, LocalDate from, LocalDate to) {
        String m = Usage.metric(metric);
        Usage.range(from, to);
        return ctx.read(d -> d.usage.getOrDefault(m, new TreeMap<>()).subMap(from, true, to, true).entrySet().stream()
                .map(e -> new UsageValue(e.getKey(), e.getValue()))
                .toList());
    }
}
