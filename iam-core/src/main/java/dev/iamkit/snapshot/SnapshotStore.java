package dev.iamkit.snapshot;

import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.StorageException;
import dev.iamkit.error.ValidationException;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * The rows of a store, out and in: what portable snapshots ({@code iam-portable}) are made of.
 * Every store streams the same rows for the same data, in the same order, whether it encrypts
 * personal data or not: a user's row holds the e-mail and display name {@code users().find}
 * returns, in plain text, never ciphertext, a data key or a blind index.
 */
public interface SnapshotStore {
    /**
     * Hands {@code sink} every row of {@code scope}, kind by kind in {@link SnapshotKind} order and
     * by key within a kind ({@link SnapshotRow#KEY_ORDER}), from one consistent state of the store.
     * The PostgreSQL store reads with a cursor and never holds the rows in memory.
     *
     * @throws StorageException when the store cannot be read, or a user's personal data does not
     *         open ({@link dev.iamkit.error.UnreadableDataException}, as {@code users().find} throws)
     */
    void exportRows(SnapshotScope scope, Consumer<SnapshotRow> sink);

    /**
     * Writes the rows {@code rows} yields, all or none: in one transaction (PostgreSQL) or under
     * the store's write lock (memory). A store that encrypts personal data seals each user it
     * writes as {@code users().create} does (a new data key under the current master key). A row
     * whose key the store already holds is accepted when the stored row (a user's opened) is equal
     * to it and written as nothing; any other collision (a different row with the key, or a row
     * another unique rule refuses, such as a live user's e-mail in any stored form) refuses the
     * whole import. An exception
     * {@code rows} throws (a truncated or corrupt file) rolls everything back and is rethrown.
     * Afterwards checks answer from the imported data.
     *
     * @return how many rows of each kind were written
     * @throws AlreadyExistsException (entity {@code snapshot}) listing the colliding rows, nothing written
     * @throws ValidationException when a row breaks a rule of the store, nothing written
     */
    SnapshotImport importRows(Iterator<SnapshotRow> rows);
}
