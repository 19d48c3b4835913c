package dev.iamkit.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant. {@code slug} is unique among organizations that are not deleted. Change one with the
 * {@code with...} methods and pass the result to {@code organizations().update(...)}; the
 * {@code version} it carries is checked against the stored one.
 */
public record Organization(
        OrgId id,
        Optional<OrgId> parentId,
        String slug,
        String name,
        OrgStatus status,
        Map<String, Object> settings,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> deletedAt) {

    public Organization {
        Validate.notNull("id", id);
        parentId = Validate.present("parentId", parentId);
        slug = Validate.slug("slug", slug);
        name = Validate.name("name", name);
        Validate.notNull("status", status);
        settings = Validate.settings("settings", settings);
        Validate.version("version", version);
        createdAt = Validate.instant("createdAt", createdAt);
        updatedAt = Validate.instant("updatedAt", updatedAt);
        deletedAt = Validate.instant("deletedAt", deletedAt);
    }

    public boolean deleted() {
        return deletedAt.isPresent();
    }

    public Organization withName(String newName) {
        return new Organization(id, parentId, slug, newName, status, settings, version, createdAt, updatedAt, deletedAt);
    }

    public Organization withSlug(String newSlug) {
        return new Organization(id, parentId, newSlug, name, status, settings, version, createdAt, updatedAt, deletedAt);
    }

    public Organization withStatus(OrgStatus newStatus) {
        return new Organization(id, parentId, slug, name, newStatus, settings, version, createdAt, updatedAt, deletedAt);
    }

    public Organization withSettings(Map<String, ?> newSettings) {
        return new Organization(id, parentId, slug, name, status, Validate.settings("settings", newSettings), version, createdAt, updatedAt, deletedAt);
    }

    public Organization withParent(Optional<OrgId> newParent) {
        return new Organization(id, newParent, slug, name, status, settings, version, createdAt, updatedAt, deletedAt);
    }
}
