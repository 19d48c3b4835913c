package dev.iamkit.memory;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.NewPrivacyRequest;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.PrivacyRequest;
import dev.iamkit.model.PrivacyRequestId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.PrivacyRequestLog;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The log in one map sorted by id; a user's entries are found by a scan (an operator's list, not a hot path). */
final class InMemoryPrivacyRequestLog implements PrivacyRequestLog {
    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;

    InMemoryPrivacyRequestLog(MemoryState state, Transactor transactor, Clock clock) {
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
    }

    /** Adds an entry (a call's, closed; or one received). */
    void append(PrivacyRequest entry) {
        transactor.write(tx -> tx.put(state.privacyRequests, entry.id(), entry));
    }

    @Override
    public PrivacyRequest receive(NewPrivacyRequest request) {
        Validate.notNull("request", request);
        PrivacyRequest made = PrivacyRequest.received(new PrivacyRequestId(Uuid7.next(clock)), request, clock.instant());
        append(made);
        return made;
    }

    @Override
    public PrivacyRequest complete(PrivacyRequestId id) {
        return close(id, Optional.empty());
    }

    @Override
    public PrivacyRequest reject(PrivacyRequestId id, String reason) {
        return close(id, Optional.of(Validate.code("reason", reason)));
    }

    private PrivacyRequest close(PrivacyRequestId id, Optional<String> rejectedFor) {
        Validate.notNull("id", id);
        return transactor.write(tx -> {
            PrivacyRequest stored = state.privacyRequests.get(id);
            if (stored == null) {
                throw new NotFoundException("privacy request", id);
            }
            PrivacyRequest closed = stored.closedByHost(rejectedFor, clock.instant());
            tx.put(state.privacyRequests, id, closed);
            return closed;
        });
    }

    @Override
    public Optional<PrivacyRequest> find(PrivacyRequestId id) {
        Validate.notNull("id", id);
        return transactor.read(() -> Optional.ofNullable(state.privacyRequests.get(id)));
    }

    @Override
    public Page<PrivacyRequest> forUser(UserId user, PageRequest page) {
        Validate.notNull("user", user);
        Validate.notNull("page", page);
        return transactor.read(() -> Paging.newestFirst(ofUser(state, user), page, PrivacyRequestId::new));
    }

    @Override
    public Page<PrivacyRequest> recent(PageRequest page) {
        Validate.notNull("page", page);
        return transactor.read(() -> Paging.newestFirst(state.privacyRequests, page, PrivacyRequestId::new));
    }

    /** The user's entries, newest first, for the export. */
    static List<PrivacyRequest> all(MemoryState state, UserId user) {
        return List.copyOf(ofUser(state, user).descendingMap().values());
    }

    private static TreeMap<PrivacyRequestId, PrivacyRequest> ofUser(MemoryState state, UserId user) {
        TreeMap<PrivacyRequestId, PrivacyRequest> out = new TreeMap<>();
        state.privacyRequests.forEach((id, r) -> {
            if (r.userId().filter(user::equals).isPresent()) {
                out.put(id, r);
            }
        });
        return out;
    }
}
