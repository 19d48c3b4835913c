package dev.iamkit.memory;

import dev.iamkit.authz.AuthzCache;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The undo log of the running transaction. Every change to the state goes through one of these
 * methods, which records how to take it back; a failed transaction (or a failed call inside one)
 * runs the log backwards to its starting mark. Undo actions restore the very objects that were
 * there before, so replaying them in reverse order always reaches the earlier state.
 */
final class Tx {
    private final ArrayDeque<Runnable> undo = new ArrayDeque<>();
    /** What to tell others once the outermost transaction has committed; undone like any change. */
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final MemoryState state;
    /** Told, after the commit, the global revision the transaction took. */
    private final LongConsumer globalCommitted;
    /** The global revision this transaction took, or -1 while it has changed no global data. */
    private long globalMade = -1;

    Tx(MemoryState state, LongConsumer globalCommitted) {
        this.state = state;
        this.globalCommitted = globalCommitted;
    }

    /** Puts {@code value} under {@code key}; returns what was there, or null. */
    <K, V> V put(Map<K, V> map, K key, V value) {
        V previous = map.put(key, value);
        undo.push(previous == null ? () -> map.remove(key) : () -> map.put(key, previous));
        changed(map);
        return previous;
    }

    /** Removes {@code key}; returns what was there, or null. */
    <K, V> V remove(Map<K, V> map, K key) {
        V previous = map.remove(key);
        if (previous != null) {
            undo.push(() -> map.put(key, previous));
            changed(map);
        }
        return previous;
    }

    /** The collection under {@code key}, made (and recorded) if absent. */
    <K, C> C child(Map<K, C> map, K key, Supplier<C> make) {
        C existing = map.get(key);
        if (existing != null) {
            return existing;
        }
        C made = make.get();
        put(map, key, made);
        return made;
    }

    /** Adds to a set; true if it was not there. */
    <E> boolean add(Collection<E> set, E element) {
        if (set.add(element)) {
            undo.push(() -> set.remove(element));
            changed(set);
            return true;
        }
        return false;
    }

    /** Removes from a set; true if it was there. */
    <E> boolean remove(Collection<E> set, E element) {
        if (set.remove(element)) {
            undo.push(() -> set.add(element));
            changed(set);
            return true;
        }
        return false;
    }

    /** Appends to a list that only ever grows at its end (the audit trail). */
    <E> void append(List<E> list, E element) {
        list.add(element);
        undo.push(() -> list.remove(list.size() - 1));
    }

    /** Adds one to the organization's revision; returns the new value. */
    long bumpRevision(TenantData data) {
        long previous = data.revision;
        data.revision = previous + 1;
        undo.push(() -> data.revision = previous);
        return data.revision;
    }

    /**
     * A change to {@code collection}: the transaction's first change of global data moves the
     * global revision on, as PostgreSQL's triggers do (V15), and is undone with it.
     */
    private void changed(Object collection) {
        if (globalMade >= 0 || !state.globalData.contains(collection)) {
            return;
        }
        long previous = state.globalRevision;
        long made = previous + 1;
        state.globalRevision = made;
        globalMade = made;
        undo.push(() -> {
            state.globalRevision = previous;
            globalMade = -1;
        });
        afterCommit(() -> globalCommitted.accept(made));
    }

    /** After the commit, tells {@code cache} that checks may depend on the transaction's change of global data. */
    void accessChanged(AuthzCache cache) {
        afterCommit(() -> {
            if (globalMade >= 0) {
                cache.globalChanged(globalMade);
            }
        });
    }

    /** Runs {@code action} after the outermost transaction commits; never if the change that asked for it is undone. */
    void afterCommit(Runnable action) {
        afterCommit.add(action);
        undo.push(() -> afterCommit.remove(afterCommit.size() - 1));
    }

    List<Runnable> committed() {
        return afterCommit;
    }

    int mark() {
        return undo.size();
    }

    void rollbackTo(int mark) {
        while (undo.size() > mark) {
            undo.pop().run();
        }
    }
}
