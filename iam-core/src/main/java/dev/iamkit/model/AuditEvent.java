package dev.iamkit.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One recorded change in an organization, written in the same transaction as the change.
 * {@code seq} numbers an organization's events from 1 without gaps among committed events.
 * {@code before} and {@code after} are JSON documents of the changed record (absent on create and
 * delete respectively). Events cannot be changed or deleted.
 */
public record AuditEvent(
        AuditEventId id,
        OrgId orgId,
        long seq,
        Instant at,
        String actor,
        String action,
        String targetType,
        String targetId,
        Optional<String> before,
        Optional<String> after,
        Optional<String> ip,
        Optional<String> userAgent) {

    public AuditEvent {
        Validate.notNull("id", id);
        Validate.notNull("orgId", orgId);
        if (seq < 1) {
            throw new dev.iamkit.error.ValidationException("seq", "must be positive");
        }
        at = Validate.instant("at", at);
        actor = Validate.text("actor", actor, 1, Actor.LABEL_MAX);
        action = Validate.text("action", action, 1, 100);
        targetType = Validate.text("targetType", targetType, 1, 100);
        targetId = Validate.text("targetId", targetId, 1, 200);
        before = Validate.string("before", before);
        after = Validate.string("after", after);
        ip = Validate.string("ip", ip);
        userAgent = Validate.string("userAgent", userAgent);
    }
}
