package dev.iamkit.jooq;

import org.jooq.DSLContext;

/**
 * What a global write ({@link Sql#globalWrite}) changed, marked on its {@link DSLContext} by the
 * statements that changed it: that it changed global data (its transaction then moves the global
 * revision even where no trigger does, V28), that checks depend on the change, that it deleted
 * actions or views (which moves the catalog epoch, V25). Every statement of the store that writes
 * a table of the global revision passes its count to {@link #changed}.
 */
final class GlobalChanges {
    private static final String ACCESS_CHANGED = "iamkit.global_access_changed";
    private static final String GLOBAL_CHANGED = "iamkit.global_changed";
    private static final String EPOCH_MOVED = "iamkit.catalog_epoch_moved";

    private GlobalChanges() {
    }

    /** Marks a change that checks depend on (a user's status, say). */
    static void accessChanged(DSLContext ctx) {
        ctx.data(ACCESS_CHANGED, Boolean.TRUE);
        ctx.data(GLOBAL_CHANGED, Boolean.TRUE);
    }

    /** Marks a change of global data when {@code rows} (a statement's count) is not zero; returns {@code rows}. */
    static int changed(DSLContext ctx, int rows) {
        if (rows > 0) {
            ctx.data(GLOBAL_CHANGED, Boolean.TRUE);
        }
        return rows;
    }

    /** Marks a deletion of actions or views. */
    static void epochMoved(DSLContext ctx) {
        ctx.data(EPOCH_MOVED, Boolean.TRUE);
        ctx.data(GLOBAL_CHANGED, Boolean.TRUE);
    }

    static boolean any(DSLContext ctx) {
        return ctx.data(GLOBAL_CHANGED) != null;
    }

    static boolean access(DSLContext ctx) {
        return ctx.data(ACCESS_CHANGED) != null;
    }

    static boolean epoch(DSLContext ctx) {
        return ctx.data(EPOCH_MOVED) != null;
    }
}
