package dev.iamkit.model;

/**
 * A sellable bundle of features and views (global catalog). An organization may use a feature
 * only through an enabled, unexpired entitlement to an enabled module that contains it.
 * {@code code} is unique. Lists order modules by {@code priority}, then {@code code}.
 */
public record Module(ModuleId id, String code, String name, String description, boolean enabled, int priority) {
    public Module {
        Validate.notNull("id", id);
        code = Validate.code("code", code);
        name = Validate.name("name", name);
        description = Validate.description("description", description);
        priority = Validate.range("priority", priority, -1_000_000, 1_000_000);
    }

    public Module withName(String v) {
        return new Module(id, code, v, description, enabled, priority);
    }

    public Module withDescription(String v) {
        return new Module(id, code, name, v, enabled, priority);
    }

    public Module withEnabled(boolean v) {
        return new Module(id, code, name, description, v, priority);
    }

    public Module withPriority(int v) {
        return new Module(id, code, name, description, enabled, v);
    }
}
