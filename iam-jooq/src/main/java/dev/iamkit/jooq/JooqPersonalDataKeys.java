package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.APP_USER;
import static dev.iamkit.jooq.generated.Tables.USER_DATA_KEY;

import dev.iamkit.model.User;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.store.PersonalDataKeys;
import java.util.List;

/**
 * Each batch one transaction in the identity scope, its rows locked in id order ({@code SKIP
 * LOCKED}: a user being updated now is left for the next batch, and two operators running the
 * task at once share the work instead of waiting on each other).
 */
final class JooqPersonalDataKeys implements PersonalDataKeys {
    private final Sql sql;
    private final JooqUserRows rows;

    JooqPersonalDataKeys(Sql sql, JooqUserRows rows) {
        this.sql = sql;
        this.rows = rows;
    }

    /** See {@link PersonalDataCipher#requireHolds}: one read of the (small) set of master key ids in use. */
    void checkAtStartup() {
        rows.cipher().requireHolds(sql.read(Scope.IDENTITY, ctx -> ctx.selectDistinct(USER_DATA_KEY.MASTER_KEY_ID).from(USER_DATA_KEY)
                .fetch(USER_DATA_KEY.MASTER_KEY_ID)));
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
        return sql.globalWrite(Scope.IDENTITY, ctx -> {
            var due = JooqUserRows.select(ctx).where(USER_DATA_KEY.MASTER_KEY_ID.ne(current))
                    .orderBy(APP_USER.ID).limit(batchSize).forUpdate().of(APP_USER, USER_DATA_KEY).skipLocked().fetch();
            for (var r : due) {
                var a = r.into(APP_USER);
                PersonalDataCipher.Sealed moved = cipher.rewrap(JooqUserRows.plain(a), a.getPersonalData(),
                        new PersonalDataCipher.WrappedKey(r.get(USER_DATA_KEY.MASTER_KEY_ID), r.get(USER_DATA_KEY.WRAPPED_KEY)));
                JooqUserRows.put(ctx, moved, false);
            }
            return (long) due.size();
        });
    }

    @Override
    public long encryptExisting(int batchSize) {
        PersonalDataKeys.requireBatch(batchSize, enabled());
        return sql.globalWrite(Scope.IDENTITY, ctx -> {
            List<User> plain = ctx.selectFrom(APP_USER).where(APP_USER.PERSONAL_DATA.isNull()).orderBy(APP_USER.ID).limit(batchSize)
                    .forUpdate().skipLocked().fetch(JooqUserRows::plain);
            plain.forEach(u -> rows.update(ctx, u));
            return (long) plain.size();
        });
    }
}
