package dev.iamkit.support;

import dev.iamkit.error.UnreadableDataException;
import dev.iamkit.model.MagicLinkChallenge;
import dev.iamkit.model.MagicLinkId;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a user's e-mail and display name at rest, the same for every store. Each user has a
 * random AES-256 data key; the e-mail and display name are sealed together with it (AES-256-GCM,
 * a random 96-bit nonce, the user id as associated data, so a ciphertext moved to another user
 * does not open). The data key is stored wrapped (AES-256-GCM again, under a key HKDF derives
 * from the current master key, with the user id and the master key's id as associated data) next
 * to the id of the master key that wrapped it. Deleting the wrapped key shreds every copy of the
 * ciphertext.
 *
 * <p>What a store keeps of a user, {@link #seal}ed: the e-mail column holds the blind index
 * address ({@code <hex HMAC-SHA-256 of the lower-cased e-mail>@blind-index.invalid}, keyed by
 * another key HKDF derives from the same master key), so the stores' exact-match lookup and
 * unique index work unchanged; the display name holds {@link #SEALED_NAME}; the ciphertext and
 * the wrapped key are kept beside the row.
 *
 * <p>A magic-link challenge's address ({@link #seal(MagicLinkChallenge)}) is sealed under a key
 * derived from the master key itself, not under a data key: the address may belong to no user.
 *
 * <p>JCA's AES/GCM ships with every JDK and runs on the CPU's AES instructions: no third-party
 * code to trust or to keep patched.
 */
public final class PersonalDataCipher {
    /** The domain of blind index addresses: reserved (RFC 2606), so never a deliverable address. */
    public static final String INDEX_DOMAIN = "blind-index.invalid";
    /** What the display name column holds while the real one is sealed. */
    public static final String SEALED_NAME = "(encrypted)";
    private static final byte FORMAT = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final PersonalDataCipher OFF = new PersonalDataCipher(null);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A data key as stored: wrapped under the master key with this id. The array is copied in and out. */
    public record WrappedKey(String masterKeyId, byte[] wrapped) {
        public WrappedKey {
            dev.iamkit.model.Validate.notNull("masterKeyId", masterKeyId);
            wrapped = dev.iamkit.model.Validate.notNull("wrapped", wrapped).clone();
        }

        @Override
        public byte[] wrapped() {
            return wrapped.clone();
        }
    }

    /** What a store writes for a user: the row ({@code stored}), the ciphertext and the wrapped data key. */
    public record Sealed(User stored, byte[] personalData, WrappedKey key) {
        public Sealed {
            personalData = personalData.clone();
        }

        @Override
        public byte[] personalData() {
            return personalData.clone();
        }
    }

    private final MasterKeys keys;

    private PersonalDataCipher(MasterKeys keys) {
        this.keys = keys;
    }

    /** Personal data stored as it is (the default). */
    public static PersonalDataCipher off() {
        return OFF;
    }

    /** Personal data encrypted under data keys wrapped by {@code keys}. */
    public static PersonalDataCipher with(MasterKeys keys) {
        return new PersonalDataCipher(dev.iamkit.model.Validate.notNull("keys", keys));
    }

    public boolean enabled() {
        return keys != null;
    }

    /** The master keys; empty when off. */
    public Optional<MasterKeys> keys() {
        return Optional.ofNullable(keys);
    }

    /**
     * Every value a stored e-mail column may hold for {@code email} (lower-cased, as the model
     * validates it): the address itself (a row not yet encrypted) and its blind index under each
     * master key held (a row not yet re-wrapped). Lookups and the uniqueness check match any.
     */
    public List<String> storedForms(String email) {
        List<String> forms = new ArrayList<>();
        forms.add(email);
        if (keys != null) {
            for (String id : keys.ids()) {
                forms.add(index(id, email));
            }
        }
        return forms;
    }

    /** The blind index address of {@code email} under the master key {@code id}. */
    private String index(String id, String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(derived(id, null).index());
            return HexFormat.of().formatHex(mac.doFinal(email.getBytes(StandardCharsets.UTF_8))) + "@" + INDEX_DOMAIN;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Seals {@code u}: under {@code existing} (the user's data key, unwrapped) when present, else
     * under a new data key wrapped under the current master key.
     *
     * @throws IllegalStateException when off (a store's mistake)
     * @throws UnreadableDataException when {@code existing} cannot be unwrapped
     */
    public Sealed seal(User u, Optional<WrappedKey> existing) {
        MasterKeys k = requireOn();
        WrappedKey wrapped;
        byte[] dataKey;
        if (existing.isPresent()) {
            wrapped = existing.get();
            dataKey = unwrap(u.id(), wrapped);
        } else {
            dataKey = new byte[32];
            RANDOM.nextBytes(dataKey);
            wrapped = wrap(u.id(), k.currentId(), dataKey);
        }
        byte[] plain = (u.email() + '\0' + u.displayName()).getBytes(StandardCharsets.UTF_8);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, dataKey, userAad(u.id()), plain);
        User stored = new User(u.id(), index(wrapped.masterKeyId(), u.email()), SEALED_NAME, u.status(), u.emailVerifiedAt(), u.version(),
                u.createdAt(), u.updatedAt(), u.deletedAt());
        return new Sealed(stored, sealed, wrapped);
    }

    /**
     * The user {@code stored} was sealed from.
     *
     * @throws UnreadableDataException when off, when the key's master key is not held, or when the
     *         ciphertext or the wrapped key fails authentication
     */
    public User open(User stored, byte[] personalData, WrappedKey key) {
        if (keys == null) {
            throw new UnreadableDataException("the personal data of user " + stored.id() + " is encrypted and no master key is configured ("
                    + MasterKeys.SETTING + ")");
        }
        byte[] plain = gcm(Cipher.DECRYPT_MODE, unwrap(stored.id(), key), userAad(stored.id()), personalData);
        String both = new String(plain, StandardCharsets.UTF_8);
        int nul = both.indexOf('\0');
        return new User(stored.id(), both.substring(0, nul), both.substring(nul + 1), stored.status(), stored.emailVerifiedAt(),
                stored.version(), stored.createdAt(), stored.updatedAt(), stored.deletedAt());
    }

    /**
     * The same user with its data key wrapped under the current master key and its blind index
     * under that key's index key; the ciphertext is unchanged. {@code null} when it already is
     * under the current key.
     */
    public Sealed rewrap(User stored, byte[] personalData, WrappedKey key) {
        MasterKeys k = requireOn();
        if (key.masterKeyId().equals(k.currentId())) {
            return null;
        }
        User plain = open(stored, personalData, key);
        WrappedKey moved = wrap(stored.id(), k.currentId(), unwrap(stored.id(), key));
        User restored = new User(stored.id(), index(k.currentId(), plain.email()), SEALED_NAME, stored.status(), stored.emailVerifiedAt(),
                stored.version(), stored.createdAt(), stored.updatedAt(), stored.deletedAt());
        return new Sealed(restored, personalData, moved);
    }

    /** What a store writes for a magic-link challenge: the row ({@code stored}, its e-mail the blind index), the sealed address and the master key's id. */
    public record SealedChallenge(MagicLinkChallenge stored, String masterKeyId, byte[] sealedEmail) {
        public SealedChallenge {
            sealedEmail = sealedEmail.clone();
        }

        @Override
        public byte[] sealedEmail() {
            return sealedEmail.clone();
        }
    }

    /**
     * Seals the address of {@code c} under the current master key's address key (AES-256-GCM, the
     * challenge id and the master key's id as associated data): a challenge may name no user, so
     * there is no data key to seal it under. Its e-mail becomes the blind index under the same key,
     * as a user's does, so {@link #storedForms} finds it.
     *
     * @throws IllegalStateException when off (a store's mistake)
     */
    public SealedChallenge seal(MagicLinkChallenge c) {
        String id = requireOn().currentId();
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, derived(id, null).address().getEncoded(), challengeAad(c.id(), id),
                c.email().getBytes(StandardCharsets.UTF_8));
        return new SealedChallenge(withEmail(c, index(id, c.email())), id, sealed);
    }

    /**
     * The challenge {@code stored} was sealed from; {@code stored} itself when {@code sealedEmail} is null (written while off).
     *
     * @throws UnreadableDataException when off, when the master key {@code masterKeyId} is not held,
     *         or when the sealed address fails authentication
     */
    public MagicLinkChallenge open(MagicLinkChallenge stored, String masterKeyId, byte[] sealedEmail) {
        if (sealedEmail == null) {
            return stored;
        }
        if (keys == null) {
            throw new UnreadableDataException("the e-mail of magic-link challenge " + stored.id() + " is encrypted and no master key is configured ("
                    + MasterKeys.SETTING + ")");
        }
        MasterKeys.Derived d = keys.derived(masterKeyId).orElseThrow(() -> new UnreadableDataException("the e-mail of magic-link challenge "
                + stored.id() + " is sealed under master key '" + masterKeyId + "', which " + MasterKeys.SETTING + " does not hold (it holds "
                + keys.ids() + ")"));
        byte[] plain = gcm(Cipher.DECRYPT_MODE, d.address().getEncoded(), challengeAad(stored.id(), masterKeyId), sealedEmail);
        return withEmail(stored, new String(plain, StandardCharsets.UTF_8));
    }

    private static MagicLinkChallenge withEmail(MagicLinkChallenge c, String email) {
        return new MagicLinkChallenge(c.id(), email, c.purpose(), c.createdAt(), c.expiresAt(), c.consumedAt(), c.failedAttempts());
    }

    private static byte[] challengeAad(MagicLinkId id, String masterId) {
        return ("iamkit magic link " + id.value() + " " + masterId).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks, when a store opens, that it can read every data key it holds: {@code storedIds} are
     * the ids of the master keys its data keys are wrapped under.
     *
     * @throws dev.iamkit.error.ConfigurationException when encryption is off and the store holds
     *         encrypted users, or when a master key the store's data keys need is not held
     */
    public void requireHolds(java.util.Collection<String> storedIds) {
        if (storedIds.isEmpty()) {
            return;
        }
        if (keys == null) {
            throw new dev.iamkit.error.ConfigurationException("the store holds encrypted users (under master key(s) " + new java.util.TreeSet<>(storedIds)
                    + ") and " + MasterKeys.SETTING + " is not set: configure the master keys");
        }
        java.util.Set<String> missing = new java.util.TreeSet<>(storedIds);
        missing.removeAll(keys.ids());
        if (!missing.isEmpty()) {
            throw new dev.iamkit.error.ConfigurationException("the store holds data keys wrapped under master key(s) " + missing + ", which "
                    + MasterKeys.SETTING + " does not hold (it holds " + keys.ids() + "): list them after the current key until "
                    + "personalData().rewrap(...) returns 0");
        }
    }

    /** Key ids only. */
    @Override
    public String toString() {
        return keys == null ? "PersonalDataCipher[off]" : "PersonalDataCipher" + keys.ids();
    }

    private MasterKeys requireOn() {
        if (keys == null) {
            throw new IllegalStateException("personal data encryption is off");
        }
        return keys;
    }

    private MasterKeys.Derived derived(String id, UserId user) {
        return keys.derived(id).orElseThrow(() -> new UnreadableDataException((user == null ? "" : "the data key of user " + user
                + " is wrapped under ") + "master key '" + id + "', which " + MasterKeys.SETTING + " does not hold (it holds " + keys.ids() + ")"));
    }

    private WrappedKey wrap(UserId user, String masterId, byte[] dataKey) {
        return new WrappedKey(masterId, gcm(Cipher.ENCRYPT_MODE, derived(masterId, user).wrapping().getEncoded(), keyAad(user, masterId), dataKey));
    }

    private byte[] unwrap(UserId user, WrappedKey key) {
        try {
            return gcm(Cipher.DECRYPT_MODE, derived(key.masterKeyId(), user).wrapping().getEncoded(), keyAad(user, key.masterKeyId()), key.wrapped());
        } catch (UnreadableDataException e) {
            if (e.getCause() instanceof AEADBadTagException) {
                throw new UnreadableDataException("the wrapped data key of user " + user + " fails authentication: it was changed, or "
                        + "master key '" + key.masterKeyId() + "' is not the key it was wrapped under", e.getCause());
            }
            throw e;
        }
    }

    private static byte[] userAad(UserId user) {
        return ("iamkit user " + user.value()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] keyAad(UserId user, String masterId) {
        return ("iamkit data key " + user.value() + " " + masterId).getBytes(StandardCharsets.UTF_8);
    }

    /** Format byte, nonce, then GCM's ciphertext and tag. */
    private static byte[] gcm(int mode, byte[] key, byte[] aad, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            if (mode == Cipher.ENCRYPT_MODE) {
                byte[] nonce = new byte[NONCE];
                RANDOM.nextBytes(nonce);
                c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
                c.updateAAD(aad);
                byte[] out = c.doFinal(input);
                return ByteBuffer.allocate(1 + NONCE + out.length).put(FORMAT).put(nonce).put(out).array();
            }
            if (input.length < 1 + NONCE + TAG_BITS / 8 || input[0] != FORMAT) {
                throw new UnreadableDataException("stored ciphertext is not in format " + FORMAT + " (" + input.length + " bytes)");
            }
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, input, 1, NONCE));
            c.updateAAD(aad);
            return c.doFinal(input, 1 + NONCE, input.length - 1 - NONCE);
        } catch (AEADBadTagException e) {
            throw new UnreadableDataException("stored personal data fails authentication (AES-GCM tag): it was changed outside the library", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is part of every JDK", e);
        }
    }
}
