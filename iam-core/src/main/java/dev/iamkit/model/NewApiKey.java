package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What {@code apiKeys().create} needs: a name for people, the scopes the host will honour, and
 * optionally an expiry, which the store requires to be after its clock's now. Scopes are the
 * host's vocabulary (e.g. {@code invoices:read}); the library stores and returns them.
 */
public record NewApiKey(String name, SortedSet<String> scopes, Optional<Instant> expiresAt) {
    public static final int SCOPES_MAX = 64;
    public static final int SCOPE_MAX = 100;
    private static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9_.:*-]{0,99}");

    public NewApiKey {
        name = Validate.name("name", name);
        scopes = scopes("scopes", scopes);
        expiresAt = Validate.instant("expiresAt", expiresAt);
    }

    public NewApiKey(String name, Collection<String> scopes) {
        this(name, scopes == null ? null : copy(scopes), Optional.empty());
    }

    public NewApiKey expiringAt(Instant at) {
        return new NewApiKey(name, scopes, Optional.of(Validate.notNull("expiresAt", at)));
    }

    /** Checks the rule only the store can: an expiry must be after its clock's now. */
    public void requireExpiryAfter(Instant now) {
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            throw new ValidationException("expiresAt", "must be in the future");
        }
    }

    /** At most 64 scopes, each a lower-case word of 1 to 100 of {@code a-z 0-9 _ . : * -} starting with a letter; sorted, unmodifiable. */
    public static SortedSet<String> scopes(String field, Collection<String> values) {
        Validate.notNull(field, values);
        if (values.size() > SCOPES_MAX) {
            throw new ValidationException(field, "must have at most " + SCOPES_MAX + " scopes");
        }
        TreeSet<String> out = new TreeSet<>();
        for (String v : values) {
            if (v == null || !SCOPE.matcher(v).matches()) {
                throw new ValidationException(field, "each scope must match " + SCOPE.pattern());
            }
            out.add(v);
        }
        return Collections.unmodifiableSortedSet(out);
    }

    private static SortedSet<String> copy(Collection<String> values) {
        TreeSet<String> s = new TreeSet<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        s.addAll(values);
        return s;
    }
}
