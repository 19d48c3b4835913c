package dev.iamkit.cli;

import dev.iamkit.IamDatabase;
import dev.iamkit.catalog.ApplyOptions;
import dev.iamkit.catalog.CatalogPlan;
import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.catalogfile.CatalogFiles;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Organization;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code iam plan FILE} and {@code iam apply FILE}: a declarative catalog file (docs/catalog.md)
 * compared with, and made true in, the store the environment selects ({@code DATABASE_URL},
 * {@code IAMKIT_SCHEMA}). The file is read before any connection is made.
 */
final class CatalogCommands {
    /** With {@code --detailed-exitcode}: changes are pending (2 already means a usage error here). */
    static final int CHANGES_PENDING = 3;
    /** Recorded in the organizations' audit trails as the actor of role template changes. */
    static final Actor ACTOR = Actor.service("iam-cli");

    private CatalogCommands() {
    }

    /** Where role templates go: one organization (by id or slug), or all. */
    static final class Target {
        @Option(names = "--org", required = true, description = "apply the role templates to this organization (id or slug)") String org;
        @Option(names = "--all-orgs", required = true, description = "apply the role templates to every organization") boolean all;

        ApplyOptions on(ApplyOptions options, IamDatabase db) {
            if (all) {
                return options.forAllOrgs();
            }
            return options.forOrg(resolve(db, org));
        }

        private static OrgId resolve(IamDatabase db, String org) {
            if (org.matches("[0-9a-fA-F-]{36}")) {
                return OrgId.parse(org);
            }
            return db.organizations().findBySlug(org).map(Organization::id).orElseThrow(() -> new NotFoundException("organization with slug", org));
        }
    }

    /** What both commands take. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        IamCli parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the catalog file (YAML or JSON)")
        Path file;

        @Option(names = "--prune", description = "remove what the store holds and the file does not name (without it: kept, and listed as kept)")
        boolean prune;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Target target;

        abstract CatalogPlan run(IamDatabase db, CatalogSpec catalog, ApplyOptions options);

        @Override
        public Integer call() {
            CatalogSpec catalog = CatalogFiles.read(file);
            CatalogPlan plan;
            try (IamDatabase db = parent.openStore()) {
                ApplyOptions options = ApplyOptions.defaults().withPrune(prune).withActor(ACTOR);
                plan = run(db, catalog, target == null ? options : target.on(options, db));
            }
            spec.commandLine().getOut().print(plan.render());
            spec.commandLine().getOut().flush();
            return exitCode(plan);
        }

        int exitCode(CatalogPlan plan) {
            return 0;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Show what applying a catalog file would create, change and remove (with --prune), and what it keeps; writes nothing.")
    static final class Plan extends Base {
        @Option(names = "--detailed-exitcode", description = "exit with 0 when nothing would change, 3 when changes are pending (1: an error)")
        boolean detailed;

        @Override
        CatalogPlan run(IamDatabase db, CatalogSpec catalog, ApplyOptions options) {
            return db.catalog().plan(catalog, options);
        }

        @Override
        int exitCode(CatalogPlan plan) {
            return detailed && !plan.isEmpty() ? CHANGES_PENDING : 0;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Make the catalog, its links and the menu match a catalog file in one transaction, then the role templates in the "
                    + "chosen organizations (one transaction each); prints what it changed. Applying the same file again changes nothing.")
    static final class Apply extends Base {
        @Override
        CatalogPlan run(IamDatabase db, CatalogSpec catalog, ApplyOptions options) {
            return db.catalog().apply(catalog, options);
        }
    }
}
