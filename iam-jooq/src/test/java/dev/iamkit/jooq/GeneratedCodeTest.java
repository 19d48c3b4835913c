package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.migrations.IamMigrations;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jOOQ classes in {@code src/main/java/dev/iamkit/jooq/generated} are generated from the
 * migrated schema and committed. This test generates them afresh from the migrations and fails
 * when the committed ones differ. {@code scripts/regenerate-jooq.sh} runs it with
 * {@code -Diamkit.jooq.regenerate=true}, which writes the fresh classes over the committed ones.
 */
class GeneratedCodeTest {
    static final String PACKAGE = "dev.iamkit.jooq.generated";
    private static final PostgresTestDatabase PG = PostgresTestDatabase.get();
    private static final String SCHEMA = "iamkit_codegen";
    /**
     * A database of its own: the generator's catalog queries slow down with every schema the rest
     * of the suite has open on the server (tens of seconds to minutes), and here they see one.
     */
    private static String database;
    private static String url;

    @BeforeAll
    static void migrate() {
        database = "iamkit_codegen_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        PG.execute("CREATE DATABASE " + database);
        Matcher m = Pattern.compile("(jdbc:postgresql://[^/?]*/)([^?]*)(.*)").matcher(PG.jdbcUrl());
        if (!m.matches()) {
            throw new IllegalStateException("cannot name another database in " + PG.jdbcUrl());
        }
        url = m.group(1) + database + m.group(3);
        TestDataSources.app(PG);   // the application role exists (roles belong to the server)
        IamMigrations.of(TestDataSources.of(url, PG.user(), PG.password()), SCHEMA, TestDataSources.APP_ROLE).migrate();
    }

    @AfterAll
    static void drop() {
        PG.execute("DROP DATABASE IF EXISTS " + database);
    }

    @Test
    void committedJooqClassesMatchTheMigrations() throws Exception {
        Path committedRoot = Paths.get(System.getProperty("iamkit.jooq.sources", "src/main/java"));
        boolean regenerate = Boolean.getBoolean("iamkit.jooq.regenerate");
        Path out = regenerate ? committedRoot : Files.createTempDirectory("iamkit-jooq");
        if (regenerate) {
            deleteTree(committedRoot.resolve(PACKAGE.replace('.', '/')));
        }
        GenerationTool.generate(configuration(out));

        Path pkg = PACKAGE.replace('.', '/').isEmpty() ? out : Paths.get(PACKAGE.replace('.', '/'));
        Map<String, String> fresh = read(out.resolve(pkg));
        Map<String, String> committed = read(committedRoot.resolve(pkg));
        assertThat(committed)
                .as("committed jOOQ classes differ from the migrations: run scripts/regenerate-jooq.sh and commit the result")
                .isEqualTo(fresh);
    }

    private static Configuration configuration(Path out) {
        return new Configuration()
                .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url).withUser(PG.user()).withPassword(PG.password()))
                .withGenerator(new Generator()
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withSchemata(new SchemaMappingType().withInputSchema(SCHEMA).withOutputSchema(IamMigrations.DEFAULT_SCHEMA))
                                .withExcludes(IamMigrations.HISTORY_TABLE)
                                .withIncludeIndexes(true)
                                // the SQL functions are called by hand-written SQL (AccessFunctions), not generated wrappers
                                .withIncludeRoutines(false)
                                .withTableValuedFunctions(false))
                        .withGenerate(new Generate()
                                .withGeneratedAnnotation(false)
                                .withJavaTimeTypes(true)
                                .withRecords(true)
                                .withPojos(false)
                                .withDaos(false)
                                .withComments(false)
                                .withSources(false)
                                .withSourcesOnViews(false))
                        .withTarget(new Target().withPackageName(PACKAGE).withDirectory(out.toString()).withClean(true)));
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                try {
                    files.put(dir.relativize(f).toString(), Files.readString(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return files;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }
}
