package dev.iamkit.memory;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.snapshot.SnapshotImport;
import dev.iamkit.snapshot.SnapshotRow;
import dev.iamkit.snapshot.SnapshotScope;
import dev.iamkit.snapshot.SnapshotStore;
import dev.iamkit.model.Validate;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Snapshots of the in-memory store: the rows are taken under the read lock (one consistent state)
 * and handed to the sink after it is released, so a sink may call the store.
 */
final class InMemorySnapshots implements SnapshotStore {
    private final MemoryState state;
    private final Transactor transactor;
    private final AuthzCache cache;
    private final dev.iamkit.support.PersonalDataCipher cipher;

    InMemorySnapshots(MemoryState state, Transactor transactor, AuthzCache cache, dev.iamkit.support.PersonalDataCipher cipher) {
        this.state = state;
        this.transactor = transactor;
        this.cache = cache;
        this.cipher = cipher;
    }

    @Override
    public void exportRows(SnapshotScope scope, Consumer<SnapshotRow> sink) {
        Validate.notNull("scope", scope);
        Validate.notNull("sink", sink);
        cipher.refuse("a snapshot export");
        List<SnapshotRow> rows = transactor.read(() -> {
            scope.org().filter(o -> !state.organizations.containsKey(o)).ifPresent(o -> {
                throw new dev.iamkit.error.NotFoundException("organization", o);
            });
            return SnapshotRows.of(state, scope);
        });
        rows.forEach(sink);
    }

    @Override
    public SnapshotImport importRows(Iterator<SnapshotRow> rows) {
        Validate.notNull("rows", rows);
        cipher.refuse("a snapshot import");
        return new SnapshotImporter(state, transactor, cache).run(rows);
    }
}
