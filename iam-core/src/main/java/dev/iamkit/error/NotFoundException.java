package dev.iamkit.error;

/**
 * A referenced entity does not exist (or is not visible from the current tenant: an id that
 * belongs to another organization is reported exactly like one that does not exist, so a
 * tenant learns nothing about other tenants).
 */
public class NotFoundException extends IamException {
    private final String entity;
    private final String id;

    public NotFoundException(String entity, Object id) {
        super(entity + " not found: " + id);
        this.entity = entity;
        this.id = String.valueOf(id);
    }

    /** The kind of entity that was looked for, e.g. {@code "role"}. */
    public String entity() {
        return entity;
    }

    /** The id or key that was looked for. */
    public String id() {
        return id;
    }
}
