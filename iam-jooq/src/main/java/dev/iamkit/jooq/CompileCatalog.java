package dev.iamkit.jooq;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The store's copy of the catalog as the access compile (V26) sends it: what each enabled module
 * contains, read in one snapshot at one global revision. Every compile of the store passes the
 * revision of the copy it holds; the server sends the catalog again, in the compile's own snapshot,
 * only when that is not the revision it reads, and the compile then keeps what was sent. A copy is
 * used only for a compile whose gate read the same global revision, and every change to the
 * catalog moves that revision (V15), so a compile never mixes the catalog of another snapshot.
 */
final class CompileCatalog {
    /** What a module contains: its features, their codes (parallel to them) and its views. */
    record Module(UUID[] features, String[] codes, UUID[] views) {
    }

    /** The enabled modules at {@code revision}. */
    record Copy(long revision, Map<UUID, Module> modules) {
    }

    /** The revision a store without a copy asks with: none is negative, so the server always sends the catalog. */
    static final long NONE = -1;

    private final AtomicReference<Copy> current = new AtomicReference<>(new Copy(NONE, Map.of()));

    /** The copy held now; a compile reads it once, before its call, and uses only that one. */
    Copy current() {
        return current.get();
    }

    /**
     * Keeps {@code copy}, as sent with a compile. Whichever compile keeps its copy last wins: a
     * copy is only ever used when its revision is the one the server reads, so an older one kept
     * after a newer one costs the next compile a resend, never an answer.
     */
    void keep(Copy copy) {
        current.set(copy);
    }
}
