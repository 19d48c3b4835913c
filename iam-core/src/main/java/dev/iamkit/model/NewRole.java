package dev.iamkit.model;

/** What it takes to create a role. */
public record NewRole(String code, String name, String description) {
    public NewRole {
        code = Validate.code("code", code);
        name = Validate.name("name", name);
        description = Validate.description("description", description);
    }

    public NewRole(String code, String name) {
        this(code, name, "");
    }
}
