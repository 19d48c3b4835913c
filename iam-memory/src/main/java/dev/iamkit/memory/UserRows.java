package dev.iamkit.memory;

import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.support.PersonalDataCipher.WrappedKey;
import java.util.List;
import java.util.Optional;

/**
 * Users as the state keeps them: with encryption on, {@code state.users} holds the sealed row (the
 * blind index for the e-mail, a placeholder name) and the ciphertext and wrapped data key lie
 * beside it, as {@code app_user.personal_data} and {@code user_data_key} do on PostgreSQL. Every
 * read of a user's e-mail or name goes through here.
 */
final class UserRows {
    private final MemoryState state;
    private final PersonalDataCipher cipher;

    UserRows(MemoryState state, PersonalDataCipher cipher) {
        this.state = state;
        this.cipher = cipher;
    }

    PersonalDataCipher cipher() {
        return cipher;
    }

    /** The user as the API shows it; empty when there is none. */
    Optional<User> find(UserId id) {
        return Optional.ofNullable(state.users.get(id)).map(this::open);
    }

    User open(User stored) {
        byte[] sealed = state.personalData.get(stored.id());
        if (sealed == null) {
            return stored;
        }
        WrappedKey key = state.dataKeys.get(stored.id());
        if (key == null) {
            throw new dev.iamkit.error.UnreadableDataException("the data key of user " + stored.id() + " is gone (shredded)");
        }
        return cipher.open(stored, sealed, key);
    }

    /** Stores {@code u}, sealed under its data key (a new one for a new user) when encryption is on. */
    void write(Tx tx, User u) {
        if (!cipher.enabled()) {
            tx.put(state.users, u.id(), u);
            return;
        }
        PersonalDataCipher.Sealed s = cipher.seal(u, Optional.ofNullable(state.dataKeys.get(u.id())));
        put(tx, s);
    }

    void put(Tx tx, PersonalDataCipher.Sealed s) {
        UserId id = s.stored().id();
        tx.put(state.users, id, s.stored());
        tx.put(state.personalData, id, s.personalData());
        tx.put(state.dataKeys, id, s.key());
    }

    /** Stores {@code u} as it is and destroys its data key and ciphertext: no copy of them can be read again. */
    void writePlainAndShred(Tx tx, User u) {
        tx.put(state.users, u.id(), u);
        tx.remove(state.personalData, u.id());
        tx.remove(state.dataKeys, u.id());
    }

    /** The non-deleted user whose stored e-mail is any form of {@code email} (plain or blind index). */
    Optional<User> liveWithEmail(String email) {
        List<String> forms = cipher.storedForms(email);
        return state.users.values().stream().filter(u -> !u.deleted() && forms.contains(u.email())).findFirst().map(this::open);
    }
}
