package dev.iamkit.migrations;

/**
 * What {@link IamMigrations#distribute()} changed: how many tables it made reference tables, how
 * many it distributed by {@code org_id}, whether it gave the application role its Citus setting,
 * and how many triggers that only stamp changes it dropped (the store's statements do that on a
 * distributed schema). All zero and false when the schema was already distributed.
 */
public record DistributionResult(int referenceTables, int distributedTables, boolean appRoleSet, int stampTriggersDropped) {
    /** True when the call changed anything. */
    public boolean changed() {
        return referenceTables > 0 || distributedTables > 0 || appRoleSet || stampTriggersDropped > 0;
    }
}
