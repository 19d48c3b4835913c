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
 * and handed to the sink after it is released, so a sink may call the store. With encryption on,
 * users go out opened and come in sealed, through {@link UserRows}, and magic-link challenges'
 * addresses likewise ({@link MemoryState.StoredLink}).
 */
final class InMemorySnapshots implements SnapshotStore {
    private final MemoryState state;
    private final Transactor transactor;
    private final AuthzCache cache;
    private final UserRows users;

    InMemorySnapshots(MemoryState state, Transactor transactor, AuthzCache cache, UserRows users) {
        this.state = state;
        this.transactor = transactor;
        this.cache = cache;
        this.users = users;
    }

    @Override
    public void exportRows(SnapshotScope scope, Consumer<SnapshotRow> sink) {
        Validate.notNull("scope", scope);
        Validate.notNull("sink", sink);
        List<SnapshotRow> rows = transactor.read(() -> {
            scope.org().filter(o -> !state.organizations.containsKey(o)).ifPresent(o -> {
                throw new dev.iamkit.error.NotFoundException("organization", o);
            });
            return SnapshotRows.of(state, users, scope);
        });
        rows.forEach(sink);
    }

    @Override
    public SnapshotImport importRows(Iterator<SnapshotRow> rows) {
        Validate.notNull("rows", rows);
        return new SnapshotImporter(state, users, transactor, cache).run(rows);
    }
}
