package dev.iamkit.model;

/** What a privacy request asks for: the user's data, their anonymization, or the purge of deleted users and organizations. */
public enum PrivacyRequestKind {
    EXPORT,
    ANONYMIZE,
    PURGE;

    /** Whether a request of this kind is about one user (all but {@link #PURGE}). */
    public boolean aboutUser() {
        return this != PURGE;
    }
}
