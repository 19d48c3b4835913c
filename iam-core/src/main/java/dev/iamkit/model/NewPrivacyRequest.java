package dev.iamkit.model;

import java.util.Optional;

/**
 * A privacy request received from outside the library (a user's e-mail, a support ticket) before it
 * is carried out: its kind, the user it is about (none for {@link PrivacyRequestKind#PURGE}, required
 * otherwise) and the channel it came through, a code such as {@code email} or {@code support}.
 */
public record NewPrivacyRequest(PrivacyRequestKind kind, Optional<UserId> userId, String channel) {
    public NewPrivacyRequest {
        Validate.notNull("kind", kind);
        userId = Validate.present("userId", userId);
        PrivacyRequest.requireSubject(kind, userId);
        channel = Validate.code("channel", channel);
    }

    public static NewPrivacyRequest export(UserId user, String channel) {
        return new NewPrivacyRequest(PrivacyRequestKind.EXPORT, Optional.ofNullable(user), channel);
    }

    public static NewPrivacyRequest anonymize(UserId user, String channel) {
        return new NewPrivacyRequest(PrivacyRequestKind.ANONYMIZE, Optional.ofNullable(user), channel);
    }

    public static NewPrivacyRequest purge(String channel) {
        return new NewPrivacyRequest(PrivacyRequestKind.PURGE, Optional.empty(), channel);
    }
}
