package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.MagicLinkId;
import dev.iamkit.model.UserId;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.support.PersonalDataCipher.WrappedKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What {@link PersonalDataContract} needs of a store beyond the API: stores opened with master
 * keys, and a look at what the store keeps of a user or a magic-link challenge (as a backup would
 * hold it), past the API.
 */
public interface PersonalDataFixture {

    /** An empty store that encrypts personal data with {@code cipher} (or not, with {@code off()}). */
    IamDatabase open(Clock clock, PersonalDataCipher cipher);

    /** Closes {@code db} and opens its data again with {@code cipher}, as a restarted process would. */
    IamDatabase reopen(IamDatabase db, Clock clock, PersonalDataCipher cipher);

    /** The user's row as stored: the e-mail and name columns, the ciphertext and the wrapped data key, if any. */
    StoredUser stored(IamDatabase db, UserId id);

    /** Every wrapped data key the store holds. */
    List<WrappedKey> dataKeys(IamDatabase db);

    /** Flips one bit of the user's stored ciphertext, as a change made outside the library would. */
    void tamper(IamDatabase db, UserId id);

    /** The magic-link challenge's row as stored: the e-mail column, and the sealed address and its master key's id, if any. */
    StoredChallenge storedChallenge(IamDatabase db, MagicLinkId id);

    /** A magic-link challenge's row as stored. */
    record StoredChallenge(String email, Optional<byte[]> sealedEmail, Optional<String> masterKeyId) {
    }

    /** A user's row as stored. */
    record StoredUser(String email, String displayName, Optional<byte[]> personalData, Optional<WrappedKey> key) {
    }
}
