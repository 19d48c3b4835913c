package dev.iamkit.migrations;

/**
 * What {@link IamMigrations#distribute()} changed: how many tables it made reference tables, how
 * many it distributed by {@code org_id}, and whether it gave the application role its Citus
 * setting. All zero and false when the schema was already distributed.
 */
public record DistributionResult(int referenceTables, int distributedTables, boolean appRoleSet) {
    /** True when the call changed anything. */
    public boolean changed() {
        return referenceTables > 0 || distributedTables > 0 || appRoleSet;
    }
}
