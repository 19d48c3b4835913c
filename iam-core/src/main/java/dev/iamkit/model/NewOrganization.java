package dev.iamkit.model;

import java.util.Map;
import java.util.Optional;

/** What it takes to create an organization. It starts {@code ACTIVE} at version 0. */
public record NewOrganization(String slug, String name, Optional<OrgId> parentId, Map<String, Object> settings) {
    public NewOrganization {
        slug = Validate.slug("slug", slug);
        name = Validate.name("name", name);
        parentId = Validate.present("parentId", parentId);
        settings = Validate.settings("settings", settings);
    }

    public NewOrganization(String slug, String name) {
        this(slug, name, Optional.empty(), Map.of());
    }

    public NewOrganization withParent(OrgId parent) {
        return new NewOrganization(slug, name, Optional.of(Validate.notNull("parentId", parent)), settings);
    }

    public NewOrganization withSettings(Map<String, ?> newSettings) {
        return new NewOrganization(slug, name, parentId, Validate.settings("settings", newSettings));
    }
}
