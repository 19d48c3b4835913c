package dev.iamkit.jooq;

import org.jooq.DSLContext;

/** Work against the database inside a transaction the runner owns. Use only {@code sql}. */
@FunctionalInterface
interface SqlWork<R> {
    R run(DSLContext sql);
}
