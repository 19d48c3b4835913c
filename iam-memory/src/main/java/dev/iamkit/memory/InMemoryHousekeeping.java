package dev.iamkit.memory;

import dev.iamkit.model.CleanupReport;
import dev.iamkit.model.MagicLinkId;
import dev.iamkit.model.SessionId;
import dev.iamkit.store.Housekeeping;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sweeps the global maps in one write transaction, as the PostgreSQL store does in one transaction. */
final class InMemoryHousekeeping implements Housekeeping {
    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;

    InMemoryHousekeeping(MemoryState state, Transactor transactor, Clock clock) {
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public CleanupReport cleanup() {
        return transactor.write(tx -> {
            Instant now = clock.instant();
            List<SessionId> sessions = new ArrayList<>();
            state.sessions.values().stream()
                    .filter(s -> !s.expiresAt().isAfter(now) || s.revokedAt().isPresent())
                    .forEach(s -> sessions.add(s.id()));
            for (SessionId id : sessions) {
                tx.remove(state.sessions, id);
            }
            List<String> tokens = new ArrayList<>();
            for (Map.Entry<String, MemoryState.RefreshToken> t : state.refreshTokens.entrySet()) {
                if (sessions.contains(t.getValue().session())) {
                    tokens.add(t.getKey());
                }
            }
            tokens.forEach(k -> tx.remove(state.refreshTokens, k));

            List<MagicLinkId> links = new ArrayList<>();
            state.magicLinks.forEach((id, l) -> {
                if (!l.challenge().expiresAt().isAfter(now) || l.challenge().consumedAt().isPresent()) {
                    links.add(id);
                }
            });
            links.forEach(id -> tx.remove(state.magicLinks, id));

            List<MemoryState.Bucket> windows = new ArrayList<>();
            state.rateWindows.forEach((b, w) -> {
                if (!w.start().plusMillis(b.windowMillis()).isAfter(now)) {
                    windows.add(b);
                }
            });
            windows.forEach(b -> tx.remove(state.rateWindows, b));
            return new CleanupReport(sessions.size(), links.size(), windows.size());
        });
    }
}
