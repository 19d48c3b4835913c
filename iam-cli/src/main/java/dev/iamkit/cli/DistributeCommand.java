package dev.iamkit.cli;

import dev.iamkit.migrations.DistributionResult;
import dev.iamkit.migrations.MigrationException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "distribute", mixinStandardHelpOptions = true,
        description = "Distribute the migrated iamkit schema in DATABASE_URL on Citus (the coordinator; run as the schema owner; "
                + "IAMKIT_MIGRATION_URL overrides): global tables become reference tables, tenant tables are distributed by org_id. "
                + "Running it again changes nothing.")
final class DistributeCommand implements Runnable {
    @ParentCommand
    IamCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (Schema schema = Schema.open(parent.environment())) {
            DistributionResult r = schema.migrations.distribute();
            String name = schema.migrations.schema();
            if (r.changed()) {
                out.printf("schema %s: %d reference table(s), %d table(s) distributed by org_id, %d stamping trigger(s) dropped%s%n", name,
                        r.referenceTables(), r.distributedTables(), r.stampTriggersDropped(),
                        r.appRoleSet() ? "; role " + schema.migrations.appRole() + " set citus.propagate_set_commands = 'local'" : "");
            } else {
                out.printf("schema %s is already distributed: nothing changed%n", name);
            }
            out.printf("the setting applies to roles that log in: ALTER ROLE <login role> SET citus.propagate_set_commands = 'local';"
                    + " and run the store with IAMKIT_DISTRIBUTED=true%n");
        } catch (MigrationException e) {
            throw new CliFailure(e.getMessage());
        }
    }
}
