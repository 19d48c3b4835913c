package dev.iamkit.memory;

import dev.iamkit.model.AuditCheckpoint;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.AuditQuery;
import dev.iamkit.model.AuditVerification;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Validate;
import dev.iamkit.store.AuditLog;
import dev.iamkit.support.AuditVerifier;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** One organization's audit trail, read by {@code seq}; the cursor is the last seq seen. */
final class InMemoryAuditLog implements AuditLog {
    private final TenantContext ctx;

    InMemoryAuditLog(TenantContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Page<AuditEvent> list(PageRequest page) {
        Validate.notNull("page", page);
        long after = page.afterLong().orElse(0L);
        return ctx.read(d -> {
            List<AuditEvent> all = d.audit;
            // Event seq n sits at index n - 1, so the events after seq `after` start at index `after`.
            int from = (int) Math.min(after, all.size());
            int to = (int) Math.min((long) from + page.limit() + 1, all.size());
            return Page.fromOverfetch(List.copyOf(all.subList(from, to)), page.limit(), e -> Long.toString(e.seq()));
        });
    }

    @Override
    public Page<AuditEvent> query(AuditQuery query, PageRequest page) {
        Validate.notNull("query", query);
        Validate.notNull("page", page);
        long after = page.afterLong().orElse(0L);
        return ctx.read(d -> {
            List<AuditEvent> all = d.audit;
            List<AuditEvent> rows = new ArrayList<>(page.limit() + 1);
            for (int i = (int) Math.min(after, all.size()); i < all.size() && rows.size() <= page.limit(); i++) {
                if (query.matches(all.get(i))) {
                    rows.add(all.get(i));
                }
            }
            return Page.fromOverfetch(rows, page.limit(), e -> Long.toString(e.seq()));
        });
    }

    @Override
    public AuditVerification verify() {
        return verify(Optional.empty());
    }

    @Override
    public AuditVerification verify(AuditCheckpoint checkpoint) {
        return verify(Optional.of(Validate.notNull("checkpoint", checkpoint)));
    }

    private AuditVerification verify(Optional<AuditCheckpoint> checkpoint) {
        AuditVerifier verifier = new AuditVerifier(ctx.org, ctx.auditKeys, checkpoint);
        return ctx.read(d -> {
            for (int i = 0; i < d.audit.size(); i++) {
                verifier.accept(d.audit.get(i), d.auditLinks.get(i), d.auditKeyIds.get(i));
            }
            return verifier.result();
        });
    }

    @Override
    public AuditCheckpoint checkpoint() {
        return ctx.read(d -> d.audit.isEmpty() ? new AuditCheckpoint(ctx.org, 0, Optional.empty())
                : new AuditCheckpoint(ctx.org, d.audit.size(), Optional.of(HexFormat.of().formatHex(d.auditLinks.get(d.audit.size() - 1)))));
    }
}
