package dev.iamkit.model;

/** Where a privacy request stands: received and open, or closed as completed, failed or rejected. */
public enum PrivacyRequestStatus {
    RECEIVED,
    COMPLETED,
    FAILED,
    REJECTED;

    public boolean open() {
        return this == RECEIVED;
    }
}
