package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the privacy request log. {@code channel} is {@value #CALL} for an entry the privacy
 * store wrote for one of its own calls, else the code the request was received through. A closed
 * request has {@code closedAt}; a failed or rejected one a {@code reason} code (a failed call's:
 * {@code not_found}, {@code storage_error}, {@code error}); a completed purge the number of users and
 * organizations it removed in {@code purged}. No personal data but the user id.
 */
public record PrivacyRequest(PrivacyRequestId id, PrivacyRequestKind kind, Optional<UserId> userId, String channel,
        PrivacyRequestStatus status, Instant receivedAt, Optional<Instant> closedAt, Optional<String> reason, Optional<Long> purged) {
    /** The channel of the entries the privacy store writes for its own calls. */
    public static final String CALL = "call";

    public PrivacyRequest {
        Validate.notNull("id", id);
        Validate.notNull("kind", kind);
        userId = Validate.present("userId", userId);
        requireSubject(kind, userId);
        channel = Validate.code("channel", channel);
        Validate.notNull("status", status);
        receivedAt = Validate.instant("receivedAt", receivedAt);
        closedAt = Validate.instant("closedAt", closedAt);
        reason = Validate.present("reason", reason).map(r -> Validate.code("reason", r));
        purged = Validate.present("purged", purged);
        if (status.open() == closedAt.isPresent()) {
            throw new ValidationException("closedAt", status.open() ? "must be absent while the request is open" : "is required once closed");
        }
        boolean needsReason = status == PrivacyRequestStatus.FAILED || status == PrivacyRequestStatus.REJECTED;
        if (needsReason != reason.isPresent()) {
            throw new ValidationException("reason", needsReason ? "is required for a " + status + " request" : "is only for failed or rejected requests");
        }
        if (purged.isPresent() && (kind != PrivacyRequestKind.PURGE || status != PrivacyRequestStatus.COMPLETED || purged.get() < 0)) {
            throw new ValidationException("purged", "is only for a completed purge, and not negative");
        }
    }

    /** A request received at {@code at}, open. */
    public static PrivacyRequest received(PrivacyRequestId id, NewPrivacyRequest request, Instant at) {
        Validate.notNull("request", request);
        return new PrivacyRequest(id, request.kind(), request.userId(), request.channel(), PrivacyRequestStatus.RECEIVED, at,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * This open request closed by the host at {@code at} as {@code COMPLETED} (no reason) or {@code REJECTED} (with one).
     *
     * @throws ValidationException on {@code status} when the request is already closed
     */
    public PrivacyRequest closedByHost(Optional<String> rejectedFor, Instant at) {
        if (!status.open()) {
            throw new ValidationException("status", "the request is already " + status);
        }
        return closed(rejectedFor.isPresent() ? PrivacyRequestStatus.REJECTED : PrivacyRequestStatus.COMPLETED, at, rejectedFor,
                Optional.empty());
    }

    /** This request carried out at {@code at}; a purge says how many users and organizations it removed. */
    public PrivacyRequest completed(Instant at, Optional<Long> purged) {
        return closed(PrivacyRequestStatus.COMPLETED, at, Optional.empty(), purged);
    }

    /** This request failed at {@code at} for {@code reason}, a code. */
    public PrivacyRequest failed(Instant at, String reason) {
        return closed(PrivacyRequestStatus.FAILED, at, Optional.of(reason), Optional.empty());
    }

    private PrivacyRequest closed(PrivacyRequestStatus status, Instant at, Optional<String> reason, Optional<Long> purged) {
        return new PrivacyRequest(id, kind, userId, channel, status, receivedAt, Optional.of(at), reason, purged);
    }

    static void requireSubject(PrivacyRequestKind kind, Optional<UserId> userId) {
        if (kind.aboutUser() != userId.isPresent()) {
            throw new ValidationException("userId", kind.aboutUser() ? "is required for " + kind : "must be absent for " + kind);
        }
    }
}
