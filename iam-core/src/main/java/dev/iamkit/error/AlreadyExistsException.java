package dev.iamkit.error;

/** A unique key is already taken, e.g. an email, an organization slug or a role code in one org. */
public class AlreadyExistsException extends IamException {
    private final String entity;
    private final String field;
    private final String value;

    public AlreadyExistsException(String entity, String field, Object value) {
        super(entity + " with " + field + " '" + value + "' already exists");
        this.entity = entity;
        this.field = field;
        this.value = String.valueOf(value);
    }

    public String entity() {
        return entity;
    }

    /** The field whose value collides, e.g. {@code "email"}. */
    public String field() {
        return field;
    }

    public String value() {
        return value;
    }
}
