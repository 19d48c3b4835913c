package dev.iamkit.model;

import java.time.Instant;

/** A group of members of one organization. {@code name} is unique per organization, ignoring case. */
public record Team(OrgId orgId, TeamId id, String name, String description, long version, Instant createdAt, Instant updatedAt) {
    public Team {
        Validate.notNull("orgId", orgId);
        Validate.notNull("id", id);
        name = Validate.name("name", name);
        description = Validate.description("description", description);
        Validate.version("version", version);
        createdAt = Validate.instant("createdAt", createdAt);
        updatedAt = Validate.instant("updatedAt", updatedAt);
    }

    public Team withName(String v) {
        return new Team(orgId, id, v, description, version, createdAt, updatedAt);
    }

    public Team withDescription(String v) {
        return new Team(orgId, id, name, v, version, createdAt, updatedAt);
    }
}
