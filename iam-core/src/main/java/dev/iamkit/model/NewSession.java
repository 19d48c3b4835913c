package dev.iamkit.model;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@code sessions().create} needs: the user, optionally the organization the session works
 * in, what the client says about itself, and when the session ends. The store also requires
 * {@code expiresAt} to be after its clock's now ({@code ValidationException} on {@code expiresAt}).
 */
public record NewSession(UserId userId, Optional<OrgId> orgId, Optional<String> deviceName, Optional<String> ip,
        Optional<String> userAgent, Instant expiresAt) {
    public static final int DEVICE_NAME_MAX = 200;
    public static final int IP_MAX = 45;
    public static final int USER_AGENT_MAX = 1000;

    public NewSession {
        Validate.notNull("userId", userId);
        Validate.present("orgId", orgId);
        deviceName = Validate.present("deviceName", deviceName).map(v -> Validate.text("deviceName", v, 1, DEVICE_NAME_MAX));
        ip = Validate.present("ip", ip).map(v -> Validate.text("ip", v, 1, IP_MAX));
        userAgent = Validate.present("userAgent", userAgent).map(v -> Validate.text("userAgent", v, 1, USER_AGENT_MAX));
        expiresAt = Validate.instant("expiresAt", expiresAt);
    }

    /**
     * Checks the rule only the store can: the expiry must be after its clock's now.
     *
     * @throws dev.iamkit.error.ValidationException on {@code expiresAt} otherwise
     */
    public void requireExpiryAfter(Instant now) {
        if (!expiresAt.isAfter(now)) {
            throw new dev.iamkit.error.ValidationException("expiresAt", "must be in the future");
        }
    }

    /** A session of {@code userId} in no organization, with no client details. */
    public static NewSession of(UserId userId, Instant expiresAt) {
        return new NewSession(userId, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), expiresAt);
    }

    public NewSession withOrg(OrgId org) {
        return new NewSession(userId, Optional.of(org), deviceName, ip, userAgent, expiresAt);
    }

    public NewSession withClient(String deviceName, String ip, String userAgent) {
        return new NewSession(userId, orgId, Optional.ofNullable(deviceName), Optional.ofNullable(ip), Optional.ofNullable(userAgent),
                expiresAt);
    }
}
