package dev.iamkit.error;

/**
 * An update carried a version that is no longer the stored one: someone else changed the entity
 * first. Re-read it and apply the change again.
 */
public class StaleVersionException extends IamException {
    private final String entity;
    private final String id;
    private final long expectedVersion;

    public StaleVersionException(String entity, Object id, long expectedVersion) {
        super(entity + " " + id + " was changed concurrently: version " + expectedVersion + " is stale");
        this.entity = entity;
        this.id = String.valueOf(id);
        this.expectedVersion = expectedVersion;
    }

    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }

    /** The version the caller sent. */
    public long expectedVersion() {
        return expectedVersion;
    }
}
