package dev.iamkit.model;

/** What it takes to create a team. */
public record NewTeam(String name, String description) {
    public NewTeam {
        name = Validate.name("name", name);
        description = Validate.description("description", description);
    }

    public NewTeam(String name) {
        this(name, "");
    }
}
