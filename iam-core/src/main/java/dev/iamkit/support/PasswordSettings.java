package dev.iamkit.support;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.PasswordPolicy;
import java.time.Duration;

/**
 * The password policy from settings ({@code IAMKIT_PASSWORD_ARGON2}, {@code IAMKIT_PASSWORD_LOCKOUT}),
 * as both stores' providers and configurations read it. Settings are configuration, not model
 * input: a malformed value is a {@link dev.iamkit.error.ConfigurationException}, and keys that are
 * not these are left alone.
 */
public final class PasswordSettings {
    /** The Argon2id parameters of new hashes, written as in a hash: {@code m=19456,t=2,p=1}. */
    public static final String ARGON2_SETTING = "IAMKIT_PASSWORD_ARGON2";
    /** The lockout: {@code <failures>/<seconds>}, e.g. {@code 10/900}. */
    public static final String LOCKOUT_SETTING = "IAMKIT_PASSWORD_LOCKOUT";
    private static final java.util.regex.Pattern ARGON2 = java.util.regex.Pattern.compile("m=([0-9]{1,9}),t=([0-9]{1,9}),p=([0-9]{1,9})");
    private static final java.util.regex.Pattern LOCKOUT = java.util.regex.Pattern.compile("([0-9]{1,10})/([0-9]{1,9})");

    private PasswordSettings() {
    }

    /**
     * The defaults, with {@value #ARGON2_SETTING} and {@value #LOCKOUT_SETTING} applied when set,
     * so every process of a deployment (the CLI too) hashes alike.
     *
     * @throws dev.iamkit.error.ConfigurationException naming the setting when a value is malformed or out of range
     */
    public static PasswordPolicy policy(java.util.Map<String, String> settings) {
        PasswordPolicy p = PasswordPolicy.defaults();
        String v = settings.get(ARGON2_SETTING);
        if (v != null && !v.isBlank()) {
            java.util.regex.Matcher m = ARGON2.matcher(v.strip());
            p = configured(ARGON2_SETTING, v, m.matches() ? p : null,
                    q -> q.withArgon2(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        v = settings.get(LOCKOUT_SETTING);
        if (v != null && !v.isBlank()) {
            java.util.regex.Matcher m = LOCKOUT.matcher(v.strip());
            p = configured(LOCKOUT_SETTING, v, m.matches() ? p : null,
                    q -> q.withLockout(Integer.parseInt(m.group(1)), Duration.ofSeconds(Long.parseLong(m.group(2)))));
        }
        return p;
    }

    private static PasswordPolicy configured(String setting, String value, PasswordPolicy base, java.util.function.UnaryOperator<PasswordPolicy> apply) {
        String shape = setting.equals(ARGON2_SETTING) ? "m=<KiB>,t=<iterations>,p=<parallelism>" : "<failures>/<seconds>";
        if (base == null) {
            throw new dev.iamkit.error.ConfigurationException(setting + " must be " + shape + ", not '" + value + "'");
        }
        try {
            return apply.apply(base);
        } catch (ValidationException | NumberFormatException e) {
            throw new dev.iamkit.error.ConfigurationException(setting + " '" + value + "' is out of range: " + e.getMessage());
        }
    }
}
