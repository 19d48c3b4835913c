package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.USAGE_COUNTER;

import dev.iamkit.model.UsageValue;
import dev.iamkit.store.UsageCounters;
import dev.iamkit.support.Usage;
import java.time.LocalDate;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * Counters as rows of {@code usage_counter}, one per (org, metric, day). An increment is one
 * upsert, so concurrent ones serialize on the row and all count; its WHERE refuses an overflow,
 * which then returns no row. Not access data: written through {@link TenantContext#writeUnaudited}.
 */
final class JooqUsageCounters implements UsageCounters {
    private final TenantContext ctx;

    JooqUsageCounters(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public long increment(String metric, long amount) {
        return increment(metric, Usage.today(ctx.clock), amount);
    }

    @Override
    public long increment(String metric, LocalDate day, long amount) {
        String m = Usage.increment(metric, day, amount);
        return ctx.writeUnaudited(sql -> sql.insertInto(USAGE_COUNTER, USAGE_COUNTER.ORG_ID, USAGE_COUNTER.METRIC, USAGE_COUNTER.DAY,
                        USAGE_COUNTER.VALUE)
                .values(ctx.org.value(), m, day, amount)
                .onConflict(USAGE_COUNTER.ORG_ID, USAGE_COUNTER.METRIC, USAGE_COUNTER.DAY)
                .doUpdate()
                .set(USAGE_COUNTER.VALUE, USAGE_COUNTER.VALUE.plus(DSL.excluded(USAGE_COUNTER.VALUE)))
                .where(USAGE_COUNTER.VALUE.le(DSL.inline(Long.MAX_VALUE).minus(DSL.excluded(USAGE_COUNTER.VALUE))))
                .returningResult(USAGE_COUNTER.VALUE)
                .fetchOptional(USAGE_COUNTER.VALUE)
                .orElseThrow(Usage::overflow));
    }

    @Override
    public List<UsageValue> range(String metric, LocalDate from, LocalDate to) {
        String m = Usage.metric(metric);
        Usage.range(from, to);
        return ctx.read(sql -> sql.select(USAGE_COUNTER.DAY, USAGE_COUNTER.VALUE)
                .from(USAGE_COUNTER)
                .where(USAGE_COUNTER.ORG_ID.eq(ctx.org.value()), USAGE_COUNTER.METRIC.eq(m), USAGE_COUNTER.DAY.between(from, to))
                .orderBy(USAGE_COUNTER.DAY)
                .fetch(r -> new UsageValue(r.value1(), r.value2())));
    }
}
