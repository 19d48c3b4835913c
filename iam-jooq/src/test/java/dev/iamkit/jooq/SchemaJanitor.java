package dev.iamkit.jooq;

import dev.iamkit.testkit.PostgresTestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Drops the schemas the fixtures created, one after the other, when the test plan has run. Shutdown
 * hooks dropping dozens of schemas at once outlasted the build tool's patience with a finishing
 * test JVM, which was then killed and left its schemas behind, and every schema left behind makes
 * later runs slower (the code generator's catalog queries above all). Registered through
 * {@code META-INF/services}; a shutdown hook remains the fallback for a plan that never finishes.
 */
public final class SchemaJanitor implements TestExecutionListener {
    private static final List<String> SCHEMAS = new ArrayList<>();
    private static boolean hooked;

    static synchronized void dropLater(String schema) {
        SCHEMAS.add(schema);
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(SchemaJanitor::dropAll));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        dropAll();
    }

    private static void dropAll() {
        List<String> schemas;
        synchronized (SchemaJanitor.class) {
            schemas = List.copyOf(SCHEMAS);
            SCHEMAS.clear();
        }
        for (String schema : schemas) {
            try {
                PostgresTestDatabase.get().dropSchema(schema);
            } catch (RuntimeException ignored) {
                // the server may already be gone; a leftover schema is harmless
            }
        }
    }
}
