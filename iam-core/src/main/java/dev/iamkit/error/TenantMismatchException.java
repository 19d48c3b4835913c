package dev.iamkit.error;

import dev.iamkit.model.OrgId;

/**
 * A record that belongs to one organization was handed to a scope bound to another, e.g. a
 * {@code Role} read in org A passed to {@code tenant(B).roles().update(...)}.
 */
public class TenantMismatchException extends IamException {
    private final OrgId scope;
    private final OrgId record;

    public TenantMismatchException(OrgId scope, OrgId record) {
        super("record of organization " + record + " used in the scope of organization " + scope);
        this.scope = scope;
        this.record = record;
    }

    /** The organization the scope is bound to. */
    public OrgId scope() {
        return scope;
    }

    /** The organization the record belongs to. */
    public OrgId record() {
        return record;
    }
}
