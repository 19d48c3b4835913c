package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.ENTITLEMENT;
import static dev.iamkit.jooq.generated.Tables.MODULE;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/** Pieces of the access queries that the snapshot source and the compiler share. */
final class AccessSql {
    private AccessSql() {
    }

    /** An expiry at exactly now counts as expired. */
    static Condition unexpired(Field<OffsetDateTime> expiresAt, OffsetDateTime now) {
        return expiresAt.isNull().or(expiresAt.gt(now));
    }

    /** Rule 3: the CTE {@code usable(module_id)} of modules usable through an enabled, unexpired entitlement, when {@code open}. */
    static CommonTableExpression<Record1<UUID>> usableModules(UUID org, OffsetDateTime now, Condition open) {
        return DSL.name("usable").fields("module_id")
                .as(DSL.select(ENTITLEMENT.MODULE_ID)
                        .from(ENTITLEMENT)
                        .join(MODULE).on(MODULE.ID.eq(ENTITLEMENT.MODULE_ID))
                        .where(ENTITLEMENT.ORG_ID.eq(org), ENTITLEMENT.ENABLED.isTrue(), MODULE.ENABLED.isTrue(),
                                unexpired(ENTITLEMENT.EXPIRES_AT, now), open));
    }
}
