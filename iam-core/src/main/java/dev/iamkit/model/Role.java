package dev.iamkit.model;

import java.time.Instant;

/** A named set of grants in one organization. {@code code} is unique per organization. */
public record Role(OrgId orgId, RoleId id, String code, String name, String description, long version, Instant createdAt, Instant updatedAt) {
    public Role {
        Validate.notNull("orgId", orgId);
        Validate.notNull("id", id);
        code = Validate.code("code", code);
        name = Validate.name("name", name);
        description = Validate.description("description", description);
        Validate.version("version", version);
        createdAt = Validate.instant("createdAt", createdAt);
        updatedAt = Validate.instant("updatedAt", updatedAt);
    }

    public Role withCode(String v) {
        return new Role(orgId, id, v, name, description, version, createdAt, updatedAt);
    }

    public Role withName(String v) {
        return new Role(orgId, id, code, v, description, version, createdAt, updatedAt);
    }

    public Role withDescription(String v) {
        return new Role(orgId, id, code, name, v, version, createdAt, updatedAt);
    }
}
