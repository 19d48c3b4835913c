package dev.iamkit.support;

import dev.iamkit.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host's master keys for personal data ({@link PersonalDataCipher}), from {@value #SETTING} or
 * Java configuration. No store writes them anywhere; {@link #toString()} shows ids only.
 *
 * <p>{@value #SETTING} holds comma-separated {@code <id>:<base64 key>} entries, the current key
 * first, e.g. {@code 2031:q8H...=,2030:Zm9...=}: new data keys are wrapped under the first, the
 * others only unwrap data keys written under them until {@link dev.iamkit.store.PersonalDataKeys#rewrap}
 * has moved those to the current key. An id is 1 to 64 letters, digits, {@code .}, {@code _} or
 * {@code -}, starting with a letter or digit; a key is standard base64 of exactly
 * {@value #KEY_BYTES} random bytes ({@code openssl rand -base64 32}).
 *
 * <p>Each master key is never used directly: HKDF-SHA-256 (RFC 5869) derives from it one key that
 * wraps data keys, another, independent one that makes the blind index of e-mail addresses, and a
 * third that seals the address of a magic-link challenge (which may name no user, so has no data
 * key), so a leak of one derived key says nothing about the others.
 */
public final class MasterKeys {
    /** The setting (environment variable) that holds the keys. */
    public static final String SETTING = "IAMKIT_MASTER_KEYS";
    /** The size of a master key: AES-256's. */
    public static final int KEY_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final byte[] SALT = "iamkit personal data v1".getBytes(StandardCharsets.UTF_8);

    /** One master key's derived keys: data keys' wrapping, the e-mail blind index, magic-link challenges' addresses. */
    record Derived(SecretKeySpec wrapping, SecretKeySpec index, SecretKeySpec address) {
    }

    /** By id, the current key first. */
    private final Map<String, Derived> keys;

    private MasterKeys(LinkedHashMap<String, Derived> keys) {
        this.keys = keys;
    }

    /**
     * One key, the current one.
     *
     * @throws ConfigurationException when the id is not well formed or the key is not {@value #KEY_BYTES} bytes
     */
    public static MasterKeys current(String id, byte[] key) {
        return new MasterKeys(new LinkedHashMap<>()).with(id, key, "the current key");
    }

    /**
     * These keys plus an older one, which only unwraps data keys wrapped under it.
     *
     * @throws ConfigurationException when the id is not well formed or already used, or the key is not {@value #KEY_BYTES} bytes
     */
    public MasterKeys withOlder(String id, byte[] key) {
        return with(id, key, "an older key");
    }

    private MasterKeys with(String id, byte[] key, String which) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ConfigurationException(SETTING + ": the id of " + which
                    + " must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (keys.containsKey(id)) {
            throw new ConfigurationException(SETTING + ": the id of " + which + " is used by an earlier key");
        }
        if (key == null || key.length != KEY_BYTES) {
            throw new ConfigurationException(SETTING + ": " + which + " must be " + KEY_BYTES + " bytes, not "
                    + (key == null ? "missing" : key.length + " byte(s)"));
        }
        LinkedHashMap<String, Derived> more = new LinkedHashMap<>(keys);
        more.put(id, new Derived(new SecretKeySpec(hkdf(key, "wrap data keys"), "AES"), new SecretKeySpec(hkdf(key, "email blind index"), "HmacSHA256"),
                new SecretKeySpec(hkdf(key, "magic link addresses"), "AES")));
        return new MasterKeys(more);
    }

    /**
     * Parses the text form of {@value #SETTING}; blank means no key (empty). Messages name entries
     * by position and never repeat what the text holds.
     *
     * @throws ConfigurationException naming the setting and the entry when one is malformed
     */
    public static Optional<MasterKeys> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        MasterKeys parsed = new MasterKeys(new LinkedHashMap<>());
        for (KeyRingText.Entry e : KeyRingText.parse(SETTING, text)) {
            parsed = parsed.with(e.id(), e.key(), e.which());
        }
        return Optional.of(parsed);
    }

    /** The cipher {@value #SETTING} in {@code settings} configures: off when it is absent or blank. */
    public static PersonalDataCipher cipherFromSettings(Map<String, String> settings) {
        return parse(settings.get(SETTING)).map(PersonalDataCipher::with).orElse(PersonalDataCipher.off());
    }

    /** The id of the key new data keys are wrapped under. */
    public String currentId() {
        return keys.keySet().iterator().next();
    }

    /** Every id held, the current first. */
    public List<String> ids() {
        return List.copyOf(keys.keySet());
    }

    Optional<Derived> derived(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public String toString() {
        return "MasterKeys" + ids();
    }

    /** HKDF-SHA-256 extract and one expand block (32 bytes), RFC 5869. */
    private static byte[] hkdf(byte[] ikm, String info) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(info.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
