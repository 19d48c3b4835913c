package dev.iamkit.model;

import dev.iamkit.error.ValidationException;
import java.time.Instant;
import java.util.Optional;

/**
 * Which audit events to find: each present filter must match exactly (all of them together);
 * {@code from} is inclusive and {@code until} exclusive. {@link #all()} matches every event; build
 * narrower ones with the {@code with...} methods.
 */
public record AuditQuery(Optional<String> targetType, Optional<String> targetId, Optional<String> actor, Optional<String> action,
        Optional<Instant> from, Optional<Instant> until) {

    public AuditQuery {
        targetType = Validate.present("targetType", targetType).map(v -> Validate.text("targetType", v, 1, 100));
        targetId = Validate.present("targetId", targetId).map(v -> Validate.text("targetId", v, 1, 200));
        actor = Validate.present("actor", actor).map(v -> Validate.text("actor", v, 1, 120));
        action = Validate.present("action", action).map(v -> Validate.text("action", v, 1, 100));
        from = Validate.present("from", from).map(v -> Validate.instant("from", v));
        until = Validate.present("until", until).map(v -> Validate.instant("until", v));
        if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
            throw new ValidationException("until", "must be after from");
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Events about one record, e.g. {@code ("role", roleId.toString())}. */
    public AuditQuery withTarget(String type, String id) {
        return new AuditQuery(Optional.of(Validate.notNull("targetType", type)), Optional.of(Validate.notNull("targetId", id)), actor, action, from, until);
    }

    public AuditQuery withTargetType(String type) {
        return new AuditQuery(Optional.of(Validate.notNull("targetType", type)), targetId, actor, action, from, until);
    }

    /** Events recorded as {@code actorLabel} ({@link Actor#label()}). */
    public AuditQuery withActor(String actorLabel) {
        return new AuditQuery(targetType, targetId, Optional.of(Validate.notNull("actor", actorLabel)), action, from, until);
    }

    public AuditQuery withAction(String name) {
        return new AuditQuery(targetType, targetId, actor, Optional.of(Validate.notNull("action", name)), from, until);
    }

    /** Events at or after {@code start} and before {@code end}. */
    public AuditQuery between(Instant start, Instant end) {
        return new AuditQuery(targetType, targetId, actor, action, Optional.of(Validate.notNull("from", start)), Optional.of(Validate.notNull("until", end)));
    }

    /** Whether {@code e} matches; the in-memory store's filter and the definition of the PostgreSQL one. */
    public boolean matches(AuditEvent e) {
        return targetType.map(e.targetType()::equals).orElse(true)
                && targetId.map(e.targetId()::equals).orElse(true)
                && actor.map(e.actor()::equals).orElse(true)
                && action.map(e.action()::equals).orElse(true)
                && from.map(f -> !e.at().isBefore(f)).orElse(true)
                && until.map(u -> e.at().isBefore(u)).orElse(true);
    }
}
