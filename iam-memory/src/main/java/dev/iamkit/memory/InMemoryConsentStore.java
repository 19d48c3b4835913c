package dev.iamkit.memory;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.Consent;
import dev.iamkit.model.ConsentId;
import dev.iamkit.model.NewConsent;
import dev.iamkit.model.Page;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.ConsentStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** Each user's decisions in a map sorted by id, which is the order they were recorded in. */
final class InMemoryConsentStore implements ConsentStore {
    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;

    InMemoryConsentStore(MemoryState state, Transactor transactor, Clock clock) {
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public Consent record(UserId user, NewConsent consent) {
        Validate.notNull("user", user);
        Validate.notNull("consent", consent);
        return transactor.write(tx -> {
            User stored = state.users.get(user);
            if (stored == null || stored.deleted()) {
                throw new NotFoundException("user", user);
            }
            Consent made = new Consent(new ConsentId(Uuid7.next(clock)), user, consent.purpose(), consent.version(), consent.decision(),
                    clock.instant(), consent.source());
            tx.put(tx.child(state.consents, user, TreeMap::new), made.id(), made);
            return made;
        });
    }

    @Override
    public List<Consent> current(UserId user) {
        Validate.notNull("user", user);
        return transactor.read(() -> latest(state, user));
    }

    @Override
    public Optional<Consent> current(UserId user, String purpose) {
        Validate.notNull("user", user);
        String code = Validate.code("purpose", purpose);
        return transactor.read(() -> decisions(state, user).descendingMap().values().stream().filter(c -> c.purpose().equals(code))
                .findFirst());
    }

    @Override
    public Page<Consent> history(UserId user, PageRequest page) {
        Validate.notNull("user", user);
        Validate.notNull("page", page);
        return transactor.read(() -> Paging.newestFirst(decisions(state, user), page, ConsentId::new));
    }

    /** Every decision of the user, newest first, for the export. */
    static List<Consent> all(MemoryState state, UserId user) {
        return List.copyOf(decisions(state, user).descendingMap().values());
    }

    private static List<Consent> latest(MemoryState state, UserId user) {
        Map<String, Consent> byPurpose = new TreeMap<>();
        decisions(state, user).values().forEach(c -> byPurpose.put(c.purpose(), c));   // ascending: the last put is the latest
        return List.copyOf(byPurpose.values());
    }

    private static NavigableMap<ConsentId, Consent> decisions(MemoryState state, UserId user) {
        return state.consents.getOrDefault(user, new TreeMap<>());
    }
}
