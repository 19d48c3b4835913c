package dev.iamkit.support;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.AuditEvent;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that make and check the links of the audit chain ({@link AuditChain}, HMAC-SHA-256).
 * The host supplies them, in {@value #SETTING} or through a store's Java configuration; no store
 * writes them anywhere, and {@link #toString()} shows key ids only. Each event records the id of
 * the key that made its link.
 *
 * <p>One key signs new events; the others only verify events written under them. To rotate, put
 * a new key first and keep the old one after it for as long as its events should verify: an event
 * whose key is no longer configured is reported as under an unknown key, never as intact. Lose a
 * key and the events it signed can never be verified again.
 *
 * <p>{@value #SETTING} holds comma-separated {@code <id>:<key>} entries, the signing key first,
 * e.g. {@code 2031:q8H...=,2030:Zm9...=}. An id is 1 to 64 letters, digits, {@code .}, {@code _}
 * or {@code -}, starting with a letter or digit. A key is standard base64 (RFC 4648, padding
 * optional) of at least {@value #MIN_KEY_BYTES} random bytes, e.g. from {@code openssl rand -base64 32}.
 * With no key the stores still work, chain events with an unkeyed digest and log a warning once
 * at startup.
 */
public final class AuditKeys {
    /** The setting (environment variable) that holds the keys. */
    public static final String SETTING = "IAMKIT_AUDIT_KEYS";
    /** The fewest bytes a key may have. */
    public static final int MIN_KEY_BYTES = 32;
    private static final int MAX_KEY_BYTES = 1024;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String ID_RULE = "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
    private static final Logger LOG = LoggerFactory.getLogger(AuditKeys.class);
    private static final AuditKeys NONE = new AuditKeys(new LinkedHashMap<>());

    /** By id, the signing key first. */
    private final Map<String, SecretKeySpec> keys;

    private AuditKeys(LinkedHashMap<String, SecretKeySpec> keys) {
        this.keys = keys;
    }

    /** No key: events are chained with the unkeyed digest and never verify as intact. */
    public static AuditKeys none() {
        return NONE;
    }

    /**
     * One key, which signs new events and verifies events written under it.
     *
     * @throws ConfigurationException when the id is not well formed or the key is shorter than {@value #MIN_KEY_BYTES} bytes
     */
    public static AuditKeys signingWith(String id, byte[] key) {
        return NONE.with(id, key, "the signing key");
    }

    /**
     * These keys plus {@code key}, which only verifies events written under it (an older key).
     *
     * @throws ConfigurationException when there is no signing key yet, the id is not well formed or
     *         already used, or the key is shorter than {@value #MIN_KEY_BYTES} bytes
     */
    public AuditKeys verifyingAlso(String id, byte[] key) {
        if (keys.isEmpty()) {
            throw new ConfigurationException(SETTING + ": name the signing key first (AuditKeys.signingWith), then the keys that only verify");
        }
        return with(id, key, "a verifying key");
    }

    /** Adds a key; {@code which} names it in messages, which never repeat an id or a key (a swapped entry would show its key). */
    private AuditKeys with(String id, byte[] key, String which) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ConfigurationException(SETTING + ": the id of " + which + " must be " + ID_RULE);
        }
        if (keys.containsKey(id)) {
            throw new ConfigurationException(SETTING + ": the id of " + which + " is used by an earlier key");
        }
        if (key == null || key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new ConfigurationException(SETTING + ": " + which + " must be " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
                    + " bytes, not " + (key == null ? "missing" : key.length + " byte(s)"));
        }
        LinkedHashMap<String, SecretKeySpec> more = new LinkedHashMap<>(keys);
        more.put(id, new SecretKeySpec(key, "HmacSHA256"));
        return new AuditKeys(more);
    }

    /**
     * Parses the text form of {@value #SETTING}: {@code <id>:<base64 key>} entries separated by
     * commas (white space around them ignored), the signing key first. Blank means no key. The
     * messages name entries by position and never repeat what the text holds.
     *
     * @throws ConfigurationException naming the setting and the entry when one is malformed
     */
    public static AuditKeys parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        AuditKeys parsed = NONE;
        for (KeyRingText.Entry e : KeyRingText.parse(SETTING, text)) {
            parsed = parsed.with(e.id(), e.key(), e.which());
        }
        return parsed;
    }

    /** The keys {@value #SETTING} holds in {@code settings}; none when it is absent or blank. */
    public static AuditKeys fromSettings(Map<String, String> settings) {
        return parse(settings.get(SETTING));
    }

    /** Whether no key is configured. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The id of the key that signs new events; empty when there is none. */
    public Optional<String> signingKeyId() {
        return keys.keySet().stream().findFirst();
    }

    /** The ids of every key held, the signing key first. */
    public List<String> keyIds() {
        return List.copyOf(new ArrayList<>(keys.keySet()));
    }

    /** Whether a key with this id is held. */
    public boolean holds(String id) {
        return id != null && keys.containsKey(id);
    }

    /**
     * The link of a new event after {@code previous} (null for the first event of the chain):
     * keyed under the signing key, or unkeyed when there is none. Record
     * {@link #signingKeyId()} with it.
     */
    public byte[] sign(byte[] previous, AuditEvent event) {
        return signingKeyId().map(id -> AuditChain.link(id, keys.get(id), previous, event)).orElseGet(() -> AuditChain.link(previous, event));
    }

    /** The link {@code event} should have under key {@code id}; empty when that key is not held. */
    Optional<byte[]> link(String id, byte[] previous, AuditEvent event) {
        SecretKeySpec key = id == null ? null : keys.get(id);
        return key == null ? Optional.empty() : Optional.of(AuditChain.link(id, key, previous, event));
    }

    /** Whether one of the keys held made {@code link} for {@code event} after {@code previous}. */
    boolean anyMade(byte[] previous, AuditEvent event, byte[] link) {
        for (Map.Entry<String, SecretKeySpec> k : keys.entrySet()) {
            if (MessageDigest.isEqual(AuditChain.link(k.getKey(), k.getValue(), previous, event), link)) {
                return true;
            }
        }
        return false;
    }

    /** Says once, when a store starts, how its audit events are chained: a warning when no key is configured. */
    public void logAtStartup(String store) {
        logAtStartup(store, true);
    }

    /**
     * As {@link #logAtStartup(String)}; without a key, a WARN only when {@code othersCanWrite}: a
     * store whose data other processes or logins can write (PostgreSQL), not one held in this
     * process alone (the in-memory store, where the missing key is worth an INFO line).
     */
    public void logAtStartup(String store, boolean othersCanWrite) {
        if (keys.isEmpty()) {
            String message = "iamkit {} store: no audit key configured ({}): audit events are chained with an unkeyed digest that anyone able "
                    + "to write to the store can forge; audit().verify() reports them as unkeyed, never as intact";
            if (othersCanWrite) {
                LOG.warn(message, store, SETTING);
            } else {
                LOG.info(message, store, SETTING);
            }
        } else {
            LOG.info("iamkit {} store: audit events signed with key {}{}", store, signingKeyId().orElseThrow(),
                    keys.size() == 1 ? "" : ", older events verified with " + String.join(", ", keyIds().subList(1, keys.size())));
        }
    }

    /** Same key ids in the same order with the same key bytes. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AuditKeys other) || !keyIds().equals(other.keyIds())) {
            return false;
        }
        for (Map.Entry<String, SecretKeySpec> e : keys.entrySet()) {
            if (!MessageDigest.isEqual(e.getValue().getEncoded(), other.keys.get(e.getKey()).getEncoded())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return keyIds().hashCode();
    }

    /** Key ids only, never key material. */
    @Override
    public String toString() {
        return keys.isEmpty() ? "AuditKeys[none]"
                : "AuditKeys[signing=" + signingKeyId().orElseThrow() + ", verifying=" + keyIds().subList(1, keys.size()) + ", keys redacted]";
    }
}
