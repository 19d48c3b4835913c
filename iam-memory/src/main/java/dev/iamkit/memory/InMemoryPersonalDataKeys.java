package dev.iamkit.memory;

import dev.iamkit.model.User;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.store.PersonalDataKeys;
import java.util.List;

/** Batches over the users in id order, each one transaction, as the PostgreSQL store's. */
final class InMemoryPersonalDataKeys implements PersonalDataKeys {
    private final MemoryState state;
    private final Transactor transactor;
    private final UserRows rows;

    InMemoryPersonalDataKeys(MemoryState state, Transactor transactor, UserRows rows) {
        this.state = state;
        this.transactor = transactor;
        this.rows = rows;
    }

    @Override
    public boolean enabled() {
        return rows.cipher().enabled();
    }

    @Override
    public long rewrap(int batchSize) {
        PersonalDataKeys.requireBatch(batchSize, enabled());
        PersonalDataCipher cipher = rows.cipher();
        String current = cipher.keys().orElseThrow().currentId();
        return transactor.write(tx -> {
            List<User> due = state.users.values().stream()
                    .filter(u -> state.dataKeys.containsKey(u.id()) && !state.dataKeys.get(u.id()).masterKeyId().equals(current))
                    .limit(batchSize).toList();
            for (User u : due) {
                rows.put(tx, cipher.rewrap(u, state.personalData.get(u.id()), state.dataKeys.get(u.id())));
            }
            return (long) due.size();
        });
    }

    @Override
    public long encryptExisting(int batchSize) {
        PersonalDataKeys.requireBatch(batchSize, enabled());
        return transactor.write(tx -> {
            List<User> plain = state.users.values().stream().filter(u -> !state.personalData.containsKey(u.id())).limit(batchSize).toList();
            plain.forEach(u -> rows.write(tx, u));
            return (long) plain.size();
        });
    }
}
