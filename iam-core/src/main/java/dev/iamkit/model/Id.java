package dev.iamkit.model;

import java.io.Serializable;
import java.util.UUID;

/**
 * A typed identifier over a time-ordered UUID (version 7) made by the library. Typed ids keep a
 * {@code RoleId} from being passed where a {@code UserId} is expected. Ids order by creation time:
 * {@link #compareTo} compares the UUIDs as unsigned 128-bit numbers, the way PostgreSQL orders
 * {@code uuid} values. Ids are {@link Serializable} (a record of one UUID, read back through its
 * validating constructor), so they go where Java serialization or a {@code Serializable} is asked
 * for: an HTTP session, Spring Security's {@code hasPermission(targetId, type, permission)}.
 */
public sealed interface Id<T extends Id<T>> extends Comparable<T>, Serializable
        permits OrgId, UserId, TeamId, RoleId, ModuleId, FeatureId, ViewId, MenuItemId, AuditEventId, MagicLinkId, SessionId, ApiKeyId, ConsentId,
        PrivacyRequestId {

    UUID value();

    @Override
    default int compareTo(T other) {
        return Ids.compare(value(), other.value());
    }
}
