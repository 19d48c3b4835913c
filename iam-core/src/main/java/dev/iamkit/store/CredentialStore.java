package dev.iamkit.store;

import dev.iamkit.model.PasswordCheck;
import dev.iamkit.model.PasswordInfo;
import dev.iamkit.model.UserId;
import java.util.Optional;

/**
 * Users' passwords. Global, like the users they belong to: one password per user. Only hashes
 * are stored, Argon2id in the PHC string form ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}) so
 * each hash records its own parameters, made at the store's {@link dev.iamkit.model.PasswordPolicy};
 * imported bcrypt hashes are kept until the user's next successful verification replaces them.
 * No method returns, logs or exports a hash or a password. Hashing runs before the store is
 * written, outside any transaction.
 *
 * <p>Passwords are any string of 1 to {@value dev.iamkit.support.PasswordHashes#PASSWORD_MAX}
 * characters without a NUL character or an unpaired surrogate, hashed as UTF-8 and otherwise
 * unchanged (no trimming, no normalization). Every method may also throw
 * {@link dev.iamkit.error.StorageException}, and a {@link dev.iamkit.error.ConfigurationException}
 * when no {@link dev.iamkit.spi.PasswordKdf} is on the class path (module {@code iam-passwords}).
 */
public interface CredentialStore {

    /**
     * Sets (or replaces) the user's password and lifts a lockout of the user; the count of
     * failures in the current window stays.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} when null, on {@code password}
     *         when it is not a valid password; nothing is written
     * @throws dev.iamkit.error.NotFoundException when the user does not exist or is deleted
     */
    void set(UserId user, String password);

    /**
     * Checks a presented password. Never throws for a wrong one: {@link PasswordCheck#WRONG},
     * counted against the lockout (the failure that reaches the policy's {@code maxFailures} in a
     * window locks the user's verifications until the window ends: {@link PasswordCheck#LOCKED_OUT}
     * without checking the password); a success neither resets the count nor touches other
     * users. After a success, a hash made with weaker parameters than the policy's, or a bcrypt
     * hash, is replaced by an Argon2id hash at the policy's (unless the password was changed
     * meanwhile). A user without a password, unknown or deleted is {@link PasswordCheck#NO_PASSWORD},
     * after hashing the password once so the answer takes as long as a wrong one. The user's
     * status is not consulted: whether an inactive or suspended user may sign in is the host's
     * decision, as it is for sessions.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} when null, on {@code password}
     *         when it is not a valid password; nothing is counted
     */
    PasswordCheck verify(UserId user, String password);

    /**
     * Replaces the password when {@code oldPassword} verifies as {@link #verify} does (and
     * counts as it does); returns that check: only {@link PasswordCheck#OK} changed anything.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} when null, on
     *         {@code oldPassword} or {@code newPassword} when not a valid password; nothing is
     *         counted or written
     */
    PasswordCheck change(UserId user, String oldPassword, String newPassword);

    /**
     * Removes the user's password; false when there was none.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} when null
     */
    boolean remove(UserId user);

    /**
     * Stores a hash made elsewhere, as it is: a bcrypt hash ({@code $2a$}, {@code $2b$} or
     * {@code $2y$}, cost 4 to 31) or an Argon2id PHC string (version 19, at most
     * {@link dev.iamkit.model.PasswordPolicy#MEMORY_KIB_MAX} KiB, 100 iterations, parallelism
     * 16). For a host moving users from another system; they sign in with their old passwords
     * and end on Argon2id. Lifts a lockout as {@link #set} does.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} when null, on {@code hash}
     *         when it is not such a hash; nothing is written
     * @throws dev.iamkit.error.NotFoundException when the user does not exist or is deleted
     */
    void importHash(UserId user, String hash);

    /**
     * The algorithm and parameters of the user's stored password, when it was written and any
     * lockout; empty when the user has no password or is deleted. Never null; never the hash.
     *
     * @throws dev.iamkit.error.ValidationException on {@code user} when null
     */
    Optional<PasswordInfo> info(UserId user);
}
