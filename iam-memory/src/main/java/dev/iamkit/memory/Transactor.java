package dev.iamkit.memory;

import dev.iamkit.error.StorageException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Serializes writers and lets readers share: one read-write lock over the whole state. A write
 * holds the write lock for its whole length (for {@code inTenant}, the whole callback), so
 * transactions are serializable and never see each other half-done. Writes nested in a running
 * transaction on the same thread join it with a savepoint: their failure undoes only their own
 * changes, the outer failure undoes everything.
 */
final class Transactor {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final MemoryState state;
    private final LongConsumer globalCommitted;
    private volatile boolean closed;
    /** The running transaction; only touched by the thread that holds the write lock. */
    private Tx current;

    /** Over {@code state}; {@code globalCommitted} is told the global revision each committed change of global data took. */
    Transactor(MemoryState state, LongConsumer globalCommitted) {
        this.state = state;
        this.globalCommitted = globalCommitted;
    }

    <R> R read(Supplier<R> op) {
        checkOpen();
        ReentrantReadWriteLock.ReadLock read = lock.readLock();
        read.lock();
        try {
            checkOpen();
            return op.get();
        } finally {
            read.unlock();
        }
    }

    <R> R write(Function<Tx, R> op) {
        checkOpen();
        ReentrantReadWriteLock.WriteLock write = lock.writeLock();
        write.lock();
        R result;
        Tx committed = null;
        try {
            checkOpen();
            boolean outermost = current == null;
            if (outermost) {
                current = new Tx(state, globalCommitted);
            }
            Tx tx = current;
            int mark = tx.mark();
            try {
                result = op.apply(tx);
                if (outermost) {
                    committed = tx;
                }
            } catch (Throwable t) {
                tx.rollbackTo(mark);
                throw t;
            } finally {
                if (outermost) {
                    current = null;
                }
            }
        } finally {
            write.unlock();
        }
        if (committed != null) {
            committed.committed().forEach(Runnable::run);
        }
        return result;
    }

    /** Whether the calling thread is inside a write (so it sees changes that are not committed yet). */
    boolean inWrite() {
        return lock.isWriteLockedByCurrentThread();
    }

    void close() {
        closed = true;
    }

    void checkOpen() {
        if (closed) {
            throw new StorageException("the in-memory store is closed", false);
        }
    }
}
