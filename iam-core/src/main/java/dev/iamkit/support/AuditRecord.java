package dev.iamkit.support;

import dev.iamkit.authz.Impact;
import dev.iamkit.model.Validate;
import java.util.Optional;

/**
 * What a store appends to the audit trail for one change: the action ({@code <entity>.<verb>},
 * e.g. {@code role.create}), the target, and JSON snapshots before and after. Built here so every
 * store names and shapes its events the same way. It also says which cached answers the change can
 * alter ({@link Impact}, not part of the event): {@link Impact#everything()} unless the store
 * narrows it with {@link #affecting}.
 */
public record AuditRecord(String action, String targetType, String targetId, Optional<String> before, Optional<String> after, Impact impact) {
    public AuditRecord {
        action = Validate.text("action", action, 1, 100);
        targetType = Validate.text("targetType", targetType, 1, 100);
        targetId = Validate.text("targetId", targetId, 1, 200);
        before = Validate.present("before", before);
        after = Validate.present("after", after);
        impact = Validate.notNull("impact", impact);
    }

    public AuditRecord(String action, String targetType, String targetId, Optional<String> before, Optional<String> after) {
        this(action, targetType, targetId, before, after, Impact.everything());
    }

    /** The same event, reaching only the cached answers {@code impact} names. */
    public AuditRecord affecting(Impact impact) {
        return new AuditRecord(action, targetType, targetId, before, after, impact);
    }

    public static AuditRecord created(String type, Object id, Object after) {
        return new AuditRecord(type + ".create", type, String.valueOf(id), Optional.empty(), Optional.of(Json.write(after)));
    }

    public static AuditRecord updated(String type, Object id, Object before, Object after) {
        return new AuditRecord(type + ".update", type, String.valueOf(id), Optional.of(Json.write(before)), Optional.of(Json.write(after)));
    }

    public static AuditRecord deleted(String type, Object id, Object before) {
        return new AuditRecord(type + ".delete", type, String.valueOf(id), Optional.of(Json.write(before)), Optional.empty());
    }

    /** {@code team.member.add} or {@code team.member.remove}, with {@code {"teamId":..,"userId":..}} as after or before. */
    public static AuditRecord teamMember(boolean added, dev.iamkit.model.TeamId team, dev.iamkit.model.UserId user) {
        java.util.Map<String, Object> pair = new java.util.LinkedHashMap<>();
        pair.put("teamId", team);
        pair.put("userId", user);
        return (added ? of("team.member.add", "team", team, null, pair) : of("team.member.remove", "team", team, pair, null)).affecting(Impact.user(user));
    }

    /** {@code role.include} or {@code role.exclude}, with {@code {"roleId":..,"includedRoleId":..}} as after or before. */
    public static AuditRecord inclusion(boolean added, dev.iamkit.model.RoleId role, dev.iamkit.model.RoleId included) {
        java.util.Map<String, Object> pair = new java.util.LinkedHashMap<>();
        pair.put("roleId", role);
        pair.put("includedRoleId", included);
        return (added ? of("role.include", "role", role, null, pair) : of("role.exclude", "role", role, pair, null)).affecting(Impact.role(role));
    }

    /** An event with a verb of its own, e.g. {@code of("membership.invite", "membership", id, null, m)}. */
    public static AuditRecord of(String action, String type, Object id, Object before, Object after) {
        return new AuditRecord(action, type, String.valueOf(id),
                Optional.ofNullable(before).map(Json::write), Optional.ofNullable(after).map(Json::write));
    }
}
