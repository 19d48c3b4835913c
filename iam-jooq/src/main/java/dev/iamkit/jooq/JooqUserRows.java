package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.APP_USER;
import static dev.iamkit.jooq.generated.Tables.USER_DATA_KEY;

import dev.iamkit.error.UnreadableDataException;
import dev.iamkit.jooq.generated.tables.records.AppUserRecord;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserStatus;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.support.PersonalDataCipher.WrappedKey;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectJoinStep;

/**
 * Users as {@code app_user} and {@code user_data_key} keep them (V24): plain, or sealed by
 * {@link PersonalDataCipher}. Every read of a user's e-mail or name goes through here; a sealed
 * row is read with its wrapped key by one left join, so a find stays one statement.
 */
final class JooqUserRows {
    private final PersonalDataCipher cipher;

    JooqUserRows(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    PersonalDataCipher cipher() {
        return cipher;
    }

    /** Users with their wrapped data keys, if any; map with {@link #user(Record)}. */
    static SelectJoinStep<Record> select(DSLContext ctx) {
        return ctx.select(APP_USER.fields()).select(USER_DATA_KEY.MASTER_KEY_ID, USER_DATA_KEY.WRAPPED_KEY)
                .from(APP_USER.leftJoin(USER_DATA_KEY).on(USER_DATA_KEY.USER_ID.eq(APP_USER.ID)));
    }

    /**
     * The user row matching {@code where}, locked, with its data key ({@link #select}). A sealed row
     * whose key the locked read did not find is read again in a statement of its own: the statement
     * that waited for the lock read the key in the snapshot taken before the wait, and the
     * transaction it waited for may have sealed the row, writing its key with it.
     */
    static Optional<Record> locked(DSLContext ctx, org.jooq.Condition where) {
        Optional<Record> r = select(ctx).where(where).forUpdate().of(APP_USER).fetchOptional();
        if (r.isPresent() && r.get().get(APP_USER.PERSONAL_DATA) != null && r.get().get(USER_DATA_KEY.MASTER_KEY_ID) == null) {
            return select(ctx).where(APP_USER.ID.eq(r.get().get(APP_USER.ID))).fetchOptional();
        }
        return r;
    }

    /** The user a row of {@link #select} holds, opened when sealed. */
    User user(Record r) {
        AppUserRecord a = r.into(APP_USER);
        return open(plain(a), a.getPersonalData(), r.get(USER_DATA_KEY.MASTER_KEY_ID), r.get(USER_DATA_KEY.WRAPPED_KEY));
    }

    /**
     * The user {@code stored} (a row as {@link #plain} reads it) stands for: itself when
     * {@code personalData} is null, else opened with its wrapped key ({@code masterKeyId} null: none).
     */
    User open(User stored, byte[] personalData, String masterKeyId, byte[] wrappedKey) {
        if (personalData == null) {
            return stored;
        }
        if (masterKeyId == null) {
            throw new UnreadableDataException("the data key of user " + stored.id() + " is gone (shredded)");
        }
        return cipher.open(stored, personalData, new WrappedKey(masterKeyId, wrappedKey));
    }

    /** The user of a row read alone, its wrapped key read when it is sealed (by {@code key}, the user's id to its key row). */
    User user(AppUserRecord a, java.util.function.Function<java.util.UUID, Optional<dev.iamkit.jooq.generated.tables.records.UserDataKeyRecord>> key) {
        if (a.getPersonalData() == null) {
            return plain(a);
        }
        var k = key.apply(a.getId());
        return open(plain(a), a.getPersonalData(), k.map(x -> x.getMasterKeyId()).orElse(null), k.map(x -> x.getWrappedKey()).orElse(null));
    }

    /** The stored e-mail matches any form of {@code email}: plain, or its blind index under a held master key. */
    Condition withEmail(String email) {
        List<String> forms = cipher.storedForms(email);
        return forms.size() == 1 ? APP_USER.EMAIL.eq(email) : APP_USER.EMAIL.in(forms);
    }

    void insert(DSLContext ctx, User u) {
        if (!cipher.enabled()) {
            GlobalChanges.changed(ctx, ctx.insertInto(APP_USER).set(record(u, null)).execute());
            return;
        }
        PersonalDataCipher.Sealed s = cipher.seal(u, Optional.empty());
        GlobalChanges.changed(ctx, ctx.insertInto(APP_USER).set(record(s.stored(), s.personalData())).execute());
        ctx.insertInto(USER_DATA_KEY).set(USER_DATA_KEY.USER_ID, u.id().value()).set(USER_DATA_KEY.MASTER_KEY_ID, s.key().masterKeyId())
                .set(USER_DATA_KEY.WRAPPED_KEY, s.key().wrapped()).execute();
    }

    /** Stores {@code u} over its row, sealed under its data key (a new one for a plain row) when encryption is on. */
    void update(DSLContext ctx, User u) {
        if (!cipher.enabled()) {
            GlobalChanges.changed(ctx, ctx.update(APP_USER).set(record(u, null)).where(APP_USER.ID.eq(u.id().value())).execute());
            return;
        }
        Optional<WrappedKey> key = ctx.selectFrom(USER_DATA_KEY).where(USER_DATA_KEY.USER_ID.eq(u.id().value())).fetchOptional()
                .map(k -> new WrappedKey(k.getMasterKeyId(), k.getWrappedKey()));
        put(ctx, cipher.seal(u, key), key.isEmpty());
    }

    /** Writes a sealed user over its row, and its wrapped key (inserted when {@code newKey}). */
    static void put(DSLContext ctx, PersonalDataCipher.Sealed s, boolean newKey) {
        UserId id = s.stored().id();
        GlobalChanges.changed(ctx, ctx.update(APP_USER).set(record(s.stored(), s.personalData())).where(APP_USER.ID.eq(id.value())).execute());
        if (newKey) {
            ctx.insertInto(USER_DATA_KEY).set(USER_DATA_KEY.USER_ID, id.value()).set(USER_DATA_KEY.MASTER_KEY_ID, s.key().masterKeyId())
                    .set(USER_DATA_KEY.WRAPPED_KEY, s.key().wrapped()).execute();
        } else {
            ctx.update(USER_DATA_KEY).set(USER_DATA_KEY.MASTER_KEY_ID, s.key().masterKeyId()).set(USER_DATA_KEY.WRAPPED_KEY, s.key().wrapped())
                    .where(USER_DATA_KEY.USER_ID.eq(id.value())).execute();
        }
    }

    /** Stores {@code u} in plain text and deletes its data key: every copy of its old ciphertext becomes unreadable. */
    static void writePlainAndShred(DSLContext ctx, User u) {
        GlobalChanges.changed(ctx, ctx.update(APP_USER).set(record(u, null)).where(APP_USER.ID.eq(u.id().value())).execute());
        ctx.deleteFrom(USER_DATA_KEY).where(USER_DATA_KEY.USER_ID.eq(u.id().value())).execute();
    }

    private static AppUserRecord record(User u, byte[] personalData) {
        AppUserRecord r = new AppUserRecord();
        r.setId(u.id().value());
        r.setEmail(u.email());
        r.setDisplayName(u.displayName());
        r.setStatus(u.status().name());
        r.setEmailVerifiedAt(Times.db(u.emailVerifiedAt()));
        r.setVersion(u.version());
        r.setCreatedAt(Times.db(u.createdAt()));
        r.setUpdatedAt(Times.db(u.updatedAt()));
        r.setDeletedAt(Times.db(u.deletedAt()));
        r.setPersonalData(personalData);
        return r;
    }

    /** The row as it is stored: for a sealed row, the blind index and the placeholder name. */
    static User plain(AppUserRecord r) {
        return new User(new UserId(r.getId()), r.getEmail(), r.getDisplayName(), UserStatus.valueOf(r.getStatus()),
                Times.opt(r.getEmailVerifiedAt()), r.getVersion(), Times.api(r.getCreatedAt()), Times.api(r.getUpdatedAt()),
                Times.opt(r.getDeletedAt()));
    }
}
