package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is making a change, recorded in the audit trail and in {@code grantedBy}. Carries the
 * request's IP address and user agent when the host knows them.
 */
public record Actor(Type type, String subject, Optional<String> ip, Optional<String> userAgent) {
    public static final int LABEL_MAX = 120;
    public static final int USER_AGENT_MAX = 512;
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public enum Type { USER, SERVICE, SYSTEM }

    public Actor {
        Validate.notNull("type", type);
        subject = Validate.text("subject", subject, 1, 100);
        ip = Validate.present("ip", ip).map(Actor::checkIp);
        userAgent = Validate.present("userAgent", userAgent).map(u -> Validate.text("userAgent", u, 1, USER_AGENT_MAX));
    }

    /** A signed-in user acting through the host app. */
    public static Actor user(UserId id) {
        return new Actor(Type.USER, Validate.notNull("userId", id).toString(), Optional.empty(), Optional.empty());
    }

    /** A named back-end process (a job, an integration). */
    public static Actor service(String name) {
        return new Actor(Type.SERVICE, Validate.code("name", name), Optional.empty(), Optional.empty());
    }

    /** The library or the host acting on its own behalf (migrations, housekeeping, seeding). */
    public static Actor system() {
        return new Actor(Type.SYSTEM, "system", Optional.empty(), Optional.empty());
    }

    public Actor withIp(String address) {
        return new Actor(type, subject, Optional.of(Validate.notNull("ip", address)), userAgent);
    }

    public Actor withUserAgent(String agent) {
        return new Actor(type, subject, ip, Optional.of(Validate.notNull("userAgent", agent)));
    }

    /** {@code user:<id>}, {@code service:<name>} or {@code system}: the form kept in audit events and {@code grantedBy}. */
    public String label() {
        return switch (type) {
            case USER -> "user:" + subject;
            case SERVICE -> "service:" + subject;
            case SYSTEM -> "system";
        };
    }

    private static String checkIp(String v) {
        String s = v.strip();
        if (!IP.matcher(s).matches() || (s.indexOf(':') < 0 && s.indexOf('.') < 0)) {
            throw new ValidationException("ip", "is not an IPv4 or IPv6 address");
        }
        return s;
    }
}
