package dev.iamkit.model;

/** What it takes to create a module. The two-argument form makes an enabled module of priority 0. */
public record NewModule(String code, String name, String description, boolean enabled, int priority) {
    public NewModule {
        code = Validate.code("code", code);
        name = Validate.name("name", name);
        description = Validate.description("description", description);
        priority = Validate.range("priority", priority, -1_000_000, 1_000_000);
    }

    public NewModule(String code, String name) {
        this(code, name, "", true, 0);
    }
}
