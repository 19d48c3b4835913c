package dev.iamkit.error;

/**
 * A {@link dev.iamkit.TenantScope} handed to the work of an {@code inTenant} call was used after
 * that call returned: its transaction has ended. Use the scope only inside the work it was passed to.
 */
public class ScopeEndedException extends IamException {
    public ScopeEndedException(String message) {
        super(message);
    }
}
